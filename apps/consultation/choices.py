"""Choices of the consultation app and the minutes' lifecycle as data (the TRANSITIONS table)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Digital")
    HYBRID = "hybrid", _("Hybrid")


class ItemKind(models.TextChoices):
    REGULAR = "regular", _("Agenda item")
    ACTION_POINTS = "action_points", _("Standing item: open action points")


class AttendanceKind(models.TextChoices):
    MEMBER = "member", _("Member")
    SUBSTITUTE = "substitute", _("Substitute")
    GUEST = "guest", _("Guest")


class AttendanceStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    PRESENT = "present", _("Present")
    EXCUSED = "excused", _("Excused")
    ABSENT = "absent", _("Absent")


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)

M = MinutesStatus
# The minutes' lifecycle: for each action, the states it may start from and the state it leads to. Read only through
# ``next_status`` (the services' refusals and the buttons of the minutes page: ``permissions.available_actions``).
# "correct" reopens published minutes as a new revision: the published versions stay as they were.
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "approve": (frozenset({M.DRAFT}), M.APPROVED),
    "reopen": (frozenset({M.APPROVED}), M.DRAFT),
    "publish": (frozenset({M.APPROVED}), M.PUBLISHED),
    "correct": (frozenset({M.PUBLISHED}), M.DRAFT),
}


def next_status(action: str, status: str) -> str | None:
    """The state ``action`` leads to from ``status``, or None when the lifecycle does not allow it from there."""
    sources, target = TRANSITIONS[action]
    return target if status in sources else None
