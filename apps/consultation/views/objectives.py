"""Pages of the work programmes: the chiefs' dashboard, the programmes, an objective, an activity with its history,
the progress update form, the timeline and the progress reports; the secretariat's forms.

Every user of the portal reads them. The dashboard and the timeline, which many read, are cached bodies
(``apps/core/caching.py``) for everyone of the same scope (``caching.scope``), language, address and day, until any
consultation data changes; the dashboard's is kept apart for each "since your last visit" moment, so that a hit runs
no query. The other pages are made afresh, in a pinned number of queries.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from apps.accounts.models import Country, Organisation
from apps.core.caching import body_html, body_parts
from apps.core.errors import ApplicationError
from apps.core.paging import page_number

from .. import caching, permissions, reports, selectors, services, timeline
from ..choices import CLOSED_STATUSES, ProgressStatus
from ..filtersets import ActivityFilterSet
from ..forms import ActivityForm, ObjectiveForm, ProgrammeForm, ProgressUpdateForm
from .meetings import PAGE_CACHE_SECONDS, _apply_errors, _query_without_page

DASHBOARD_FILTERS = ("programme", "country", "lead", "status")
CHANGED_LISTED = 50
# The most overdue, and the first to fall due, at the top of the dashboard; all of them are under their objectives.
LATE_LISTED = DUE_LISTED = 20


def _today():
    return timezone.localdate()


def _readers_only(request) -> None:
    if not permissions.can_read_objectives(request.user):
        raise PermissionDenied


def _editor_only(request) -> None:
    if not permissions.can_edit_objectives(request.user):
        raise PermissionDenied


def _cached_body(request, name: str, body_template: str, make, *, extra=()) -> dict:
    """``{"title", "body"}`` of a cached body: ``make()`` answers the context of ``body_template`` (with a
    ``title``), on a miss only. A 404 raised by ``make`` is never cached."""
    entry = caching.lookup(name, request, extra=[_today(), *extra])
    if entry.value is None:
        context = make()
        entry.keep(
            {"title": str(context.get("title", "")), "parts": body_parts(body_template, context)}, PAGE_CACHE_SECONDS
        )
    return {"title": entry.value["title"], "body": body_html(entry.value["parts"], request)}


def _programme_from(request, programmes):
    """The programme asked for (``?programme=``) among those the user sees, else the current one; None when the
    asked one is not among them."""
    asked = request.GET.get("programme")
    if asked:
        return next((programme for programme in programmes if str(programme.pk) == asked), None)
    return selectors.current_programme(programmes, today=_today())


# --- the chiefs' dashboard -----------------------------------------------------------------------------------------


def dashboard_context(*, user, request, since, today) -> dict:
    """Every objective of the programme with its activities red, amber or green; what changed since ``since``; what
    is late; what is due before the body's next meeting. In a fixed number of queries, whatever the number of rows."""
    programmes = list(selectors.programmes_visible_to(user=user).order_by("-start_year", "body__code", "pk"))
    programme = _programme_from(request, programmes)
    context = {
        "title": _("Objectives dashboard"),
        "programmes": programmes,
        "programme": programme,
        "since": since,
        "today": today,
        "can_edit": permissions.can_edit_objectives(user),
        "failed": False,
    }
    if programme is None:
        context["failed"] = bool(request.GET.get("programme"))
        return context
    data = request.GET.copy()
    data["programme"] = str(programme.pk)
    visible = selectors.activity_list_visible_to(user=user).order_by("objective__number", "number", "pk")
    filterset = ActivityFilterSet(data, queryset=visible, request=request)
    failed = not filterset.is_valid()
    activities = list(visible.none() if failed else filterset.qs)
    selectors.decorate(activities, today=today, since=since)
    filtered = any(request.GET.get(name) for name in DASHBOARD_FILTERS if name != "programme")
    objectives = list(
        selectors.objective_list_visible_to(user=user).filter(programme=programme).order_by("number", "pk")
    )
    by_pk = {objective.pk: objective for objective in objectives}
    for activity in activities:
        activity.objective = by_pk[activity.objective_id]
    selectors.objectives_with_activities(objectives, activities, today=today)
    if filtered:
        objectives = [objective for objective in objectives if objective.rows]
    now = timezone.now()
    meeting = selectors.next_meeting(body_id=programme.body_id, now=now)
    meeting_day = timezone.localtime(meeting.starts_at).date() if meeting else None
    changed = sorted((a for a in activities if a.changed), key=lambda a: a.changed_at, reverse=True)
    latest = selectors.latest_updates(activity.pk for activity in changed[:CHANGED_LISTED])
    for activity in changed:
        activity.latest = latest.get(activity.pk)
    late = [activity for activity in activities if activity.shown == ProgressStatus.LATE]
    due = [
        activity
        for activity in activities
        if meeting_day and activity.status not in CLOSED_STATUSES and today <= activity.due_on <= meeting_day
    ]
    colours = [activity.rag for activity in activities]
    context.update(
        {
            "filterset": filterset,
            "failed": failed,
            "filtered": filtered,
            "objectives": objectives,
            "activities": activities,
            "changed": changed[:CHANGED_LISTED],
            "changed_count": len(changed),
            "late": sorted(late, key=lambda a: (a.due_on, a.pk))[:LATE_LISTED],
            "late_count": len(late),
            "due": sorted(due, key=lambda a: (a.due_on, a.pk))[:DUE_LISTED],
            "due_count": len(due),
            "meeting": meeting,
            "meeting_visible": bool(meeting)
            and selectors.meetings_visible_to(user=user).filter(pk=meeting.pk).exists(),
            "leads": selectors.lead_choices(programme=programme),
            "countries": _countries_of_programme(programme),
            "statuses": ProgressStatus.choices,
            "colours": {colour: colours.count(colour) for colour in ("red", "amber", "green", "grey")},
        }
    )
    return context


