"""Ten years of assistance requests for the benchmark (issue 6): 50,000 requests × scale, 3 lines each,
requested countries, answers per country and line, history rows and messages; bulk inserts, seeded.

Runs after apps/accounts/bench.py; picks control rooms and their operators with queries. References are
issued per year in order (BNL-YYYY-NNNN) and the per-year counters are left at the last number, so the
portal continues the sequence without gaps.

``URLS``: what ``make bench`` measures (see apps/accounts/bench.py). Every bench operator works in a control
room of a member country, which is involved in a third to two thirds of the requests; chiefs see their
country's statistics.
"""

import bisect
import datetime
import random
from collections.abc import Callable

from django.apps import apps as django_apps
from django.db import transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import timezone

from apps.accounts.choices import OrganisationKind, Role
from apps.accounts.models import Country, Organisation, User
from apps.events.choices import Visibility
from apps.events.models import Event

from . import caching, reference_data
from .choices import ItemCondition, RequestKind, RequestStatus, Urgency
from .models import (
    AssistanceRequest,
    Booking,
    CountryResponse,
    EquipmentItem,
    HandlingCode,
    LegalBasis,
    Message,
    ReferenceCounter,
    RequestedCountry,
    RequestedResource,
    ResourceType,
    ResponseLine,
    StatusChange,
)

REQUESTS = 50_000
EQUIPMENT_ITEMS = 300  # the loanable registries of the three countries' services
EVENT_SHARE = 0.4  # of the requests whose period starts near an event every partner sees
LINES_PER_REQUEST = 3
BATCH = 5_000
YEARS = 10

PLACES = [
    "Spa-Francorchamps",
    "Brussels",
    "Luxembourg City",
    "Maastricht",
    "Knokke-Heist",
    "Antwerp",
    "Eindhoven",
    "Liège",
    "Esch-sur-Alzette",
    "Rotterdam",
    "Ghent",
    "Venlo",
]
EVENTS = [
    "Formula 1 Grand Prix",
    "Farmers' demonstration",
    "National Day",
    "King's Day",
    "High-risk football match",
    "Summer patrols",
    "Music festival",
    "Christmas market",
    "Cycling classic",
    "European summit",
]
# The procedure's later states are the common ones for old requests.
STATE_WEIGHTS = [
    (RequestStatus.CLOSED, 70),
    (RequestStatus.CANCELLED, 8),
    (RequestStatus.COMPLETED, 6),
    (RequestStatus.IN_PROGRESS, 3),
    (RequestStatus.ACCEPTED, 3),
    (RequestStatus.ANSWERED, 3),
    (RequestStatus.ACKNOWLEDGED, 2),
    (RequestStatus.SUBMITTED, 3),
    (RequestStatus.DRAFT, 2),
]
# Old requests are over: escalation, the answering countries and the chiefs' reviews see to it. The open states
# (and drafts) are those of the last three months; an older request drawn in one of them is closed, completed or
# cancelled instead.
OPEN_FOR_DAYS = 90
OVER = [(RequestStatus.CLOSED, 70), (RequestStatus.CANCELLED, 8), (RequestStatus.COMPLETED, 6)]
ORDER = [
    RequestStatus.DRAFT,
    RequestStatus.SUBMITTED,
    RequestStatus.ACKNOWLEDGED,
    RequestStatus.ANSWERED,
    RequestStatus.ACCEPTED,
    RequestStatus.IN_PROGRESS,
    RequestStatus.COMPLETED,
    RequestStatus.CLOSED,
]
URLS = [
    ("operator queue", "/assistance/", Role.OPERATOR),
    ("request list, filtered", "/assistance/?status=closed", Role.OPERATOR),
    ("request list, sorted by start", "/assistance/?status=closed&sort=-start", Role.OPERATOR),
    ("awaiting acknowledgement, longest waiting first", "/assistance/?queue=awaiting&sort=waiting", Role.OPERATOR),
    ("statistics", "/assistance/statistics/", Role.POLICE_CHIEF),
    ("api assistance-requests", "/api/v1/assistance-requests", Role.OPERATOR),
    ("api equipment", "/api/v1/equipment", Role.OPERATOR),
    ("equipment registry", "/assistance/equipment/", Role.OPERATOR),
]
# A loan request that reached these states had its offered items booked (returned once completed).
LENT = {RequestStatus.ACCEPTED, RequestStatus.IN_PROGRESS, RequestStatus.COMPLETED, RequestStatus.CLOSED}
ACTIONS = ["submit", "acknowledge", "respond", "accept", "start", "complete", "close"]


