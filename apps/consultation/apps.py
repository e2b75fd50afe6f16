from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from apps.accounts.choices import Role
from apps.core.parts import Card, HomePanel, NavigationItem

_MODELS = ("body", "membership", "meeting", "agendaitem", "agendadocument", "attendance", "minutes", "minutesversion")
_REGISTER = ("decision", "actionpoint", "topic")
_OBJECTIVES = ("programme", "objective", "activity", "progressupdate", "workinggroup", "workinggroupmember")
_READ_OBJECTIVES = [f"consultation.view_{model}" for model in _OBJECTIVES]


class ConsultationConfig(AppConfig):
    name = "apps.consultation"
    label = "consultation"
    verbose_name = _("Strategic Consultation")
    navigation = NavigationItem(20, "consultation:index", _("Strategic Consultation"))
    dashboard_cards = [
        Card(
            _("Joint objectives"),
            _("Progress of the objectives and activities, red, amber or green at a glance."),
            "consultation:dashboard",
            frozenset({Role.POLICE_CHIEF, Role.SECRETARIAT, Role.WORKING_GROUP_MEMBER}),
        ),
        Card(
            _("Meetings"),
            _("The next Strategic Consultation, its agenda, minutes and open action points."),
            "consultation:meetings",
            frozenset({Role.POLICE_CHIEF, Role.SECRETARIAT}),
        ),
        Card(
            _("Decision register"),
            _("The decisions of the Strategic Consultation, searchable by text, year and topic."),
            "consultation:decisions",
        ),
    ]
    # The chiefs' home page shows their objectives at a glance (apps/core reads it; home.py).
    home_panels = [HomePanel("apps.consultation.home.chief_panel", frozenset({Role.POLICE_CHIEF}))]
    # Model permissions per role; which rows (the bodies of one's organisation, published or not; the activities of
    # one's working group) is decided in selectors.py and permissions.py.
    role_permissions = {
        Role.SECRETARIAT: [
            f"consultation.{action}_{model}"
            for model in (*_MODELS, *_REGISTER, *_OBJECTIVES)
            for action in ("add", "change", "delete", "view")
        ],
        Role.POLICE_CHIEF: [f"consultation.view_{model}" for model in (*_MODELS, *_REGISTER, *_OBJECTIVES)],
        Role.WORKING_GROUP_MEMBER: [*_READ_OBJECTIVES, "consultation.add_progressupdate"],
        Role.ADMINISTRATOR: [
            f"consultation.{action}_{model}"
            for model in ("body", "membership", "topic", "workinggroup", "workinggroupmember")
            for action in ("add", "change", "delete", "view")
        ],
    }

    def ready(self):
        from apps.accounts.models import Country, Organisation
        from apps.events.calendar_sources import register_calendar_source

        from . import calendar, models
        from .caching import CONSULTATION, scope

        # What every cached page, API list and calendar entry of this app shows (caching.py).
        CONSULTATION.follow(
            models.Body,
            models.Membership,
            models.Meeting,
            models.AgendaItem,
            models.AgendaDocument,
            models.Attendance,
            models.Minutes,
            models.MinutesVersion,
            models.Topic,
            models.Decision,
            models.ActionPoint,
            models.WorkingGroup,
            models.WorkingGroupMember,
            models.Programme,
            models.Objective,
            models.Activity,
            models.ProgressUpdate,
            Organisation,
            Country,
            uid="consultation.cache",
        )
        from django.db.models.signals import m2m_changed

        m2m_changed.connect(
            CONSULTATION.changed,
            sender=models.AgendaItem.carried_action_points.through,
            weak=False,
            dispatch_uid="consultation.cache:carried",
        )
        for through in (models.Activity.decisions.through, models.Activity.action_points.through):
            m2m_changed.connect(
                CONSULTATION.changed, sender=through, weak=False, dispatch_uid=f"consultation.cache:{through.__name__}"
            )

        # The meetings of one's bodies in the event calendar's pages and personal feeds.
        register_calendar_source(calendar.meeting_entries, scope=scope, versions=[CONSULTATION])
