"""Pages of the assistance part: the operator's queue, a request's whole story, the form and the actions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from apps.accounts.choices import Role
from apps.core.caching import answer_key, body_html, body_parts, cached
from apps.core.errors import ApplicationError
from apps.core.lists import (
    EXPORT_MAX_ROWS,
    LIST_PARAMETERS,
    Column,
    Sorting,
    export_format,
    export_links,
    export_response,
    query_only,
    query_without,
)
from apps.core.paging import slice_page
from apps.events.selectors import event_visible_to
from apps.notifications.selectors import unread_count
from apps.notifications.services import inbox_mark_read_about

from . import caching, permissions, selectors, services
from . import pdf as request_pdf
from .attachment_views import attachment_context
from .choices import TRANSITIONS, LineDecision, RequestKind, RequestStatus, next_status
from .filtersets import JOINT_QUEUE_CHOICES, AssistanceRequestFilterSet
from .forms import (
    AcceptForm,
    CancelForm,
    LendItemsForm,
    LineFormSet,
    MessageForm,
    NoteForm,
    RequestForm,
    ResponseLineFormSet,
    ReturnForm,
)
from .models import ResourceType

QUEUE_LIMIT = 10  # rows of "awaiting" and "mine" on the queue page; the rest is one click away (?queue=...)
PAGE_SIZE = 20
QUEUE_CACHE_SECONDS = 60
STATISTICS_CACHE_SECONDS = 600


def _my_country(user) -> int | None:
    return user.organisation.country_id if user.organisation_id else None


def _offers(obj) -> list:
    """The answers that offer something (the choices of the acceptance form)."""
    return [response for response in obj.responses.all() if response.decision != LineDecision.DECLINED]


def index(request):
    """The operator's queue: awaiting my country's acknowledgement, my country's open requests, the rest (or the
    results of a search), the last sorted by its columns (``?sort=``) and exported as CSV or Excel (``?export=``).

    The lists, and the results of a search, are cached for everyone of the same organisation, roles and language
    at the same address until any request changes (``caching.ASSISTANCE``), and at most a minute (the time waited
    moves on). What the page says of the address (a sort or a filter not understood) is said to this request alone;
    an export is made only of an address understood whole (else the page is shown, saying what was not)."""
    sorting = Sorting(REQUEST_COLUMNS, request.GET.get("sort"))
    if not sorting.valid:
        messages.error(request, _("The list cannot be sorted by “%(value)s”.") % {"value": sorting.asked[:40]})
    searching = bool(set(request.GET) - set(LIST_PARAMETERS))
    fmt = export_format(request)
    if fmt is not None and sorting.valid:
        filterset, filtered = _requests_listed(request, searching=searching, sorting=sorting)
        if not filterset.is_bound or filterset.is_valid():
            return _export_requests(request, fmt, filtered, searching=searching)
    entry = caching.lookup("queue", request)
    if entry.value is None:
        entry.keep(_render_queue(request, searching=searching, sorting=sorting), QUEUE_CACHE_SECONDS)
    return render(
        request,
        "assistance/index.html",
        {
            "queue": body_html(entry.value, request),
            "can_create": permissions.can_create(request.user),
            "can_see_statistics": request.user.has_role(Role.POLICE_CHIEF, Role.SECRETARIAT, Role.OPERATOR),
            "can_see_equipment": permissions.can_view_equipment(request.user),
        },
    )


# The columns of a list of requests, sorted by ``?sort=`` in the database (``selectors.ROW_ORDER``).
REQUEST_COLUMNS = [
    Column("reference", gettext_lazy("Reference"), order=selectors.ROW_ORDER["reference"]),
    Column("title", gettext_lazy("Title"), order=selectors.ROW_ORDER["title"]),
    Column("urgency", gettext_lazy("Urgency"), order=selectors.ROW_ORDER["urgency"]),
    Column("from", gettext_lazy("From → to"), order=selectors.ROW_ORDER["from"]),
    Column("kind", gettext_lazy("Kind"), order=selectors.ROW_ORDER["kind"]),
    Column("start", gettext_lazy("Start"), order=selectors.ROW_ORDER["start"]),
    Column("status", gettext_lazy("Status"), order=selectors.ROW_ORDER["status"]),
    Column("waiting", gettext_lazy("Waiting for"), order=selectors.ROW_ORDER["waiting"]),
]
# The queue's short lists show their rows in their own order; their headings lead to the whole list, sorted.
WAITED = {"waiting"}


def _requests_listed(request, *, searching: bool, sorting: Sorting):
    """The list under the queue (or the results of a search) and its FilterSet, sorted; the queryset is empty when
    the filters were not understood."""
    user = request.user
    if searching:
        visible = selectors.request_rows_visible_to(user=user)
        filterset = AssistanceRequestFilterSet(request.GET, queryset=visible, request=request)
        filtered = filterset.qs if filterset.is_valid() else visible.none()
    else:
        other = selectors.operator_queue(user=user)["other"]
        filterset = AssistanceRequestFilterSet(None, queryset=other, request=request)
        filtered = filterset.qs
    if sorting.asked_for:
        filtered = filtered.order_by(*sorting.order_by())
    return filterset, filtered


def _of_joint_body(user) -> bool:
    """A member of a joint Benelux body (the secretariat), of no country: its queue is every country's open
    requests."""
    return bool(user.organisation_id) and user.organisation.is_joint_body


def _render_queue(request, *, searching: bool, sorting: Sorting) -> list[str]:
    """The queue's lists as a cacheable body; they depend on nothing of the request but its query (a filter not
    understood is marked at its field)."""
    user = request.user
    filterset, filtered = _requests_listed(request, searching=searching, sorting=sorting)
    awaiting, mine = [], []
    if not searching:
        queue = selectors.operator_queue(user=user)
        awaiting = list(queue["awaiting"][: QUEUE_LIMIT + 1])
        mine = list(queue["mine"][: QUEUE_LIMIT + 1])
    page = slice_page(filtered, number=request.GET.get("page"), per_page=PAGE_SIZE)
    waited = request.GET.get("queue") == "awaiting"
    columns = [column for column in REQUEST_COLUMNS if waited or column.key not in WAITED]
    headers = Sorting(columns, sorting.value if sorting.asked_for else "").headers(request.GET)
    short_sorting = Sorting(REQUEST_COLUMNS, "")
    all_countries = _of_joint_body(user)
    if all_countries:
        filterset.form.fields["queue"].choices = JOINT_QUEUE_CHOICES
    return body_parts(
        "assistance/_queue.html",
        {
            "awaiting": awaiting[:QUEUE_LIMIT],
            "more_awaiting": len(awaiting) > QUEUE_LIMIT,
            "mine": mine[:QUEUE_LIMIT],
            "more_mine": len(mine) > QUEUE_LIMIT,
            "page": page,
            "filterset": filterset,
            "searching": searching,
            "waited": waited,
            "headers": headers,
            "awaiting_headers": short_sorting.headers(QueryDict("queue=awaiting")),
            "mine_headers": [
                header for header in short_sorting.headers(QueryDict("queue=mine")) if header["key"] not in WAITED
            ],
            "sort": sorting.value if sorting.asked_for else "",
            "query": query_without(request.GET, "page", "export"),
            "export_links": export_links(request.GET),
            "export_limit": EXPORT_MAX_ROWS,
            "all_countries": all_countries,
        },
    )


def _export_requests(request, fmt: str, filtered, *, searching: bool):
    """The list under the queue (or the results of a search) as CSV or Excel: every page of it, filtered and
    sorted as on the page, in one query read row by row."""
    base_url = request.build_absolute_uri("/").rstrip("/")
    columns = [
        Column("reference", gettext_lazy("Reference")),
        Column("title", gettext_lazy("Title")),
        Column("status", gettext_lazy("Status")),
        Column("urgency", gettext_lazy("Urgency")),
        Column("kind", gettext_lazy("Kind")),
        Column("requesting_organisation", gettext_lazy("Requesting organisation")),
        Column("requesting_country", gettext_lazy("Requesting country")),
        Column("requested_countries", gettext_lazy("Requested countries")),
        Column("place", gettext_lazy("Place")),
        Column("start", gettext_lazy("Start")),
        Column("end", gettext_lazy("End")),
        Column("submitted_at", gettext_lazy("Filed")),
        Column("acknowledge_by", gettext_lazy("Acknowledge by")),
        Column("after_the_fact", gettext_lazy("After-the-fact record")),
        Column("event", gettext_lazy("Event (id)")),
        Column("address", gettext_lazy("Address")),
    ]

    def rows():
        for item in filtered[: EXPORT_MAX_ROWS + 1].iterator(chunk_size=500):
            yield [
                item.reference or _("Draft"),
                item.title,
                item.get_status_display(),
                item.get_urgency_display(),
                item.get_kind_display(),
                item.requesting_short_name,
                item.requesting_country_code,
                ", ".join(item.requested_codes),
                item.place,
                item.start,
                item.end,
                item.submitted_at,
                item.acknowledge_by,
                item.after_the_fact,
                item.visible_event_id,
                f"{base_url}{item.get_absolute_url()}",
            ]

    name = _("Assistance requests") if searching else _("Other assistance requests")
    if request.GET.get("queue") == "awaiting":
        name = _("Requests awaiting acknowledgement")
    elif request.GET.get("queue") == "mine":
        joint = _of_joint_body(request.user)
        name = _("Open requests of the three countries") if joint else _("Open requests of my country")
    return export_response(fmt, name=name, columns=columns, rows=rows(), limit=EXPORT_MAX_ROWS)


def detail(request, pk):
    """The whole story of one request: the form, the answers side by side, bookings, messages, history."""
    obj = selectors.request_get_for_user(user=request.user, pk=pk)
    user = request.user
    # Opening the request reads what the inbox said about it (nothing is written when nothing was unread).
    if unread_count(user=user, as_the_request_began=True):
        inbox_mark_read_about(actor=user, target=obj)
    thread = list(selectors.request_messages(request=obj, user=user))
    if thread and permissions.can_write_message(user, obj):
        services.messages_mark_read(request=obj, actor=user)
    lines = list(obj.lines.all())
    responses = list(obj.responses.all())
    answer_grid = []
    for line in lines:
        cells = []
        for response in responses:
            cells.append(next((a for a in response.lines.all() if a.line_id == line.pk), None))
        answer_grid.append((line, cells))
    # The buttons and forms of the steps the user may take now: what the services (and the API) would accept.
    available = permissions.available_actions(user, obj)
    can = {
        **{action: action in available for action in TRANSITIONS},
        "edit": permissions.can_edit(user, obj),
        "delete": permissions.can_delete(user, obj),
        "message": permissions.can_write_message(user, obj),
    }
    respond_formset = None
    lend_form = None
    lend_has_items = False
    if can["respond"] and obj.kind != RequestKind.ASSISTANCE:
        items = selectors.equipment_available_for(request=obj, country_id=_my_country(user))
        lend_form = LendItemsForm(available=items)
        lend_has_items = items.exists()  # else the form says that nothing is free, not an empty list
    bookings = [(booking, permissions.can_return_booking(user, booking)) for booking in obj.bookings.all()]
    if can["respond"]:
        respond_formset = ResponseLineFormSet(
            prefix="lines",
            initial=[{"line": line.pk, "offered_quantity": line.quantity, "decision": "approved"} for line in lines],
        )
        for form, line in zip(respond_formset.forms, lines, strict=True):
            form.line_label = str(line)
    event = event_visible_to(user=user, pk=obj.event_id)
    return render(
        request,
        "assistance/detail.html",
        {
            "obj": obj,
            "event": event,
            "lines": lines,
            "responses": responses,
            "answer_grid": answer_grid,
            "thread": thread,
            "can": can,
            "blocked": permissions.blocked_actions(user, obj),
            "deadlines": _deadlines(obj),
            "respond_formset": respond_formset,
            "lend_form": lend_form,
            "lend_has_items": lend_has_items,
            "bookings": bookings,
            "accept_form": AcceptForm(offers=_offers(obj)) if can["accept"] else None,
            "note_form": NoteForm(),
            "message_form": MessageForm(),
            "return_form": ReturnForm(),
            **attachment_context(user, obj),
        },
    )


def _deadlines(obj) -> dict | None:
    """The two clocks of a filed request, each named for what it is: the deadline for acknowledging it (EU rule,
    ``AnswerDeadline``) and, while a requested country has not acknowledged, when and to whom the portal escalates."""
    if obj.submitted_at is None or obj.status == RequestStatus.CANCELLED:
        return None
    hours = None
    if obj.acknowledge_by:
        hours = round((obj.acknowledge_by - obj.submitted_at).total_seconds() / 3600)
    waiting = [row.country for row in obj.requested.all() if row.acknowledged_at is None]
    due = services.escalation_due(obj)
    escalation = None
    if due is not None and waiting and next_status("acknowledge", obj.status) is not None:
        policies = services.escalation_policies(waiting)
        escalation = {
            "at": due,
            "after": timesince(obj.submitted_at, due),
            "done": due <= timezone.now(),
            "to": [(country, services.escalation_audience(country, policies[country.pk])) for country in waiting],
        }
    return {"acknowledge_by": obj.acknowledge_by, "hours": hours, "open": bool(waiting), "escalation": escalation}


@require_safe
def pdf(request, pk):
    """The request as a PDF in the reader's language (the Benelux form, as faxed or mailed until now)."""
    obj = selectors.request_get_for_user(user=request.user, pk=pk)
    return request_pdf.pdf_response(request=obj, user=request.user)


