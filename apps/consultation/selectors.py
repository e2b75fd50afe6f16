"""Reads of the consultation part that decide visibility; every one takes the user (or a meeting already found
through one that did). What the user may not see is a 404: the ``*_get_for_user`` readers raise ``Http404``.

- The secretariat sees everything, drafts included.
- A police chief sees the meetings of the bodies their organisation is a member of, their agenda once published,
  their minutes as last published, and their published decisions and action points.
- Everyone sees the published decisions of the bodies whose decisions are public (the Strategic Consultation).
- Every user of the portal sees the work programmes, their objectives and activities and the progress updates.
"""

from datetime import date, datetime, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from apps.accounts.choices import Role
from apps.accounts.models import Organisation

from .caching import SECRETARIAT, scope
from .choices import CLOSED_STATUSES, OPEN_ACTION_STATUSES, ItemKind, ProgressStatus, rag
from .models import (
    ActionPoint,
    Activity,
    AgendaDocument,
    AgendaItem,
    Attendance,
    Body,
    Decision,
    Meeting,
    Membership,
    MinutesVersion,
    Objective,
    Programme,
    ProgressUpdate,
    Topic,
    WorkingGroup,
    WorkingGroupMember,
)
from .permissions import can_read_objectives


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
        .select_related("objective__programme", "activity__objective__programme")
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


# Work programmes, objectives and activities -------------------------------------------------------------------------


def programmes_visible_to(*, user) -> QuerySet[Programme]:
    if not can_read_objectives(user):
        return Programme.objects.none()
    return Programme.objects.select_related("body")


def programme_get_for_user(*, user, pk) -> Programme:
    try:
        return programmes_visible_to(user=user).get(pk=pk)
    except (Programme.DoesNotExist, ValueError, TypeError, OverflowError) as error:
        raise Http404 from error


def programme_list(*, user) -> list[Programme]:
    """Every programme the user sees, newest first, with its number of objectives and activities (one query)."""
    return list(
        programmes_visible_to(user=user)
        .annotate(
            objective_count=Count("objectives", distinct=True),
            activity_count=Count("objectives__activities", distinct=True),
        )
        .order_by("-start_year", "body__code", "pk")
    )


def current_programme(programmes, *, today: date) -> Programme | None:
    """Of ``programmes`` (a list), the one running this year (the latest started if several), else the latest that
    started, else the first to come."""
    running = [p for p in programmes if p.start_year <= today.year <= p.end_year]
    started = [p for p in programmes if p.start_year <= today.year]
    for candidates in (running, started):
        if candidates:
            return max(candidates, key=lambda p: (p.start_year, p.pk))
    return min(programmes, key=lambda p: (p.start_year, p.pk)) if programmes else None


def objectives_visible_to(*, user) -> QuerySet[Objective]:
    if not can_read_objectives(user):
        return Objective.objects.none()
    return Objective.objects.all()


def objective_list_visible_to(*, user) -> QuerySet[Objective]:
    return objectives_visible_to(user=user).select_related("programme__body", "owner_body")


def objective_get_for_user(*, user, pk) -> Objective:
    try:
        return objective_list_visible_to(user=user).get(pk=pk)
    except (Objective.DoesNotExist, ValueError, TypeError, OverflowError) as error:
        raise Http404 from error


def activities_visible_to(*, user) -> QuerySet[Activity]:
    if not can_read_objectives(user):
        return Activity.objects.none()
    return Activity.objects.all()


def activity_list_visible_to(*, user) -> QuerySet[Activity]:
    """The activities the user sees with what every list shows of them (objective, programme, lead and its country),
    in one query."""
    return activities_visible_to(user=user).select_related("objective__programme", "lead__country")


def activity_get_for_user(*, user, pk) -> Activity:
    try:
        return (
            activity_list_visible_to(user=user)
            .select_related("objective__programme__body", "objective__owner_body")
            .get(pk=pk)
        )
    except (Activity.DoesNotExist, ValueError, TypeError, OverflowError) as error:
        raise Http404 from error


