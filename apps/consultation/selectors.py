"""Reads of the consultation part that decide visibility; every one takes the user (or a meeting already found
through one that did). What the user may not see is a 404: the ``*_get_for_user`` readers raise ``Http404``.

- The secretariat sees everything, drafts included.
- A police chief sees the meetings of the bodies their organisation is a member of, their agenda once published,
  their minutes as last published, and their published decisions and action points.
- Everyone sees the published decisions of the bodies whose decisions are public (the Strategic Consultation).
"""

from datetime import date, datetime

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from .caching import SECRETARIAT, scope
from .choices import OPEN_ACTION_STATUSES, ItemKind
from .models import (
    ActionPoint,
    AgendaDocument,
    AgendaItem,
    Attendance,
    Body,
    Decision,
    Meeting,
    Membership,
    MinutesVersion,
    Topic,
)


def _is_chief_scope(value: str) -> bool:
    return value.startswith("chief:")


def member_body_ids(*, user) -> QuerySet:
    """The bodies the user's organisation is a member of (a subquery: no query of its own)."""
    return Membership.objects.filter(organisation_id=user.organisation_id).values("body_id")


def bodies_visible_to(*, user) -> QuerySet[Body]:
    """The bodies whose meetings the user sees."""
    seen = scope(user)
    if seen == SECRETARIAT:
        return Body.objects.all()
    if _is_chief_scope(seen):
        return Body.objects.filter(pk__in=member_body_ids(user=user))
    return Body.objects.none()


def decision_bodies_for(*, user) -> QuerySet[Body]:
    """The bodies whose decisions the user sees: theirs, and those whose decisions are public."""
    seen = scope(user)
    if seen == SECRETARIAT:
        return Body.objects.all()
    if _is_chief_scope(seen):
        return Body.objects.filter(Q(pk__in=member_body_ids(user=user)) | Q(decisions_public=True))
    if seen == "anonymous":
        return Body.objects.none()
    return Body.objects.filter(decisions_public=True)


# Meetings ---------------------------------------------------------------------------------------------------------


def meetings_visible_to(*, user) -> QuerySet[Meeting]:
    seen = scope(user)
    if seen == SECRETARIAT:
        return Meeting.objects.all()
    if _is_chief_scope(seen):
        return Meeting.objects.filter(body_id__in=member_body_ids(user=user))
    return Meeting.objects.none()


def meeting_list_visible_to(*, user) -> QuerySet[Meeting]:
    """The meetings the user sees, with their body, chairing country and minutes (one query per list)."""
    return meetings_visible_to(user=user).select_related("body", "chair_country", "minutes")


def meeting_get_for_user(*, user, pk) -> Meeting:
    try:
        return meeting_list_visible_to(user=user).get(pk=pk)
    except (Meeting.DoesNotExist, ValueError, TypeError, OverflowError) as error:
        raise Http404 from error


def meetings_between(*, user, start: datetime | None, end: datetime | None) -> QuerySet[Meeting]:
    """The meetings the user sees that overlap [start, end) (an open end when None)."""
    meetings = meeting_list_visible_to(user=user)
    if start is not None:
        meetings = meetings.filter(ends_at__gt=start)
    if end is not None:
        meetings = meetings.filter(starts_at__lt=end)
    return meetings.order_by("starts_at", "pk")


def agenda_visible(user, meeting) -> bool:
    """The secretariat sees an agenda in preparation; the members once it is published."""
    return scope(user) == SECRETARIAT or meeting.agenda_published_at is not None


def agenda_items_of(*, meeting) -> QuerySet[AgendaItem]:
    """The meeting's agenda in order, with documents and carried action points (three queries, whatever the
    number of items)."""
    return (
        AgendaItem.objects.filter(meeting=meeting)
        .order_by("position")
        .prefetch_related(
            Prefetch("documents", queryset=AgendaDocument.objects.order_by("pk")),
            Prefetch(
                "carried_action_points",
                queryset=ActionPoint.objects.select_related("owner_organisation__country", "meeting").order_by(
                    "due_date", "pk"
                ),
            ),
        )
    )


def agenda_items_for(*, user, meeting) -> list[AgendaItem] | None:
    """The agenda of a meeting already found for the user, or None when they may not see it yet."""
    if not agenda_visible(user, meeting):
        return None
    return list(agenda_items_of(meeting=meeting))


def agenda_item_get(*, meeting, pk) -> AgendaItem:
    """An item of this meeting (an item of another meeting is not found here)."""
    try:
        return AgendaItem.objects.select_related("meeting").get(meeting=meeting, pk=pk)
    except (AgendaItem.DoesNotExist, ValueError, TypeError, OverflowError) as error:
        raise Http404 from error


def attendance_of(*, meeting) -> list[Attendance]:
    """Members first, then substitutes and guests, each with organisation and whom they represent (one query)."""
    return list(
        Attendance.objects.filter(meeting=meeting)
        .select_related("organisation__country", "represents")
        .order_by("kind", "name", "pk")
    )