def _apply_errors(form, formset, error: ApplicationError, *, unbound: bool = False) -> None:
    """Show a refusal of the services on the form: each message at its field (a line's at the line), the rest and
    the refusal itself at the top. ``unbound``: the form shows a saved draft, not what was just posted."""
    if unbound:
        # An unbound form has no errors and no cleaned data until it is given some: give it empty ones.
        for each in [form, *(formset.forms if formset is not None else [])]:
            each.full_clean()
            each.cleaned_data = {}
    for field, errors in error.errors.items():
        if field.startswith("lines-") and formset is not None:
            _prefix, index, name = field.split("-", 2)
            index = int(index)
            if index < len(formset.forms) and name in formset.forms[index].fields:
                for message in errors:
                    formset.forms[index].add_error(name, message)
                continue
        if field in form.fields:
            for message in errors:
                form.add_error(field, message)
        else:
            for message in errors:
                form.add_error(None, message)
    form.add_error(None, error.message)


def _line_values(formset):
    return [
        {key: value for key, value in form.cleaned_data.items() if key != "DELETE"}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


def edit(request, pk=None):
    """Create or change a draft; "Submit" files it when the form is complete."""
    obj = selectors.request_get_for_user(user=request.user, pk=pk) if pk else None
    user = request.user
    if obj is None and not permissions.can_create(user):
        raise PermissionDenied  # only control-room operators file requests
    if obj is not None and not permissions.can_edit(user, obj):
        raise PermissionDenied  # a request the user sees but may not change (filed, or of another control room)
    initial_lines = [
        {field: getattr(line, field) for field in services.LINE_FIELDS} for line in (obj.lines.all() if obj else [])
    ]
    initial = {"event": request.GET.get("event")} if obj is None and request.GET.get("event", "").isdigit() else None
    form = RequestForm(request.POST or None, instance=obj, organisation=user.organisation, user=user, initial=initial)
    formset = LineFormSet(
        request.POST or None,
        prefix="lines",
        initial=initial_lines,
        form_kwargs={"resource_types": list(ResourceType.objects.filter(is_active=True))},
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        values = {field: form.cleaned_data[field] for field in services.REQUEST_FIELDS if field in form.cleaned_data}
        countries = [country.code for country in form.cleaned_data["requested_countries"]]
        try:
            with transaction.atomic():
                if obj is None:
                    obj = services.request_create(
                        actor=user, requested_countries=countries, lines=_line_values(formset), **values
                    )
                else:
                    services.request_update(
                        request=obj, actor=user, requested_countries=countries, lines=_line_values(formset), **values
                    )
        except ApplicationError as error:
            _apply_errors(form, formset, error)
        else:
            if "submit" in request.POST:
                try:
                    services.request_submit(request=obj, actor=user)
                except ApplicationError:
                    # The draft is saved: from now on the page is its edit page (saving again changes this draft,
                    # never files a second one), which names what is still missing.
                    messages.warning(request, _("The draft was saved but not filed."))
                    return redirect(f"{reverse('assistance:edit', args=[obj.pk])}?check=1")
                obj.refresh_from_db()
                messages.success(request, _("Request %(reference)s was filed.") % {"reference": obj.reference})
            else:
                messages.success(request, _("The draft was saved."))
            return redirect(obj)
    elif request.method != "POST" and obj is not None and request.GET.get("check"):
        problem = services.request_filing_problems(obj)
        if problem is not None:
            _apply_errors(form, formset, problem, unbound=True)
    return render(
        request,
        "assistance/form.html",
        {
            "form": form,
            "formset": formset,
            "obj": obj,
            "can_delete": obj is not None and permissions.can_delete(user, obj),
        },
    )


def _done(request, obj, message):
    messages.success(request, message)
    return redirect(obj)


def _failed(request, obj, error: ApplicationError):
    messages.error(request, error.message)
    for errors in error.errors.values():
        for message in errors:
            messages.error(request, message)
    return redirect(obj)


def _no_input(request, obj) -> dict:
    return {}


def _note_input(request, obj) -> dict:
    form = NoteForm(request.POST)
    return {"note": form.cleaned_data["note"] if form.is_valid() else ""}


def _respond_input(request, obj) -> dict:
    formset = ResponseLineFormSet(request.POST, prefix="lines")
    note = NoteForm(request.POST)
    if not (formset.is_valid() and note.is_valid()):
        raise ApplicationError(_("The answer is not complete or not valid."))
    items = selectors.equipment_available_for(request=obj, country_id=_my_country(request.user))
    lend = LendItemsForm(request.POST, available=items)
    if not lend.is_valid():
        raise ApplicationError(_("Choose items of your country's registry that are still free."))
    return {
        "decisions": formset.cleaned_data,
        "note": note.cleaned_data["note"],
        "items": list(lend.cleaned_data["items"]),
    }


def _accept_input(request, obj) -> dict:
    form = AcceptForm(request.POST, offers=_offers(obj))
    if not form.is_valid():
        raise ApplicationError(_("Accept at least one offer, or cancel the request."))
    return {"accepted_countries": form.cleaned_data["accepted_countries"], "note": form.cleaned_data["note"]}


def _cancel_input(request, obj) -> dict:
    form = CancelForm(request.POST)
    if not form.is_valid():
        raise ApplicationError(_("Give a reason for the cancellation."))
    return {"reason": form.cleaned_data["reason"]}


# The steps the request page offers (``permissions.available_actions``) and posts to ``act``: how the step's form
# becomes its service's input (``services.REQUEST_ACTIONS``), and what the page says once it is done. A draft is
# submitted from its form (``edit``).
PAGE_STEPS = {
    "acknowledge": (_no_input, gettext_lazy("You acknowledged the request for your country.")),
    "respond": (_respond_input, gettext_lazy("Your country's answer was sent.")),
    "accept": (_accept_input, gettext_lazy("The offers were decided.")),
    "start": (_note_input, gettext_lazy("The request was updated.")),
    "complete": (_note_input, gettext_lazy("The request was updated.")),
    "close": (_note_input, gettext_lazy("The request was updated.")),
    "cancel": (_cancel_input, gettext_lazy("The request was cancelled.")),
}


# The steps that ask for confirmation first: a GET of their address shows what will happen (who is told, what is
# booked or released), with the step's own input; the POST of that page takes the step. Works without JavaScript.
CONFIRMED_STEPS = {
    "accept": (gettext_lazy("Accept the offers?"), gettext_lazy("Accept the chosen offers, decline the others")),
    "complete": (gettext_lazy("Mark the request as completed?"), gettext_lazy("Mark as completed")),
    "close": (gettext_lazy("Close the file?"), gettext_lazy("Close the file")),
    "cancel": (gettext_lazy("Cancel the request?"), gettext_lazy("Cancel the request")),
}


@require_http_methods(["GET", "HEAD", "POST"])
def act(request, pk, action):
    """One step of the procedure from the request page (acknowledge, respond, accept, ...), or a message; a GET of
    a step that asks for confirmation shows the confirmation page."""
    obj = selectors.request_get_for_user(user=request.user, pk=pk)
    if action == "message" and request.method == "POST":
        return _send_message(request, obj)
    if action not in PAGE_STEPS:
        raise Http404
    if request.method != "POST":
        if action not in CONFIRMED_STEPS:
            raise Http404
        return _confirm(request, obj, action)
    read_input, done = PAGE_STEPS[action]
    try:
        services.REQUEST_ACTIONS[action](request=obj, actor=request.user, **read_input(request, obj))
    except ApplicationError as error:
        return _failed(request, obj, error)
    return _done(request, obj, str(done))


def _audience(obj, specs) -> list[str]:
    """Who a notification's recipients are, in words ("the operators of LOCC", "the operators in Belgium")."""
    countries = {row.country.code: row.country for row in obj.requested.all()}
    names = []
    for spec in specs:
        if spec["type"] == "organisation" and spec["id"] == obj.requesting_organisation_id:
            names.append(_("the operators of %(organisation)s") % {"organisation": obj.requesting_organisation})
        elif spec["type"] == "country" and spec["code"] in countries:
            names.append(_("the operators in %(country)s") % {"country": countries[spec["code"]]})
    return names


def _confirm(request, obj, action):
    """The confirmation page of a step: what will happen, the step's input and the button that takes it."""
    refusal = permissions.action_refusal(request.user, obj, action)
    if refusal is not None:
        return _failed(request, obj, refusal)
    accept_form = None
    accepted = []
    if action == "accept":
        accept_form = AcceptForm(request.GET or None, offers=_offers(obj))
        accepted = accept_form.cleaned_data["accepted_countries"] if accept_form.is_valid() else []
        if not request.GET:
            accept_form = AcceptForm(offers=_offers(obj))
    preview = services.request_step_preview(request=obj, action=action, accepted_countries=accepted)
    title, button = CONFIRMED_STEPS[action]
    offers = _offers(obj)
    return render(
        request,
        "assistance/confirm.html",
        {
            "obj": obj,
            "action": action,
            "title": title,
            "button": button,
            "to_status": dict(RequestStatus.choices)[next_status(action, obj.status)],
            "told": _audience(obj, preview["told"]),
            "released": preview["released"],
            "kept": preview["kept"],
            "accepted": [r for r in offers if r.country.code in accepted],
            "declined": [r for r in offers if r.country.code not in accepted] if accepted else [],
            "accept_form": accept_form,
            "note_form": NoteForm(),
            "cancel_form": CancelForm(),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def delete(request, pk):
    """Delete a draft of one's control room: a GET says what will go, the POST deletes it."""
    obj = selectors.request_get_for_user(user=request.user, pk=pk)
    refusal = permissions.delete_refusal(request.user, obj)
    if refusal is not None:
        return _failed(request, obj, refusal)
    if request.method == "POST":
        try:
            services.request_delete(request=obj, actor=request.user)
        except ApplicationError as error:
            return _failed(request, obj, error)
        messages.success(request, _("The draft “%(title)s” was deleted.") % {"title": obj.title})
        return redirect("assistance:index")
    return render(request, "assistance/delete.html", {"obj": obj, "attachments": list(obj.attachments.all())})


def _send_message(request, obj):
    form = MessageForm(request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError(_("Write a message."))
        services.message_send(request=obj, actor=request.user, body=form.cleaned_data["body"])
    except ApplicationError as error:
        return _failed(request, obj, error)
    return redirect(f"{obj.get_absolute_url()}#messages")


@require_POST
def booking_return(request, pk, booking_pk):
    obj = selectors.request_get_for_user(user=request.user, pk=pk)
    booking = selectors.booking_get_for_request(request=obj, pk=booking_pk)
    form = ReturnForm(request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError(_("Choose the condition."))
        services.booking_return(booking=booking, actor=request.user, **form.cleaned_data)
    except ApplicationError as error:
        return _failed(request, obj, error)
    return _done(request, obj, _("The return was recorded."))


def _duration_text(duration) -> str:
    """A time to acknowledge as people say it: "under a minute", "25 min", "3 h 05 min", "2 d 4 h"."""
    if duration is None:
        return "–"
    minutes = round(duration.total_seconds() / 60)
    if minutes < 1:
        return _("under a minute")
    if minutes < 60:
        return _("%(minutes)s min") % {"minutes": minutes}
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return _("%(hours)s h %(minutes)02d min") % {"hours": hours, "minutes": minutes}
    days, hours = divmod(hours, 24)
    return _("%(days)s d %(hours)s h") % {"days": days, "hours": hours}


def _hours(row) -> float | None:
    return round(row["median_minutes"] / 60, 1) if row["median_minutes"] is not None else None


# The two tables of the statistics page, sorted by ``?sort=`` (in Python: a handful of rows, aggregated from three
# queries), and their exports (``?export=csv`` for the table per country, ``&table=lent`` for what was lent).
STATISTICS_COLUMNS = [
    Column("country", gettext_lazy("Country"), value=lambda row: row["country_name"].casefold()),
    Column("filed", gettext_lazy("Requests filed"), value=lambda row: row["filed"]),
    Column("received", gettext_lazy("Requests received"), value=lambda row: row["received"]),
    Column("acknowledged", gettext_lazy("Acknowledged"), value=lambda row: row["acknowledged"]),
    Column("median", gettext_lazy("Median time to acknowledge"), value=lambda row: row["median_minutes"]),
]
LENT_COLUMNS = [
    Column("sender", gettext_lazy("Sending country"), value=lambda row: row["country_name"].casefold()),
    Column("resource", gettext_lazy("Resource type"), value=lambda row: row["resource_type"].casefold()),
    Column("quantity", gettext_lazy("Quantity"), value=lambda row: row["quantity"]),
]
FIRST_STATISTICS_YEAR = 2000


def _statistics_year(request) -> int | None:
    """The year asked for (``?year=``), this year when none is, or None (with a message) when it is not one the page
    shows."""
    this_year = timezone.localdate().year
    value = request.GET.get("year", "")
    if not value:
        return this_year
    if value.isdigit() and FIRST_STATISTICS_YEAR <= int(value) <= this_year + 1:
        return int(value)
    messages.error(
        request,
        _("The year “%(value)s” was not understood (give one from %(first)s to %(last)s); showing %(year)s.")
        % {"value": value[:40], "first": FIRST_STATISTICS_YEAR, "last": this_year + 1, "year": this_year},
    )
    return None


def statistics(request):
    """Requests per year and country, how fast they were acknowledged and what was lent (for the chiefs), sorted
    by their columns and exported as CSV or Excel.

    The page's body is cached for everyone who sees the same requests (``selectors.statistics_scope``) in the same
    language at the same address, until any request changes (``caching.ASSISTANCE``)."""
    if not request.user.has_role(Role.POLICE_CHIEF, Role.SECRETARIAT, Role.OPERATOR):
        raise PermissionDenied  # a page of roles the user does not have (404 is for what one may not see)
    year = _statistics_year(request)
    understood = year is not None
    year = year or timezone.localdate().year
    asked = request.GET.get("sort")
    by_country = Sorting(STATISTICS_COLUMNS, asked)
    lent = Sorting(LENT_COLUMNS, asked)
    if asked and not (by_country.asked_for or lent.asked_for):
        understood = False
        messages.error(request, _("The tables cannot be sorted by “%(value)s”.") % {"value": asked[:40]})
    fmt = export_format(request)
    if fmt is not None and understood:  # else the page, saying what was not understood
        return _export_statistics(request, fmt, year=year, by_country=by_country, lent=lent)
    key = answer_key("assistance:statistics", [selectors.statistics_scope(request.user)], request=request)
    parts = cached(
        key,
        [caching.ASSISTANCE],
        lambda: _render_statistics(request, year=year, by_country=by_country, lent=lent),
        timeout=STATISTICS_CACHE_SECONDS,
    )
    return render(request, "assistance/statistics.html", {"body": body_html(parts, request)})


def _coverage(user) -> str:
    """What the figures count, for this reader."""
    if selectors.statistics_scope(user) == "all":
        return _(
            "The figures cover every request filed between the countries, all of which you may see; drafts "
            "are not counted."
        )
    return _(
        "The figures cover the requests you may see: those filed by %(country)s and those asked of it. Requests "
        "between other countries, and drafts, are not counted."
    ) % {"country": user.organisation.country.name}


def _statistics(request, *, year: int, by_country: Sorting, lent: Sorting) -> dict:
    stats = selectors.request_statistics(user=request.user, year=year)
    stats["rows"] = by_country.sort_rows(stats["rows"]) if by_country.asked_for else stats["rows"]
    stats["lent"] = lent.sort_rows(stats["lent"]) if lent.asked_for else stats["lent"]
    return stats


def _render_statistics(request, *, year: int, by_country: Sorting, lent: Sorting) -> list[str]:
    this_year = timezone.localdate().year
    stats = _statistics(request, year=year, by_country=by_country, lent=lent)
    top = max([max(row["filed"], row["received"]) for row in stats["rows"]] or [1]) or 1
    for row in stats["rows"]:
        row["filed_width"] = 5 * round(20 * row["filed"] / top)  # in steps of 5%: the chart's classes
        row["received_width"] = 5 * round(20 * row["received"] / top)
        row["median_text"] = _duration_text(row["median"])
    lent_query = request.GET.copy()
    lent_query["table"] = "lent"
    return body_parts(
        "assistance/_statistics.html",
        {
            "stats": stats,
            "year": year,
            "years": range(this_year - 9, this_year + 1),
            "coverage": _coverage(request.user),
            "sort": request.GET.get("sort", "") if by_country.asked_for or lent.asked_for else "",
            "country_headers": by_country.headers(request.GET),
            "lent_headers": lent.headers(request.GET),
            "country_exports": export_links(query_only(request.GET, "year", "sort")),
            "lent_exports": export_links(query_only(lent_query, "year", "sort", "table")),
        },
    )


def _export_statistics(request, fmt: str, *, year: int, by_country: Sorting, lent: Sorting):
    stats = _statistics(request, year=year, by_country=by_country, lent=lent)
    if request.GET.get("table") == "lent":
        columns = [
            Column("sender", gettext_lazy("Sending country")),
            Column("code", gettext_lazy("ISO code")),
            Column("resource", gettext_lazy("Resource type")),
            Column("quantity", gettext_lazy("Quantity")),
        ]
        rows = ([row["country_name"], row["country"], row["resource_type"], row["quantity"]] for row in stats["lent"])
        name = _("Lent or sent %(year)s") % {"year": year}
    else:
        columns = [
            Column("country", gettext_lazy("Country")),
            Column("code", gettext_lazy("ISO code")),
            Column("filed", gettext_lazy("Requests filed")),
            Column("received", gettext_lazy("Requests received")),
            Column("acknowledged", gettext_lazy("Acknowledged")),
            Column("median", gettext_lazy("Median time to acknowledge (hours)")),
        ]
        rows = (
            [row["country_name"], row["country"], row["filed"], row["received"], row["acknowledged"], _hours(row)]
            for row in stats["rows"]
        )
        name = _("Assistance statistics %(year)s") % {"year": year}
    return export_response(fmt, name=name, columns=columns, rows=rows)