def _countries_of_programme(programme):
    """The countries to filter by: the member countries, and any other of an organisation leading an activity of the
    programme (one query)."""
    return list(
        Country.objects.filter(
            Q(is_member=True) | Q(organisations__consultation_activities__objective__programme=programme)
        )
        .distinct()
        .order_by("code")
    )


def dashboard(request):
    """The chiefs' dashboard (every user reads it): the views of one visit share "what changed since your last
    visit"; each visit moves it on (``services.dashboard_visit_record``)."""
    _readers_only(request)
    user = request.user
    today = _today()
    since = services.dashboard_visit_record(user=user, now=timezone.now())
    page = _cached_body(
        request,
        "dashboard",
        "consultation/_dashboard.html",
        lambda: dashboard_context(user=user, request=request, since=since, today=today),
        extra=[since.isoformat() if since else "-"],
    )
    groups = selectors.lead_group_ids(user=user)
    mine = (
        list(Organisation.objects.filter(pk__in=groups).select_related("country").order_by("short_name"))
        if groups
        else []
    )
    return render(request, "consultation/dashboard.html", {**page, "mine": mine})


# --- programmes ----------------------------------------------------------------------------------------------------


@require_safe
def programmes(request):
    """Every work programme, newest first, with its numbers of objectives and activities."""
    _readers_only(request)
    return render(
        request,
        "consultation/programmes.html",
        {
            "programmes": selectors.programme_list(user=request.user),
            "can_edit": permissions.can_edit_objectives(request.user),
        },
    )


@require_safe
def programme(request, pk):
    """A work programme: its objectives with their progress and status, and the way to the timeline and the
    reports."""
    found = selectors.programme_get_for_user(user=request.user, pk=pk)
    today = _today()
    objectives = list(
        selectors.objective_list_visible_to(user=request.user).filter(programme=found).order_by("number", "pk")
    )
    activities = list(selectors.activities_of_objectives(objectives))
    selectors.decorate(activities, today=today)
    selectors.objectives_with_activities(objectives, activities, today=today)
    return render(
        request,
        "consultation/programme.html",
        {
            "programme": found,
            "objectives": objectives,
            "can_edit": permissions.can_edit_objectives(request.user),
            "today": today,
        },
    )