def attendance_get(*, meeting, pk) -> Attendance:
    try:
        return Attendance.objects.get(meeting=meeting, pk=pk)
    except (Attendance.DoesNotExist, ValueError, TypeError, OverflowError) as error:
        raise Http404 from error


def published_version(*, minutes) -> MinutesVersion | None:
    return MinutesVersion.objects.filter(minutes=minutes).order_by("-number").first()


def published_version_content(*, minutes, number: int) -> dict:
    content = MinutesVersion.objects.filter(minutes=minutes, number=number).values_list("content", flat=True).first()
    if content is None:
        raise Http404
    return content


def minutes_versions(*, minutes) -> list[MinutesVersion]:
    """The published versions, newest first, without their content."""
    return list(
        MinutesVersion.objects.filter(minutes=minutes)
        .defer("content")
        .select_related("published_by")
        .order_by("-number")
    )


def upcoming_meetings(*, user, now: datetime, limit: int = 10) -> list[Meeting]:
    return list(meeting_list_visible_to(user=user).filter(ends_at__gte=now).order_by("starts_at", "pk")[:limit])


def recent_meetings(*, user, now: datetime, limit: int = 10) -> list[Meeting]:
    return list(meeting_list_visible_to(user=user).filter(ends_at__lt=now).order_by("-starts_at", "-pk")[:limit])


# Decisions --------------------------------------------------------------------------------------------------------


def decisions_visible_to(*, user) -> QuerySet[Decision]:
    seen = scope(user)
    if seen == SECRETARIAT:
        return Decision.objects.all()
    if seen == "anonymous":
        return Decision.objects.none()
    published = Decision.objects.filter(published_at__isnull=False)
    if _is_chief_scope(seen):
        return published.filter(Q(body_id__in=member_body_ids(user=user)) | Q(body__decisions_public=True))
    return published.filter(body__decisions_public=True)


def decision_list_visible_to(*, user) -> QuerySet[Decision]:
    return decisions_visible_to(user=user).select_related("body", "topic", "meeting")


def decision_get_for_user(*, user, pk) -> Decision:
    try:
        return decision_list_visible_to(user=user).select_related("agenda_item", "meeting__body").get(pk=pk)
    except (Decision.DoesNotExist, ValueError, TypeError, OverflowError) as error:
        raise Http404 from error


def decisions_of(*, meeting) -> list[Decision]:
    return list(
        Decision.objects.filter(meeting=meeting).select_related("body", "topic", "agenda_item").order_by("number")
    )


def decision_years(*, user) -> list[int]:
    return list(decisions_visible_to(user=user).order_by("-year").values_list("year", flat=True).distinct())


def topics() -> QuerySet[Topic]:
    return Topic.objects.order_by("code")


# Action points ----------------------------------------------------------------------------------------------------


def action_points_visible_to(*, user) -> QuerySet[ActionPoint]:
    seen = scope(user)
    if seen == SECRETARIAT:
        return ActionPoint.objects.all()
    if _is_chief_scope(seen):
        return ActionPoint.objects.filter(published_at__isnull=False, body_id__in=member_body_ids(user=user))
    return ActionPoint.objects.none()


def action_point_list_visible_to(*, user) -> QuerySet[ActionPoint]:
    return action_points_visible_to(user=user).select_related("body", "owner_organisation__country", "meeting")


def action_point_get_for_user(*, user, pk) -> ActionPoint:
    try:
        return action_point_list_visible_to(user=user).select_related("agenda_item", "meeting__body").get(pk=pk)
    except (ActionPoint.DoesNotExist, ValueError, TypeError, OverflowError) as error:
        raise Http404 from error


def action_points_of(*, meeting) -> list[ActionPoint]:
    return list(
        ActionPoint.objects.filter(meeting=meeting)
        .select_related("owner_organisation__country", "agenda_item", "body", "meeting")
        .order_by("pk")
    )


def open_action_points(queryset: QuerySet[ActionPoint]) -> QuerySet[ActionPoint]:
    return queryset.filter(status__in=OPEN_ACTION_STATUSES)


def overdue_action_points(queryset: QuerySet[ActionPoint], *, today: date) -> QuerySet[ActionPoint]:
    """Still open after their due date."""
    return queryset.filter(status__in=OPEN_ACTION_STATUSES, due_date__lt=today)


def action_points_to_carry(*, meeting) -> QuerySet[ActionPoint]:
    """The body's action points still open that were agreed at its earlier meetings: the next meeting's standing
    item."""
    return open_action_points(
        ActionPoint.objects.filter(body_id=meeting.body_id, meeting__starts_at__lt=meeting.starts_at)
    ).order_by("due_date", "pk")


def standing_item_of(*, meeting) -> AgendaItem | None:
    return AgendaItem.objects.filter(meeting=meeting, kind=ItemKind.ACTION_POINTS).first()
