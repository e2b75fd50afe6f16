"""Choices of the consultation app and the minutes' lifecycle as data (the TRANSITIONS table)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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


# Statuses carry a context: the same English word is another word in French or Dutch for a person, for minutes
# (procès-verbal, notulen) and for an action point.
class AttendanceStatus(models.TextChoices):
    INVITED = "invited", pgettext_lazy("attendance", "Invited")
    PRESENT = "present", pgettext_lazy("attendance", "Present")
    EXCUSED = "excused", pgettext_lazy("attendance", "Excused")
    ABSENT = "absent", pgettext_lazy("attendance", "Absent")


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("minutes", "Draft")
    APPROVED = "approved", pgettext_lazy("minutes", "Approved")
    PUBLISHED = "published", pgettext_lazy("minutes", "Published")


class ActionStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("action point", "Open")
    IN_PROGRESS = "in_progress", pgettext_lazy("action point", "In progress")
    DONE = "done", pgettext_lazy("action point", "Done")
    CANCELLED = "cancelled", pgettext_lazy("action point", "Cancelled")


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
