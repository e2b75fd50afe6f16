"""Choices of the assistance app and the procedure as data (the TRANSITIONS table)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestKind(models.TextChoices):
    ASSISTANCE = "assistance", _("Assistance (police capacity)")
    LOAN = "loan", _("Loan (material)")
    BOTH = "both", _("Assistance and loan")


class Urgency(models.TextChoices):
    ROUTINE = "routine", _("Routine")
    URGENT = "urgent", _("Urgent")
    IMMEDIATE = "immediate", _("Immediate")


# Queue order: the most urgent first.
URGENCY_RANK = {Urgency.IMMEDIATE: 0, Urgency.URGENT: 1, Urgency.ROUTINE: 2}


class RequestStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    ANSWERED = "answered", _("Answered")
    ACCEPTED = "accepted", _("Offer accepted")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


class ResourceCategory(models.TextChoices):
    PERSONNEL = "personnel", _("Personnel")
    ANIMALS = "animals", _("Animals with handlers")
    EQUIPMENT = "equipment", _("Equipment")


class LineDecision(models.TextChoices):
    APPROVED = "approved", _("Approved")
    PARTIALLY = "partially", _("Partially approved")
    DECLINED = "declined", _("Declined")


class CostArrangement(models.TextChoices):
    SENDING_COUNTRY = "sending", _("Borne by the sending country")
    REQUESTING_COUNTRY = "requesting", _("Reimbursed by the requesting country")
    SHARED = "shared", _("Shared as agreed")
    TO_BE_AGREED = "tba", _("To be agreed")


class OfferDecision(models.TextChoices):
    PENDING = "pending", _("Awaiting decision")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class ItemCondition(models.TextChoices):
    GOOD = "good", _("Good")
    WORN = "worn", _("Worn, usable")
    DAMAGED = "damaged", _("Damaged")
    LOST = "lost", _("Lost")


class EscalationLevel(models.TextChoices):
    CHIEFS = "chiefs", _("The country's police chiefs")
    DUTY_OFFICERS = "duty", _("The named duty officers")
    BOTH = "both", _("Duty officers and police chiefs")


class EquipmentStatus(models.TextChoices):
    """Where an item of the registry is now (worked out from its bookings, not stored)."""

    AVAILABLE = "available", _("Available")
    OUT = "out", _("On loan")
    RETIRED = "retired", _("Retired")


S = RequestStatus
OPEN_STATUSES = [S.SUBMITTED, S.ACKNOWLEDGED, S.ANSWERED, S.ACCEPTED, S.IN_PROGRESS]

# The procedure: for each action, the states it may start from and the state it leads to. Read only through
# ``next_status`` (the services' refusals and the request page's buttons: ``permissions.action_refusal``); nothing
# else decides the order.
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "submit": (frozenset({S.DRAFT}), S.SUBMITTED),
    "acknowledge": (frozenset({S.SUBMITTED, S.ACKNOWLEDGED}), S.ACKNOWLEDGED),
    "respond": (frozenset({S.ACKNOWLEDGED}), S.ANSWERED),
    "accept": (frozenset({S.ANSWERED}), S.ACCEPTED),
    "start": (frozenset({S.ACCEPTED}), S.IN_PROGRESS),
    "complete": (frozenset({S.IN_PROGRESS}), S.COMPLETED),
    "close": (frozenset({S.COMPLETED}), S.CLOSED),
    "cancel": (
        frozenset({S.DRAFT, S.SUBMITTED, S.ACKNOWLEDGED, S.ANSWERED, S.ACCEPTED, S.IN_PROGRESS}),
        S.CANCELLED,
    ),
}


def next_status(action: str, status: str) -> str | None:
    """The state ``action`` leads to from ``status``, or None when the procedure does not allow it from there."""
    sources, target = TRANSITIONS[action]
    return target if status in sources else None
