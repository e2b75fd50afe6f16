"""Who may do what with a request: row-level rules (organisation, country) on top of the role.

Each ``can_*`` function answers for one user and one request (or booking, attachment): whether the user is one who
takes that step. Whether the request is in a state for it is the procedure's (``choices.TRANSITIONS``, read through
``choices.next_status``). ``action_refusal`` puts both together, with each step's own conditions (a country
acknowledges once, answers once, after acknowledging; only an offer can be accepted), and says why a step is not
open to a user now; ``available_actions`` lists the steps that are. The services refuse a step with the first,
under the row lock; the request page shows the buttons of the second. So the page offers exactly what the services,
and through them the API, accept.
"""

from collections.abc import Callable

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from apps.accounts.choices import Role
from apps.core.errors import ApplicationError

from .choices import TRANSITIONS, LineDecision, RequestStatus, next_status

# No attachment is added to or removed from a request that is over.
ATTACHMENTS_CLOSED = (RequestStatus.CLOSED, RequestStatus.CANCELLED)


def is_operator(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.organisation_id and user.has_role(Role.OPERATOR))


def is_filing_control_room(user, request) -> bool:
    """An operator of the organisation that filed the request."""
    return is_operator(user) and user.organisation_id == request.requesting_organisation_id


def _is_requesting_country_operator(user, request) -> bool:
    return is_operator(user) and user.organisation.country_id == request.requesting_organisation.country_id


def _requested_country_ids(request) -> set[int]:
    return {row.country_id for row in request.requested.all()}


def is_requested_operator(user, request) -> bool:
    """An operator of a country the request asks (never the requesting country itself)."""
    if not is_operator(user):
        return False
    country_id = user.organisation.country_id
    return country_id in _requested_country_ids(request) and country_id != request.requesting_organisation.country_id


def _my_requested_row(user, request):
    """The user's country's row among the request's requested countries (None when it was not asked)."""
    country_id = user.organisation.country_id if user.organisation_id else None
    return next((row for row in request.requested.all() if row.country_id == country_id), None)


def can_create(user) -> bool:
    """A national control room files requests; a joint Benelux body (no country) asks no country for help."""
    return is_operator(user) and user.organisation.country_id is not None


def can_edit(user, request) -> bool:
    return request.status == RequestStatus.DRAFT and is_filing_control_room(user, request)


def delete_refusal(user, request) -> ApplicationError | None:
    """Why ``user`` may not delete ``request`` (None when they may): its control room deletes its own drafts; a
    request that was filed is never deleted (it is cancelled, and stays on file)."""
    if not is_filing_control_room(user, request):
        return refused()
    if request.status != RequestStatus.DRAFT or request.submitted_at is not None:
        return ApplicationError(
            _("Only a draft can be deleted: a filed request stays on file. Cancel it instead."),
            {"status": [_("Refresh the page to see what changed.")]},
        )
    return None


def can_delete(user, request) -> bool:
    return delete_refusal(user, request) is None


# --- the steps of the procedure -------------------------------------------------------------------------------


def can_submit(user, request) -> bool:
    return is_filing_control_room(user, request)


def can_acknowledge(user, request) -> bool:
    return is_requested_operator(user, request)


def can_respond(user, request) -> bool:
    return is_requested_operator(user, request)


def can_accept(user, request) -> bool:
    return is_filing_control_room(user, request)


def can_start(user, request) -> bool:
    return is_filing_control_room(user, request)


def can_complete(user, request) -> bool:
    return is_filing_control_room(user, request)


def can_close(user, request) -> bool:
    return is_filing_control_room(user, request)


def can_cancel(user, request) -> bool:
    return is_filing_control_room(user, request)


def refused() -> ApplicationError:
    return ApplicationError(_("You may not do this with this request."))


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


def transition_refusal(request, action: str) -> ApplicationError | None:
    """Why the procedure does not allow ``action`` from the request's state now (None when it does)."""
    if next_status(action, request.status) is not None:
        return None
    return ApplicationError(
        _("This request is %(status)s: it cannot be %(action)s now.")
        % {"status": request.get_status_display().lower(), "action": _ACTION_PAST[action]()},
        {"status": [_("Refresh the page to see what changed.")]},
    )


