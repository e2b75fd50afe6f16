"""Writes of the assistance app: the request's procedure, answers, messages, equipment bookings and attachments.

Each transition locks the request row (``select_for_update``), asks ``permissions.action_refusal`` whether the actor
may take the step now (who may act, and whether the procedure of ``choices.TRANSITIONS`` allows it from the
request's state), writes the history row and hands a notification to ``apps.notifications`` in the same
transaction. ``REQUEST_ACTIONS`` names the service of each step, for the page and the API alike.

A write that sends no signal (``bulk_create``, ``update``) moves the cached answers' version on itself
(``caching.bump``; see ``apps/core/caching.py``).
"""

import datetime
import functools
import logging
from collections.abc import Callable
from pathlib import Path

from django.db import IntegrityError, transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from apps.accounts.choices import Role
from apps.accounts.models import Country
from apps.core.errors import ApplicationError
from apps.events.selectors import event_visible_to
from apps.notifications import params as notification_params
from apps.notifications import recipients
from apps.notifications.services import acknowledge as notifications_acknowledge
from apps.notifications.services import escalation_thresholds, notify

from . import caching, permissions, uploads
from .choices import (
    EscalationLevel,
    ItemCondition,
    LineDecision,
    OfferDecision,
    RequestKind,
    RequestStatus,
    next_status,
)
from .models import (
    AnswerDeadline,
    AssistanceRequest,
    Attachment,
    Booking,
    CountryResponse,
    EquipmentItem,
    EscalationPolicy,
    Message,
    MessageRead,
    ReferenceCounter,
    RequestedCountry,
    RequestedResource,
    ResourceType,
    ResponseLine,
    StatusChange,
)

REQUEST_FIELDS = (
    "kind",
    "contact_person",
    "event",
    "title",
    "operational_context",
    "place",
    "start",
    "end",
    "urgency",
    "legal_basis",
    "handling_code",
    "operational_control",
    "command",
    "after_the_fact",
)
LINE_FIELDS = ("resource_type", "quantity", "substitutes", "start", "end", "muster_point", "notes")

logger = logging.getLogger(__name__)


# --- helpers -------------------------------------------------------------------------------------


def _lock(request: AssistanceRequest) -> AssistanceRequest:
    """Lock the request row for this transaction and read it afresh, with its requested countries (read after the
    lock is taken: what the permission checks look at)."""
    return (
        AssistanceRequest.objects.select_for_update(of=("self",))
        .select_related("requesting_organisation__country")
        .prefetch_related(
            Prefetch("requested", queryset=RequestedCountry.objects.select_related("country")),
            Prefetch("bookings", queryset=Booking.objects.select_related("item__organisation")),
        )
        .get(pk=request.pk)
    )


def _allow(request: AssistanceRequest, actor, action: str) -> str:
    """Refuse the step unless the actor may take it now (``permissions.action_refusal``); the state it leads to."""
    refusal = permissions.action_refusal(actor, request, action)
    if refusal is not None:
        raise refusal
    return next_status(action, request.status)


def _record(request, *, action: str, to_status: str, actor, country=None, note: str = "") -> StatusChange:
    """Write the history row of one step and move the request (only the status column changes)."""
    change = StatusChange.objects.create(
        request=request,
        action=action,
        from_status=request.status,
        to_status=to_status,
        actor=actor,
        country=country,
        note=note,
        at=timezone.now(),
    )
    if request.status != to_status:
        request.status = to_status
        request.save(update_fields=["status", "updated_at"])
    return change


def _involved_countries(request) -> list[str]:
    return [row.country.code for row in request.requested.select_related("country")]


def _notify(request, *, kind: str, message: str, to: list, actor, escalate_to: list | None = None) -> None:
    notify(
        kind=f"assistance.{kind}",
        target=request,
        recipients=to,
        message=message,
        params={
            "reference": request.reference or "",
            "title": request.title,
            # The country by its name in each reader's language (apps/notifications/params.py).
            "country": notification_params.names(actor.country),
        },
        url=request.get_absolute_url(),
        actor=actor,
        urgency=request.urgency,
        escalate_to=escalate_to,
    )


def _requester(request) -> list:
    return [recipients.organisation(request.requesting_organisation, roles=[Role.OPERATOR])]


def _country_operators(code: str) -> dict:
    return recipients.country(code, roles=[Role.OPERATOR])


def _requested_operators(request) -> list:
    return [_country_operators(code) for code in _involved_countries(request)]


def _everyone(request) -> list:
    return _requester(request) + _requested_operators(request)


# Who is told of each step of the requesting control room: the confirmation page says it before the step is taken.
STEP_AUDIENCE: dict[str, Callable[..., list]] = {
    "accept": _requested_operators,
    "start": _everyone,
    "complete": _everyone,
    "close": _everyone,
    "cancel": _requested_operators,
}


# --- escalation ----------------------------------------------------------------------------------


