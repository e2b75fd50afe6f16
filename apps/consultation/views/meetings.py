"""Pages of the consultation part: the start page, meetings, agenda, attendance, minutes, the decision register
and the action points.

What many users read (the start page, the meetings list, a meeting's page, the decision register, the action
points) is a cached body (``apps/core/caching.py``) for everyone of the same scope (``caching.scope``: the
secretariat, the chiefs of one organisation, everyone else), language, address and day, until any consultation data
changes (``caching.CONSULTATION``): a hit runs no query. The secretariat's editing pages are made afresh.
"""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from apps.accounts.models import Organisation
from apps.core.caching import body_html, body_parts
from apps.core.errors import ApplicationError
from apps.core.paging import slice_page

from .. import caching, calendar, content, permissions, selectors, services
from ..choices import OPEN_ACTION_STATUSES, AttendanceKind
from ..filtersets import ActionPointFilterSet, DecisionFilterSet, MeetingFilterSet
from ..forms import (
    ActionPointForm,
    AgendaItemForm,
    AttendanceForm,
    DecisionForm,
    DocumentForm,
    GuestForm,
    MeetingForm,
    MinutesForm,
    MinutesStepForm,
    MoveForm,
    SubstituteForm,
)
from ..i18n import shown
from ..pdf import minutes_pdf as minutes_pdf_file
from ..pdf import pdf_response

PAGE_CACHE_SECONDS = 10 * 60
PAGE_SIZE = 25
REGISTER_PAGE_SIZE = 50
UPCOMING = 10
NO_CHANGES = {"added": 0, "removed": 0, "changed": 0, "moved": 0, "items": []}


def _today():
    return timezone.localdate()


def _cached_page(request, name: str, body_template: str, make) -> HttpResponse:
    """A page around a cached body: ``make()`` answers the context of ``body_template`` (with a ``title``), on a
    miss only. A 404 raised by ``make`` is never cached."""
    entry = caching.lookup(name, request, extra=[_today()])
    if entry.value is None:
        context = make()
        entry.keep(
            {"title": str(context.get("title", "")), "parts": body_parts(body_template, context)}, PAGE_CACHE_SECONDS
        )
    return render(
        request,
        "consultation/cached_page.html",
        {"title": entry.value["title"], "body": body_html(entry.value["parts"], request)},
    )


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _apply_errors(form, error: ApplicationError) -> None:
    """A refusal of the services on the form: each message at its field (above the form for a field the form does
    not show, such as the edit counter or a translated field as a whole), and the refusal itself above the form."""
    general = [error.message]
    for field, field_messages in error.errors.items():
        visible = field in form.fields and not form.fields[field].widget.is_hidden
        for message in field_messages:
            if visible:
                form.add_error(field, message)
            elif message not in general:
                general.append(message)
    for message in general:
        form.add_error(None, message)


def _refused(request, error: ApplicationError) -> None:
    messages.error(request, error.message)
    for field_messages in error.errors.values():
        for message in field_messages:
            if message != error.message:
                messages.error(request, message)


def _editor_only(request) -> None:
    if not permissions.can_edit(request.user):
        raise PermissionDenied


# --- start page and meetings ---------------------------------------------------------------------------------------


def index(request):
    """Upcoming and recent meetings, the open and overdue action points and the latest decisions one may read."""

    def make() -> dict:
        user = request.user
        now = timezone.now()
        points = selectors.action_point_list_visible_to(user=user)
        return {
            "title": _("Strategic Consultation"),
            "can_edit": permissions.can_edit(user),
            "is_member": caching.scope(user) != caching.READER,
            "upcoming": selectors.upcoming_meetings(user=user, now=now, limit=UPCOMING),
            "recent": selectors.recent_meetings(user=user, now=now, limit=5),
            "overdue": list(selectors.overdue_action_points(points, today=_today()).order_by("due_date", "pk")[:10]),
            "open_count": selectors.open_action_points(points).count(),
            "decisions": list(selectors.decision_list_visible_to(user=user).order_by("-year", "-number", "-pk")[:5]),
            "today": _today(),
        }

    return _cached_page(request, "index", "consultation/_index.html", make)