def programme_edit(request, pk=None):
    """A new work programme, or changes to one."""
    found = selectors.programme_get_for_user(user=request.user, pk=pk) if pk else None
    _editor_only(request)
    initial = (
        {
            **ProgrammeForm.initial_translations(found, ("title",)),
            "body": found.body_id,
            "start_year": found.start_year,
            "end_year": found.end_year,
        }
        if found
        else {}
    )
    form = ProgrammeForm(request.POST or None, initial=initial, programme=found)
    if request.method == "POST" and form.is_valid():
        try:
            if found is None:
                found = services.programme_create(
                    actor=request.user, body=form.cleaned_data["body"], **form.service_values()
                )
            else:
                services.programme_update(programme=found, actor=request.user, **form.service_values())
        except ApplicationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The work programme was saved."))
            return redirect(found)
    return render(request, "consultation/programme_form.html", {"form": form, "programme": found})


# --- objectives ----------------------------------------------------------------------------------------------------


@require_safe
def objective(request, pk):
    """An objective: its activities with status, progress and latest update, and the agenda items about it."""
    user = request.user
    found = selectors.objective_get_for_user(user=user, pk=pk)
    today = _today()
    activities = list(selectors.activities_of_objectives([found]))
    selectors.decorate(activities, today=today)
    selectors.objectives_with_activities([found], activities, today=today)
    latest = selectors.latest_updates(activity.pk for activity in activities)
    for activity in activities:
        activity.objective = found
        activity.latest = latest.get(activity.pk)
    return render(
        request,
        "consultation/objective.html",
        {
            "objective": found,
            "activities": activities,
            "items": selectors.agenda_items_about(user=user, objective=found),
            "can_edit": permissions.can_edit_objectives(user),
            "today": today,
        },
    )


def objective_edit(request, pk=None, programme_pk=None):
    """A new objective of a programme, or changes to one."""
    if pk is not None:
        found = selectors.objective_get_for_user(user=request.user, pk=pk)
        parent = found.programme
        initial = {
            **ObjectiveForm.initial_translations(found, ("title", "description")),
            "number": found.number,
            "target_date": found.target_date,
            "owner_body": found.owner_body_id,
            "status": found.status,
        }
    else:
        found = None
        parent = selectors.programme_get_for_user(user=request.user, pk=programme_pk)
        initial = {}
    _editor_only(request)
    form = ObjectiveForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if found is None:
                found = services.objective_create(programme=parent, actor=request.user, **form.service_values())
            else:
                services.objective_update(objective=found, actor=request.user, **form.service_values())
        except ApplicationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The objective was saved."))
            return redirect(found)
    return render(request, "consultation/objective_form.html", {"form": form, "objective": found, "programme": parent})


# --- activities ----------------------------------------------------------------------------------------------------


@require_safe
def activity(request, pk):
    """An activity: its facts, the decisions, action points and agenda items about it, and its history of progress
    updates; the members of its lead (and the secretariat) post an update from here."""
    user = request.user
    found = selectors.activity_get_for_user(user=user, pk=pk)
    today = _today()
    selectors.decorate([found], today=today)
    return render(
        request,
        "consultation/activity.html",
        {
            "activity": found,
            "updates": selectors.updates_of(activity=found),
            "decisions": list(
                selectors.decision_list_visible_to(user=user).filter(activities=found).order_by("-year", "-number")
            ),
            "action_points": list(
                selectors.action_point_list_visible_to(user=user).filter(activities=found).order_by("due_date", "pk")
            ),
            "items": selectors.agenda_items_about(user=user, activity=found),
            "can_edit": permissions.can_edit_objectives(user),
            "can_update": permissions.can_post_update(user, found, selectors.seconded_group_ids(user=user)),
            "today": today,
        },
    )


def activity_edit(request, pk=None, objective_pk=None):
    """A new activity of an objective, or changes to one (its status and progress change with its updates)."""
    if pk is not None:
        found = selectors.activity_get_for_user(user=request.user, pk=pk)
        parent = found.objective
        initial = {
            **ActivityForm.initial_translations(found, ("title", "description")),
            "number": found.number,
            "lead": found.lead_id,
            "starts_on": found.starts_on,
            "due_on": found.due_on,
            "decisions": list(found.decisions.values_list("pk", flat=True)),
            "action_points": list(found.action_points.values_list("pk", flat=True)),
        }
    else:
        found = None
        parent = selectors.objective_get_for_user(user=request.user, pk=objective_pk)
        initial = {}
    _editor_only(request)
    programme_ = parent.programme
    form = ActivityForm(
        request.POST or None,
        initial=initial,
        leads=list(Organisation.objects.filter(is_active=True).select_related("country").order_by("kind", "name")),
        decisions=selectors.decisions_for_linking(programme=programme_),
        action_points=selectors.action_points_for_linking(programme=programme_),
    )
    if request.method == "POST" and form.is_valid():
        try:
            if found is None:
                found = services.activity_create(objective=parent, actor=request.user, **form.service_values())
            else:
                services.activity_update(activity=found, actor=request.user, **form.service_values())
        except ApplicationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The activity was saved."))
            return redirect(found)
    return render(request, "consultation/activity_form.html", {"form": form, "activity": found, "objective": parent})