def escalation_recipients(country, policies: list[EscalationPolicy]) -> list:
    """Who a request that nobody of ``country`` acknowledged in time escalates to: a level up, as the country's
    control rooms' ``EscalationPolicy`` says (``policies``: those of the country's organisations, their duty
    officers read); without one, the country's police chiefs, and its operators are reminded."""
    chiefs = recipients.country(country.code, roles=[Role.POLICE_CHIEF])
    if not policies:
        return [chiefs, _country_operators(country.code)]
    specs = []
    for policy in policies:
        officers = [person for person in policy.duty_officers.all() if person.is_active]
        if officers and policy.level in (EscalationLevel.DUTY_OFFICERS, EscalationLevel.BOTH):
            specs.append(recipients.users(*officers))
        if not officers or policy.level in (EscalationLevel.CHIEFS, EscalationLevel.BOTH):
            specs.append(chiefs)
        if policy.remind_operators:
            specs.append(recipients.organisation(policy.organisation, roles=[Role.OPERATOR]))
    unique = []
    for spec in specs:
        if spec not in unique:
            unique.append(spec)
    return unique


def escalation_audience(country, policies: list[EscalationPolicy]) -> list[str]:
    """``escalation_recipients`` in words, for the request page ("the police chiefs of Belgium", ...)."""
    people = {person.pk: person for policy in policies for person in policy.duty_officers.all()}
    organisations = {policy.organisation.pk: policy.organisation for policy in policies}
    labels = []
    for spec in escalation_recipients(country, policies):
        if spec["type"] == "users":
            names = ", ".join(str(people[pk]) for pk in spec["ids"] if pk in people)
            labels.append(_("duty officers %(names)s") % {"names": names})
        elif spec["type"] == "country" and Role.POLICE_CHIEF in spec["roles"]:
            labels.append(_("the police chiefs of %(country)s") % {"country": country})
        elif spec["type"] == "country":
            labels.append(_("the operators in %(country)s, again") % {"country": country})
        elif spec["type"] == "organisation":
            labels.append(
                _("the operators of %(organisation)s, again") % {"organisation": organisations[spec["id"]].short_name}
            )
    return labels


def escalation_policies(countries) -> dict[int, list[EscalationPolicy]]:
    """The escalation policies of the organisations of these countries, by country id (two queries)."""
    found: dict[int, list[EscalationPolicy]] = {country.pk: [] for country in countries}
    for policy in (
        EscalationPolicy.objects.filter(organisation__country__in=list(found))
        .select_related("organisation")
        .prefetch_related("duty_officers")
        .order_by("organisation__short_name")
    ):
        found[policy.organisation.country_id].append(policy)
    return found


def escalation_due(request) -> datetime.datetime | None:
    """When a filed request that nobody acknowledged escalates (the notification rule for its urgency), or None
    when it never does (an after-the-fact record, a draft)."""
    if request.submitted_at is None or request.after_the_fact:
        return None
    threshold = escalation_thresholds().get(request.urgency)
    return request.submitted_at + threshold if threshold is not None else None


def _clean_period(start, end, field_prefix: str = "") -> None:
    if start and end and end <= start:
        raise ApplicationError(
            _("The period must end after it starts."), {f"{field_prefix}end": [_("Choose an end after the start.")]}
        )


def _check_event(actor, event) -> None:
    """A request may only name an event of the calendar that its filer may see."""
    if event is None:
        return
    if event_visible_to(user=actor, pk=event.pk) is None:
        raise ApplicationError(_("Unknown event."), {"event": [_("Choose an event of the calendar.")]})


# --- drafts --------------------------------------------------------------------------------------


def _set_countries(request, country_codes) -> None:
    codes = sorted({code.upper() for code in country_codes or []})
    countries = list(Country.objects.filter(code__in=codes))
    if len(countries) != len(codes):
        raise ApplicationError(_("Unknown country."), {"requested_countries": [_("Choose BE, NL or LU.")]})
    own = request.requesting_organisation.country_id
    if any(country.pk == own for country in countries):
        raise ApplicationError(
            _("A control room cannot ask its own country."),
            {"requested_countries": [_("Choose the other Benelux countries only.")]},
        )
    RequestedCountry.objects.filter(request=request).exclude(country__in=countries).delete()
    existing = set(RequestedCountry.objects.filter(request=request).values_list("country_id", flat=True))
    RequestedCountry.objects.bulk_create(
        [RequestedCountry(request=request, country=country) for country in countries if country.pk not in existing]
    )
    caching.bump()  # bulk_create sends no post_save: a draft's list row shows its requested countries


def quantity_problem(quantity, resource_type) -> str | None:
    """Why ``quantity`` cannot be asked on a line of ``resource_type`` (None when it can): the same message for 0, a
    negative number and one above the type's largest quantity per line, in the form, the API and here."""
    ceiling = getattr(resource_type, "max_per_line", None) or ResourceType._meta.get_field("max_per_line").default
    if isinstance(quantity, int) and not isinstance(quantity, bool) and 1 <= quantity <= ceiling:
        return None
    largest = resource_type.counted(ceiling) if isinstance(resource_type, ResourceType) else ceiling
    return _("Enter a quantity between 1 and %(largest)s.") % {"largest": largest}


def _set_lines(request, lines) -> None:
    request.lines.all().delete()
    for index, line in enumerate(lines):
        values = {field: line.get(field) for field in LINE_FIELDS if field in line}
        problem = quantity_problem(values.get("quantity"), values.get("resource_type"))
        if problem:
            raise ApplicationError(
                _("A requested quantity must be between 1 and the largest quantity of its resource type."),
                {f"lines-{index}-quantity": [problem]},
            )
        _clean_period(values.get("start"), values.get("end"), field_prefix=f"lines-{index}-")
        for text_field in ("substitutes", "muster_point", "notes"):
            values[text_field] = values.get(text_field) or ""
        RequestedResource.objects.create(request=request, **values)