def late_condition(today: date, prefix: str = "") -> Q:
    """Late: the due date has passed and it is neither done nor dropped (for objectives: ``target_date``)."""
    field = "target_date" if prefix == "objective" else "due_on"
    return Q(**{f"{field}__lt": today}) & ~Q(status__in=CLOSED_STATUSES)


def shown_status_condition(status: str, today: date, *, objectives: bool = False) -> Q:
    """The rows whose status as shown on ``today`` is ``status`` (late worked out from the dates)."""
    late = late_condition(today, "objective" if objectives else "")
    if status == ProgressStatus.LATE:
        return late
    return Q(status=status) & ~late


def activities_of_objectives(objectives) -> QuerySet[Activity]:
    return Activity.objects.filter(objective__in=objectives).select_related("lead__country").order_by("number", "pk")


def updates_of(*, activity) -> list[ProgressUpdate]:
    """The activity's history, newest first, with each author and their organisation (one query)."""
    return list(
        ProgressUpdate.objects.filter(activity=activity)
        .select_related("author__organisation__country")
        .order_by("-created_at", "-pk")
    )


def latest_updates(activity_ids) -> dict[int, ProgressUpdate]:
    """The latest update of each of these activities (one query)."""
    ids = list(activity_ids)
    if not ids:
        return {}
    rows = (
        ProgressUpdate.objects.filter(activity_id__in=ids)
        .select_related("author")
        .order_by("activity_id", "-created_at", "-pk")
        .distinct("activity_id")
    )
    return {row.activity_id: row for row in rows}


def seconded_group_ids(*, user) -> frozenset[int]:
    """The organisations of the working groups the user is seconded to (a query only for working-group members)."""
    if not (user.is_authenticated and user.has_role(Role.WORKING_GROUP_MEMBER)):
        return frozenset()
    return frozenset(
        WorkingGroupMember.objects.filter(user=user, working_group__is_active=True).values_list(
            "working_group__organisation_id", flat=True
        )
    )


def lead_group_ids(*, user) -> list[int]:
    """The organisations whose activities the user updates as a working-group member: their own and those of the
    groups they are seconded to (empty for other users)."""
    if not (user.is_authenticated and user.has_role(Role.WORKING_GROUP_MEMBER)):
        return []
    own = [user.organisation_id] if user.organisation_id else []
    return sorted({*own, *seconded_group_ids(user=user)})


def lead_choices(*, programme=None) -> list[Organisation]:
    """The organisations that lead activities (of ``programme``), for the filters (one query)."""
    leads = Organisation.objects.filter(consultation_activities__isnull=False)
    if programme is not None:
        leads = leads.filter(consultation_activities__objective__programme=programme)
    return list(leads.select_related("country").distinct().order_by("country__code", "short_name", "pk"))


def working_groups() -> list[WorkingGroup]:
    return list(
        WorkingGroup.objects.filter(is_active=True)
        .select_related("organisation__country", "body")
        .order_by("organisation__short_name")
    )


def lead_member_recipients(activity) -> tuple[int, list[int]]:
    """Who hears of an activity: the lead organisation (its working-group members) and the users seconded to it."""
    seconded = list(
        WorkingGroupMember.objects.filter(
            working_group__organisation_id=activity.lead_id, user__is_active=True
        ).values_list("user_id", flat=True)
    )
    return activity.lead_id, seconded


def next_meeting(*, body_id: int, now: datetime) -> Meeting | None:
    """The body's next meeting (one query)."""
    return Meeting.objects.filter(body_id=body_id, starts_at__gt=now).order_by("starts_at", "pk").first()


