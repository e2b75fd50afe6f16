"""RFC 5545 recurrence rules: checked and normalised with dateutil before they are stored, expanded in Python.

Rules repeat at most daily (no hourly or finer rule can fill a calendar with thousands of rows), and
``UNTIL`` is stored in UTC, as RFC 5545 asks when DTSTART carries a time zone.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr
from django.utils.translation import gettext as _

ALLOWED_PARTS = {
    "FREQ",
    "INTERVAL",
    "COUNT",
    "UNTIL",
    "BYDAY",
    "BYMONTHDAY",
    "BYMONTH",
    "BYYEARDAY",
    "BYWEEKNO",
    "BYSETPOS",
    "WKST",
}
ALLOWED_FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
MAX_COUNT = 1000
MAX_INTERVAL = 100
# A rule must produce an occurrence within this horizon, or it is refused as one that never happens.
FIRST_OCCURRENCE_HORIZON = timedelta(days=366 * 10)
_UNTIL = re.compile(r"^(\d{8})(?:T(\d{6})(Z?))?$")


class RecurrenceError(ValueError):
    """The rule cannot be used; the message says why, for the person who typed it."""


@dataclass(frozen=True)
class Recurrence:
    rule: str  # normalised: upper case, no "RRULE:" prefix, UNTIL in UTC
    last_start: datetime | None  # the start of the last occurrence, or None while it repeats for ever


def _until_in_utc(value: str, zone: ZoneInfo) -> str:
    match = _UNTIL.match(value)
    if not match:
        raise RecurrenceError(_("UNTIL must be a date such as 20301231 or a UTC time such as 20301231T230000Z."))
    day_text, time_text, utc = match.groups()
    try:
        day = date(int(day_text[:4]), int(day_text[4:6]), int(day_text[6:]))
        moment = time(int(time_text[:2]), int(time_text[2:4]), int(time_text[4:])) if time_text else time(23, 59, 59)
    except ValueError as error:
        raise RecurrenceError(_("UNTIL is not a valid date.")) from error
    local = datetime.combine(day, moment, tzinfo=ZoneInfo("UTC") if utc else zone)
    return local.astimezone(ZoneInfo("UTC")).strftime("%Y%m%dT%H%M%SZ")


def parse(text: str, *, starts_at: datetime, time_zone: str) -> Recurrence:
    """Check ``text`` against the event's first start; return the normalised rule and its last start."""
    zone = ZoneInfo(time_zone)
    rule = (text or "").strip().upper()
    if rule.startswith("RRULE:"):
        rule = rule[len("RRULE:") :]
    if not rule:
        raise RecurrenceError(_("The recurrence rule is empty."))
    if "\n" in rule or "\r" in rule or len(rule) > 300:
        raise RecurrenceError(_("Give one RRULE line of at most 300 characters, without DTSTART."))
    parts: dict[str, str] = {}
    for part in rule.split(";"):
        name, sep, value = part.partition("=")
        if not sep or not name or not value:
            raise RecurrenceError(_("Write the rule as NAME=VALUE pairs separated by semicolons."))
        if name not in ALLOWED_PARTS:
            raise RecurrenceError(_("%(part)s is not allowed in a recurrence rule here.") % {"part": name})
        if name in parts:
            raise RecurrenceError(_("%(part)s appears twice.") % {"part": name})
        parts[name] = value
    if parts.get("FREQ") not in ALLOWED_FREQUENCIES:
        raise RecurrenceError(_("FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY."))
    if "COUNT" in parts and "UNTIL" in parts:
        raise RecurrenceError(_("Use COUNT or UNTIL, not both."))
    for name, limit in (("COUNT", MAX_COUNT), ("INTERVAL", MAX_INTERVAL)):
        if name in parts and not (parts[name].isdigit() and 1 <= int(parts[name]) <= limit):
            raise RecurrenceError(
                _("%(part)s must be a whole number from 1 to %(limit)s.") % {"part": name, "limit": limit}
            )
    if "UNTIL" in parts:
        parts["UNTIL"] = _until_in_utc(parts["UNTIL"], zone)
    rule = ";".join(f"{name}={value}" for name, value in parts.items())

    start = starts_at.astimezone(zone)
    try:
        parsed = rrulestr(rule, dtstart=start)
    except (ValueError, TypeError, KeyError, IndexError) as error:
        raise RecurrenceError(_("The recurrence rule does not parse: %(error)s") % {"error": error}) from error
    if not isinstance(parsed, rrule):
        raise RecurrenceError(_("Give one RRULE line of at most 300 characters, without DTSTART."))
    # Look for a first occurrence within a bounded window, so that an impossible rule cannot loop for long.
    probe = parsed.replace(count=None, until=start + FIRST_OCCURRENCE_HORIZON)
    try:
        first = probe.after(start, inc=True)
    except (ValueError, TypeError, IndexError) as error:
        raise RecurrenceError(_("The recurrence rule does not parse: %(error)s") % {"error": error}) from error
    if first is None:
        raise RecurrenceError(_("This rule never produces a date in the next ten years."))
    last_start = None
    if "COUNT" in parts or "UNTIL" in parts:
        last_start = parsed[-1] if parsed.count() else None
        if last_start is None:
            raise RecurrenceError(_("This rule ends before the event's first start."))
    return Recurrence(rule=rule, last_start=last_start)


def occurrences(
    *, rule: str, starts_at: datetime, ends_at: datetime, time_zone: str, window_start: datetime, window_end: datetime
) -> list[tuple[datetime, datetime]]:
    """The (start, end) of each occurrence overlapping [window_start, window_end), in local wall-clock time."""
    zone = ZoneInfo(time_zone)
    duration = ends_at - starts_at
    if not rule:
        if starts_at < window_end and ends_at > window_start:
            return [(starts_at.astimezone(zone), ends_at.astimezone(zone))]
        return []
    found = _series(rule, starts_at.astimezone(zone)).between(window_start - duration, window_end, inc=False)
    result = []
    for occurrence in found:
        end = (occurrence.astimezone(ZoneInfo("UTC")) + duration).astimezone(zone)
        if end > window_start:
            result.append((occurrence, end))
    return result


@lru_cache(maxsize=4096)
def _series(rule: str, start: datetime) -> rrule:
    """A parsed series that remembers the occurrences it has generated (dateutil's cache), kept per process:
    the month view of a series that started years ago does not walk those years again on every request.
    The key is the rule and the first start, so an edited event gets a new entry."""
    return rrulestr(rule, dtstart=start, cache=True)


def day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(), tzinfo=zone)
    return start, datetime.combine(day + timedelta(days=1), time(), tzinfo=zone)
