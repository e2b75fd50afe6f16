"""Who may do what in the consultation part.

The secretariat edits everything; the police chiefs of a body's member organisations read its meetings, its
published agenda and its published minutes; everyone reads the published decisions of a body whose decisions are
public (the Strategic Consultation). Which rows a user sees is the selectors' (``selectors.py``); these answer
whether a user may change something, and whether the meeting is in a state for it.

A meeting's content (agenda, attendance, notes, decisions and new action points) is changed while its minutes are a
draft: approved minutes are settled, published ones are locked (a correction reopens them as a new version). The
minutes' steps (approve, reopen, publish, correct) are the lifecycle of ``choices.TRANSITIONS``;
``available_actions`` lists the steps open to a user now, ``action_refusal`` says why one is not: the minutes page
offers exactly what the services, and through them the API, accept.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from apps.accounts.choices import Role
from apps.core.errors import ApplicationError

from .choices import TRANSITIONS, MinutesStatus, next_status


def is_secretariat(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_role(Role.SECRETARIAT))


def is_chief(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.organisation_id and user.has_role(Role.POLICE_CHIEF))


def can_edit(user) -> bool:
    """Plan meetings, build agendas, record attendance, write minutes, decisions and action points."""
    return is_secretariat(user)


def require_editor(user) -> None:
    if not can_edit(user):
        raise PermissionDenied


def content_refusal(minutes) -> ApplicationError | None:
    """Why the meeting's agenda, attendance, notes and decisions cannot change now (None when they can)."""
    if minutes.status == MinutesStatus.DRAFT:
        return None
    if minutes.status == MinutesStatus.APPROVED:
        return ApplicationError(
            _("The minutes of this meeting are approved: reopen them as a draft to change the meeting's record.")
        )
    return ApplicationError(
        _("The minutes of this meeting are published and locked: start a correction to change the meeting's record.")
    )


_ACTION_LABELS = {
    "approve": lambda: _("approved"),
    "reopen": lambda: _("reopened"),
    "publish": lambda: _("published"),
    "correct": lambda: _("corrected"),
}


def action_refusal(user, minutes, action: str) -> Exception | None:
    """Why ``action`` is not open to ``user`` on these minutes now (None when it is)."""
    if action not in TRANSITIONS:
        raise ValueError(action)
    if not can_edit(user):
        return PermissionDenied()
    if next_status(action, minutes.status) is None:
        return ApplicationError(
            _("These minutes are %(status)s: they cannot be %(action)s now.")
            % {"status": str(minutes.get_status_display()).lower(), "action": _ACTION_LABELS[action]()}
        )
    return None


def available_actions(user, minutes) -> list[str]:
    return [action for action in TRANSITIONS if action_refusal(user, minutes, action) is None]


# Objectives and activities ----------------------------------------------------------------------------------------
#
# Every user of the portal reads the work programmes, objectives, activities and their history; the secretariat
# keeps the programmes, objectives and activities; the members of an activity's lead (its working group, or the
# working-group members of the organisation that leads it) post its progress updates, and so does the secretariat.


def can_read_objectives(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_edit_objectives(user) -> bool:
    """Keep programmes, objectives and activities."""
    return is_secretariat(user)


def require_objectives_editor(user) -> None:
    if not can_edit_objectives(user):
        raise PermissionDenied


def is_lead_member(user, activity, group_ids) -> bool:
    """Whether ``user`` is a member of the activity's lead: a working-group member of the lead organisation itself,
    or seconded to it (``group_ids``: the organisations of the working groups the user is seconded to)."""
    if not (user.is_authenticated and user.is_active and user.has_role(Role.WORKING_GROUP_MEMBER)):
        return False
    return activity.lead_id == user.organisation_id or activity.lead_id in group_ids


def can_post_update(user, activity, group_ids) -> bool:
    return is_secretariat(user) or is_lead_member(user, activity, group_ids)


def update_refusal(user, activity, group_ids) -> PermissionDenied | None:
    """Why ``user`` may not post an update on ``activity`` (None when they may), in the user's language."""
    if can_post_update(user, activity, group_ids):
        return None
    return PermissionDenied(
        _("Only the members of %(lead)s post progress updates on its activities.") % {"lead": activity.lead.name}
    )
