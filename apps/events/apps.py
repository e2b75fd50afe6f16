from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from apps.core.parts import Card, NavigationItem


class EventsConfig(AppConfig):
    name = "apps.events"
    label = "events"
    verbose_name = _("Event calendar")
    navigation = NavigationItem(40, "events:index", _("Event calendar"))
    dashboard_cards = [
        Card(_("Upcoming events"), _("Large events and joint trainings in the three countries."), "events:index"),
    ]

    def ready(self):
        from django.db.models.signals import m2m_changed

        from apps.accounts.models import Country, Organisation

        from .caching import CALENDAR
        from .models import Event, EventShare, TrainingRegistration

        # What the cached calendar pages, event pages, feeds and API lists show (caching.py); the shares decide who
        # sees an event shared with chosen partner countries.
        CALENDAR.follow(Event, EventShare, TrainingRegistration, Organisation, Country, uid="events.calendar")
        m2m_changed.connect(
            CALENDAR.changed, sender=Event.shared_with.through, weak=False, dispatch_uid="events.calendar:shares"
        )

    @property
    def role_permissions(self):
        from apps.accounts.choices import Role

        view = ["events.view_event", "events.view_trainingregistration"]
        write = [
            "events.add_event",
            "events.change_event",
            "events.delete_event",
            "events.add_trainingregistration",
            "events.change_trainingregistration",
            "events.delete_trainingregistration",
        ]
        return {
            Role.POLICE_CHIEF: view,
            Role.LIAISON_OFFICER: view,
            Role.WORKING_GROUP_MEMBER: view,
            Role.OPERATOR: view + write,
            Role.SECRETARIAT: view + write,
            Role.ADMINISTRATOR: view + write + ["events.view_calendarfeedtoken", "events.change_calendarfeedtoken"],
        }
