"""The police chiefs' home: the objectives of the running work programme at a glance, above the cards of the home
page (``AppConfig.home_panels``, read by apps/core's home view).

For each objective: its status and progress, and how many of its activities are red, amber and green; what is late,
what changed since the chief's last visit of the dashboard, what is due before the next meeting; one click to the
dashboard. The panel is a cached body (``apps/core/caching.py``) for everyone of the same scope, language and day and
the same "since your last visit" moment, until any consultation data changes: a hit runs no query. Looking at the
home page is not a visit of the dashboard (``services.dashboard_visit_peek``).
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.caching import body_html, body_parts

from . import caching, selectors, services
from .choices import CLOSED_STATUSES, ProgressStatus

PANEL_CACHE_SECONDS = 10 * 60


def _context(*, user, since, today) -> dict:
    programmes = list(selectors.programmes_visible_to(user=user).order_by("-start_year", "body__code", "pk"))
    programme = selectors.current_programme(programmes, today=today)
    if programme is None:
        return {"programme": None}
    objectives = list(
        selectors.objective_list_visible_to(user=user).filter(programme=programme).order_by("number", "pk")
    )
    activities = list(selectors.activities_of_objectives(objectives))
    selectors.decorate(activities, today=today, since=since)
    selectors.objectives_with_activities(objectives, activities, today=today)
    meeting = selectors.next_meeting(body_id=programme.body_id, now=timezone.now())
    meeting_day = timezone.localtime(meeting.starts_at).date() if meeting else None
    return {
        "programme": programme,
        "objectives": objectives,
        "since": since,
        "late": sum(1 for activity in activities if activity.shown == ProgressStatus.LATE),
        "changed": sum(1 for activity in activities if activity.changed),
        "due": sum(
            1
            for activity in activities
            if meeting_day and activity.status not in CLOSED_STATUSES and today <= activity.due_on <= meeting_day
        ),
        "meeting": meeting,
        "title": _("Joint objectives"),
    }


def chief_panel(request) -> str:
    user = request.user
    today = timezone.localdate()
    since = services.dashboard_visit_peek(user=user, now=timezone.now())
    entry = caching.lookup("home-panel", request, extra=[today, since.isoformat() if since else "-"])
    if entry.value is None:
        entry.keep(
            body_parts("consultation/_home_panel.html", _context(user=user, since=since, today=today)),
            PANEL_CACHE_SECONDS,
        )
    return body_html(entry.value, request)
