"""Who may do what in the liaison network. Everyone logged in reads the network; the rules below decide who writes
and who reads contact details.

- A liaison officer keeps their own record (``LiaisonOfficer.user``): postings, accreditations, absences, languages,
  contact details; they confirm it.
- A liaison-officer coordinator keeps the records of their own country's officers (their organisation's country),
  its desks and the joint Benelux desks, and confirms the records of officers without a portal account.
- Administrators (superusers) may do all of it.
- Contact details are shown to police users only: members of an active police service or control room.
"""

from apps.accounts.choices import OrganisationKind, Role

from .choices import DeskOperator, SendingCountry

POLICE_KINDS = (OrganisationKind.POLICE_SERVICE, OrganisationKind.CONTROL_ROOM)


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_police_user(user) -> bool:
    """A logged-in member of an active police service or control room (of any country of the portal)."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    organisation = user.organisation if user.organisation_id else None
    return bool(organisation and organisation.is_active and organisation.kind in POLICE_KINDS)


def can_see_contacts(user) -> bool:
    return is_police_user(user)


def coordinator_country(user) -> str | None:
    """The country whose officers the user coordinates (their organisation's), or None."""
    if not _active(user) or not user.has_role(Role.LIAISON_COORDINATOR) or not user.organisation_id:
        return None
    country = user.organisation.country  # None for a joint Benelux body, which sends no officers
    return country.code if country is not None and country.code in SendingCountry.values else None


def is_coordinator(user) -> bool:
    return _active(user) and (user.is_superuser or coordinator_country(user) is not None)


def coordinates(user, sending_country: str) -> bool:
    """Whether the user coordinates the officers of ``sending_country``."""
    return _active(user) and (user.is_superuser or coordinator_country(user) == sending_country)


def is_own_record(user, officer) -> bool:
    return _active(user) and officer.user_id is not None and officer.user_id == user.pk


def can_edit_officer(user, officer) -> bool:
    return is_own_record(user, officer) or coordinates(user, officer.sending_country)


def can_add_officer(user) -> bool:
    return is_coordinator(user)


def can_manage_account_link(user, officer) -> bool:
    """Who links an officer to a portal account and chooses their sending country: their coordinators."""
    return coordinates(user, officer.sending_country)


def can_confirm(user, officer) -> bool:
    """The officer confirms their own record; a coordinator confirms for an officer who has no account."""
    if is_own_record(user, officer):
        return True
    return officer.user_id is None and coordinates(user, officer.sending_country)


def can_add_desk(user) -> bool:
    return is_coordinator(user)


def can_manage_desk(user, desk) -> bool:
    """A country's coordinators manage its desks; both countries' manage the joint Benelux desks."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    country = coordinator_country(user)
    return country is not None and desk.run_by in (country, DeskOperator.BENELUX)


def desk_operators_for(user) -> list[str]:
    """The desk operators a user may choose for a new desk."""
    if user.is_superuser:
        return list(DeskOperator.values)
    country = coordinator_country(user)
    return [country, DeskOperator.BENELUX] if country else []


def can_see_stale_records(user) -> bool:
    return is_coordinator(user)
