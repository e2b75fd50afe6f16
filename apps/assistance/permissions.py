"""Who may do what with a request: row-level rules (organisation, country) on top of the role.

Each ``can_*`` function answers for one user and one request; services call them under the
row lock, views and templates call them to show only the actions a user may take.
"""

from apps.accounts.choices import Role

from .choices import RequestStatus


def is_operator(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.organisation_id and user.has_role(Role.OPERATOR))


def is_filing_control_room(user, request) -> bool:
    """An operator of the organisation that filed the request."""
    return is_operator(user) and user.organisation_id == request.requesting_organisation_id


def _requested_country_ids(request) -> set[int]:
    return {row.country_id for row in request.requested.all()}


def is_requested_operator(user, request) -> bool:
    """An operator of a country the request asks (never the requesting country itself)."""
    if not is_operator(user):
        return False
    country_id = user.organisation.country_id
    return country_id in _requested_country_ids(request) and country_id != request.requesting_organisation.country_id


def can_create(user) -> bool:
    return is_operator(user)


def can_edit(user, request) -> bool:
    return request.status == RequestStatus.DRAFT and is_filing_control_room(user, request)


def can_submit(user, request) -> bool:
    return can_edit(user, request)


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


def can_write_message(user, request) -> bool:
    """The control rooms involved talk on the thread; chiefs and the secretariat read it."""
    if request.submitted_at is None:  # a draft, or a draft cancelled before it was filed
        return False
    return is_filing_control_room(user, request) or is_requested_operator(user, request)