def meeting_list(request):
    """All meetings one may see, newest first, by body and period."""

    def make() -> dict:
        visible = selectors.meeting_list_visible_to(user=request.user).order_by("-starts_at", "-pk")
        filterset = MeetingFilterSet(request.GET or None, queryset=visible, request=request)
        failed = bool(request.GET) and not filterset.is_valid()
        rows = visible.none() if failed else filterset.qs
        return {
            "title": _("Meetings"),
            "filterset": filterset,
            "failed": failed,
            "bodies": list(selectors.bodies_visible_to(user=request.user).order_by("code")),
            "page": slice_page(rows, number=request.GET.get("page"), per_page=PAGE_SIZE),
            "query": _query_without_page(request),
            "can_edit": permissions.can_edit(request.user),
        }

    return _cached_page(request, "meetings", "consultation/_meetings.html", make)


def meeting(request, pk):
    """A meeting: facts, agenda (once published, for the members), attendance as minuted, decisions and action
    points, and the secretariat's links to edit each."""

    def make() -> dict:
        user = request.user
        found = selectors.meeting_get_for_user(user=user, pk=pk)
        editor = permissions.can_edit(user)
        version = None
        if editor:
            attendance = [content.attendance_row(row) for row in selectors.attendance_of(meeting=found)]
        else:
            version = selectors.published_version(minutes=found.minutes)
            attendance = version.content["attendance"] if version else []
        points = list(
            selectors.action_point_list_visible_to(user=user).filter(meeting=found).order_by("due_date", "pk")
        )
        today = _today()
        for point in points:
            point.overdue = bool(point.due_date and point.due_date < today and point.status in OPEN_ACTION_STATUSES)
        return {
            "title": f"{shown(found.body, 'name').text} · {timezone.localtime(found.starts_at):%Y-%m-%d}",
            "meeting": found,
            "minutes": found.minutes,
            "version": version,
            "can_edit": editor,
            "items": selectors.agenda_items_for(user=user, meeting=found),
            "attendance": content.attendance_for_display(attendance),
            "decisions": list(selectors.decision_list_visible_to(user=user).filter(meeting=found).order_by("number")),
            "action_points": points,
            "today": today,
        }

    return _cached_page(request, "meeting", "consultation/_meeting.html", make)


def meeting_edit(request, pk=None):
    """Plan a meeting, or change one."""
    found = selectors.meeting_get_for_user(user=request.user, pk=pk) if pk else None
    _editor_only(request)
    initial = MeetingForm.initial_for(found) if found else {"format": "in_person"}
    form = MeetingForm(request.POST or None, initial=initial, meeting=found)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        try:
            if found is None:
                found = services.meeting_create(actor=request.user, **values)
                messages.success(request, _("The meeting is planned and its members are on the attendance list."))
            else:
                values.pop("body")
                services.meeting_update(meeting=found, actor=request.user, **values)
                messages.success(request, _("The meeting was saved."))
        except ApplicationError as error:
            _apply_errors(form, error)
        else:
            return redirect(found)
    return render(request, "consultation/meeting_form.html", {"form": form, "meeting": found})


