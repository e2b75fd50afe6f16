"""Pages of the assistance part: the operator's queue, a request's whole story, the form and the actions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
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
from apps.core.paging import slice_page
from apps.events.selectors import event_visible_to
from apps.notifications.selectors import unread_count
from apps.notifications.services import inbox_mark_read_about

from . import caching, permissions, selectors, services
from . import pdf as request_pdf
from .attachment_views import attachment_context
from .choices import TRANSITIONS, LineDecision, RequestKind, RequestStatus, next_status
from .filtersets import AssistanceRequestFilterSet
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
    """The operator's queue: awaiting my country's acknowledgement, my country's open requests, the rest.

    The lists, and the results of a search, are cached for everyone of the same organisation, roles and language
    until any request changes (``caching.ASSISTANCE``), and at most a minute (the time waited moves on)."""
    searching = bool(set(request.GET) - {"page"})
    entry = caching.lookup("queue", request)
    if entry.value is None:
        entry.keep(_render_queue(request, searching=searching), QUEUE_CACHE_SECONDS)
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


def _render_queue(request, *, searching: bool) -> list[str]:
    """The queue's lists as a cacheable body; they depend on nothing of the request but its query."""
    user = request.user
    if searching:
        visible = selectors.request_rows_visible_to(user=user)
        filterset = AssistanceRequestFilterSet(request.GET, queryset=visible, request=request)
        filtered = filterset.qs if filterset.is_valid() else visible.none()
        awaiting, mine = [], []
    else:
        queue = selectors.operator_queue(user=user)
        filterset = AssistanceRequestFilterSet(None, queryset=queue["other"], request=request)
        filtered = filterset.qs
        awaiting = list(queue["awaiting"][: QUEUE_LIMIT + 1])
        mine = list(queue["mine"][: QUEUE_LIMIT + 1])
    page = slice_page(filtered, number=request.GET.get("page"), per_page=PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
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
            "query": query.urlencode(),
        },
    )


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


def statistics(request):
    """Requests per year and country, how fast they were acknowledged and what was lent (for the chiefs).

    The page's body is cached for everyone of the same organisation, roles and language until any request changes
    (``caching.ASSISTANCE``) for everyone who sees the same requests (``selectors.statistics_scope``)."""
    if not request.user.has_role(Role.POLICE_CHIEF, Role.SECRETARIAT, Role.OPERATOR):
        raise PermissionDenied  # a page of roles the user does not have (404 is for what one may not see)
    key = answer_key("assistance:statistics", [selectors.statistics_scope(request.user)], request=request)
    parts = cached(key, [caching.ASSISTANCE], lambda: _render_statistics(request), timeout=STATISTICS_CACHE_SECONDS)
    return render(request, "assistance/statistics.html", {"body": body_html(parts, request)})


def _render_statistics(request) -> list[str]:
    this_year = timezone.now().year
    try:
        year = int(request.GET.get("year", this_year))
    except ValueError:
        year = this_year
    year = min(max(year, 2000), this_year + 1)
    stats = selectors.request_statistics(user=request.user, year=year)
    top = max([max(row["filed"], row["received"]) for row in stats["rows"]] or [1]) or 1
    for row in stats["rows"]:
        row["filed_width"] = 5 * round(20 * row["filed"] / top)  # in steps of 5%: the chart's classes
        row["received_width"] = 5 * round(20 * row["received"] / top)
    return body_parts(
        "assistance/_statistics.html",
        {"stats": stats, "year": year, "years": range(this_year - 9, this_year + 1)},
    )