def _submit_refusal(user, request) -> ApplicationError | None:
    if not can_submit(user, request):
        return refused()
    return transition_refusal(request, "submit")


def _acknowledge_refusal(user, request) -> ApplicationError | None:
    if not can_acknowledge(user, request):
        if _is_requesting_country_operator(user, request):
            return ApplicationError(_("The requesting country cannot acknowledge its own request."))
        return refused()
    if refusal := transition_refusal(request, "acknowledge"):
        return refusal
    row = _my_requested_row(user, request)
    if row.acknowledged_at:
        return ApplicationError(_("%(country)s already acknowledged this request.") % {"country": row.country.name})
    return None


def _respond_refusal(user, request) -> ApplicationError | None:
    if not can_respond(user, request):
        if _is_requesting_country_operator(user, request):
            return ApplicationError(_("The requesting country cannot answer its own request."))
        return ApplicationError(_("Your country was not asked by this request; it cannot answer it."))
    row = _my_requested_row(user, request)
    if any(response.country_id == row.country_id for response in request.responses.all()):
        return ApplicationError(
            _("%(country)s has already answered this request; another operator was quicker.")
            % {"country": row.country.name}
        )
    if not row.acknowledged_at and next_status("acknowledge", request.status) is not None:
        return ApplicationError(_("Acknowledge the request for your country before answering it."))
    return transition_refusal(request, "respond")


def _accept_refusal(user, request) -> ApplicationError | None:
    if not can_accept(user, request):
        return refused()
    if refusal := transition_refusal(request, "accept"):
        return refusal
    if all(response.decision == LineDecision.DECLINED for response in request.responses.all()):
        return ApplicationError(_("No country made an offer: there is nothing to accept. Cancel the request instead."))
    return None


def when(value) -> str:
    """A date and time as the reader's language writes it, in the portal's time zone."""
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


def bookings_out(request) -> list:
    """The request's booked equipment that is neither released nor back (its bookings, with their items, read)."""
    return [booking for booking in request.bookings.all() if not booking.is_cancelled and booking.returned_at is None]


def _complete_condition(request) -> ApplicationError | None:
    """A deployment cannot be over before its period has begun."""
    if request.start is not None and request.start > timezone.now():
        return ApplicationError(
            _("The period begins on %(date)s: the request cannot be completed before it has begun.")
            % {"date": when(request.start)}
        )
    return None


def _close_condition(request) -> ApplicationError | None:
    """The file is closed only once every booked item is back (or its booking released)."""
    out = bookings_out(request)
    if out:
        items = ", ".join(f"{booking.item.name} ({booking.item.identifier})" for booking in out)
        return ApplicationError(
            _("Equipment is still out: record the return of %(items)s before closing the file.") % {"items": items},
            {"bookings": [_("Not returned: %(items)s.") % {"items": items}]},
        )
    return None


# The procedure's steps that have a condition of the request itself, beyond who takes them and from which state.
_CONDITIONS: dict[str, Callable[..., ApplicationError | None]] = {
    "complete": _complete_condition,
    "close": _close_condition,
}


def _plain_refusal(action: str, check: Callable[..., bool]) -> Callable[..., ApplicationError | None]:
    """A step with no condition of its own: who may take it, and the procedure."""

    def refusal(user, request) -> ApplicationError | None:
        if not check(user, request):
            return refused()
        if problem := transition_refusal(request, action):
            return problem
        condition = _CONDITIONS.get(action)
        return condition(request) if condition else None

    return refusal


_CAN: dict[str, Callable[..., bool]] = {"complete": can_complete, "close": can_close}

