from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from apps.accounts.choices import Role
from apps.core.parts import Card, NavigationItem


class LiaisonConfig(AppConfig):
    name = "apps.liaison"
    label = "liaison"
    verbose_name = _("Liaison officers")
    navigation = NavigationItem(50, "liaison:index", _("Liaison officers"))
    dashboard_cards = [
        Card(
            _("My posting"),
            _("Keep your posting, accreditations, coverage and absence current."),
            "liaison:index",
            frozenset({Role.LIAISON_OFFICER}),
        ),
        Card(
            _("Who covers which country"),
            _("The liaison officers abroad and the countries each of them covers."),
            "liaison:index",
        ),
    ]
