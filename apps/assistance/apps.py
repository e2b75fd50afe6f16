from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from apps.accounts.choices import Role

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
    # Model permissions per role; which rows (organisation, country) is decided in permissions.py.
    role_permissions = {
        Role.OPERATOR: [
            *_READ,
            "assistance.add_assistancerequest",
            "assistance.change_assistancerequest",
            "assistance.view_booking",
            "assistance.add_booking",
        ],
        Role.POLICE_CHIEF: [*_READ],
        Role.SECRETARIAT: [*_READ],
        Role.ADMINISTRATOR: [
            f"assistance.{action}_{model}"
            for model in ("legalbasis", "resourcetype", "handlingcode", "answerdeadline", "equipmentitem")
            for action in ("add", "change", "delete", "view")
        ]
        + ["assistance.view_assistancerequest", "assistance.view_booking"],
    }

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from apps.accounts.models import Country, Organisation
        from apps.events.models import Event

        from . import caching, models

        # What the cached queue, searches, API lists and statistics are made of; see caching.py. An event's
        # visibility decides whether a request shows its id; organisations and reference data show by their codes.
        for model in (
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
            Organisation,
            Country,
        ):
            post_save.connect(caching.data_changed, sender=model, dispatch_uid=f"assistance-cache-{model.__name__}")
            post_delete.connect(caching.data_changed, sender=model, dispatch_uid=f"assistance-cache-d-{model.__name__}")
