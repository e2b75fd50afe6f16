"""The calendar's extension point: other apps add entries (a meeting of a consultation body, ...) to the month,
week and list pages and to the personal iCalendar feeds, without events importing them.

An app registers a source in its ``AppConfig.ready()``::

    register_calendar_source(meeting_entries, scope=scope, versions=[CONSULTATION])

- ``entries(user=, start=, end=)`` answers the ``CalendarEntry`` rows the user sees that overlap ``[start, end)``
  (``end`` None: everything from ``start`` on), in a constant number of queries. It is called only when a page or a
  feed is made (a cache miss).
- ``scope(user)`` answers what decides which entries the user sees (their organisation, a role, ...) as a short
  text: it is part of the key of every cached calendar page and feed, so it must run no query (the user comes with
  roles and organisation loaded).
- ``versions``: the data versions (``apps.core.caching.Version``) the entries are made of. Calendar pages and feeds
  are kept under the calendar's version and these: a change to what an entry shows must move one of them on.

Entries show on the pages and in the feeds only: the events API lists events. A page narrowed by a filter (country,
kind, risk, assistance: properties of events) shows events only.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from apps.core.caching import Version


@dataclass(frozen=True)
class CalendarEntry:
    """Something of another app that happens at a time: shown in the calendar with a link to its own page."""

    uid: str  # unique and stable, e.g. "meeting-12@consultation.benelux-police-portal"
    title: str
    starts_at: datetime
    ends_at: datetime
    url: str  # the portal's path of its page
    label: str  # what it is, shown where an event shows its kind ("Meeting")
    place: str = ""
    description: str = ""
    time_zone: str = settings.TIME_ZONE
    created_at: datetime | None = None
    updated_at: datetime | None = None
    confidential: bool = True  # CLASS:CONFIDENTIAL in a feed: shown to the user it was made for only


@dataclass(frozen=True)
class EntryOccurrence:
    """An entry in the grids and lists of the calendar pages, beside the events' occurrences."""

    entry: CalendarEntry

    @property
    def starts_at(self) -> datetime:
        return self.entry.starts_at.astimezone(ZoneInfo(self.entry.time_zone))

    @property
    def ends_at(self) -> datetime:
        return self.entry.ends_at.astimezone(ZoneInfo(self.entry.time_zone))

    @property
    def key(self) -> str:
        return self.entry.uid

    def local_dates(self, zone: ZoneInfo) -> list[date]:
        """The days (in ``zone``) the entry touches; ending at midnight does not touch the next day."""
        first = self.entry.starts_at.astimezone(zone).date()
        last = (self.entry.ends_at.astimezone(zone) - timedelta(microseconds=1)).date()
        return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


@dataclass(frozen=True)
class CalendarSource:
    entries: Callable[..., list[CalendarEntry]]
    scope: Callable[..., str]
    versions: tuple[Version, ...]


_sources: list[CalendarSource] = []


def register_calendar_source(
    entries: Callable[..., list[CalendarEntry]], *, scope: Callable[..., str], versions: Sequence[Version] = ()
) -> Callable[..., list[CalendarEntry]]:
    if not any(source.entries is entries for source in _sources):
        _sources.append(CalendarSource(entries, scope, tuple(versions)))
    return entries


def source_versions() -> list[Version]:
    """The versions of what the registered sources show."""
    return [version for source in _sources for version in source.versions]


def source_scopes(user) -> list[str]:
    """What decides which entries the user sees, source by source (no query)."""
    return [str(source.scope(user)) for source in _sources]


def entries_for(*, user, start: datetime, end: datetime | None) -> list[CalendarEntry]:
    """Every source's entries for the user in ``[start, end)``, by start."""
    found = [entry for source in _sources for entry in source.entries(user=user, start=start, end=end)]
    return sorted(found, key=lambda entry: (entry.starts_at, entry.uid))


def occurrences_for(*, user, start: datetime, end: datetime) -> list[EntryOccurrence]:
    return [EntryOccurrence(entry) for entry in entries_for(user=user, start=start, end=end)]