def activity_update(request, pk):
    """Post a progress update on an activity: what happened, the new status and percentage (and, going back, why)."""
    user = request.user
    found = selectors.activity_get_for_user(user=user, pk=pk)
    refusal = permissions.update_refusal(user, found, selectors.seconded_group_ids(user=user))
    if refusal is not None:
        return render(
            request, "consultation/update_refused.html", {"activity": found, "reason": str(refusal)}, status=403
        )
    form = ProgressUpdateForm(request.POST or None, initial={"status": found.status, "progress": found.progress})
    if request.method == "POST" and form.is_valid():
        try:
            services.progress_update_post(activity=found, actor=user, **form.cleaned_data)
        except ApplicationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Your progress update was posted."))
            return redirect(found)
    selectors.decorate([found], today=_today())
    return render(
        request,
        "consultation/update_form.html",
        {"form": form, "activity": found},
        status=400 if request.method == "POST" else 200,
    )


# --- the timeline and the reports ------------------------------------------------------------------------------------


@require_safe
def programme_timeline(request, pk):
    """The programme's activities on a timeline (drawn by the portal as SVG), red, amber or green; by the lead's
    country and by lead; ten objectives a page (``?page=``), each page on the axis of the whole programme."""
    _readers_only(request)

    def make() -> dict:
        user = request.user
        found = selectors.programme_get_for_user(user=user, pk=pk)
        today = _today()
        data = request.GET.copy()
        data["programme"] = str(found.pk)
        visible = selectors.activity_list_visible_to(user=user).order_by("objective__number", "number", "pk")
        filterset = ActivityFilterSet(data, queryset=visible, request=request)
        failed = not filterset.is_valid()
        activities = list(visible.none() if failed else filterset.qs)
        selectors.decorate(activities, today=today)
        objectives = list(
            selectors.objective_list_visible_to(user=user).filter(programme=found).order_by("number", "pk")
        )
        selectors.objectives_with_activities(objectives, activities, today=today)
        for objective_ in objectives:
            for row in objective_.rows:
                row.objective = objective_
        # The years and today of the whole programme, the bars of one page of its objectives.
        chart = timeline.chart(found, [o for o in objectives if o.rows], today=today)
        page = timeline.page_of(chart, number=page_number(request.GET.get("page")))
        return {
            "title": _("Timeline %(years)s") % {"years": found.years},
            "programme": found,
            "filterset": filterset,
            "failed": failed,
            "chart": chart,
            "page": page,
            "query": _query_without_page(request),
            "leads": selectors.lead_choices(programme=found),
            "countries": _countries_of_programme(found),
        }

    page = _cached_body(request, "timeline", "consultation/_timeline.html", make)
    return render(request, "consultation/cached_page.html", page)


def _report_name(found, extension: str) -> str:
    return f"progress-report-{found.body.code}-{found.start_year}-{found.end_year}.{extension}"


@require_safe
def programme_report_pdf(request, pk):
    """The programme's progress report as a PDF, in the reader's language."""
    found = selectors.programme_get_for_user(user=request.user, pk=pk)
    body = reports.cached_report(found, "pdf", today=_today())
    return reports.download(body, "application/pdf", _report_name(found, "pdf"))


@require_safe
def programme_report_xlsx(request, pk):
    """The programme's progress report as a spreadsheet, in the reader's language."""
    found = selectors.programme_get_for_user(user=request.user, pk=pk)
    body = reports.cached_report(found, "xlsx", today=_today())
    return reports.download(body, reports.XLSX, _report_name(found, "xlsx"))