@transaction.atomic
def request_create(*, actor, requested_countries=(), lines=(), **fields) -> AssistanceRequest:
    """File a new draft for the actor's control room; nothing is checked for completeness until submission."""
    if not permissions.can_create(actor):
        raise permissions.refused()
    values = {field: fields[field] for field in REQUEST_FIELDS if field in fields}
    values.setdefault("contact_person", actor)
    _clean_period(values.get("start"), values.get("end"))
    _check_event(actor, values.get("event"))
    if not (values.get("title") or "").strip():
        raise ApplicationError(_("Give the request a title."), {"title": [_("This field is required.")]})
    request = AssistanceRequest.objects.create(
        requesting_organisation=actor.organisation, created_by=actor, status=RequestStatus.DRAFT, **values
    )
    _set_countries(request, requested_countries)
    _set_lines(request, lines)
    return request


@transaction.atomic
def request_update(*, request, actor, requested_countries=None, lines=None, **fields) -> AssistanceRequest:
    """Change a draft; given ``requested_countries`` or ``lines`` replace the old ones."""
    request = _lock(request)
    if not permissions.can_edit(actor, request):
        if request.status != RequestStatus.DRAFT and permissions.is_filing_control_room(actor, request):
            raise ApplicationError(_("Only a draft can be changed; this request has been submitted."))
        raise permissions.refused()
    changed = []
    for field in REQUEST_FIELDS:
        if field in fields:
            setattr(request, field, fields[field])
            changed.append(field)
    _clean_period(request.start, request.end)
    if "event" in fields:
        _check_event(actor, request.event)
    if not (request.title or "").strip():
        raise ApplicationError(_("Give the request a title."), {"title": [_("This field is required.")]})
    if changed:
        request.save(update_fields=[*changed, "updated_at"])
    if requested_countries is not None:
        _set_countries(request, requested_countries)
    if lines is not None:
        _set_lines(request, lines)
    return request


def _next_reference(year: int) -> str:
    """Take the next number of the year under a row lock: gap-free as long as the transaction commits."""
    ReferenceCounter.objects.get_or_create(year=year)
    counter = ReferenceCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"BNL-{year}-{counter.last_number:04d}"


def request_missing_fields(request) -> dict[str, list[str]]:
    """What the form still lacks before it may be filed (an empty dict when complete)."""
    required = _("This field is required.")
    errors: dict[str, list[str]] = {}
    for field in ("title", "operational_context", "place", "start", "end"):
        if not getattr(request, field):
            errors[field] = [required]
    for field in ("contact_person", "legal_basis", "handling_code"):
        if not getattr(request, f"{field}_id"):
            errors[field] = [required]
    if not request.requested.exists():
        errors["requested_countries"] = [_("Ask at least one country.")]
    if not request.lines.exists():
        errors["lines"] = [_("Add at least one requested resource.")]
    if request.kind in (RequestKind.ASSISTANCE, RequestKind.BOTH) and not request.operational_control:
        errors["operational_control"] = [_("Name who of your country directs the deployment.")]
    return errors


def request_filing_problems(request, *, now=None) -> ApplicationError | None:
    """Why a draft cannot be filed now (None when it can): a field still missing, or a period that does not fit.

    A request asks for help to come: one whose period is already over when it is filed is refused, unless it is
    filed explicitly as an after-the-fact record (assistance arranged by phone in an emergency, put on file
    afterwards); such a record is for assistance that has begun, so it is refused for a period still to come."""
    missing = request_missing_fields(request)
    if missing:
        return ApplicationError(_("The form is not complete: fill in the marked fields before filing it."), missing)
    now = now or timezone.now()
    if request.after_the_fact and request.start > now:
        return ApplicationError(
            _("An after-the-fact record is for assistance already given, but this period begins on %(date)s.")
            % {"date": permissions.when(request.start)},
            {"after_the_fact": [_("Untick it to file a request for assistance to come.")]},
        )
    if not request.after_the_fact and request.end <= now:
        return ApplicationError(
            _("The period ended on %(date)s, before this request is filed: a request must come before its period ends.")
            % {"date": permissions.when(request.end)},
            {
                "end": [_("Correct the dates.")],
                "after_the_fact": [
                    _(
                        "Or, if the assistance was given already (arranged by phone), tick this to file the request as "
                        "an after-the-fact record."
                    )
                ],
            },
        )
    return None