_REFUSALS: dict[str, Callable[..., ApplicationError | None]] = {
    "submit": _submit_refusal,
    "acknowledge": _acknowledge_refusal,
    "respond": _respond_refusal,
    "accept": _accept_refusal,
    "start": _plain_refusal("start", can_start),
    "complete": _plain_refusal("complete", can_complete),
    "close": _plain_refusal("close", can_close),
    "cancel": _plain_refusal("cancel", can_cancel),
}


def action_refusal(user, request, action: str) -> ApplicationError | None:
    """Why ``user`` may not take the step ``action`` (a key of ``TRANSITIONS``) on ``request`` now, in their
    language; None when they may. ``request`` comes with its requested countries (and their countries) and its
    answers, or reads them."""
    return _REFUSALS[action](user, request)


def available_actions(user, request) -> list[str]:
    """The steps of the procedure that ``user`` may take on ``request`` now, in the procedure's order."""
    return [action for action in TRANSITIONS if action_refusal(user, request, action) is None]


def blocked_actions(user, request) -> dict[str, str]:
    """The steps ``user`` would take now but for a condition of the request (completing before the period began,
    closing with equipment out), with the reason: the request page shows it where the button would be."""
    blocked = {}
    for action, condition in _CONDITIONS.items():
        if _CAN[action](user, request) and next_status(action, request.status) is not None:
            problem = condition(request)
            if problem is not None:
                blocked[action] = problem.message
    return blocked


# --- messages, equipment and attachments ----------------------------------------------------------------------


def can_write_message(user, request) -> bool:
    """The control rooms involved talk on the thread; chiefs and the secretariat read it."""
    if request.submitted_at is None:  # a draft, or a draft cancelled before it was filed
        return False
    return is_filing_control_room(user, request) or is_requested_operator(user, request)


def can_book(user, request, item) -> bool:
    """The control room of a requested country lends its own country's equipment."""
    return (
        is_operator(user)
        and user.organisation.country_id == item.organisation.country_id
        and is_requested_operator(user, request)
    )


def is_lender(user, booking) -> bool:
    """An operator of the country whose equipment was booked."""
    return is_operator(user) and user.organisation.country_id == booking.item.organisation.country_id


def return_refusal(user, booking) -> ApplicationError | None:
    """Why ``user`` may not record the return of ``booking`` now (None when they may): the lending country records
    it, once the loan has started, and once."""
    if not is_lender(user, booking):
        return refused()
    if booking.returned_at or booking.is_cancelled:
        return ApplicationError(_("This booking is already closed."))
    if booking.period.lower is not None and booking.period.lower > timezone.now():
        return ApplicationError(
            _("The loan starts on %(date)s: record the return once the item has been handed over.")
            % {"date": when(booking.period.lower)}
        )
    return None


def can_return_booking(user, booking) -> bool:
    """The lending country records the return of material that is out: lent, handed over and not back yet."""
    return return_refusal(user, booking) is None


def can_view_equipment(user) -> bool:
    """The registry of loanable equipment of the three countries is open to every operator (what a partner may lend
    is no secret between partners), and to the chiefs, the secretariat and the administrators."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.organisation_id
        and user.has_role(Role.OPERATOR, Role.POLICE_CHIEF, Role.SECRETARIAT, Role.ADMINISTRATOR)
    )


def can_manage_equipment(user, organisation=None) -> bool:
    """The registry is kept by the lending control rooms, each for its own country's services (``organisation``:
    the owner of the item; None: any of the user's country), and by the portal's administrators."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.has_role(Role.ADMINISTRATOR):
        return True
    if not is_operator(user):
        return False
    return organisation is None or organisation.country_id == user.organisation.country_id


def can_add_attachment(user, request) -> bool:
    """The filing control room (also on its draft), and a requested country's control room once the
    request is filed; nobody once it is closed or cancelled."""
    if request.status in ATTACHMENTS_CLOSED:
        return False
    if is_filing_control_room(user, request):
        return True
    return request.submitted_at is not None and is_requested_operator(user, request)


def can_delete_attachment(user, attachment) -> bool:
    """The uploader, while the request is open and they may still add to it."""
    return attachment.uploaded_by_id == user.pk and can_add_attachment(user, attachment.request)
