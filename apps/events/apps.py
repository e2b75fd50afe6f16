from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "apps.events"
    label = "events"
    verbose_name = _("Event calendar")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import CalendarFeedToken
        from .selectors import forget_feed_token

        post_save.connect(forget_feed_token, sender=CalendarFeedToken, dispatch_uid="events.forget_feed_token")
        post_delete.connect(forget_feed_token, sender=CalendarFeedToken, dispatch_uid="events.forget_feed_token")

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