@transaction.atomic
def request_submit(*, request, actor) -> AssistanceRequest:
    """File a complete draft: it gets its reference number and the requested countries are notified."""
    request = _lock(request)
    target = _allow(request, actor, "submit")
    now = timezone.now()
    problem = request_filing_problems(request, now=now)
    if problem is not None:
        raise problem
    request.reference = _next_reference(now.year)
    request.submitted_at = now
    deadline = AnswerDeadline.objects.filter(urgency=request.urgency).first()
    request.acknowledge_by = now + datetime.timedelta(hours=deadline.hours) if deadline else None
    request.save(update_fields=["reference", "submitted_at", "acknowledge_by", "updated_at"])
    _record(request, action="submit", to_status=target, actor=actor)
    # One notification per requested country: each escalates on its own, a level up in that country, until that
    # country acknowledges (an after-the-fact record asks for no answer in time: it never escalates).
    countries = [row.country for row in request.requested.all()]
    policies = escalation_policies(countries) if not request.after_the_fact else {}
    for country in countries:
        _notify(
            request,
            kind="submitted",
            message=(
                gettext_noop("After-the-fact record %(reference)s was filed by %(country)s")
                if request.after_the_fact
                else gettext_noop("Request %(reference)s was filed by %(country)s")
            ),
            to=[_country_operators(country.code)],
            actor=actor,
            escalate_to=None if request.after_the_fact else escalation_recipients(country, policies[country.pk]),
        )
    return request


# --- answers -------------------------------------------------------------------------------------


def _my_requested_row(request, actor) -> RequestedCountry:
    return RequestedCountry.objects.select_for_update().get(request=request, country_id=actor.organisation.country_id)


@transaction.atomic
def request_acknowledge(*, request, actor) -> AssistanceRequest:
    """An operator of a requested country confirms that its control room has the request in hand."""
    request = _lock(request)
    target = _allow(request, actor, "acknowledge")
    row = _my_requested_row(request, actor)
    row.acknowledged_at = timezone.now()
    row.acknowledged_by = actor
    row.save(update_fields=["acknowledged_at", "acknowledged_by"])
    _record(request, action="acknowledge", to_status=target, actor=actor, country=actor.country)
    # This country's notification stops escalating; once every country has acknowledged, every one about the request.
    notifications_acknowledge(target=request, actor=actor, recipients=[_country_operators(actor.country.code)])
    if not RequestedCountry.objects.filter(request=request, acknowledged_at__isnull=True).exists():
        notifications_acknowledge(target=request, actor=actor)
    _notify(
        request,
        kind="acknowledged",
        message=gettext_noop("Request %(reference)s was acknowledged by %(country)s"),
        to=_requester(request),
        actor=actor,
    )
    return request


@transaction.atomic
def request_respond(*, request, actor, decisions: list[dict], note: str = "", items=()) -> CountryResponse:
    """A requested country answers every line: approved, partially approved or declined, with its offer.

    ``decisions`` holds one dict per requested line: ``line`` (id), ``decision``, ``offered_quantity``,
    ``conditions``, ``cost_arrangement``. ``items`` (ids of the country's registered equipment) are
    booked for the request's period in the same transaction: an item already booked refuses the answer.
    """
    request = _lock(request)
    target = _allow(request, actor, "respond")
    country = actor.country
    lines = {line.pk: line for line in request.lines.all()}
    by_line = {}
    errors = {}
    for index, item in enumerate(decisions):
        line_id = item.get("line")
        line_id = getattr(line_id, "pk", line_id)
        if line_id not in lines or line_id in by_line:
            errors[f"lines-{index}-line"] = [_("This is not a line of this request.")]
            continue
        decision = item.get("decision")
        quantity = item.get("offered_quantity") or 0
        if decision not in LineDecision.values:
            errors[f"lines-{index}-decision"] = [_("Choose approved, partially approved or declined.")]
        elif decision == LineDecision.DECLINED:
            quantity = 0
        elif quantity <= 0:
            errors[f"lines-{index}-offered_quantity"] = [_("Offer at least 1, or decline the line.")]
        elif decision == LineDecision.APPROVED and quantity < lines[line_id].quantity:
            errors[f"lines-{index}-offered_quantity"] = [_("Less than asked: choose partially approved.")]
        by_line[line_id] = {**item, "offered_quantity": quantity}
    missing = set(lines) - set(by_line)
    if missing:
        errors["lines"] = [_("Answer every requested line.")]
    if errors:
        raise ApplicationError(_("The answer is not complete or not valid."), errors)
    verdicts = {item["decision"] for item in by_line.values()}
    if verdicts == {LineDecision.APPROVED}:
        overall = LineDecision.APPROVED
    elif verdicts == {LineDecision.DECLINED}:
        overall = LineDecision.DECLINED
    else:
        overall = LineDecision.PARTIALLY
    response = CountryResponse.objects.create(
        request=request,
        country=country,
        decision=overall,
        note=note or "",
        responded_by=actor,
        responded_at=timezone.now(),
        offer_decision=OfferDecision.DECLINED if overall == LineDecision.DECLINED else OfferDecision.PENDING,
    )
    ResponseLine.objects.bulk_create(
        [
            ResponseLine(
                response=response,
                line_id=line_id,
                decision=item["decision"],
                offered_quantity=item["offered_quantity"],
                conditions=item.get("conditions") or "",
                cost_arrangement=item.get("cost_arrangement") or "tba",
            )
            for line_id, item in by_line.items()
        ]
    )
    caching.bump()  # bulk_create sends no post_save: the statistics count what was lent, line by line
    _book_offered_items(request=request, actor=actor, country=country, items=items, overall=overall)
    asked = RequestedCountry.objects.filter(request=request).count()
    answered = CountryResponse.objects.filter(request=request).count()
    target = target if answered == asked else request.status
    _record(request, action="respond", to_status=target, actor=actor, country=country, note=note or "")
    _notify(
        request,
        kind="answered",
        message=gettext_noop("%(country)s answered request %(reference)s"),
        to=_requester(request),
        actor=actor,
    )
    return response


