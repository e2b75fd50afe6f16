"""Who may add, change and register for events. Who sees an event is the selectors' rule (``event_list_visible_to``):
the checks below are asked of an event found through them."""

from apps.accounts.choices import OrganisationKind, Role
from apps.accounts.models import User

from .models import Event

# Roles that add events whatever their organisation; members of a police service add them too.
ADDING_ROLES = (Role.OPERATOR, Role.SECRETARIAT)


def can_add_event(user: User) -> bool:
    if not user.is_authenticated or not user.is_active or user.organisation_id is None:
        return False
    if user.has_role(*ADDING_ROLES):
        return True
    return user.organisation.kind == OrganisationKind.POLICE_SERVICE and user.organisation.is_active


def can_change_event(user: User, event: Event) -> bool:
    """The organiser's organisation and the secretariat edit an event."""
    if not can_add_event(user):
        return False
    return user.organisation_id == event.organiser_id or user.has_role(Role.SECRETARIAT)


def can_choose_organiser(user: User) -> bool:
    """The secretariat enters events on behalf of any organisation; others organise as their own."""
    return user.is_authenticated and user.has_role(Role.SECRETARIAT)


def can_register_for_training(user: User, event: Event) -> bool:
    return event.is_training and can_add_event(user) and user.organisation.country.is_member
