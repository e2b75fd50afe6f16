"""Reads of the event calendar. Visibility is decided here: a restricted event exists only for its country."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from hashlib import sha256
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.db.models import Q, QuerySet, Subquery
from django.http import Http404

from apps.accounts.models import Organisation, User
from apps.accounts.session_user import user_for_session
from benelux_portal.db import checked_read
from benelux_portal.generation import forget_keys

from . import recurrence
from .choices import Visibility
from .models import CalendarFeedToken, CalendarVersion, Event, TrainingRegistration, event_span

# How far back a personal feed reaches; everything later is in it.
FEED_PAST = timedelta(days=365)
FEED_TOKEN_CACHE_SECONDS = 5 * 60
# The most occurrences a list may show at once.
MAX_OCCURRENCES = 1000
# The calendar's horizon: dates outside it are refused (filters) or ignored (page navigation).
FIRST_DATE = date(1900, 1, 1)
LAST_DATE = date(2199, 12, 31)
FEED_KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def start_of_day(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=local_zone())


def event_list_visible_to(*, user: User) -> QuerySet[Event]:
    """Every event the user may see: all-partner events, and restricted ones of the user's own country."""
    events = Event.objects.select_related("country", "organiser__country")
    if not user.is_authenticated:
        return events.none()
    visible = Q(visibility=Visibility.ALL_PARTNERS)
    if user.organisation_id is not None:
        own_country = Organisation.objects.filter(pk=user.organisation_id).order_by().values("country_id")[:1]
        visible |= Q(visibility=Visibility.ORGANISER_COUNTRY, organiser__country_id=Subquery(own_country))
    return events.filter(visible)


def event_get_for_user(*, user: User, pk) -> Event:
    try:
        return event_list_visible_to(user=user).get(pk=pk)
    except (Event.DoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error


def event_get(*, pk: int) -> Event | None:
    """The event with its country and organiser's, or None. Who may see it is the caller's to check
    (``permissions.can_see_event``, the same rule as ``event_list_visible_to``)."""
    return Event.objects.select_related("country", "organiser__country").filter(pk=pk).first()


def event_visible_to(*, user: User, pk: int | None) -> Event | None:
    """The event if the user may see it (a restricted event stays in its country), else None; no query for None."""
    if pk is None:
        return None
    return event_list_visible_to(user=user).filter(pk=pk).first()


def events_overlapping(events: QuerySet[Event], *, start: datetime | None, end: datetime | None) -> QuerySet[Event]:
    """Events with an occurrence that may fall in [start, end): one-off events through the GiST index on their
    span, recurring series whose first start and last end bracket the range (expanded later, in Python)."""
    if start is None and end is None:
        return events
    span = DateTimeTZRange(start, end, "[)")
    one_off = Q(recurrence_rule="", span__overlap=span)
    recurring = ~Q(recurrence_rule="")
    if end is not None:
        recurring &= Q(starts_at__lt=end)
    if start is not None:
        recurring &= Q(recurrence_ends_at__isnull=True) | Q(recurrence_ends_at__gt=start)
    return events.alias(span=event_span()).filter(one_off | recurring)


@dataclass(frozen=True)
class Occurrence:
    """One occurrence of an event, in the event's local time."""

    event: Event
    starts_at: datetime
    ends_at: datetime

    @property
    def key(self) -> str:
        return f"{self.event.pk}-{self.starts_at:%Y%m%dT%H%M}"

    def local_dates(self, zone: ZoneInfo) -> list[date]:
        """The days (in ``zone``) this occurrence touches; an event ending at midnight does not touch the next day."""
        first = self.starts_at.astimezone(zone).date()
        last = (self.ends_at.astimezone(zone) - timedelta(microseconds=1)).date()
        return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def _occurrences(event: Event, *, start: datetime, end: datetime) -> list[Occurrence]:
    return [
        Occurrence(event, occurrence_start, occurrence_end)
        for occurrence_start, occurrence_end in recurrence.occurrences(
            rule=event.recurrence_rule,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            time_zone=event.time_zone,
            window_start=start,
            window_end=end,
        )
    ]


def _by_start(occurrence: Occurrence):
    return (occurrence.starts_at, occurrence.event.pk)


def event_occurrences_between(*, events: QuerySet[Event], start: datetime, end: datetime) -> list[Occurrence]:
    """The occurrences in [start, end), sorted by start: one query, recurrence expanded in Python."""
    found: list[Occurrence] = []
    for event in events_overlapping(events, start=start, end=end).order_by():
        found.extend(_occurrences(event, start=start, end=end))
    found.sort(key=_by_start)
    return found


def event_occurrences_of(*, event: Event, start: datetime, end: datetime) -> list[Occurrence]:
    """The occurrences in [start, end) of one event already loaded for the user (``event_get_for_user``), sorted
    by start: no query."""
    return sorted(_occurrences(event, start=start, end=end), key=_by_start)


def feed_events_for(*, user: User, now: datetime) -> QuerySet[Event]:
    """The events of a personal feed: visible to the user, ending no longer than a year ago."""
    return events_overlapping(event_list_visible_to(user=user), start=now - FEED_PAST, end=None).order_by(
        "starts_at", "pk"
    )


def calendar_version() -> str:
    """Changes whenever an event, a training registration, an organisation or a country is added, changed or
    removed, by any kind of write: part of the cache keys of feeds, pages and API lists. One primary-key lookup
    (see ``CalendarVersion``), which is also the request's connection health check (``checked_read``)."""

    def read():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT value FROM {CalendarVersion._meta.db_table} WHERE id = 1")  # noqa: S608
            return cursor.fetchone()

    row = checked_read(read)
    return str(row[0]) if row else "none"


def _feed_token_cache_key(key: str) -> str:
    return f"events:feed-token:{sha256(key.encode()).hexdigest()}"  # the secret itself stays out of the cache


def feed_token_owner(*, key: str) -> User | None:
    """The active user behind an active feed key, with what the feed needs (organisation, language); None for an
    unknown or revoked key. Which user a key belongs to is cached until the token is saved or deleted
    (``forget_feed_token``), the user as for a session (``user_for_session``): a feed fetch runs no query for it."""
    if not key or not FEED_KEY.match(key):
        return None
    cache_key = _feed_token_cache_key(key)
    user_id = cache.get(cache_key)
    if user_id is None:
        user_id = (
            CalendarFeedToken.objects.filter(key=key, revoked_at__isnull=True).values_list("user_id", flat=True).first()
        )
        if user_id is None:
            return None
        cache.set(cache_key, user_id, FEED_TOKEN_CACHE_SECONDS)
    user = user_for_session(user_id)
    return user if user is not None and user.is_active else None


def forget_feed_token(sender, instance, **kwargs) -> None:
    """post_save and post_delete of a feed token: a revoked or deleted key stops working at once."""
    forget_keys([_feed_token_cache_key(instance.key)])


def feed_token_active_for(*, user: User) -> CalendarFeedToken | None:
    return CalendarFeedToken.objects.filter(user=user, revoked_at__isnull=True).first()


def training_registrations_for(*, event: Event) -> list[TrainingRegistration]:
    return list(event.registrations.select_related("country").order_by("country__code"))