def _book_offered_items(*, request, actor, country, items, overall) -> None:
    ids = sorted({getattr(item, "pk", item) for item in items or ()})
    if not ids:
        return
    if request.kind == RequestKind.ASSISTANCE or overall == LineDecision.DECLINED:
        raise ApplicationError(
            _("This request asks for no material: it cannot book equipment."), {"items": [_("Remove the items.")]}
        )
    found = list(
        EquipmentItem.objects.filter(pk__in=ids, is_active=True, organisation__country=country).select_related(
            "organisation"
        )
    )
    if len(found) != len(ids):
        raise ApplicationError(
            _("Only your own country's registered equipment can be lent."),
            {"items": [_("Choose items of your country's registry.")]},
        )
    for item in found:
        _book(request=request, item=item, actor=actor)


@transaction.atomic
def request_accept(*, request, actor, accepted_countries, note: str = "") -> AssistanceRequest:
    """The requesting control room accepts the offers of some countries and declines the others."""
    request = _lock(request)
    target = _allow(request, actor, "accept")
    accepted = {code.upper() for code in accepted_countries}
    responses = list(request.responses.select_related("country").select_for_update(of=("self",)))
    offering = {r.country.code for r in responses if r.decision != LineDecision.DECLINED}
    if not accepted:
        raise ApplicationError(
            _("Accept at least one offer, or cancel the request."), {"accepted_countries": [_("Choose an offer.")]}
        )
    if accepted - offering:
        raise ApplicationError(
            _("Only an offer that was made can be accepted."),
            {"accepted_countries": [_("%(codes)s made no offer.") % {"codes": ", ".join(sorted(accepted - offering))}]},
        )
    now = timezone.now()
    for response in responses:
        if response.decision == LineDecision.DECLINED:
            continue
        response.offer_decision = (
            OfferDecision.ACCEPTED if response.country.code in accepted else OfferDecision.DECLINED
        )
        response.offer_decided_by = actor
        response.offer_decided_at = now
        response.save(update_fields=["offer_decision", "offer_decided_by", "offer_decided_at"])
    # The equipment of the countries whose offers were declined is free again for others.
    released = [booking.pk for booking in _released_on_accept(request, accepted)]
    if released:
        Booking.objects.filter(pk__in=released).update(is_cancelled=True)
        caching.bump()  # update() sends no post_save
    _record(request, action="accept", to_status=target, actor=actor, note=note)
    _notify(
        request,
        kind="accepted",
        message=gettext_noop("%(country)s decided on the offers for request %(reference)s"),
        to=STEP_AUDIENCE["accept"](request),
        actor=actor,
    )
    return request


def _released_on_accept(request, accepted_codes) -> list[Booking]:
    """The bookings an acceptance of the offers of ``accepted_codes`` releases: those of the other countries."""
    return [
        booking
        for booking in permissions.bookings_out(request)
        if booking.item.organisation.country.code not in accepted_codes
    ]


def _released_on_cancel(request) -> list[Booking]:
    """The bookings a cancellation releases: those not handed over yet (what is out still has to come back)."""
    now = timezone.now()
    return [booking for booking in permissions.bookings_out(request) if booking.period.lower > now]


def request_step_preview(*, request, action: str, accepted_countries=()) -> dict:
    """What the requesting control room's step ``action`` would do besides moving the request on: who is told, which
    bookings it releases and which it keeps, which items are still out (for the confirmation page; it writes
    nothing). ``request`` comes with its requested countries and bookings (and their items) read."""
    told = STEP_AUDIENCE.get(action, _everyone)(request)
    if action == "cancel" and request.submitted_at is None:
        told = []  # a draft is its own control room's alone
    out = permissions.bookings_out(request)
    if action == "accept":
        released = _released_on_accept(request, {code.upper() for code in accepted_countries})
    elif action == "cancel":
        released = _released_on_cancel(request)
    else:
        released = []
    return {
        "told": told,
        "released": released,
        "kept": [booking for booking in out if booking not in released],
    }


def _simple(action: str, kind: str, message: str):
    @transaction.atomic
    def service(*, request, actor, note: str = "") -> AssistanceRequest:
        request = _lock(request)
        target = _allow(request, actor, action)
        _record(request, action=action, to_status=target, actor=actor, note=note)
        _notify(request, kind=kind, message=message, to=STEP_AUDIENCE[action](request), actor=actor)
        return request

    return service


request_start = _simple(
    "start",
    "started",
    gettext_noop("Request %(reference)s is in progress: resources are mobilised"),
)
request_start.__doc__ = "The accepted resources are mobilised and deployed."
request_complete = _simple("complete", "completed", gettext_noop("Request %(reference)s was completed"))
request_complete.__doc__ = (
    "The deployment is over (never before its period has begun); material still has to come back."
)
request_close = _simple("close", "closed", gettext_noop("Request %(reference)s was closed"))
request_close.__doc__ = "Everything is settled and every booked item is back; the file is closed."


