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


# Objectives and activities ----------------------------------------------------------------------------------------


class ProgressStatus(models.TextChoices):
    """The status of an objective or an activity. ``LATE`` is never stored: an activity (or objective) is late when
    its due date (target date) has passed and it is neither done nor dropped (``selectors.late_condition``); it is
    shown, filtered and reported as a status all the same."""

    NOT_STARTED = "not_started", pgettext_lazy("progress", "Not started")
    ON_TRACK = "on_track", pgettext_lazy("progress", "On track")
    AT_RISK = "at_risk", pgettext_lazy("progress", "At risk")
    LATE = "late", pgettext_lazy("progress", "Late")
    DONE = "done", pgettext_lazy("progress", "Done")
    DROPPED = "dropped", pgettext_lazy("progress", "Dropped")


P = ProgressStatus
# What is reported and stored; "late" is worked out from the dates.
REPORTED_STATUSES = (P.NOT_STARTED, P.ON_TRACK, P.AT_RISK, P.DONE, P.DROPPED)
REPORTED_CHOICES = [(status, ProgressStatus(status).label) for status in REPORTED_STATUSES]
# Finished one way or the other: never late, never due.
CLOSED_STATUSES = (P.DONE, P.DROPPED)

# The moves of a reported status that need no reason: forward, or between on track and at risk. Every other move
# (reopening what was done or dropped, going back to "not started") is accepted only with a reason, which stays in
# the activity's history. Read only through ``needs_reason``.
PROGRESS_TRANSITIONS: dict[str, frozenset[str]] = {
    P.NOT_STARTED: frozenset(REPORTED_STATUSES),
    P.ON_TRACK: frozenset({P.ON_TRACK, P.AT_RISK, P.DONE, P.DROPPED}),
    P.AT_RISK: frozenset({P.AT_RISK, P.ON_TRACK, P.DONE, P.DROPPED}),
    P.DONE: frozenset({P.DONE}),
    P.DROPPED: frozenset({P.DROPPED}),
}


def needs_reason(old: str, new: str) -> bool:
    """Whether moving a reported status from ``old`` to ``new`` must be explained."""
    return new not in PROGRESS_TRANSITIONS.get(old, frozenset())


class Rag(models.TextChoices):
    """Red, amber or green at a glance (grey: not started yet, or dropped)."""

    RED = "red", _("Red")
    AMBER = "amber", _("Amber")
    GREEN = "green", _("Green")
    GREY = "grey", _("Grey")


def rag(status: str, *, started: bool = True) -> str:
    """The colour of a status as shown (``late`` included): late is red; at risk, or not started after the start
    date, amber; on track and done green; not started yet and dropped grey."""
    if status == P.LATE:
        return Rag.RED
    if status == P.AT_RISK or (status == P.NOT_STARTED and started):
        return Rag.AMBER
    if status in (P.ON_TRACK, P.DONE):
        return Rag.GREEN
    return Rag.GREY
