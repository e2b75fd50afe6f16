"""RFC 5545 recurrence rules: checked and normalised with dateutil before they are stored, expanded in Python.

Rules repeat at most daily (no hourly or finer rule can fill a calendar with thousands of rows), and
``UNTIL`` is stored in UTC, as RFC 5545 asks when DTSTART carries a time zone.

People do not write RRULEs: the event form's recurrence builder asks how often (daily, weekly, monthly, yearly),
every how many, on which weekdays (weekly) and until when (a day, a number of times, or without end), as a
``Pattern``, which ``Pattern.rule()`` turns into the rule that is stored; ``pattern_of`` reads a stored rule back
into the builder's fields, or answers None for a rule the builder cannot express (the form then shows it as it is,
and keeps it unless another repetition is chosen). A series without an end is shown at most ``SERIES_HORIZON``
ahead (``horizon``): on the pages, in the feeds and in the API's occurrences.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from dateutil.rrule import rrule, rrulestr
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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
# The years of the calendar (as the events' own dates): a series ends within them.
FIRST_YEAR, LAST_YEAR = 1900, 2199
# A rule must produce an occurrence within this horizon, or it is refused as one that never happens.
FIRST_OCCURRENCE_HORIZON = timedelta(days=366 * 10)
_UNTIL = re.compile(r"^(\d{8})(?:T(\d{6})(Z?))?$")
# How far ahead the occurrences of a series without an end are shown (pages, feeds, API).
SERIES_HORIZON = relativedelta(years=2)
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


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
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise RecurrenceError(_years_message())
    local = datetime.combine(day, moment, tzinfo=ZoneInfo("UTC") if utc else zone)
    return local.astimezone(ZoneInfo("UTC")).strftime("%Y%m%dT%H%M%SZ")


def _years_message() -> str:
    return _("Give a date between %(first)s and %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}


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


def horizon(today: date, zone: ZoneInfo) -> datetime:
    """The moment up to which the occurrences of a series without an end are shown: two years from ``today``."""
    return datetime.combine(today + SERIES_HORIZON, time(), tzinfo=zone)


@dataclass(frozen=True)
class Pattern:
    """What the recurrence builder asks: how often (``frequency``: DAILY, WEEKLY, MONTHLY or YEARLY), every how
    many (``interval``), on which weekdays for a weekly series (``weekdays``, RFC 5545's two letters; none: the
    weekday of the first occurrence), and until a day (``until``, in the event's time zone, included) or for a
    number of occurrences (``count``); with neither, the series has no end."""

    frequency: str
    interval: int = 1
    weekdays: tuple[str, ...] = ()
    until: date | None = None
    count: int | None = None

    def rule(self) -> str:
        """The RRULE of the pattern (checked and normalised by ``parse`` when the event is saved)."""
        if self.frequency not in ALLOWED_FREQUENCIES:
            raise RecurrenceError(_("Choose how often the event repeats."))
        if not (isinstance(self.interval, int) and 1 <= self.interval <= MAX_INTERVAL):
            raise RecurrenceError(_("Repeat every 1 to %(limit)s periods.") % {"limit": MAX_INTERVAL})
        if self.until is not None and self.count is not None:
            raise RecurrenceError(_("End the series on a day or after a number of times, not both."))
        if self.until is not None and not FIRST_YEAR <= self.until.year <= LAST_YEAR:
            raise RecurrenceError(_years_message())
        if self.count is not None and not (isinstance(self.count, int) and 1 <= self.count <= MAX_COUNT):
            raise RecurrenceError(_("A series has 1 to %(limit)s occurrences.") % {"limit": MAX_COUNT})
        unknown = set(self.weekdays) - set(WEEKDAYS)
        if unknown:
            raise RecurrenceError(_("Unknown weekday: %(day)s.") % {"day": ", ".join(sorted(unknown))})
        if self.weekdays and self.frequency != "WEEKLY":
            raise RecurrenceError(_("Weekdays are chosen only for a weekly series."))
        parts = [f"FREQ={self.frequency}"]
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.weekdays:
            parts.append("BYDAY=" + ",".join(day for day in WEEKDAYS if day in self.weekdays))
        if self.until is not None:
            parts.append(f"UNTIL={self.until:%Y%m%d}")
        elif self.count is not None:
            parts.append(f"COUNT={self.count}")
        return ";".join(parts)


def _local_until(value: str, zone: ZoneInfo) -> date | None:
    """The day of a stored UNTIL (UTC) in the event's zone, if it is the end of that day (as the builder writes it)."""
    match = _UNTIL.match(value)
    if not match:
        return None
    day_text, time_text, utc = match.groups()
    clock = time_text or "235959"
    try:
        moment = datetime(
            int(day_text[:4]),
            int(day_text[4:6]),
            int(day_text[6:]),
            int(clock[:2]),
            int(clock[2:4]),
            int(clock[4:]),
            tzinfo=ZoneInfo("UTC") if utc else zone,
        )
        local = moment.astimezone(zone)
    except (ValueError, OverflowError):  # not a date, or beyond the last year a date can have
        return None
    return local.date() if local.time() == time(23, 59, 59) else None


def pattern_of(rule: str, *, starts_at: datetime, time_zone: str) -> Pattern | None:
    """The builder's fields for a stored ``rule``, or None when the builder cannot express it (the last Friday of
    July, every second Tuesday of the month, ...). Parts that only repeat what the first occurrence says (the month
    and day of a yearly series, the day of a monthly one) are left out: the rule the builder writes means the same."""
    if not rule:
        return None
    zone = ZoneInfo(time_zone)
    start = starts_at.astimezone(zone)
    parts: dict[str, str] = {}
    for part in rule.upper().split(";"):
        name, _sep, value = part.partition("=")
        parts[name] = value
    frequency = parts.pop("FREQ", "")
    if frequency not in ALLOWED_FREQUENCIES:
        return None
    if parts.pop("WKST", "MO") != "MO":
        return None
    if frequency == "YEARLY" and parts.get("BYMONTH") == str(start.month):
        parts.pop("BYMONTH")
    if frequency in ("YEARLY", "MONTHLY") and "BYMONTH" not in parts and parts.get("BYMONTHDAY") == str(start.day):
        parts.pop("BYMONTHDAY")
    weekdays: tuple[str, ...] = ()
    if frequency == "WEEKLY" and "BYDAY" in parts:
        days = parts.pop("BYDAY").split(",")
        if not set(days) <= set(WEEKDAYS):
            return None
        weekdays = tuple(day for day in WEEKDAYS if day in days)
    interval = parts.pop("INTERVAL", "1")
    count = parts.pop("COUNT", None)
    until_text = parts.pop("UNTIL", None)
    if parts or not interval.isdigit() or (count is not None and not count.isdigit()):
        return None
    until = None
    if until_text is not None:
        until = _local_until(until_text, zone)
        if until is None:
            return None
    return Pattern(
        frequency=frequency,
        interval=int(interval),
        weekdays=weekdays,
        until=until,
        count=int(count) if count is not None else None,
    )


def _weekday_names() -> dict[str, str]:
    return {
        "MO": _("Monday"),
        "TU": _("Tuesday"),
        "WE": _("Wednesday"),
        "TH": _("Thursday"),
        "FR": _("Friday"),
        "SA": _("Saturday"),
        "SU": _("Sunday"),
    }


def describe(pattern: Pattern) -> str:
    """The pattern in words, in the active language: "Every 2 weeks on Monday, Thursday, until 31 December 2030"."""
    n = pattern.interval
    every = {
        "DAILY": ngettext("Every day", "Every %(n)s days", n),
        "WEEKLY": ngettext("Every week", "Every %(n)s weeks", n),
        "MONTHLY": ngettext("Every month", "Every %(n)s months", n),
        "YEARLY": ngettext("Every year", "Every %(n)s years", n),
    }[pattern.frequency] % {"n": n}
    parts = [every]
    if pattern.weekdays:
        names = _weekday_names()
        parts.append(_("on %(days)s") % {"days": ", ".join(names[day] for day in pattern.weekdays)})
    text = " ".join(parts)
    if pattern.until is not None:
        return _("%(every)s, until %(day)s") % {"every": text, "day": date_format(pattern.until, "j F Y")}
    if pattern.count is not None:
        return ngettext("%(every)s, %(count)s time", "%(every)s, %(count)s times", pattern.count) % {
            "every": text,
            "count": pattern.count,
        }
    return text


def day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(), tzinfo=zone)
    return start, datetime.combine(day + timedelta(days=1), time(), tzinfo=zone)