@transaction.atomic
def request_cancel(*, request, actor, reason: str) -> AssistanceRequest:
    """Withdraw the request at any state before completion, with a reason; its bookings are released."""
    request = _lock(request)
    target = _allow(request, actor, "cancel")
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Give a reason for the cancellation."), {"reason": [_("This field is required.")]})
    was_filed = request.submitted_at is not None
    request.cancel_reason = reason
    request.save(update_fields=["cancel_reason", "updated_at"])
    released = [booking.pk for booking in _released_on_cancel(request)]
    if released:
        Booking.objects.filter(pk__in=released).update(is_cancelled=True)
        caching.bump()  # update() sends no post_save: the equipment list shows the items free again
    _record(request, action="cancel", to_status=target, actor=actor, note=reason)
    if was_filed:
        notifications_acknowledge(target=request, actor=actor)
        _notify(
            request,
            kind="cancelled",
            message=gettext_noop("Request %(reference)s was cancelled by %(country)s"),
            to=STEP_AUDIENCE["cancel"](request),
            actor=actor,
        )
    return request


@transaction.atomic
def request_delete(*, request, actor) -> None:
    """Delete a draft of the actor's control room, with its lines and attachments (their files go once the deletion
    commits). A request that was filed is never deleted: it is cancelled and stays on file."""
    request = _lock(request)
    refusal = permissions.delete_refusal(actor, request)
    if refusal is not None:
        raise refusal
    stored = list(Attachment.objects.filter(request=request).values_list("file", flat=True))
    request.delete()
    for name in stored:
        transaction.on_commit(functools.partial(_delete_stored, name))


# The service of each step of the procedure (the actions of ``choices.TRANSITIONS``): the request page and the API
# take a step through this table, with the step's own input as keyword arguments.
REQUEST_ACTIONS: dict[str, Callable[..., object]] = {
    "submit": request_submit,
    "acknowledge": request_acknowledge,
    "respond": request_respond,
    "accept": request_accept,
    "start": request_start,
    "complete": request_complete,
    "close": request_close,
    "cancel": request_cancel,
}


# --- messages ------------------------------------------------------------------------------------


@transaction.atomic
def message_send(*, request, actor, body: str) -> Message:
    """Post a message on the request's thread for the other control rooms."""
    request = AssistanceRequest.objects.select_related("requesting_organisation__country").get(pk=request.pk)
    if not permissions.can_write_message(actor, request):
        raise permissions.refused()
    body = (body or "").strip()
    if not body:
        raise ApplicationError(_("Write a message."), {"body": [_("This field is required.")]})
    message = Message.objects.create(
        request=request, author=actor, organisation=actor.organisation, body=body, created_at=timezone.now()
    )
    MessageRead.objects.create(message=message, user=actor, read_at=message.created_at)
    notify_the_other_control_rooms(
        request,
        kind="message",
        message=gettext_noop("New message from %(country)s on request %(reference)s"),
        actor=actor,
    )
    return message


def notify_the_other_control_rooms(request, *, kind: str, message: str, actor) -> None:
    """Tell the operators of the request's control rooms, all but the actor's own, that something was added."""
    own = recipients.organisation(actor.organisation, roles=[Role.OPERATOR])
    _notify(request, kind=kind, message=message, to=[r for r in _everyone(request) if r != own], actor=actor)


def messages_mark_read(*, request, actor) -> int:
    """Record that the actor has read every message of the thread (a read receipt per message).

    (No cached answer shows messages or their receipts, so this bulk insert has no version to move on.)"""
    unread = Message.objects.filter(request=request).exclude(reads__user=actor).values_list("pk", flat=True)
    now = timezone.now()
    created = MessageRead.objects.bulk_create(
        [MessageRead(message_id=pk, user=actor, read_at=now) for pk in unread], ignore_conflicts=True
    )
    return len(created)


# --- equipment -----------------------------------------------------------------------------------


# Equipment is booked for a request between its acknowledgement and the acceptance of the offers.
BOOKABLE_STATUSES = (RequestStatus.ACKNOWLEDGED, RequestStatus.ANSWERED, RequestStatus.ACCEPTED)


@transaction.atomic
def booking_create(*, request, item: EquipmentItem, actor, start=None, end=None) -> Booking:
    """Book a named item for a loan; the database refuses an item already booked for an overlapping period."""
    request = _lock(request)
    if not permissions.can_book(actor, request, item):
        raise ApplicationError(_("Only the lending country's control room can book its equipment for this request."))
    if request.kind == RequestKind.ASSISTANCE:
        raise ApplicationError(_("This request asks for no material: it cannot book equipment."))
    if request.status not in BOOKABLE_STATUSES:
        raise permissions.transition_refusal(request, "accept")
    return _book(request=request, item=item, actor=actor, start=start, end=end)


def _book(*, request, item: EquipmentItem, actor, start=None, end=None) -> Booking:
    start = start or request.start
    end = end or request.end
    _clean_period(start, end)
    try:
        with transaction.atomic():
            # One booking of an item at a time: two inserts checking the exclusion constraint against each
            # other's uncommitted row deadlock (a 500) instead of one of them getting the overlap error.
            EquipmentItem.objects.select_for_update().filter(pk=item.pk).exists()
            return Booking.objects.create(
                item=item,
                request=request,
                period=DateTimeTZRange(start, end, "[)"),
                booked_by=actor,
                booked_at=timezone.now(),
            )
    except IntegrityError as error:
        if "booking_no_overlap_per_item" not in str(error):
            raise
        raise ApplicationError(
            _("%(item)s is already booked for part of this period.") % {"item": item},
            {"item": [_("Choose another item or another period.")]},
        ) from None


