from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from apps.accounts.choices import Role
from apps.core.parts import Card, NavigationItem


class ConsultationConfig(AppConfig):
    name = "apps.consultation"
    label = "consultation"
    verbose_name = _("Strategic Consultation")
    navigation = NavigationItem(20, "consultation:index", _("Strategic Consultation"))
    dashboard_cards = [
        Card(
            _("Joint objectives"),
            _("Progress of the objectives and activities, red, amber or green at a glance."),
            "consultation:index",
            frozenset({Role.POLICE_CHIEF, Role.SECRETARIAT, Role.WORKING_GROUP_MEMBER}),
        ),
        Card(
            _("Meetings"),
            _("The next Strategic Consultation, its agenda, minutes and open action points."),
            "consultation:index",
            frozenset({Role.POLICE_CHIEF, Role.SECRETARIAT}),
        ),
    ]
