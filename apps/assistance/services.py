"""Writes of the assistance app: the request's procedure, answers, messages and equipment bookings.

Each transition locks the request row (``select_for_update``), checks who may act
(``permissions.py``) and whether the procedure allows it now (``choices.TRANSITIONS``),
writes the history row and hands a notification to ``apps.notifications`` in the same transaction.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from apps.accounts.choices import Role
from apps.accounts.models import Country
from apps.core.errors import ApplicationError
from apps.events.selectors import event_visible_to
from apps.notifications import recipients
from apps.notifications.services import acknowledge as notifications_acknowledge
from apps.notifications.services import notify

from . import caching, permissions
from .choices import (
    TRANSITIONS,
    ItemCondition,
    LineDecision,
    OfferDecision,
    RequestKind,
    RequestStatus,
)
from .models import (
    AnswerDeadline,
    AssistanceRequest,
    Booking,
    CountryResponse,
    EquipmentItem,
    Message,
    MessageRead,
    ReferenceCounter,
    RequestedCountry,
    RequestedResource,
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
)
LINE_FIELDS = ("resource_type", "quantity", "substitutes", "start", "end", "muster_point", "notes")


# --- helpers -------------------------------------------------------------------------------------


def _lock(request: AssistanceRequest) -> AssistanceRequest:
    """Lock the request row for this transaction and read it afresh."""
    return (
        AssistanceRequest.objects.select_for_update(of=("self",))
        .select_related("requesting_organisation__country")
        .get(pk=request.pk)
    )


def _refuse() -> ApplicationError:
    return ApplicationError(_("You may not do this with this request."))


def _check_transition(request: AssistanceRequest, action: str) -> str:
    sources, target = TRANSITIONS[action]
    if request.status not in sources:
        raise ApplicationError(
            _("This request is %(status)s: it cannot be %(action)s now.")
            % {"status": request.get_status_display().lower(), "action": _ACTION_PAST[action]()},
            {"status": [_("Refresh the page to see what changed.")]},
        )
    return target


_ACTION_PAST = {
    "submit": lambda: _("submitted"),
    "acknowledge": lambda: _("acknowledged"),
    "respond": lambda: _("answered"),
    "accept": lambda: _("accepted"),
    "start": lambda: _("started"),
    "complete": lambda: _("completed"),
    "close": lambda: _("closed"),
    "cancel": lambda: _("cancelled"),
}


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


def _notify(request, *, kind: str, message: str, to: list, actor, escalate: bool = False) -> None:
    notify(
        kind=f"assistance.{kind}",
        target=request,
        recipients=to,
        message=message,
        params={"reference": request.reference or "", "title": request.title, "country": actor.country.code},
        url=request.get_absolute_url(),
        actor=actor,
        urgency=request.urgency,
        escalate_to=to if escalate else None,
    )


def _requester(request) -> list:
    return [recipients.organisation(request.requesting_organisation, roles=[Role.OPERATOR])]


def _requested_operators(request) -> list:
    return [recipients.country(code, roles=[Role.OPERATOR]) for code in _involved_countries(request)]


def _everyone(request) -> list:
    return _requester(request) + _requested_operators(request)


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
    caching.bump()  # bulk_create sends no post_save


def _set_lines(request, lines) -> None:
    request.lines.all().delete()
    for index, line in enumerate(lines):
        values = {field: line.get(field) for field in LINE_FIELDS if field in line}
        quantity = values.get("quantity")
        if quantity is None or quantity <= 0:
            raise ApplicationError(
                _("A requested quantity must be at least 1."),
                {f"lines-{index}-quantity": [_("Enter a quantity of at least 1.")]},
            )
        _clean_period(values.get("start"), values.get("end"), field_prefix=f"lines-{index}-")
        for text_field in ("substitutes", "muster_point", "notes"):
            values[text_field] = values.get(text_field) or ""
        RequestedResource.objects.create(request=request, **values)


@transaction.atomic
def request_create(*, actor, requested_countries=(), lines=(), **fields) -> AssistanceRequest:
    """File a new draft for the actor's control room; nothing is checked for completeness until submission."""
    if not permissions.can_create(actor):
        raise _refuse()
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
        raise _refuse()
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


