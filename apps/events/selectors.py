"""Reads of the event calendar. Visibility is decided here (``event_list_visible_to``): an event for all partners is
seen by everyone; a restricted one only in the organiser's country, and, when shared with chosen partner countries,
in those countries too. Everything else (pages, feeds, the API, an assistance request's link to its event) reads
events through it."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from apps.accounts.choices import Role
from apps.accounts.models import Organisation, User
from apps.accounts.session_user import user_for_session

from . import recurrence
from .choices import Visibility
from .models import CalendarFeedToken, Event, EventShare, TrainingRegistration, event_span
from .permissions import sees_every_country

# How far back a personal feed reaches; everything later is in it.
FEED_PAST = timedelta(days=365)
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
    """Every event the user may see: all-partner events; restricted ones (to the organiser's country, or to it and
    chosen partner countries) of the user's own country; and those shared with the user's country. The Benelux
    secretariat, a body of the three countries, sees every event of each of them (``sees_every_country``)."""
    events = Event.objects.select_related("country", "organiser__country")
    if not user.is_authenticated:
        return events.none()
    visible = Q(visibility=Visibility.ALL_PARTNERS)
    if user.roles_are_known:
        if sees_every_country(user):
            return events
    elif user.is_active:  # the roles not read yet: asked in the same query rather than in one of their own
        visible |= Exists(User.groups.through.objects.filter(user_id=user.pk, group__name=Role.SECRETARIAT))
    if user.organisation_id is not None:
        own_country = Subquery(Organisation.objects.filter(pk=user.organisation_id).order_by().values("country_id")[:1])
        restricted = [Visibility.ORGANISER_COUNTRY, Visibility.PARTNERS]
        visible |= Q(visibility__in=restricted, organiser__country_id=own_country)
        shared = EventShare.objects.filter(event=OuterRef("pk"), country_id=own_country)
        visible |= Q(visibility=Visibility.PARTNERS) & Q(Exists(shared))
    return events.filter(visible)


def event_get_for_user(*, user: User, pk) -> Event:
    try:
        return event_list_visible_to(user=user).get(pk=pk)
    except (Event.DoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error


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
        # A series without an end is shown up to the horizon only (``series_horizon``).
        ended_later = Q(recurrence_ends_at__gt=start)
        recurring &= ended_later | Q(recurrence_ends_at__isnull=True) if start < series_horizon() else ended_later
    return events.alias(span=event_span()).filter(one_off | recurring)


def series_horizon() -> datetime:
    """Up to when the occurrences of a series without an end are shown: two years from today (``recurrence``)."""
    return recurrence.horizon(timezone.localdate(timezone=local_zone()), local_zone())


@dataclass(frozen=True)
class Occurrence:
    """One occurrence of an event, in the event's local time."""

    event: Event
    starts_at: datetime
    ends_at: datetime
    entry = None  # not another app's entry (``calendar_sources.EntryOccurrence``)

    @property
    def key(self) -> str:
        return f"{self.event.pk}-{self.starts_at:%Y%m%dT%H%M}"

    def local_dates(self, zone: ZoneInfo) -> list[date]:
        """The days (in ``zone``) this occurrence touches; an event ending at midnight does not touch the next day."""
        first = self.starts_at.astimezone(zone).date()
        last = (self.ends_at.astimezone(zone) - timedelta(microseconds=1)).date()
        return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def _occurrences(event: Event, *, start: datetime, end: datetime) -> list[Occurrence]:
    if event.recurrence_rule and event.recurrence_ends_at is None:
        end = min(end, series_horizon())
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


def feed_token_owner(*, key: str) -> User | None:
    """The active user behind an active feed key, with what the feed needs (organisation, language); None for an
    unknown or revoked key. One query for the key; the user comes as a session's does (``user_for_session``)."""
    if not key or not FEED_KEY.match(key):
        return None
    user_id = (
        CalendarFeedToken.objects.filter(key=key, revoked_at__isnull=True).values_list("user_id", flat=True).first()
    )
    if user_id is None:
        return None
    user = user_for_session(user_id)
    return user if user is not None and user.is_active else None


def feed_token_active_for(*, user: User) -> CalendarFeedToken | None:
    return CalendarFeedToken.objects.filter(user=user, revoked_at__isnull=True).first()


def training_registrations_for(*, event: Event) -> list[TrainingRegistration]:
    return list(event.registrations.select_related("country").order_by("country__code"))