@transaction.atomic
def booking_return(*, booking: Booking, actor, condition: str, notes: str = "") -> Booking:
    """Record that lent material came back, and in which condition."""
    booking = Booking.objects.select_for_update(of=("self",)).select_related("item__organisation").get(pk=booking.pk)
    refusal = permissions.return_refusal(actor, booking)
    if refusal is not None:
        raise refusal
    if condition not in ItemCondition.values:
        raise ApplicationError(_("Choose the condition."), {"condition": [_("Choose a condition.")]})
    booking.returned_at = timezone.now()
    booking.return_condition = condition
    booking.return_notes = (notes or "").strip()
    booking.save(update_fields=["returned_at", "return_condition", "return_notes"])
    # The item is as it came back: the registry shows that condition until the next return.
    item = booking.item
    if item.condition != condition:
        item.condition = condition
        item.save(update_fields=["condition"])
    return booking


def _item_values(*, organisation, resource_type, identifier: str, name: str, notes: str) -> dict:
    """Check what an item of the registry is given; its cleaned values."""
    identifier = (identifier or "").strip()
    name = (name or "").strip()
    errors = {}
    if not identifier:
        errors["identifier"] = [_("This field is required.")]
    elif len(identifier) > 60:
        errors["identifier"] = [_("At most 60 characters.")]
    if not name:
        errors["name"] = [_("This field is required.")]
    elif len(name) > 200:
        errors["name"] = [_("At most 200 characters.")]
    if resource_type is None or not resource_type.is_loanable or not resource_type.is_active:
        errors["resource_type"] = [_("Choose a type of loanable material.")]
    if organisation is None or organisation.country_id is None:
        # The registry is the three countries' (a joint Benelux body, such as the secretariat, lends nothing).
        errors["organisation"] = [_("Choose the police service of a Benelux country that owns the item.")]
    if errors:
        raise ApplicationError(_("The item is not complete or not valid."), errors)
    return {
        "organisation": organisation,
        "resource_type": resource_type,
        "identifier": identifier,
        "name": name,
        "notes": (notes or "").strip(),
    }


def _refuse_registry_change(actor, organisation) -> None:
    if not permissions.can_manage_equipment(actor, organisation):
        raise ApplicationError(
            _("Only the control room of the owner's country, or an administrator, can change this registry.")
        )


def _refuse_duplicate(*, organisation, identifier: str, exclude_pk=None) -> None:
    duplicates = EquipmentItem.objects.filter(organisation=organisation, identifier__iexact=identifier)
    if exclude_pk is not None:
        duplicates = duplicates.exclude(pk=exclude_pk)
    if duplicates.exists():
        raise ApplicationError(
            _("%(owner)s already has an item %(identifier)s.") % {"owner": organisation, "identifier": identifier},
            {"identifier": [_("Each identifier once per owner: choose another one.")]},
        )


@transaction.atomic
def equipment_item_create(
    *, actor, organisation, resource_type, identifier: str, name: str, notes: str = "", condition: str = ""
) -> EquipmentItem:
    """Register a loanable item of a police service of the actor's country (administrators: of any country)."""
    _refuse_registry_change(actor, organisation)
    values = _item_values(
        organisation=organisation, resource_type=resource_type, identifier=identifier, name=name, notes=notes
    )
    if condition and condition not in ItemCondition.values:
        raise ApplicationError(_("Choose the condition."), {"condition": [_("Choose a condition.")]})
    _refuse_duplicate(organisation=organisation, identifier=values["identifier"])
    return EquipmentItem.objects.create(condition=condition or ItemCondition.GOOD, **values)


@transaction.atomic
def equipment_item_update(
    *, actor, item: EquipmentItem, resource_type, identifier: str, name: str, notes: str = ""
) -> EquipmentItem:
    """Change an item's type, identifier, name or notes (its owner stays: a new owner registers it anew)."""
    item = EquipmentItem.objects.select_for_update().select_related("organisation").get(pk=item.pk)
    _refuse_registry_change(actor, item.organisation)
    values = _item_values(
        organisation=item.organisation, resource_type=resource_type, identifier=identifier, name=name, notes=notes
    )
    _refuse_duplicate(organisation=item.organisation, identifier=values["identifier"], exclude_pk=item.pk)
    changed = [
        field for field in ("resource_type", "identifier", "name", "notes") if getattr(item, field) != values[field]
    ]
    for field in changed:
        setattr(item, field, values[field])
    if changed:
        item.save(update_fields=changed)
    return item


def equipment_item_retire_refusal(item: EquipmentItem) -> ApplicationError | None:
    """Why ``item`` cannot be retired now: it is out, or booked for a period still to come (None when it can)."""
    if not item.is_active:
        return ApplicationError(_("This item is already retired."))
    pending = list(
        Booking.objects.filter(item=item, is_cancelled=False, returned_at__isnull=True)
        .select_related("request")
        .order_by("period")
    )
    if pending:
        references = ", ".join(booking.request.reference or _("Draft") for booking in pending)
        return ApplicationError(
            _("The item is out or booked (%(references)s): record its return or release the booking first.")
            % {"references": references}
        )
    return None