@require_safe
def meeting_ics(request, pk):
    """The meeting as an iCalendar file, to add it to a calendar program."""
    found = selectors.meeting_get_for_user(user=request.user, pk=pk)
    body = calendar.meeting_ics(found, base_url=request.build_absolute_uri("/").rstrip("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{found.pk}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def meeting_delete(request, pk):
    found = selectors.meeting_get_for_user(user=request.user, pk=pk)
    try:
        services.meeting_delete(meeting=found, actor=request.user)
    except ApplicationError as error:
        _refused(request, error)
        return redirect(found)
    messages.success(request, _("The meeting was removed."))
    return redirect("consultation:index")


# --- agenda --------------------------------------------------------------------------------------------------------


def agenda(request, pk):
    """The secretariat builds the agenda: items in order (moved up and down without a page reload), a new item,
    the standing item of open action points, and publishing."""
    found = selectors.meeting_get_for_user(user=request.user, pk=pk)
    _editor_only(request)
    form = AgendaItemForm(request.POST or None, objectives=selectors.objectives_for_linking())
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_create(meeting=found, actor=request.user, **form.service_values())
        except ApplicationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The item was added to the agenda."))
            return redirect("consultation:agenda", pk=found.pk)
    items = list(selectors.agenda_items_of(meeting=found))
    return render(
        request,
        "consultation/agenda.html",
        {
            "meeting": found,
            "items": items,
            "form": form,
            "refusal": permissions.content_refusal(found.minutes),
            "changed_since_publication": (
                found.agenda_published_at is not None
                and services.agenda_changes(found.agenda_published, services.agenda_snapshot_of(items)) != NO_CHANGES
            ),
        },
    )


@require_POST
def agenda_publish(request, pk):
    found = selectors.meeting_get_for_user(user=request.user, pk=pk)
    try:
        changes = services.agenda_publish(meeting=found, actor=request.user)
    except ApplicationError as error:
        _refused(request, error)
    else:
        if changes is None:
            messages.success(request, _("The agenda is published; the members were notified."))
        else:
            messages.success(request, _("The changes were published; the members were told what changed."))
    return redirect("consultation:agenda", pk=found.pk)


@require_POST
def agenda_carry(request, pk):
    found = selectors.meeting_get_for_user(user=request.user, pk=pk)
    try:
        item = services.agenda_carry_action_points(meeting=found, actor=request.user)
    except ApplicationError as error:
        _refused(request, error)
    else:
        if item is None:
            messages.success(request, _("The body has no open action points of earlier meetings."))
        else:
            messages.success(request, _("The open action points of earlier meetings are on the agenda."))
    return redirect("consultation:agenda", pk=found.pk)


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@require_POST
def agenda_move(request, pk, item_pk):
    """Move an item up or down: a form post (then back to the agenda) or, from the page's script, a fetch that is
    answered with the new order."""
    found = selectors.meeting_get_for_user(user=request.user, pk=pk)
    _editor_only(request)
    item = selectors.agenda_item_get(meeting=found, pk=item_pk)
    form = MoveForm(request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError(_("Move an item up or down."))
        order = services.agenda_item_move(item=item, actor=request.user, direction=form.cleaned_data["direction"])
    except ApplicationError as error:
        if _wants_json(request):
            return JsonResponse({"detail": error.message, "errors": error.errors}, status=400)
        _refused(request, error)
        return redirect("consultation:agenda", pk=found.pk)
    if _wants_json(request):
        return JsonResponse({"order": order})
    return redirect(f"{reverse('consultation:agenda', args=[found.pk])}#item-{item.pk}")


@require_POST
def agenda_order(request, pk):
    """The whole order at once (``{"items": [ids]}``), for a script that reorders by dragging."""
    found = selectors.meeting_get_for_user(user=request.user, pk=pk)
    _editor_only(request)
    try:
        data = json.loads(request.body or b"{}")
        ids = data.get("items") if isinstance(data, dict) else None
        if not isinstance(ids, list):
            raise ApplicationError(_("Give each item of the agenda once."))
        order = services.agenda_reorder(meeting=found, actor=request.user, item_ids=ids)
    except (ValueError, UnicodeDecodeError):
        return JsonResponse({"detail": _("Send the order as JSON."), "errors": {}}, status=400)
    except ApplicationError as error:
        return JsonResponse({"detail": error.message, "errors": error.errors}, status=400)
    return JsonResponse({"order": order})


def agenda_item(request, pk, item_pk):
    """Change an item, add or remove its documents, or remove it."""
    found = selectors.meeting_get_for_user(user=request.user, pk=pk)
    _editor_only(request)
    item = selectors.agenda_item_get(meeting=found, pk=item_pk)
    initial = {
        **AgendaItemForm.initial_translations(item, ("title", "description")),
        "presenter": item.presenter,
        "link": AgendaItemForm.initial_link(item),
    }
    posted = request.POST if request.method == "POST" else None
    adding_document = posted is not None and "add_document" in posted
    form = AgendaItemForm(
        None if adding_document else posted, initial=initial, objectives=selectors.objectives_for_linking()
    )
    document_form = DocumentForm(posted if adding_document else None)
    if posted is not None and not adding_document and form.is_valid():
        try:
            services.agenda_item_update(item=item, actor=request.user, **form.service_values())
        except ApplicationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The agenda item was saved."))
            return redirect("consultation:agenda", pk=found.pk)
    if adding_document and document_form.is_valid():
        try:
            services.agenda_document_add(item=item, actor=request.user, **document_form.cleaned_data)
        except ApplicationError as error:
            _apply_errors(document_form, error)
        else:
            messages.success(request, _("The document was added."))
            return redirect("consultation:agenda_item", pk=found.pk, item_pk=item.pk)
    return render(
        request,
        "consultation/agenda_item.html",
        {
            "meeting": found,
            "item": item,
            "form": form,
            "document_form": document_form,
            "documents": list(item.documents.all()),
        },
    )


@require_POST
def agenda_item_delete(request, pk, item_pk):
    found = selectors.meeting_get_for_user(user=request.user, pk=pk)
    _editor_only(request)
    item = selectors.agenda_item_get(meeting=found, pk=item_pk)
    try:
        services.agenda_item_delete(item=item, actor=request.user)
    except ApplicationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The item was removed from the agenda."))
    return redirect("consultation:agenda", pk=found.pk)


@require_POST
def agenda_document_delete(request, pk, item_pk, document_pk):
    found = selectors.meeting_get_for_user(user=request.user, pk=pk)
    _editor_only(request)
    item = selectors.agenda_item_get(meeting=found, pk=item_pk)
    document = item.documents.filter(pk=document_pk).first()
    if document is None:
        raise Http404
    try:
        services.agenda_document_remove(document=document, actor=request.user)
    except ApplicationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The document was removed."))
    return redirect("consultation:agenda_item", pk=found.pk, item_pk=item.pk)


# --- attendance ----------------------------------------------------------------------------------------------------


def attendance(request, pk):
    """Who was present, excused or absent; substitutes (whom they represent) and guests."""
    found = selectors.meeting_get_for_user(user=request.user, pk=pk)
    _editor_only(request)
    rows = selectors.attendance_of(meeting=found)
    members = [row for row in rows if row.kind == AttendanceKind.MEMBER]
    posted = request.POST if request.method == "POST" else None
    action = posted.get("action") if posted is not None else None
    status_form = AttendanceForm(posted if action == "statuses" else None, rows=members)
    substitute_form = SubstituteForm(posted if action == "substitute" else None, members=members)
    guest_form = GuestForm(posted if action == "guest" else None)
    forms_by_action = {"statuses": status_form, "substitute": substitute_form, "guest": guest_form}
    form = forms_by_action.get(action)
    if form is not None and form.is_valid():
        try:
            if action == "statuses":
                services.attendance_set(meeting=found, actor=request.user, statuses=form.statuses())
                done = _("The attendance was saved.")
            elif action == "substitute":
                represented = next(row for row in members if row.pk == form.cleaned_data["represents"])
                values = {key: form.cleaned_data[key] for key in ("name", "function", "organisation")}
                services.attendance_add_substitute(meeting=found, actor=request.user, represents=represented, **values)
                done = _("The substitute was added.")
            else:
                values = {key: form.cleaned_data[key] for key in ("name", "function", "organisation")}
                services.attendance_add(meeting=found, actor=request.user, kind=form.cleaned_data["kind"], **values)
                done = _("The person was added.")
        except ApplicationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("consultation:attendance", pk=found.pk)
    elif action is not None and form is None:
        raise Http404
    return render(
        request,
        "consultation/attendance.html",
        {
            "meeting": found,
            "rows": rows,
            "status_form": status_form,
            "substitute_form": substitute_form,
            "guest_form": guest_form,
            "refusal": permissions.content_refusal(found.minutes),
        },
    )


@require_POST
def attendance_delete(request, pk, row_pk):
    found = selectors.meeting_get_for_user(user=request.user, pk=pk)
    _editor_only(request)
    row = selectors.attendance_get(meeting=found, pk=row_pk)
    try:
        services.attendance_remove(attendance=row, actor=request.user)
    except ApplicationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("%(name)s was removed from the list.") % {"name": row.name})
    return redirect("consultation:attendance", pk=found.pk)


# --- minutes -------------------------------------------------------------------------------------------------------


def minutes(request, pk):
    """The secretariat writes the notes of each item and takes the minutes from draft to published; the members
    read the minutes as last published (and every earlier version)."""
    user = request.user
    found = selectors.meeting_get_for_user(user=user, pk=pk)
    record = found.minutes
    versions = selectors.minutes_versions(minutes=record)
    if not permissions.can_edit(user):
        if request.method == "POST":  # a member reads the minutes; writing them is the secretariat's
            raise PermissionDenied
        if not versions:
            return render(request, "consultation/minutes_unpublished.html", {"meeting": found}, status=200)
        return _minutes_version_page(request, found, versions, versions[0].number)
    items = list(selectors.agenda_items_of(meeting=found).prefetch_related(None))
    form = MinutesForm(
        request.POST or None,
        items=items,
        language=found.language,
        initial={
            "lock_version": record.lock_version,
            "summary": record.summary,
            **{f"notes-{item.pk}": item.notes for item in items},
        },
    )
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_save(
                meeting=found,
                actor=user,
                lock_version=form.cleaned_data["lock_version"],
                summary=form.cleaned_data["summary"],
                notes=form.notes(),
            )
        except ApplicationError as error:
            conflict = "lock_version" in error.errors
            _apply_errors(form, error)
        else:
            messages.success(request, _("The minutes were saved."))
            return redirect("consultation:minutes", pk=found.pk)
    live = content.for_display(content.minutes_content(meeting=found, minutes=record), today=_today())
    return render(
        request,
        "consultation/minutes.html",
        {
            "meeting": found,
            "minutes": record,
            "form": form,
            "conflict": conflict,
            "editable": permissions.content_refusal(record) is None,
            "actions": permissions.available_actions(user, record),
            "step_form": MinutesStepForm(initial={"lock_version": record.lock_version}),
            "record": live,
            "versions": versions,
        },
        status=409 if conflict else (400 if request.method == "POST" else 200),
    )


def _minutes_version_page(request, found, versions, number: int):
    version = next((version for version in versions if version.number == number), None)
    if version is None:
        raise Http404
    stored = selectors.published_version_content(minutes=found.minutes, number=number)
    return render(
        request,
        "consultation/minutes_version.html",
        {
            "meeting": found,
            "version": version,
            "record": content.for_display(stored, today=_today()),
            "versions": versions,
            "latest": version.number == versions[0].number,
        },
    )


@require_safe
def minutes_version(request, pk, number):
    found = selectors.meeting_get_for_user(user=request.user, pk=pk)
    versions = selectors.minutes_versions(minutes=found.minutes)
    return _minutes_version_page(request, found, versions, number)


def _printed_by(user) -> str:
    return f"{user} ({user.organisation.short_name})" if user.organisation_id else str(user)


@require_safe
def minutes_pdf(request, pk):
    """The minutes as a PDF in the meeting's language: the last published version, or for the secretariat, the
    minutes as they stand (marked as a draft until published)."""
    user = request.user
    found = selectors.meeting_get_for_user(user=user, pk=pk)
    record = found.minutes
    if permissions.can_edit(user) and record.status != "published":
        stored = content.minutes_content(meeting=found, minutes=record)
        with translation.override(found.language):
            status_line = _("%(status)s, version %(number)s: not published") % {
                "status": record.get_status_display(),
                "number": record.revision,
            }
        body = minutes_pdf_file(content=stored, status_line=status_line, draft=True, printed_by=_printed_by(user))
        return pdf_response(body, f"minutes-{found.body.code}-{found.starts_at:%Y-%m-%d}-draft.pdf")
    version = selectors.published_version(minutes=record)
    if version is None:
        raise Http404
    return _version_pdf(found, version, user)


@require_safe
def minutes_version_pdf(request, pk, number):
    found = selectors.meeting_get_for_user(user=request.user, pk=pk)
    version = next((v for v in selectors.minutes_versions(minutes=found.minutes) if v.number == number), None)
    if version is None:
        raise Http404
    return _version_pdf(found, version, request.user)


def _version_pdf(found, version, user):
    stored = selectors.published_version_content(minutes=found.minutes, number=version.number)
    with translation.override(found.language):
        status_line = _("Version %(number)s, published %(date)s") % {
            "number": version.number,
            "date": formats.date_format(timezone.localtime(version.published_at), "DATETIME_FORMAT"),
        }
    body = minutes_pdf_file(content=stored, status_line=status_line, draft=False, printed_by=_printed_by(user))
    return pdf_response(body, f"minutes-{found.body.code}-{found.starts_at:%Y-%m-%d}-v{version.number}.pdf")


MINUTES_DONE = {
    "approve": gettext_lazy("The minutes are approved."),
    "reopen": gettext_lazy("The minutes are a draft again."),
    "publish": gettext_lazy("The minutes are published and locked."),
    "correct": gettext_lazy("A correction was started: the published version stays until it is published."),
}


@require_POST
def minutes_step(request, pk, action):
    found = selectors.meeting_get_for_user(user=request.user, pk=pk)
    if action not in services.MINUTES_ACTIONS:
        raise Http404
    form = MinutesStepForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form was not understood: reload the page and try again."))
        return redirect("consultation:minutes", pk=found.pk)
    values = {"lock_version": form.cleaned_data.get("lock_version")}
    if action == "publish":
        values["correction_note"] = form.cleaned_data.get("correction_note", "")
    try:
        services.MINUTES_ACTIONS[action](meeting=found, actor=request.user, **values)
    except ApplicationError as error:
        _refused(request, error)
    else:
        messages.success(request, str(MINUTES_DONE[action]))
    return redirect("consultation:minutes", pk=found.pk)


# --- decisions -----------------------------------------------------------------------------------------------------


def decision_register(request):
    """The decision register: searchable by text, year, body and topic; newest first."""

    def make() -> dict:
        user = request.user
        visible = selectors.decision_list_visible_to(user=user).order_by("-year", "body__code", "-number", "-pk")
        filterset = DecisionFilterSet(request.GET or None, queryset=visible, request=request)
        failed = bool(request.GET) and not filterset.is_valid()
        rows = visible.none() if failed else filterset.qs
        return {
            "title": _("Decision register"),
            "filterset": filterset,
            "failed": failed,
            "page": slice_page(rows, number=request.GET.get("page"), per_page=REGISTER_PAGE_SIZE),
            "query": _query_without_page(request),
            "bodies": list(selectors.decision_bodies_for(user=user).order_by("code")),
            "topics": list(selectors.topics()),
            "years": selectors.decision_years(user=user),
            "can_edit": permissions.can_edit(user),
        }

    return _cached_page(request, "decisions", "consultation/_decisions.html", make)


def decision(request, pk):
    def make() -> dict:
        found = selectors.decision_get_for_user(user=request.user, pk=pk)
        return {
            "title": found.reference,
            "decision": found,
            "can_edit": permissions.can_edit(request.user),
            "meeting_visible": selectors.meetings_visible_to(user=request.user).filter(pk=found.meeting_id).exists(),
        }

    return _cached_page(request, "decision", "consultation/_decision.html", make)


def decision_edit(request, pk=None, meeting_pk=None):
    """Record a decision of a meeting, or change one (once published: only its translations and topic)."""
    if pk is not None:
        found = selectors.decision_get_for_user(user=request.user, pk=pk)
        parent = found.meeting
        initial = {
            **DecisionForm.initial_translations(found, ("title", "text")),
            "language": found.language,
            "number": found.number,
            "topic": found.topic_id,
            "agenda_item": found.agenda_item_id,
        }
    else:
        found = None
        parent = selectors.meeting_get_for_user(user=request.user, pk=meeting_pk)
        initial = {"language": parent.language}
    _editor_only(request)
    items = list(selectors.agenda_items_of(meeting=parent).prefetch_related(None))
    form = DecisionForm(request.POST or None, initial=initial, items=items)
    if request.method == "POST" and form.is_valid():
        try:
            if found is None:
                found = services.decision_create(meeting=parent, actor=request.user, **form.service_values())
            else:
                services.decision_update(decision=found, actor=request.user, **form.service_values())
        except ApplicationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Decision %(reference)s was saved.") % {"reference": found.reference})
            return redirect(parent)
    return render(request, "consultation/decision_form.html", {"form": form, "decision": found, "meeting": parent})


@require_POST
def decision_delete(request, pk):
    found = selectors.decision_get_for_user(user=request.user, pk=pk)
    _editor_only(request)
    try:
        services.decision_delete(decision=found, actor=request.user)
    except ApplicationError as error:
        _refused(request, error)
        return redirect(found)
    messages.success(request, _("The decision was removed."))
    return redirect(found.meeting)


# --- action points -------------------------------------------------------------------------------------------------


def action_points(request):
    """Action points one may see, the open ones first by due date; overdue ones marked."""

    def make() -> dict:
        user = request.user
        visible = selectors.action_point_list_visible_to(user=user).order_by("due_date", "pk")
        data = request.GET.copy() if request.GET else None
        if data is None:
            data = {"open": "true"}
        filterset = ActionPointFilterSet(data, queryset=visible, request=request)
        failed = bool(request.GET) and not filterset.is_valid()
        rows = visible.none() if failed else filterset.qs
        page = slice_page(rows, number=request.GET.get("page"), per_page=PAGE_SIZE)
        today = _today()
        for point in page.object_list:
            point.overdue = bool(point.due_date and point.due_date < today and point.status in OPEN_ACTION_STATUSES)
        return {
            "title": _("Action points"),
            "filterset": filterset,
            "failed": failed,
            "page": page,
            "query": _query_without_page(request),
            "bodies": list(selectors.bodies_visible_to(user=user).order_by("code")),
            "owners": list(Organisation.objects.filter(is_active=True).select_related("country")),
            "can_edit": permissions.can_edit(user),
        }

    return _cached_page(request, "action-points", "consultation/_action_points.html", make)


def action_point_edit(request, pk=None, meeting_pk=None):
    """Agree an action point at a meeting, or follow one up (status, progress, due date, owner)."""
    if pk is not None:
        found = selectors.action_point_get_for_user(user=request.user, pk=pk)
        parent = found.meeting
        initial = {
            **ActionPointForm.initial_translations(found, ("title", "description")),
            "owner_organisation": found.owner_organisation_id,
            "owner_name": found.owner_name,
            "due_date": found.due_date,
            "status": found.status,
            "status_note": found.status_note,
            "agenda_item": found.agenda_item_id,
        }
    else:
        found = None
        parent = selectors.meeting_get_for_user(user=request.user, pk=meeting_pk)
        initial = {}
    _editor_only(request)
    items = list(selectors.agenda_items_of(meeting=parent).prefetch_related(None))
    form = ActionPointForm(request.POST or None, initial=initial, items=items)
    if request.method == "POST" and form.is_valid():
        try:
            if found is None:
                services.action_point_create(meeting=parent, actor=request.user, **form.service_values())
            else:
                services.action_point_update(action_point=found, actor=request.user, **form.service_values())
        except ApplicationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The action point was saved."))
            return redirect(parent)
    return render(
        request, "consultation/action_point_form.html", {"form": form, "action_point": found, "meeting": parent}
    )


@require_POST
def action_point_delete(request, pk):
    found = selectors.action_point_get_for_user(user=request.user, pk=pk)
    _editor_only(request)
    try:
        services.action_point_delete(action_point=found, actor=request.user)
    except ApplicationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The action point was removed."))
    return redirect(found.meeting)