def _flush(model, rows, log, counts):
    if rows:
        model.objects.bulk_create(rows, batch_size=BATCH)
        counts[model.__name__] = counts.get(model.__name__, 0) + len(rows)
        rows.clear()


@transaction.atomic
def generate(*, scale: float, seed: int, log: Callable[[str], None]) -> dict[str, int]:
    rng = random.Random(seed)
    reference_data.load(django_apps)
    total = max(1, round(REQUESTS * scale))
    members = list(Country.objects.filter(code__in=["BE", "NL", "LU"]))
    rooms = {}
    for country in members:
        organisations = list(
            Organisation.objects.filter(country=country, kind=OrganisationKind.CONTROL_ROOM).order_by("pk")
        ) or list(Organisation.objects.filter(country=country).order_by("pk")[:1])
        operators = list(
            User.objects.filter(organisation__in=organisations, groups__name=Role.OPERATOR).order_by("pk")
        ) or list(User.objects.filter(organisation__in=organisations).order_by("pk")[:5])
        if organisations and operators:
            rooms[country.pk] = (organisations, operators)
    if len(rooms) < 2:
        log("assistance: fewer than two member countries with control rooms and operators; nothing generated")
        return {}
    country_ids = sorted(rooms)
    types = list(ResourceType.objects.order_by("pk"))
    bases = list(LegalBasis.objects.order_by("pk"))
    codes = list(HandlingCode.objects.order_by("pk"))
    now = timezone.now()
    # Requests around the calendar's events: a request whose period starts within a week of an event every partner
    # sees is, often, filed for it.
    events = list(
        Event.objects.filter(visibility=Visibility.ALL_PARTNERS).order_by("starts_at").values_list("starts_at", "pk")
    )
    event_starts = [starts_at for starts_at, _pk in events]
    first_day = now - datetime.timedelta(days=365 * YEARS)
    span = (now - first_day).total_seconds()
    # Submission moments in order, so that references run in order within each year.
    moments = sorted(first_day + datetime.timedelta(seconds=rng.random() * span) for _ in range(total))
    states = [state for state, _weight in STATE_WEIGHTS]
    weights = [weight for _state, weight in STATE_WEIGHTS]
    over_states = [state for state, _weight in OVER]
    over_weights = [weight for _state, weight in OVER]
    counters: dict[int, int] = {row.year: row.last_number for row in ReferenceCounter.objects.select_for_update()}
    counts: dict[str, int] = {}
    loans: list[tuple] = []
    done = 0
    for start_index in range(0, total, BATCH):
        chunk = moments[start_index : start_index + BATCH]
        plans = []
        requests = []
        for moment in chunk:
            requester_country = rng.choice(country_ids)
            organisations, operators = rooms[requester_country]
            others = [c for c in country_ids if c != requester_country]
            asked = rng.sample(others, k=rng.choice([1, 1, len(others)]))
            state = rng.choices(states, weights)[0]
            if moment < now - datetime.timedelta(days=OPEN_FOR_DAYS) and state not in over_states:
                state = rng.choices(over_states, over_weights)[0]
            reached = state
            if state == RequestStatus.CANCELLED:
                reached = rng.choice(ORDER[:6])
            if moment > now - datetime.timedelta(days=30) and state == RequestStatus.CLOSED:
                reached = state = RequestStatus.SUBMITTED
            start = moment + datetime.timedelta(days=rng.randint(1, 60), hours=rng.randint(0, 23))
            event_id = None
            if events and rng.random() < EVENT_SHARE:
                index = min(bisect.bisect_left(event_starts, start), len(events) - 1)
                if abs(events[index][0] - start) <= datetime.timedelta(days=7):
                    event_id = events[index][1]
            reference = None
            if reached != RequestStatus.DRAFT:
                counters[moment.year] = counters.get(moment.year, 0) + 1
                reference = f"BNL-{moment.year}-{counters[moment.year]:04d}"
            author = rng.choice(operators)
            urgency = rng.choices([Urgency.ROUTINE, Urgency.URGENT, Urgency.IMMEDIATE], [80, 17, 3])[0]
            requests.append(
                AssistanceRequest(
                    reference=reference,
                    kind=rng.choice(RequestKind.values),
                    status=state,
                    requesting_organisation=author.organisation if author.organisation_id else organisations[0],
                    contact_person=author,
                    title=f"{rng.choice(EVENTS)} {moment.year}",
                    event_id=event_id,
                    operational_context="Generated for the benchmark.",
                    place=rng.choice(PLACES),
                    start=start,
                    end=start + datetime.timedelta(hours=rng.randint(4, 96)),
                    urgency=urgency,
                    legal_basis=rng.choice(bases),
                    handling_code=rng.choice(codes),
                    operational_control="Requesting control room",
                    command="Sending unit commander",
                    submitted_at=moment if reference else None,
                    acknowledge_by=moment + datetime.timedelta(hours=8 if urgency != Urgency.ROUTINE else 168)
                    if reference
                    else None,
                    cancel_reason="Event called off." if state == RequestStatus.CANCELLED else "",
                    created_by=author,
                )
            )
            plans.append((asked, reached, state, author, moment))
            if requests[-1].kind != RequestKind.ASSISTANCE and reached in LENT:
                loans.append((requests[-1], asked, reached, state))
        AssistanceRequest.objects.bulk_create(requests, batch_size=BATCH)
        counts["AssistanceRequest"] = counts.get("AssistanceRequest", 0) + len(requests)
        # created_at is auto_now_add: set it to the submission moment in one statement per batch.
        AssistanceRequest.objects.bulk_update(
            [_with_created(r, plan[4]) for r, plan in zip(requests, plans, strict=True)], ["created_at"], BATCH
        )
        asked_rows, line_rows = [], []
        for request, (asked, reached, _state, _author, moment) in zip(requests, plans, strict=True):
            acknowledged = ORDER.index(reached) >= ORDER.index(RequestStatus.ACKNOWLEDGED)
            for country_id in asked:
                asked_rows.append(
                    RequestedCountry(
                        request=request,
                        country_id=country_id,
                        acknowledged_at=moment + datetime.timedelta(minutes=rng.randint(5, 600))
                        if acknowledged
                        else None,
                        acknowledged_by=rng.choice(rooms[country_id][1]) if acknowledged else None,
                    )
                )
            for _ in range(LINES_PER_REQUEST):
                line_rows.append(
                    RequestedResource(request=request, resource_type=rng.choice(types), quantity=rng.randint(1, 12))
                )
        _flush(RequestedCountry, asked_rows, log, counts)
        lines_by_request: dict[int, list[RequestedResource]] = {}
        for line in line_rows:
            lines_by_request.setdefault(line.request_id, []).append(line)
        _flush(RequestedResource, line_rows, log, counts)
        responses, history, messages = [], [], []
        for request, (asked, reached, state, author, moment) in zip(requests, plans, strict=True):
            steps = ORDER.index(reached)
            at = moment
            for index in range(steps):
                at = at + datetime.timedelta(hours=rng.randint(1, 48))
                history.append(
                    StatusChange(
                        request=request,
                        action=ACTIONS[index],
                        from_status=ORDER[index],
                        to_status=ORDER[index + 1],
                        actor=author,
                        at=at,
                    )
                )
            if state == RequestStatus.CANCELLED:
                history.append(
                    StatusChange(
                        request=request,
                        action="cancel",
                        from_status=reached,
                        to_status=RequestStatus.CANCELLED,
                        actor=author,
                        note="Event called off.",
                        at=at + datetime.timedelta(hours=1),
                    )
                )
            if steps >= ORDER.index(RequestStatus.ANSWERED):
                for country_id in asked:
                    offer = "accepted" if steps >= ORDER.index(RequestStatus.ACCEPTED) else "pending"
                    responses.append(
                        (
                            CountryResponse(
                                request=request,
                                country_id=country_id,
                                decision="approved",
                                responded_by=rng.choice(rooms[country_id][1]),
                                responded_at=moment + datetime.timedelta(hours=rng.randint(1, 72)),
                                offer_decision=offer,
                            ),
                            lines_by_request[request.pk],
                        )
                    )
            if steps >= ORDER.index(RequestStatus.ACKNOWLEDGED):
                for number in range(rng.randint(1, 3)):
                    sender = author if number % 2 == 0 else rng.choice(rooms[asked[0]][1])
                    messages.append(
                        Message(
                            request=request,
                            author=sender,
                            organisation_id=sender.organisation_id,
                            body="Confirming the muster point and arrival time.",
                            created_at=moment + datetime.timedelta(hours=number + 1),
                        )
                    )
        CountryResponse.objects.bulk_create([response for response, _lines in responses], batch_size=BATCH)
        counts["CountryResponse"] = counts.get("CountryResponse", 0) + len(responses)
        answer_rows = [
            ResponseLine(
                response=response,
                line=line,
                decision="approved",
                offered_quantity=line.quantity,
                cost_arrangement="sending",
            )
            for response, lines in responses
            for line in lines
        ]
        _flush(ResponseLine, answer_rows, log, counts)
        _flush(StatusChange, history, log, counts)
        _flush(Message, messages, log, counts)
        done += len(chunk)
        log(f"assistance: {done}/{total} requests")
    for year, last in counters.items():
        ReferenceCounter.objects.update_or_create(year=year, defaults={"last_number": last})
    _equipment(rng=rng, scale=scale, rooms=rooms, loans=loans, log=log, counts=counts)
    caching.bump()  # bulk inserts send no signals: cached queues and statistics are obsolete
    return counts