@transaction.atomic
def equipment_item_retire(*, actor, item: EquipmentItem, note: str = "") -> EquipmentItem:
    """Take an item out of service: it is no longer offered for loans; its bookings stay on file."""
    item = EquipmentItem.objects.select_for_update().select_related("organisation").get(pk=item.pk)
    _refuse_registry_change(actor, item.organisation)
    refusal = equipment_item_retire_refusal(item)
    if refusal is not None:
        raise refusal
    item.is_active = False
    fields = ["is_active"]
    note = (note or "").strip()
    if note:
        item.notes = f"{item.notes}\n{note}".strip()
        fields.append("notes")
    item.save(update_fields=fields)
    return item


@transaction.atomic
def equipment_item_reinstate(*, actor, item: EquipmentItem) -> EquipmentItem:
    """Put a retired item back into service."""
    item = EquipmentItem.objects.select_for_update().select_related("organisation").get(pk=item.pk)
    _refuse_registry_change(actor, item.organisation)
    if item.is_active:
        raise ApplicationError(_("This item is in service."))
    item.is_active = True
    item.save(update_fields=["is_active"])
    return item


@transaction.atomic
def equipment_item_upsert(
    *, actor, organisation, identifier: str, resource_type, name: str, notes: str = ""
) -> EquipmentItem:
    """Add an item to a service's registry, or bring it up to date (the demo data and admin tools use this)."""
    existing = EquipmentItem.objects.filter(organisation=organisation, identifier=identifier).first()
    if existing is None:
        return equipment_item_create(
            actor=actor,
            organisation=organisation,
            resource_type=resource_type,
            identifier=identifier,
            name=name,
            notes=notes,
        )
    return equipment_item_update(
        actor=actor, item=existing, resource_type=resource_type, identifier=identifier, name=name, notes=notes
    )


# --- attachments ---------------------------------------------------------------------------------
# Files are stored under a random name in the private ``MEDIA_ROOT`` and handed out only by views that first find the
# request through the selector, so whoever may not see the request gets a 404.


def _delete_stored(name: str) -> None:
    try:
        Attachment._meta.get_field("file").storage.delete(name)
    except OSError:  # pragma: no cover - logged, the sweep of orphans is the operator's fallback
        logger.exception("Could not delete the attachment file %s", name)


def attachment_add(*, actor, request: AssistanceRequest, file, description: str = "") -> Attachment:
    """Attach a checked document to a request.

    The file is written under a random name just before its row; when anything in this transaction
    fails, the written file is removed again, so a refusal or an error leaves neither row nor file.
    (Called inside a larger transaction that later rolls back, the file would stay behind as an
    orphan without a row: nothing can reach it, and the views call this outside any transaction.)
    """
    stored = None
    try:
        with transaction.atomic():
            request = _lock(request)
            if not permissions.can_add_attachment(actor, request):
                raise ApplicationError(_("You may not add attachments to this request."))
            facts = uploads.inspect_file(file)
            description = (description or "").strip()
            if len(description) > 300:
                message = _("The description is too long: at most 300 characters.")
                raise ApplicationError(message, errors={"description": [message]})
            if Attachment.objects.filter(request=request).count() >= uploads.max_count():
                raise uploads.file_error(
                    _("A request may have at most %(count)s attachments.") % {"count": uploads.max_count()}
                )
            attachment = Attachment(
                request=request, description=description, uploaded_by=actor, uploaded_at=timezone.now(), **facts
            )
            attachment.file.save(facts["original_name"], file, save=False)  # a random storage name (upload_to)
            stored = attachment.file.name
            attachment.save()
            if request.submitted_at:  # a draft is its own control room's alone
                notify_the_other_control_rooms(
                    request,
                    kind="attachment",
                    message=gettext_noop("%(country)s attached a document to request %(reference)s"),
                    actor=actor,
                )
    except BaseException:
        if stored:
            _delete_stored(stored)
        raise
    return attachment


@transaction.atomic
def attachment_delete(*, actor, attachment: Attachment) -> None:
    """Remove an attachment (its uploader, while the request is open); the file goes once the deletion commits."""
    request = _lock(attachment.request)
    try:
        attachment = Attachment.objects.select_for_update().get(pk=attachment.pk, request=request)
    except Attachment.DoesNotExist:  # deleted a moment ago, by another tab or client
        raise ApplicationError(_("This attachment was already deleted.")) from None
    attachment.request = request
    if not permissions.can_delete_attachment(actor, attachment):
        raise ApplicationError(_("You may not delete this attachment."))
    stored = attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: _delete_stored(stored))


def attachment_files_sweep(*, older_than: datetime.timedelta = datetime.timedelta(hours=1)) -> list[str]:
    """Remove stored files that no attachment row points at (left by a transaction that rolled back
    after the file was written, or by a crash), once they are older than ``older_than``."""
    storage = Attachment._meta.get_field("file").storage
    root = Path(storage.location)
    folder = root / "assistance"
    if not folder.is_dir():
        return []
    cutoff = timezone.now().timestamp() - older_than.total_seconds()
    candidates = [
        path.relative_to(root).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and path.stat().st_mtime < cutoff
    ]
    known = set(Attachment.objects.filter(file__in=candidates).values_list("file", flat=True))
    removed = [name for name in candidates if name not in known]
    for name in removed:
        _delete_stored(name)
    return removed
