"""Who may add, change and register for events. Who sees an event is the selectors' rule (``event_list_visible_to``):
the checks below are asked of an event found through them."""

from apps.accounts.choices import OrganisationKind, Role
from apps.accounts.models import User

from .choices import Visibility
from .models import Event

# Roles that add events whatever their organisation; members of a police service add them too.
ADDING_ROLES = (Role.OPERATOR, Role.SECRETARIAT)


def can_add_event(user: User) -> bool:
    if not user.is_authenticated or not user.is_active or user.organisation_id is None:
        return False
    if user.has_role(*ADDING_ROLES):
        return True
    return user.organisation.kind == OrganisationKind.POLICE_SERVICE and user.organisation.is_active


def sees_every_country(user: User) -> bool:
    """The Benelux secretariat sees the events of the three countries, restricted ones too (read-only where it is
    not a party: ``can_change_event``)."""
    return bool(user.is_authenticated and user.is_active and user.has_role(Role.SECRETARIAT))


def can_change_event(user: User, event: Event) -> bool:
    """The organiser's organisation edits an event; the secretariat edits the events shared with every partner, and
    reads those a country keeps to itself."""
    if not can_add_event(user):
        return False
    if user.organisation_id == event.organiser_id:
        return True
    return user.has_role(Role.SECRETARIAT) and event.visibility == Visibility.ALL_PARTNERS


def can_choose_organiser(user: User) -> bool:
    """The secretariat enters events on behalf of any organisation; others organise as their own."""
    return user.is_authenticated and user.has_role(Role.SECRETARIAT)


def can_register_for_training(user: User, event: Event) -> bool:
    """A member country registers its participants: a member of a joint Benelux body (no country) has none to
    register."""
    if not (event.is_training and can_add_event(user)):
        return False
    country = user.organisation.country
    return country is not None and country.is_member