def decisions_for_linking(*, programme) -> list[Decision]:
    """The decisions an activity of ``programme`` may be linked to: its body's, from the year before it started to
    its end (one query)."""
    return list(
        Decision.objects.filter(
            body_id=programme.body_id, year__gte=programme.start_year - 1, year__lte=programme.end_year
        )
        .select_related("body")
        .order_by("-year", "-number")
    )


def action_points_for_linking(*, programme) -> list[ActionPoint]:
    """The action points an activity of ``programme`` may be linked to: agreed at its body's meetings from the year
    before it started to its end (one query)."""
    return list(
        ActionPoint.objects.filter(
            body_id=programme.body_id,
            meeting__starts_at__year__gte=programme.start_year - 1,
            meeting__starts_at__year__lte=programme.end_year,
        )
        .select_related("meeting")
        .order_by("-meeting__starts_at", "pk")
    )


def objectives_for_linking() -> list[Objective]:
    """Every objective and activity, for an agenda item's link (two queries)."""
    objectives = list(Objective.objects.select_related("programme").order_by("-programme__start_year", "number"))
    by_objective: dict[int, list[Activity]] = {}
    for activity in Activity.objects.order_by("number", "pk"):
        by_objective.setdefault(activity.objective_id, []).append(activity)
    for objective in objectives:
        objective.linkable_activities = by_objective.get(objective.pk, [])
        for activity in objective.linkable_activities:
            activity.objective = objective
    return objectives


def agenda_items_about(*, user, objective=None, activity=None) -> list[AgendaItem]:
    """The agenda items about an objective (or its activities) or an activity, of the meetings the user sees whose
    agenda they may read, newest first (one query)."""
    items = AgendaItem.objects.filter(meeting__in=meetings_visible_to(user=user))
    if scope(user) != SECRETARIAT:
        items = items.filter(meeting__agenda_published_at__isnull=False)
    if activity is not None:
        items = items.filter(activity=activity)
    else:
        items = items.filter(Q(objective=objective) | Q(activity__objective=objective))
    return list(items.select_related("meeting__body").order_by("-meeting__starts_at", "position"))


# The dashboard -----------------------------------------------------------------------------------------------------

VISIT_GAP = timedelta(hours=1)


def visit_since(previous_at, current_at, now: datetime):
    """Since when a dashboard opened at ``now`` shows what changed: the start of the visit before this one (views
    less than ``VISIT_GAP`` apart are one visit)."""
    if current_at is None:
        return None
    return current_at if now - current_at >= VISIT_GAP else previous_at


def decorate(activities, *, today: date, since=None) -> None:
    """Work out, on each activity, its status as shown (late from the dates), its colour and whether it changed
    since ``since``."""
    for activity in activities:
        activity.shown = activity.shown_status(today)
        activity.rag = rag(activity.shown, started=activity.starts_on <= today)
        activity.changed = bool(since and activity.changed_at > since)
        activity.shown_label = ProgressStatus(activity.shown).label


def objective_progress(activities) -> int | None:
    """An objective's progress: the mean of its activities' (the dropped ones left out)."""
    counted = [activity.progress for activity in activities if activity.status != ProgressStatus.DROPPED]
    return round(sum(counted) / len(counted)) if counted else None


def objectives_with_activities(objectives, activities, *, today: date) -> list[Objective]:
    """``objectives`` each with ``rows`` (its activities among ``activities``), progress, shown status, colour and
    count of activities per colour."""
    by_objective: dict[int, list[Activity]] = {}
    for activity in activities:
        by_objective.setdefault(activity.objective_id, []).append(activity)
    for objective in objectives:
        objective.rows = by_objective.get(objective.pk, [])
        objective.progress = objective_progress(objective.rows)
        objective.shown = objective.shown_status(today)
        objective.shown_label = ProgressStatus(objective.shown).label
        objective.rag = rag(objective.shown)
        colours = [row.rag for row in objective.rows]
        objective.colours = {colour: colours.count(colour) for colour in ("red", "amber", "green", "grey")}
    return objectives
