"""Who may add, change and register for events. Row-level rules live here; the selectors decide visibility."""

from apps.accounts.choices import OrganisationKind, Role
from apps.accounts.models import User

from .choices import Visibility
from .models import Event

# Roles that add events whatever their organisation; members of a police service add them too.
ADDING_ROLES = (Role.OPERATOR, Role.SECRETARIAT)


def can_see_event(user: User, event: Event) -> bool:
    if not user.is_authenticated:
        return False
    if event.visibility == Visibility.ALL_PARTNERS:
        return True
    return user.organisation_id is not None and user.organisation.country_id == event.organiser.country_id


def can_add_event(user: User) -> bool:
    if not user.is_authenticated or not user.is_active or user.organisation_id is None:
        return False
    if user.has_role(*ADDING_ROLES):
        return True
    return user.organisation.kind == OrganisationKind.POLICE_SERVICE and user.organisation.is_active


def can_change_event(user: User, event: Event) -> bool:
    """The organiser's organisation and the secretariat edit an event."""
    if not can_add_event(user) or not can_see_event(user, event):
        return False
    return user.organisation_id == event.organiser_id or user.has_role(Role.SECRETARIAT)


def can_choose_organiser(user: User) -> bool:
    """The secretariat enters events on behalf of any organisation; others organise as their own."""
    return user.is_authenticated and user.has_role(Role.SECRETARIAT)


def can_register_for_training(user: User, event: Event) -> bool:
    return (
        event.is_training and can_add_event(user) and can_see_event(user, event) and user.organisation.country.is_member
    )