def _equipment(*, rng, scale, rooms, loans, log, counts) -> None:
    """The loanable items of the member countries' services, and a booking of one for each loan that was
    accepted, where an item of the lending country is free for the period (the database forbids overlaps)."""
    loanable = list(ResourceType.objects.filter(is_loanable=True).order_by("pk"))
    if not loanable:
        return
    owners = {
        country_id: list(
            Organisation.objects.filter(country_id=country_id, kind=OrganisationKind.POLICE_SERVICE).order_by("pk")
        )
        or organisations
        for country_id, (organisations, _operators) in rooms.items()
    }
    items = []
    for number in range(max(len(owners), round(EQUIPMENT_ITEMS * scale))):
        country_id = sorted(owners)[number % len(owners)]
        kind = rng.choice(loanable)
        items.append(
            EquipmentItem(
                organisation=rng.choice(owners[country_id]),
                resource_type=kind,
                name=f"{kind.name} {number + 1}",
                identifier=f"BENCH-{number + 1:04d}",
            )
        )
    _flush(EquipmentItem, items, log, counts)
    items = list(EquipmentItem.objects.filter(identifier__startswith="BENCH-").select_related("organisation"))
    by_country: dict[int, list[EquipmentItem]] = {}
    for item in items:
        by_country.setdefault(item.organisation.country_id, []).append(item)
    taken: dict[int, list[tuple]] = {}
    bookings = []
    for request, asked, reached, state in loans:
        # Loans come in order of submission and every period starts after it: what ended before this
        # submission can no longer overlap anything, so each item keeps only its current bookings.
        lender = asked[0]
        registry = by_country.get(lender, [])
        candidates = rng.sample(registry, k=min(5, len(registry)))
        item = None
        for candidate in candidates:
            current = [(start, end) for start, end in taken.get(candidate.pk, []) if end > request.submitted_at]
            taken[candidate.pk] = current
            if all(request.end <= start or end <= request.start for start, end in current):
                item = candidate
                break
        if item is None:
            continue
        taken[item.pk].append((request.start, request.end))
        returned = reached in (RequestStatus.COMPLETED, RequestStatus.CLOSED)
        bookings.append(
            Booking(
                item=item,
                request=request,
                period=DateTimeTZRange(request.start, request.end, "[)"),
                booked_by=rng.choice(rooms[lender][1]),
                booked_at=request.submitted_at,
                is_cancelled=state == RequestStatus.CANCELLED,
                returned_at=request.end if returned else None,
                return_condition=ItemCondition.GOOD if returned else "",
            )
        )
    _flush(Booking, bookings, log, counts)
    log(f"assistance: {len(items)} equipment items, {len(bookings)} bookings")


def _with_created(request, moment):
    request.created_at = moment
    return request
