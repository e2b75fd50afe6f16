from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from apps.accounts.choices import Role
from apps.core.parts import Card, NavigationItem

_MODELS = ("desk", "liaisonofficer", "posting", "accreditation", "absence", "prioritycountry")
_READ = [f"liaison.view_{model}" for model in _MODELS]
# Which rows each may change (their own record, their country's) is decided in permissions.py.
_KEEP = [
    f"liaison.{action}_{model}"
    for model in ("liaisonofficer", "posting", "accreditation", "absence")
    for action in ("add", "change", "delete")
]


class LiaisonConfig(AppConfig):
    name = "apps.liaison"
    label = "liaison"
    verbose_name = _("Liaison officers")
    navigation = NavigationItem(50, "liaison:index", _("Liaison officers"))
    dashboard_cards = [
        Card(
            _("My posting"),
            _("Keep your posting, accreditations, coverage and absence current."),
            "liaison:mine",
            frozenset({Role.LIAISON_OFFICER}),
        ),
        Card(
            _("Stale liaison officer records"),
            _("Records of your country's liaison officers not confirmed for six months."),
            "liaison:stale",
            frozenset({Role.LIAISON_COORDINATOR}),
        ),
        Card(
            _("Who covers which country"),
            _("The liaison officers abroad and the countries each of them covers."),
            "liaison:index",
        ),
    ]
    role_permissions = {
        Role.POLICE_CHIEF: _READ,
        Role.SECRETARIAT: _READ,
        Role.OPERATOR: _READ,
        Role.WORKING_GROUP_MEMBER: _READ,
        Role.LIAISON_OFFICER: _READ + _KEEP,
        Role.LIAISON_COORDINATOR: _READ + _KEEP + ["liaison.add_desk", "liaison.change_desk"],
        Role.ADMINISTRATOR: [
            f"liaison.{action}_{model}" for model in _MODELS for action in ("add", "change", "delete", "view")
        ],
    }

    def ready(self):
        from .caching import NETWORK
        from .models import Absence, Accreditation, Desk, LiaisonOfficer, Posting, PriorityCountry

        # What the cached map, coverage pages, directory and API answers are made of (caching.py).
        NETWORK.follow(Desk, LiaisonOfficer, Posting, Accreditation, Absence, PriorityCountry, uid="liaison.network")
