"""Ten years of event-calendar data for the benchmark (issue 6): 10,000 events at scale 1.0.

Bulk inserts (no audit history rows: this is load-test data, not a record of changes), reproducible from the
seed. Runs after the accounts generator and picks organisations and users with queries.

``URLS``: what ``make bench`` measures (see apps/accounts/bench.py): the month, week and list views and the API
list of this month for every role, one upcoming event's page, and the personal feed of the first bench operator
through its secret address (no session), as a calendar program fetches it.
"""

import random
import secrets
from collections.abc import Callable
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from apps.accounts import bench as accounts_bench
from apps.accounts.choices import OrganisationKind, Role
from apps.accounts.models import Organisation, User

from .caching import CALENDAR
from .choices import COUNTRY_TIME_ZONES, EventKind, RiskLevel, Visibility
from .models import CalendarFeedToken, Event, TrainingRegistration

EVENTS = 10_000
FEED_TOKENS = 300
BATCH = 5_000
YEARS_BACK = 9
YEARS_AHEAD = 1

PLACES = {
    "BE": [
        "Rue de la Loi, Brussels",
        "Rond-point Schuman, Brussels",
        "Circuit de Spa-Francorchamps, Stavelot",
        "Koning Boudewijnstadion, Brussels",
        "Grand-Place, Binche",
        "Groenplaats, Antwerp",
        "Sint-Pietersplein, Ghent",
        "Place Saint-Lambert, Liège",
        "De Schorre, Boom",
        "Festivalpark, Werchter",
    ],
    "NL": [
        "Dam, Amsterdam",
        "Malieveld, The Hague",
        "Vrijthof, Maastricht",
        "Johan Cruijff ArenA, Amsterdam",
        "De Kuip, Rotterdam",
        "Megaland, Landgraaf",
        "TT Circuit, Assen",
        "Jaarbeurs, Utrecht",
        "Politieacademie, Apeldoorn",
        "Stadhuisplein, Eindhoven",
    ],
    "LU": [
        "Place Guillaume II, Luxembourg",
        "Stade de Luxembourg, Luxembourg-Gasperich",
        "Kirchberg, Luxembourg",
        "Place d'Armes, Luxembourg",
        "Rockhal, Esch-sur-Alzette",
        "Schengen",
    ],
}
TITLES = {
    EventKind.DEMONSTRATION: ("Betoging", "Manifestation", "Demonstration", "Demonstration"),
    EventKind.SPORTS: ("Sportevenement", "Événement sportif", "Sportveranstaltung", "Sports event"),
    EventKind.ROYAL_STATE: ("Staatsbezoek", "Visite d'État", "Staatsbesuch", "State visit"),
    EventKind.SUMMIT: ("Topontmoeting", "Sommet", "Gipfeltreffen", "Summit"),
    EventKind.FESTIVAL: ("Festival", "Festival", "Festival", "Festival"),
    EventKind.CONCERT: ("Concert", "Concert", "Konzert", "Concert"),
    EventKind.TRAINING: (
        "Zonder zorgen de grens over",
        "Zonder zorgen de grens over",
        "Zonder zorgen de grens over",
        "Zonder zorgen de grens over",
    ),
    EventKind.OTHER: ("Evenement", "Événement", "Veranstaltung", "Event"),
}
KIND_WEIGHTS = [
    (EventKind.DEMONSTRATION, 25),
    (EventKind.SPORTS, 25),
    (EventKind.ROYAL_STATE, 5),
    (EventKind.SUMMIT, 8),
    (EventKind.FESTIVAL, 12),
    (EventKind.CONCERT, 12),
    (EventKind.TRAINING, 8),
    (EventKind.OTHER, 5),
]
RISK_WEIGHTS = [(RiskLevel.LOW, 30), (RiskLevel.MEDIUM, 40), (RiskLevel.HIGH, 22), (RiskLevel.CRITICAL, 8)]


def _month_query() -> str:
    """``?from=…&to=…`` of the current month, as the calendar's month view asks the API."""
    first = timezone.localdate().replace(day=1)
    following = (first + timedelta(days=31)).replace(day=1)
    return f"?from={first.isoformat()}&to={(following - timedelta(days=1)).isoformat()}"