@transaction.atomic
def request_submit(*, request, actor) -> AssistanceRequest:
    """File a complete draft: it gets its reference number and the requested countries are notified."""
    request = _lock(request)
    if not permissions.can_submit(actor, request):
        if permissions.is_filing_control_room(actor, request):
            _check_transition(request, "submit")
        raise _refuse()
    target = _check_transition(request, "submit")
    missing = request_missing_fields(request)
    if missing:
        raise ApplicationError(_("The form is not complete: fill in the marked fields before filing it."), missing)
    now = timezone.now()
    request.reference = _next_reference(now.year)
    request.submitted_at = now
    deadline = AnswerDeadline.objects.filter(urgency=request.urgency).first()
    request.acknowledge_by = now + datetime.timedelta(hours=deadline.hours) if deadline else None
    request.save(update_fields=["reference", "submitted_at", "acknowledge_by", "updated_at"])
    _record(request, action="submit", to_status=target, actor=actor)
    _notify(
        request,
        kind="submitted",
        message=gettext_noop("Request %(reference)s was filed by %(country)s"),
        to=_requested_operators(request),
        actor=actor,
        escalate=True,
    )
    return request


# --- answers -------------------------------------------------------------------------------------


def _my_requested_row(request, actor) -> RequestedCountry:
    return RequestedCountry.objects.select_for_update().get(request=request, country_id=actor.organisation.country_id)


@transaction.atomic
def request_acknowledge(*, request, actor) -> AssistanceRequest:
    """An operator of a requested country confirms that its control room has the request in hand."""
    request = _lock(request)
    if not permissions.can_acknowledge(actor, request):
        if permissions.is_filing_control_room(actor, request) or (
            permissions.is_operator(actor) and actor.country.pk == request.requesting_organisation.country_id
        ):
            raise ApplicationError(_("The requesting country cannot acknowledge its own request."))
        raise _refuse()
    target = _check_transition(request, "acknowledge")
    row = _my_requested_row(request, actor)
    if row.acknowledged_at:
        raise ApplicationError(
            _("%(country)s already acknowledged this request.") % {"country": actor.country.name},
        )
    row.acknowledged_at = timezone.now()
    row.acknowledged_by = actor
    row.save(update_fields=["acknowledged_at", "acknowledged_by"])
    _record(request, action="acknowledge", to_status=target, actor=actor, country=actor.country)
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
    if not permissions.can_respond(actor, request):
        if permissions.is_operator(actor) and actor.country.pk == request.requesting_organisation.country_id:
            raise ApplicationError(_("The requesting country cannot answer its own request."))
        raise ApplicationError(_("Your country was not asked by this request; it cannot answer it."))
    country = actor.country
    row = _my_requested_row(request, actor)
    if CountryResponse.objects.filter(request=request, country=country).exists():
        raise ApplicationError(
            _("%(country)s has already answered this request; another operator was quicker.")
            % {"country": country.name}
        )
    if request.status not in TRANSITIONS["respond"][0] or not row.acknowledged_at:
        if request.status in TRANSITIONS["acknowledge"][0] and not row.acknowledged_at:
            raise ApplicationError(_("Acknowledge the request for your country before answering it."))
        _check_transition(request, "respond")
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
    _book_offered_items(request=request, actor=actor, country=country, items=items, overall=overall)
    asked = RequestedCountry.objects.filter(request=request).count()
    answered = CountryResponse.objects.filter(request=request).count()
    target = TRANSITIONS["respond"][1] if answered == asked else request.status
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
    if not permissions.can_accept(actor, request):
        raise _refuse()
    target = _check_transition(request, "accept")
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
    _record(request, action="accept", to_status=target, actor=actor, note=note)
    _notify(
        request,
        kind="accepted",
        message=gettext_noop("%(country)s decided on the offers for request %(reference)s"),
        to=_requested_operators(request),
        actor=actor,
    )
    return request


def _simple(action: str, kind: str, message: str, check):
    @transaction.atomic
    def service(*, request, actor, note: str = "") -> AssistanceRequest:
        request = _lock(request)
        if not check(actor, request):
            raise _refuse()
        target = _check_transition(request, action)
        _record(request, action=action, to_status=target, actor=actor, note=note)
        _notify(request, kind=kind, message=message, to=_everyone(request), actor=actor)
        return request

    return service


