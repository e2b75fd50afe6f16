"""Pages of the assistance part: the operator's queue, a request's whole story, the form and the actions."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from apps.accounts.choices import Role
from apps.core.caching import answer_key, body_html, body_parts, cached
from apps.core.errors import ApplicationError
from apps.core.paging import slice_page
from apps.events.selectors import event_visible_to

from . import caching, permissions, selectors, services
from . import pdf as request_pdf
from .attachment_views import attachment_context
from .choices import LineDecision
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
from .models import AssistanceRequest, Booking, ResourceType

QUEUE_LIMIT = 10  # rows of "awaiting" and "mine" on the queue page; the rest is one click away (?queue=...)
PAGE_SIZE = 20
QUEUE_CACHE_SECONDS = 60
STATISTICS_CACHE_SECONDS = 600


def _get(request, pk) -> AssistanceRequest:
    try:
        return selectors.request_get_for_user(user=request.user, pk=pk)
    except AssistanceRequest.DoesNotExist:
        raise Http404 from None


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
    obj = _get(request, pk)
    user = request.user
    thread = list(selectors.request_messages(request=obj, user=user))
    if thread and permissions.can_write_message(user, obj):
        services.messages_mark_read(request=obj, user=user)
    lines = list(obj.lines.all())
    responses = list(obj.responses.all())
    answer_grid = []
    for line in lines:
        cells = []
        for response in responses:
            cells.append(next((a for a in response.lines.all() if a.line_id == line.pk), None))
        answer_grid.append((line, cells))
    my_country = user.organisation.country_id if user.organisation_id else None
    my_row = next((row for row in obj.requested.all() if row.country_id == my_country), None)
    my_answered = any(r.country_id == my_country for r in responses)
    offers = [r for r in responses if r.decision != LineDecision.DECLINED]
    can = {
        "edit": permissions.can_edit(user, obj),
        "acknowledge": permissions.can_acknowledge(user, obj) and my_row and not my_row.acknowledged_at,
        "respond": permissions.can_respond(user, obj)
        and my_row
        and my_row.acknowledged_at
        and not my_answered
        and obj.status == "acknowledged",
        "accept": permissions.can_accept(user, obj) and obj.status == "answered" and offers,
        "start": permissions.can_start(user, obj) and obj.status == "accepted",
        "complete": permissions.can_complete(user, obj) and obj.status == "in_progress",
        "close": permissions.can_close(user, obj) and obj.status == "completed",
        "cancel": permissions.can_cancel(user, obj)
        and obj.status in ("draft", "submitted", "acknowledged", "answered", "accepted", "in_progress"),
        "message": permissions.can_write_message(user, obj),
    }
    respond_formset = None
    lend_form = None
    if can["respond"] and obj.kind != "assistance":
        available = selectors.equipment_available_for(request=obj, country_id=my_country)
        lend_form = LendItemsForm(available=available)
    bookings = [
        (
            booking,
            permissions.is_operator(user)
            and not booking.returned_at
            and not booking.is_cancelled
            and booking.item.organisation.country_id == my_country,
        )
        for booking in obj.bookings.all()
    ]
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
            "respond_formset": respond_formset,
            "lend_form": lend_form,
            "bookings": bookings,
            "accept_form": AcceptForm(offers=offers) if can["accept"] else None,
            "cancel_form": CancelForm(),
            "note_form": NoteForm(),
            "message_form": MessageForm(),
            "return_form": ReturnForm(),
            **attachment_context(user, obj),
        },
    )


@require_safe
def pdf(request, pk):
    """The request as a PDF in the reader's language (the Benelux form, as faxed or mailed until now)."""
    obj = _get(request, pk)
    return request_pdf.pdf_response(request=obj, user=request.user)