def _upcoming_event_path() -> str | None:
    """The page of the next event every partner sees."""
    pk = (
        Event.objects.filter(visibility=Visibility.ALL_PARTNERS, starts_at__gte=timezone.now())
        .order_by("starts_at", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    return f"/events/{pk}/" if pk else None


def _feed_path() -> str | None:
    """The secret feed address of the first bench operator (the generator gives the first users a feed)."""
    key = (
        CalendarFeedToken.objects.filter(user__username=accounts_bench.username(Role.OPERATOR, 1), revoked_at=None)
        .values_list("key", flat=True)
        .first()
    )
    return f"/api/v1/events.ics?token={key}" if key else None


URLS = [
    ("month", "/events/", "*"),
    ("week", "/events/week/", "*"),
    ("list", "/events/list/", "*"),
    ("detail", _upcoming_event_path, "*"),
    ("api events (this month)", lambda: f"/api/v1/events{_month_query()}", "*"),
    ("api feed (secret address)", _feed_path, "anonymous"),
]


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def _event(rng: random.Random, index: int, organisers: list[Organisation], first_day, days: int) -> Event:
    organiser = rng.choice(organisers)
    code = organiser.country.code
    zone_name = COUNTRY_TIME_ZONES[code]
    zone = ZoneInfo(zone_name)
    kind = _weighted(rng, KIND_WEIGHTS)
    day = first_day + timedelta(days=rng.randrange(days))
    starts_at = datetime.combine(day, time(rng.randrange(7, 21), rng.choice((0, 15, 30, 45))), tzinfo=zone)
    duration = timedelta(hours=rng.choice((2, 3, 4, 6, 8, 10))) if rng.random() < 0.85 else timedelta(days=2)
    recurring = rng.random() < 0.01
    titles = TITLES[kind]
    return Event(
        title_nl=f"{titles[0]} {index}",
        title_fr=f"{titles[1]} {index}",
        title_de=f"{titles[2]} {index}",
        title_en=f"{titles[3]} {index}",
        description_en="Generated for the benchmark.",
        kind=kind,
        country=organiser.country,
        place=rng.choice(PLACES[code]),
        starts_at=starts_at,
        ends_at=starts_at + duration,
        time_zone=zone_name,
        expected_attendance=rng.choice((None, 50, 500, 2_000, 10_000, 50_000, 250_000)),
        risk_level=_weighted(rng, RISK_WEIGHTS),
        organiser=organiser,
        assistance_expected=rng.random() < 0.3,
        visibility=Visibility.ORGANISER_COUNTRY if rng.random() < 0.1 else Visibility.ALL_PARTNERS,
        recurrence_rule="FREQ=YEARLY" if recurring else "",
    )


@transaction.atomic
def generate(*, scale: float, seed: int, log: Callable[[str], None]) -> dict[str, int]:
    rng = random.Random(f"events-{seed}")
    organisers = list(
        Organisation.objects.filter(
            is_active=True,
            country__code__in=list(PLACES),
            kind__in=[OrganisationKind.POLICE_SERVICE, OrganisationKind.CONTROL_ROOM],
        )
        .select_related("country")
        .order_by("pk")
    )
    if not organisers:
        raise RuntimeError("no Benelux police services or control rooms: run the accounts generator first")
    member_countries = sorted({organiser.country for organiser in organisers}, key=lambda country: country.code)
    today = timezone.localdate()
    first_day = today.replace(year=today.year - YEARS_BACK)
    days = (today.replace(year=today.year + YEARS_AHEAD) - first_day).days

    total = max(1, round(EVENTS * scale))
    created = 0
    registrations = 0
    for batch_start in range(0, total, BATCH):
        batch = [
            _event(rng, index, organisers, first_day, days)
            for index in range(batch_start, min(total, batch_start + BATCH))
        ]
        Event.objects.bulk_create(batch, batch_size=BATCH)
        trainings = [event for event in batch if event.kind == EventKind.TRAINING]
        rows = [
            TrainingRegistration(
                event=event,
                country=country,
                participants=rng.randrange(2, 15),
                contact_name=f"Contact {event.pk}-{country.code}",
            )
            for event in trainings
            for country in member_countries
            if country != event.country and rng.random() < 0.7
        ]
        TrainingRegistration.objects.bulk_create(rows, batch_size=BATCH)
        created += len(batch)
        registrations += len(rows)
        log(f"events: {created}/{total} events, {registrations} training registrations")

    users = list(
        User.objects.filter(is_active=True, organisation__isnull=False)
        .exclude(pk__in=CalendarFeedToken.objects.filter(revoked_at__isnull=True).values("user_id"))
        .order_by("pk")
        .values_list("pk", flat=True)[: max(1, round(FEED_TOKENS * scale))]
    )
    tokens = [CalendarFeedToken(user_id=user_id, key=secrets.token_urlsafe(32)) for user_id in users]
    CalendarFeedToken.objects.bulk_create(tokens, batch_size=BATCH)
    log(f"events: {len(tokens)} calendar feed tokens")
    CALENDAR.bump()  # bulk inserts send no signals: cached pages, feeds and API lists are obsolete
    return {
        "events.Event": created,
        "events.TrainingRegistration": registrations,
        "events.CalendarFeedToken": len(tokens),
    }