request_start = _simple(
    "start",
    "started",
    gettext_noop("Request %(reference)s is in progress: resources are mobilised"),
    permissions.can_start,
)
request_start.__doc__ = "The accepted resources are mobilised and deployed."
request_complete = _simple(
    "complete", "completed", gettext_noop("Request %(reference)s was completed"), permissions.can_complete
)
request_complete.__doc__ = "The deployment is over; material still has to come back."
request_close = _simple("close", "closed", gettext_noop("Request %(reference)s was closed"), permissions.can_close)
request_close.__doc__ = "Everything is settled; the file is closed."


@transaction.atomic
def request_cancel(*, request, actor, reason: str) -> AssistanceRequest:
    """Withdraw the request at any state before completion, with a reason; its bookings are released."""
    request = _lock(request)
    if not permissions.can_cancel(actor, request):
        raise _refuse()
    target = _check_transition(request, "cancel")
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Give a reason for the cancellation."), {"reason": [_("This field is required.")]})
    was_filed = request.status != RequestStatus.DRAFT
    request.cancel_reason = reason
    request.save(update_fields=["cancel_reason", "updated_at"])
    Booking.objects.filter(request=request, returned_at__isnull=True).update(is_cancelled=True)
    _record(request, action="cancel", to_status=target, actor=actor, note=reason)
    if was_filed:
        notifications_acknowledge(target=request, actor=actor)
        _notify(
            request,
            kind="cancelled",
            message=gettext_noop("Request %(reference)s was cancelled by %(country)s"),
            to=_requested_operators(request),
            actor=actor,
        )
    return request


# --- messages ------------------------------------------------------------------------------------


@transaction.atomic
def message_send(*, request, actor, body: str) -> Message:
    """Post a message on the request's thread for the other control rooms."""
    request = AssistanceRequest.objects.select_related("requesting_organisation__country").get(pk=request.pk)
    if not permissions.can_write_message(actor, request):
        raise _refuse()
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


def messages_mark_read(*, request, user) -> int:
    """Record that the user has read every message of the thread (a read receipt per message)."""
    unread = Message.objects.filter(request=request).exclude(reads__user=user).values_list("pk", flat=True)
    now = timezone.now()
    created = MessageRead.objects.bulk_create(
        [MessageRead(message_id=pk, user=user, read_at=now) for pk in unread], ignore_conflicts=True
    )
    return len(created)


# --- equipment -----------------------------------------------------------------------------------


@transaction.atomic
def booking_create(*, request, item: EquipmentItem, actor, start=None, end=None) -> Booking:
    """Book a named item for a loan; the database refuses an item already booked for an overlapping period."""
    request = _lock(request)
    if not (
        permissions.is_operator(actor)
        and actor.organisation.country_id == item.organisation.country_id
        and permissions.is_requested_operator(actor, request)
    ):
        raise ApplicationError(_("Only the lending country's control room can book its equipment for this request."))
    if request.kind == RequestKind.ASSISTANCE:
        raise ApplicationError(_("This request asks for no material: it cannot book equipment."))
    if request.status not in (RequestStatus.ACKNOWLEDGED, RequestStatus.ANSWERED, RequestStatus.ACCEPTED):
        _check_transition(request, "accept")
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
    if not (permissions.is_operator(actor) and actor.organisation.country_id == booking.item.organisation.country_id):
        raise _refuse()
    if booking.returned_at or booking.is_cancelled:
        raise ApplicationError(_("This booking is already closed."))
    if condition not in ItemCondition.values:
        raise ApplicationError(_("Choose the condition."), {"condition": [_("Choose a condition.")]})
    booking.returned_at = timezone.now()
    booking.return_condition = condition
    booking.return_notes = notes or ""
    booking.save(update_fields=["returned_at", "return_condition", "return_notes"])
    return booking


@transaction.atomic
def equipment_item_upsert(*, organisation, identifier: str, resource_type, name: str, notes: str = "") -> EquipmentItem:
    """Add an item to a service's registry, or bring it up to date (the demo data and admin tools use this)."""
    item, created = EquipmentItem.objects.get_or_create(
        organisation=organisation,
        identifier=identifier,
        defaults={"resource_type": resource_type, "name": name, "notes": notes},
    )
    changed = [
        field
        for field, value in (("resource_type", resource_type), ("name", name), ("notes", notes))
        if getattr(item, field) != value
    ]
    if not created and changed:
        for field in changed:
            setattr(item, field, {"resource_type": resource_type, "name": name, "notes": notes}[field])
        item.save(update_fields=changed)
    return item
