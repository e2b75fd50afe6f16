"""The meetings of one's bodies in the event calendar: pages and personal feeds (``apps/events/calendar_sources``),
and the ``.ics`` of one meeting."""

from django.utils.translation import gettext as _

from apps.events.calendar_sources import CalendarEntry
from apps.events.ical import calendar_for

from . import selectors
from .caching import READER, scope
from .i18n import shown

UID_DOMAIN = "consultation.benelux-police-portal"


def entry_for(meeting) -> CalendarEntry:
    """A meeting (with its body loaded) as an entry of the calendar, in the active language."""
    body = shown(meeting.body, "name").text
    facts = [f"{_('Format')}: {meeting.get_format_display()}"]
    if meeting.chair_name or meeting.chair_country_id:
        chair = ", ".join(
            part for part in (meeting.chair_name, meeting.chair_country and meeting.chair_country.name) if part
        )
        facts.append(f"{_('Chair')}: {chair}")
    if meeting.online_link:
        facts.append(f"{_('Join online')}: {meeting.online_link}")
    return CalendarEntry(
        uid=f"meeting-{meeting.pk}@{UID_DOMAIN}",
        title=f"{body} ({meeting.body.code})",
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        url=meeting.get_absolute_url(),
        label=_("Meeting"),
        place=meeting.place or str(meeting.get_format_display()),  # an entry holds plain text, never a lazy label
        description="\n".join(facts),
        created_at=meeting.created_at,
        updated_at=meeting.updated_at,
    )


def meeting_entries(*, user, start, end) -> list[CalendarEntry]:
    """The meetings of the user's bodies (all of them for the secretariat) in ``[start, end)``: one query, none
    for a user who sees no meeting."""
    if scope(user) in (READER, "anonymous"):
        return []
    return [entry_for(meeting) for meeting in selectors.meetings_between(user=user, start=start, end=end)]


def meeting_ics(meeting, *, base_url: str) -> bytes:
    """One meeting as an iCalendar file, to add it to a calendar program."""
    return calendar_for([], name=entry_for(meeting).title, base_url=base_url, entries=[entry_for(meeting)])
