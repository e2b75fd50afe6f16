from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from apps.accounts.choices import Role
from apps.core.parts import Card, NavigationItem

_READ = [
    "assistance.view_assistancerequest",
    "assistance.view_legalbasis",
    "assistance.view_resourcetype",
    "assistance.view_handlingcode",
    "assistance.view_equipmentitem",
]


class AssistanceConfig(AppConfig):
    name = "apps.assistance"
    label = "assistance"
    verbose_name = _("Assistance and loans")
    navigation = NavigationItem(30, "assistance:index", _("Assistance and loans"))
    dashboard_cards = [
        Card(
            _("Request queue"),
            _("Assistance and loan requests addressed to your country that await an answer."),
            "assistance:index",
            frozenset({Role.OPERATOR}),
        ),
        Card(
            _("Requests of the three countries"),
            _("Every open assistance and loan request of Belgium, the Netherlands and Luxembourg."),
            "assistance:index",
            frozenset({Role.SECRETARIAT}),
        ),
        Card(
            _("Requests involving your country"),
            _("Assistance and loan requests your country filed or was asked, and where each stands."),
            "assistance:index",
            frozenset({Role.POLICE_CHIEF}),
        ),
        Card(
            _("Assistance statistics"),
            _("Requests between the national control rooms and how fast they were answered."),
            "assistance:statistics",
            frozenset({Role.POLICE_CHIEF, Role.SECRETARIAT}),
        ),
    ]
    # Model permissions per role; which rows (organisation, country) is decided in permissions.py.
    role_permissions = {
        Role.OPERATOR: [
            *_READ,
            "assistance.add_assistancerequest",
            "assistance.change_assistancerequest",
            "assistance.view_booking",
            "assistance.add_booking",
            # Their own country's registry (which items, permissions.can_manage_equipment).
            "assistance.add_equipmentitem",
            "assistance.change_equipmentitem",
        ],
        Role.POLICE_CHIEF: [*_READ],
        Role.SECRETARIAT: [*_READ],
        Role.ADMINISTRATOR: [
            f"assistance.{action}_{model}"
            for model in (
                "legalbasis",
                "resourcetype",
                "handlingcode",
                "answerdeadline",
                "equipmentitem",
                "escalationpolicy",
            )
            for action in ("add", "change", "delete", "view")
        ]
        + ["assistance.view_assistancerequest", "assistance.view_booking"],
    }

    def ready(self):
        from apps.accounts.models import Country, Organisation
        from apps.events.models import Event, EventShare
        from apps.events.panels import register_event_panel

        from . import caching, models
        from .panels import requests_for_event_panel

        # What the cached queue, searches, API lists and statistics are made of; see caching.py. An event's
        # visibility (and the countries it is shared with) decides whether a request shows its id; organisations
        # and reference data show by their codes.
        caching.ASSISTANCE.follow(
            models.AssistanceRequest,
            models.RequestedCountry,
            models.RequestedResource,
            models.StatusChange,
            models.CountryResponse,
            models.ResponseLine,
            models.EquipmentItem,
            models.Booking,
            models.LegalBasis,
            models.HandlingCode,
            models.ResourceType,
            Event,
            EventShare,
            Organisation,
            Country,
            uid="assistance.cache",
        )

        # The event page lists the requests filed for the event.
        register_event_panel(requests_for_event_panel, versions=[caching.ASSISTANCE])