def _apply_errors(form, formset, error: ApplicationError) -> None:
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
    obj = _get(request, pk) if pk else None
    user = request.user
    if obj is None and not permissions.can_create(user):
        raise Http404
    if obj is not None and not permissions.can_edit(user, obj):
        raise Http404
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
                except ApplicationError as error:
                    messages.warning(request, _("The draft was saved but not filed."))
                    _apply_errors(form, formset, error)
                    form.instance = obj
                    return render(request, "assistance/form.html", {"form": form, "formset": formset, "obj": obj})
                obj.refresh_from_db()
                messages.success(request, _("Request %(reference)s was filed.") % {"reference": obj.reference})
            else:
                messages.success(request, _("The draft was saved."))
            return redirect(obj)
    return render(request, "assistance/form.html", {"form": form, "formset": formset, "obj": obj})


def _done(request, obj, message):
    messages.success(request, message)
    return redirect(obj)


def _failed(request, obj, error: ApplicationError):
    messages.error(request, error.message)
    for errors in error.errors.values():
        for message in errors:
            messages.error(request, message)
    return redirect(obj)


@require_POST
def act(request, pk, action):
    """One step of the procedure from the request page (acknowledge, respond, accept, start, ...)."""
    obj = _get(request, pk)
    user = request.user
    try:
        if action == "acknowledge":
            services.request_acknowledge(request=obj, actor=user)
            return _done(request, obj, _("You acknowledged the request for your country."))
        if action == "respond":
            formset = ResponseLineFormSet(request.POST, prefix="lines")
            note = NoteForm(request.POST)
            if not (formset.is_valid() and note.is_valid()):
                raise ApplicationError(_("The answer is not complete or not valid."))
            lend = LendItemsForm(
                request.POST,
                available=selectors.equipment_available_for(
                    request=obj, country_id=user.organisation.country_id if user.organisation_id else None
                ),
            )
            if not lend.is_valid():
                raise ApplicationError(_("Choose items of your country's registry that are still free."))
            services.request_respond(
                request=obj,
                actor=user,
                decisions=formset.cleaned_data,
                note=note.cleaned_data["note"],
                items=list(lend.cleaned_data["items"]),
            )
            return _done(request, obj, _("Your country's answer was sent."))
        if action == "accept":
            offers = [r for r in obj.responses.all() if r.decision != LineDecision.DECLINED]
            form = AcceptForm(request.POST, offers=offers)
            if not form.is_valid():
                raise ApplicationError(_("Accept at least one offer, or cancel the request."))
            services.request_accept(
                request=obj,
                actor=user,
                accepted_countries=form.cleaned_data["accepted_countries"],
                note=form.cleaned_data["note"],
            )
            return _done(request, obj, _("The offers were decided."))
        if action == "cancel":
            form = CancelForm(request.POST)
            if not form.is_valid():
                raise ApplicationError(_("Give a reason for the cancellation."))
            services.request_cancel(request=obj, actor=user, reason=form.cleaned_data["reason"])
            return _done(request, obj, _("The request was cancelled."))
        if action in ("start", "complete", "close"):
            form = NoteForm(request.POST)
            note = form.cleaned_data["note"] if form.is_valid() else ""
            getattr(services, f"request_{action}")(request=obj, actor=user, note=note)
            return _done(request, obj, _("The request was updated."))
        if action == "message":
            form = MessageForm(request.POST)
            if not form.is_valid():
                raise ApplicationError(_("Write a message."))
            services.message_send(request=obj, actor=user, body=form.cleaned_data["body"])
            return redirect(f"{obj.get_absolute_url()}#messages")
    except ApplicationError as error:
        return _failed(request, obj, error)
    raise Http404


@require_POST
def booking_return(request, pk, booking_pk):
    obj = _get(request, pk)
    booking = get_object_or_404(Booking, pk=booking_pk, request=obj)
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
        raise Http404
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
        row["filed_width"] = round(100 * row["filed"] / top)
        row["received_width"] = round(100 * row["received"] / top)
    return body_parts(
        "assistance/_statistics.html",
        {"stats": stats, "year": year, "years": range(this_year - 9, this_year + 1)},
    )
