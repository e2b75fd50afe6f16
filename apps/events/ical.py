"""iCalendar (RFC 5545) output: one event as a download, or a personal feed; with VTIMEZONE and RRULE."""

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, vRecur
from icalendar import Event as ICalEvent

from apps.core.text import multi_line, single_line

from .calendar_sources import CalendarEntry
from .models import Event

PRODID = "-//Benelux Police Cooperation Portal//Event calendar//EN"
UID_DOMAIN = "events.benelux-police-portal"
CONTENT_TYPE = "text/calendar; charset=utf-8"
# The VTIMEZONE blocks describe the clock changes over this period (and from an older event's start on).
TIMEZONES_FROM = date(2000, 1, 1)
TIMEZONES_UNTIL = date(2040, 1, 1)


def _component(event: Event, *, base_url: str, stamp: datetime, series_until: datetime | None) -> ICalEvent:
    zone = ZoneInfo(event.time_zone)
    component = ICalEvent()
    component.add("uid", f"event-{event.pk}@{UID_DOMAIN}")
    component.add("dtstamp", stamp)
    component.add("dtstart", event.starts_at.astimezone(zone))
    component.add("dtend", event.ends_at.astimezone(zone))
    component.add("summary", single_line(event.title))
    component.add("location", single_line(f"{event.place}, {event.country.name}"))
    lines = [multi_line(event.description)]
    facts = [
        f"{_('Kind')}: {event.get_kind_display()}",
        f"{_('Risk level')}: {event.get_risk_level_display()}",
        f"{_('Organiser')}: {single_line(event.organiser.name)}",
    ]
    if event.expected_attendance is not None:
        facts.append(f"{_('Expected attendance')}: {event.expected_attendance}")
    if event.assistance_expected:
        facts.append(_("Cross-border assistance expected"))
    lines.append("\n".join(facts))
    url = f"{base_url}{event.get_absolute_url()}"
    lines.append(url)
    component.add("description", "\n\n".join(line for line in lines if line))
    component.add("url", url)
    component.add("categories", [event.get_kind_display()])
    component.add("class", "PUBLIC" if event.visibility == "all" else "CONFIDENTIAL")
    component.add("last-modified", event.updated_at)
    component.add("created", event.created_at)
    if event.recurrence_rule:
        rule = vRecur.from_ical(event.recurrence_rule)
        if series_until is not None and "UNTIL" not in rule and "COUNT" not in rule:
            # A series without an end is shown two years ahead (``recurrence.SERIES_HORIZON``), in feeds too: its
            # last occurrence starts before then (UNTIL in UTC, as RFC 5545 asks when DTSTART has a time zone).
            rule["UNTIL"] = [series_until.astimezone(UTC) - timedelta(seconds=1)]
        component.add("rrule", rule)
    return component


def _entry_component(entry: CalendarEntry, *, base_url: str, stamp: datetime) -> ICalEvent:
    """An entry of another app (``calendar_sources``), e.g. a meeting of a consultation body."""
    zone = ZoneInfo(entry.time_zone)
    component = ICalEvent()
    component.add("uid", entry.uid)
    component.add("dtstamp", stamp)
    component.add("dtstart", entry.starts_at.astimezone(zone))
    component.add("dtend", entry.ends_at.astimezone(zone))
    component.add("summary", single_line(entry.title))
    if entry.place:
        component.add("location", single_line(entry.place))
    url = f"{base_url}{entry.url}"
    lines = [multi_line(entry.description), url]
    component.add("description", "\n\n".join(line for line in lines if line))
    component.add("url", url)
    component.add("categories", [single_line(entry.label)])
    component.add("class", "CONFIDENTIAL" if entry.confidential else "PUBLIC")
    if entry.updated_at is not None:
        component.add("last-modified", entry.updated_at)
    if entry.created_at is not None:
        component.add("created", entry.created_at)
    return component


def calendar_for(
    events: Iterable[Event],
    *,
    name: str,
    base_url: str,
    entries: Iterable[CalendarEntry] = (),
    series_until: datetime | None = None,
) -> bytes:
    """A VCALENDAR with one VEVENT per event (a recurring event once, with its RRULE; one without an end until
    ``series_until``) and per entry of another app (``calendar_sources``), and their VTIMEZONEs."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", single_line(name))
    calendar.add("x-wr-timezone", timezone.get_default_timezone_name())
    stamp = timezone.now()
    first = TIMEZONES_FROM
    for event in events:
        calendar.add_component(_component(event, base_url=base_url, stamp=stamp, series_until=series_until))
        first = min(first, event.starts_at.date())
    for entry in entries:
        calendar.add_component(_entry_component(entry, base_url=base_url, stamp=stamp))
        first = min(first, entry.starts_at.date())
    calendar.add_missing_timezones(first_date=first, last_date=TIMEZONES_UNTIL)
    return calendar.to_ical()
