"""Pages of the event calendar: month, week and list views, an event's page, add/edit forms, feeds."""

import gzip
import re
from datetime import date, timedelta
from hashlib import sha256

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from apps.accounts.errors import ApplicationError
from apps.accounts.selectors import user_load_roles_and_organisation
from apps.assistance import caching as assistance_caching
from apps.assistance.permissions import can_create as can_create_request
from apps.assistance.selectors import requests_for_event
from benelux_portal.generation import Entry
from benelux_portal.rendered_once import rendered_once, with_csrf_token

from . import calendar, ical
from .choices import EventKind
from .filtersets import EventFilterSet
from .forms import EventForm, TrainingRegistrationForm
from .permissions import (
    can_add_event,
    can_change_event,
    can_choose_organiser,
    can_register_for_training,
    can_see_event,
)
from .selectors import (
    FIRST_DATE,
    LAST_DATE,
    MAX_OCCURRENCES,
    calendar_version,
    event_get,
    event_get_for_user,
    event_list_visible_to,
    event_occurrences_between,
    event_occurrences_of,
    feed_events_for,
    feed_token_active_for,
    feed_token_owner,
    local_zone,
    start_of_day,
    training_registrations_for,
)
from .services import (
    event_create,
    event_delete,
    event_update,
    feed_token_get_or_create,
    feed_token_regenerate,
    feed_token_revoke,
    training_registration_cancel,
    training_registration_save,
)

EVENT_REQUESTS_SHOWN = 20
EVENT_REQUESTS_CACHE_SECONDS = 60
FILTER_NAMES = ("country", "kind", "risk", "assistance")
LIST_DEFAULT_DAYS = 90
LIST_MAX_DAYS = 1100  # three years
FEED_CACHE_SECONDS = 15 * 60
ACCEPTS_GZIP = re.compile(r"\bgzip\b")  # as django.middleware.gzip reads Accept-Encoding
PAGE_CACHE_SECONDS = 15 * 60


def _today() -> date:
    return timezone.localdate(timezone=local_zone())


def _parse_date(value, default: date) -> date:
    try:
        parsed = date.fromisoformat(value) if value else default
    except (TypeError, ValueError):
        return default
    return parsed if FIRST_DATE <= parsed <= LAST_DATE else default


def _filter_data(request):
    """The page's filters from its query (anything else, such as the date, left out)."""
    data = request.GET.copy()
    for name in list(data):
        if name not in FILTER_NAMES:
            del data[name]
    return data


def _filters_not_understood(request) -> None:
    messages.error(request, _("Some filters were not understood and are left out."))


def _filtered(request, data):
    """The events the user may see, narrowed by the page's filters (the same FilterSet as the API)."""
    filterset = EventFilterSet(data, queryset=event_list_visible_to(user=request.user), request=request)
    # Without any filter there is nothing to validate: the form is built only when the toolbar or the events are
    # not cached yet (``filterset.qs`` validates it then).
    if data and not filterset.is_valid():
        _filters_not_understood(request)
    return filterset


def _filter_query(filterset) -> str:
    values = {name: filterset.data.get(name) for name in FILTER_NAMES if filterset.data.get(name)}
    return urlencode(values)


def _date_query(filterset, day: date) -> str:
    query = _filter_query(filterset)
    return urlencode({"date": day.isoformat()}) + (f"&{query}" if query else "")


def _label(occurrences) -> None:
    """Give each event its link and kind label once: ``get_kind_display`` and ``reverse`` for every entry
    of a full month would cost more than the rest of the page."""
    kinds = {value: str(label) for value, label in EventKind.choices}
    prefix = reverse("events:detail", args=[0])[: -len("0/")]
    for occurrence in occurrences:
        event = occurrence.event
        if not hasattr(event, "link"):
            event.link = f"{prefix}{event.pk}/"
            event.kind_label = kinds.get(event.kind, event.kind)


def _context(request, filterset, view_name: str, **extra) -> dict:
    for name in ("previous", "next", "today"):
        if f"{name}_date" in extra:
            extra[f"{name}_query"] = _date_query(filterset, extra.pop(f"{name}_date"))
    context = {
        "filterset": filterset,
        "filter_query": _filter_query(filterset),
        "view_name": view_name,
        "today": _today(),
        **extra,
    }
    context["toolbar"] = _toolbar(request, filterset, context)
    return context


def _calendar_page(request, view_name: str, template: str, period: list[date], build) -> HttpResponse:
    """A page of the calendar (month, week or list): ``template`` around the body that ``build(filterset)`` gives
    the context of (``template`` with an underscore: ``events/_index.html`` for ``events/index.html``).

    The body (toolbar, heading, navigation and the period's events) is the same for everyone of the same
    organisation (what is visible) and right to add events who reads it in the same language, with the same
    filters, for the same period and on the same day, until any event or country changes (``calendar_version``).
    It is cached under all of these: a hit builds no filter form and runs no query but the version's.

    Loads the user's roles and organisation first (one query, unless the session's cache had them): whether the
    user may add events reads the roles, and what they see the organisation; loaded together, every role runs
    the same queries.
    """
    user_load_roles_and_organisation(user=request.user)
    data = _filter_data(request)
    can_add = can_add_event(request.user)
    parts = [
        view_name,
        str(request.user.organisation_id),
        str(can_add),
        translation.get_language(),
        urlencode(sorted(data.lists()), doseq=True),
        *(day.isoformat() for day in period),
        _today().isoformat(),
        _version(request),
    ]
    key = "events:page:" + sha256("|".join(parts).encode()).hexdigest()
    cached = cache.get(key)
    if cached is None:
        filterset = _filtered(request, data)
        folder, name = template.rsplit("/", 1)
        html = render_to_string(
            f"{folder}/_{name}", _context(request, filterset, view_name, can_add=can_add, **build(filterset))
        )
        cached = (html, bool(data) and bool(filterset.form.errors))
        cache.set(key, cached, PAGE_CACHE_SECONDS)
    elif cached[1]:
        _filters_not_understood(request)
    body = mark_safe(cached[0])  # noqa: S308 - rendered by our own template, with autoescaping
    return render(request, template, {"body": body})


def _version(request) -> str:
    """``calendar_version()``, read once per request."""
    if not hasattr(request, "_calendar_version"):
        request._calendar_version = calendar_version()
    return request._calendar_version


def _toolbar(request, filterset, context: dict):
    """The views' links and the filter form, as HTML: the same for everyone who reads the calendar in the same
    language, with the same filters and the same right to add, until a country changes (``calendar_version``).

    Cached: rendering the form's four select boxes (and reading the countries for one of them) was a third of
    the time of a cached month. A form with errors is rendered each time.
    """
    template = "events/_toolbar.html"
    toolbar = {name: context[name] for name in ("filterset", "filter_query", "view_name", "can_add")}
    if filterset.data and filterset.form.errors:
        return render_to_string(template, {**toolbar, "keep": None})
    key = (
        "events:toolbar:"
        + sha256(
            "|".join(
                [
                    context["view_name"],
                    str(context["can_add"]),
                    translation.get_language(),
                    _filter_query(filterset),
                    _version(request),
                ]
            ).encode()
        ).hexdigest()
    )
    html = cache.get(key)
    if html is None:
        html = render_to_string(template, {**toolbar, "keep": None})
        cache.set(key, html, PAGE_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - rendered by our own template, with autoescaping


def _grid(filterset, *, template: str, period: date, start: date, end: date, month: int | None):
    """The days of a month or week with their events, as HTML."""
    occurrences = event_occurrences_between(events=filterset.qs, start=start_of_day(start), end=start_of_day(end))
    _label(occurrences)
    days = calendar.build_days(
        start=start, end=end, occurrences=occurrences, zone=local_zone(), today=_today(), period_month=month
    )
    html = render_to_string(
        template,
        {
            "days": days,
            "weeks": calendar.weeks(days),
            "has_occurrences": bool(occurrences),
            "filter_query": _filter_query(filterset),
            "period": period,
        },
    )
    return mark_safe(html)  # noqa: S308 - rendered by our own template, with autoescaping


def _table(filterset, *, first: date, last: date):
    """The list view's table of occurrences from ``first`` to ``last``, as HTML."""
    occurrences = event_occurrences_between(
        events=filterset.qs, start=start_of_day(first), end=start_of_day(last + timedelta(days=1))
    )
    _label(occurrences[:MAX_OCCURRENCES])
    html = render_to_string(
        "events/_list_table.html",
        {
            "occurrences": occurrences[:MAX_OCCURRENCES],
            "truncated": len(occurrences) > MAX_OCCURRENCES,
            "filter_query": _filter_query(filterset),
        },
    )
    return mark_safe(html)  # noqa: S308 - rendered by our own template, with autoescaping


def index(request):
    """The month view: a grid on a screen, a list of days with events on a phone."""
    anchor = _parse_date(request.GET.get("date"), _today()).replace(day=1)
    start, end = calendar.month_bounds(anchor)

    def build(filterset) -> dict:
        return {
            "period": anchor,
            "grid": _grid(
                filterset, template="events/_month_grid.html", period=anchor, start=start, end=end, month=anchor.month
            ),
            "previous_date": calendar.shift_month(anchor, -1),
            "next_date": calendar.shift_month(anchor, 1),
            "today_date": _today().replace(day=1),
        }

    return _calendar_page(request, "events:index", "events/index.html", [anchor], build)


def week(request):
    start, end = calendar.week_bounds(_parse_date(request.GET.get("date"), _today()))

    def build(filterset) -> dict:
        return {
            "period": start,
            "period_end": end - timedelta(days=1),
            "grid": _grid(filterset, template="events/_week_days.html", period=start, start=start, end=end, month=None),
            "previous_date": start - timedelta(days=7),
            "next_date": start + timedelta(days=7),
            "today_date": _today(),
        }

    return _calendar_page(request, "events:week", "events/week.html", [start], build)


def _range_query(filterset, first: date, last: date) -> str:
    query = _filter_query(filterset)
    return urlencode({"from": first.isoformat(), "to": last.isoformat()}) + (f"&{query}" if query else "")


def event_list(request):
    first = _parse_date(request.GET.get("from"), _today())
    last = _parse_date(request.GET.get("to"), first + timedelta(days=LIST_DEFAULT_DAYS))
    if last < first:
        messages.error(request, _("The end of the period was before its start; showing three months instead."))
        last = first + timedelta(days=LIST_DEFAULT_DAYS)
    last = min(last, first + timedelta(days=LIST_MAX_DAYS), LAST_DATE)
    span = last - first + timedelta(days=1)

    def build(filterset) -> dict:
        return {
            "first": first,
            "last": last,
            "table": _table(filterset, first=first, last=last),
            "previous_query": _range_query(filterset, first - span, first - timedelta(days=1)),
            "next_query": _range_query(filterset, last + timedelta(days=1), last + span),
            "today_query": _range_query(filterset, _today(), _today() + (last - first)),
        }

    return _calendar_page(request, "events:list", "events/list.html", [first, last], build)


def detail(request, pk):
    # With its country: whether the user's country may register for a training reads it.
    user = user_load_roles_and_organisation(user=request.user)
    # The page's facts and the requests filed for the event, in one round trip to the cache.
    page_key = f"events:event-page:{pk}:{translation.get_language()}:{_version(request)}"
    requests_entry = assistance_caching.entry("event-requests", request, along=[page_key])
    page = _event_page(pk, page_key, requests_entry.along[page_key])
    event = page["event"]
    if not can_see_event(user, event):
        raise Http404
    own_country = user.organisation.country_id if user.organisation_id else None
    own = next((registration for registration in page["registrations"] if registration.country_id == own_country), None)
    can_register = can_register_for_training(user, event)
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "facts": mark_safe(page["html"]),  # noqa: S308 - rendered by our own template, with autoescaping
            "registration_section": _registration_section(request, event, own) if can_register else "",
            "requests_section": _requests_section(request, event, requests_entry),
            "can_change": can_change_event(user, event),
        },
    )


def _registration_section(request, event, own) -> str:
    """The form of the user's country's registration, filled in with it (or with the user as contact person).

    Its HTML depends on nothing but the event, the language and these values, so it is rendered once per process
    for each (``rendered_once``): four widgets through Django's form templates were a fifth of the page."""
    user = request.user
    initial = {
        "participants": own.participants if own else None,
        "contact_name": own.contact_name if own else user.get_full_name(),
        "contact_email": own.contact_email if own else user.email,
        "note": own.note if own else "",
    }
    html = rendered_once(
        "events/_register_form.html",
        (event.pk, own is not None, *initial.values()),
        lambda: {"event": event, "own_registration": own, "form": TrainingRegistrationForm(initial=initial)},
    )
    return with_csrf_token(html, request)


def _event_page(pk, key: str, page: dict | None) -> dict:
    """What an event's page shows to everyone who may see it, cached (under ``key``, as ``page`` was found there)
    per language until the calendar changes (``calendar_version``: the event, its organiser, the countries and the
    training registrations) or, for a series, until its first upcoming occurrence starts: the event (with country
    and organiser), its registrations and the page's facts as HTML. Who may see the event is the caller's to check
    (``can_see_event``)."""
    now = timezone.now()
    if page is None or (page["fresh_until"] is not None and now >= page["fresh_until"]):
        event = event_get(pk=pk)
        if event is None:
            raise Http404
        upcoming = []
        if event.is_recurring:
            upcoming = event_occurrences_of(event=event, start=now, end=now + timedelta(days=366 * 3))[:5]
        registrations = training_registrations_for(event=event) if event.is_training else []
        html = render_to_string(
            "events/_detail_facts.html",
            {
                "event": event,
                "upcoming": upcoming,
                "registrations": registrations,
                "total_participants": sum(registration.participants for registration in registrations),
            },
        )
        page = {
            "event": event,
            "registrations": registrations,
            "html": html,
            # The list of upcoming occurrences changes when the next of them starts or ends.
            "fresh_until": min(
                (moment for o in upcoming for moment in (o.starts_at, o.ends_at) if moment > now), default=None
            ),
        }
        cache.set(key, page, PAGE_CACHE_SECONDS)
    return page


def _requests_section(request, event, entry: Entry) -> str:
    """The event page's assistance and loan requests, for a user who may see requests at all ("" otherwise).

    Cached (``entry``), as the operator's queue is, for everyone of the same organisation, roles and language until
    any assistance data or event changes (``apps.assistance.caching``), and at most a minute."""
    html = entry.value
    if html is None:
        rows = requests_for_event(user=request.user, event=event, limit=EVENT_REQUESTS_SHOWN)
        html = (
            ""
            if rows is None
            else render_to_string(
                "events/_requests.html",
                {
                    "event": event,
                    "assistance_requests": rows,
                    "assistance_requests_shown": EVENT_REQUESTS_SHOWN,
                    "can_file_request": can_create_request(request.user),
                },
            )
        )
        entry.keep(html, EVENT_REQUESTS_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - rendered by our own template, with autoescaping


def _apply_errors(form, error: ApplicationError):
    for field, field_messages in error.errors.items():
        target = field if field in form.fields else None
        for message in field_messages:
            form.add_error(target, message)
    if not error.errors:
        form.add_error(None, error.message)


def _event_fields(form) -> dict:
    data = dict(form.cleaned_data)
    if "organiser" in data and data["organiser"] is None:
        del data["organiser"]
    return data


def create(request):
    if not can_add_event(request.user):
        raise PermissionDenied
    chooser = can_choose_organiser(request.user)
    if request.method == "POST":
        form = EventForm(request.POST, can_choose_organiser=chooser)
        if form.is_valid():
            try:
                event = event_create(actor=request.user, **_event_fields(form))
            except ApplicationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("The event has been added to the calendar."))
                return redirect(event)
    else:
        form = EventForm(initial=EventForm.initial_for_user(request.user), can_choose_organiser=chooser)
    return render(request, "events/form.html", {"form": form, "event": None})


def edit(request, pk):
    event = event_get_for_user(user=request.user, pk=pk)
    if not can_change_event(request.user, event):
        raise PermissionDenied
    chooser = can_choose_organiser(request.user)
    if request.method == "POST":
        form = EventForm(request.POST, can_choose_organiser=chooser)
        if form.is_valid():
            try:
                event = event_update(event=event, actor=request.user, **_event_fields(form))
            except ApplicationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("The event has been saved."))
                return redirect(event)
    else:
        form = EventForm(initial=EventForm.initial_for(event), can_choose_organiser=chooser)
    return render(request, "events/form.html", {"form": form, "event": event})


@require_POST
def delete(request, pk):
    event = event_get_for_user(user=request.user, pk=pk)
    event_delete(event=event, actor=request.user)
    messages.success(request, _("The event has been removed from the calendar."))
    return redirect("events:index")


@require_POST
def register(request, pk):
    event = event_get_for_user(user=request.user, pk=pk)
    if not can_register_for_training(request.user, event):
        raise PermissionDenied
    if request.POST.get("cancel"):
        training_registration_cancel(actor=request.user, event=event)
        messages.success(request, _("Your country's registration has been withdrawn."))
        return redirect(event)
    form = TrainingRegistrationForm(request.POST)
    if form.is_valid():
        try:
            training_registration_save(actor=request.user, event=event, **form.cleaned_data)
        except ApplicationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Your country's participants are registered."))
            return redirect(event)
    messages.error(request, _("The registration was not saved: please correct the marked fields."))
    return render(
        request,
        "events/register.html",
        {"event": event, "registration_form": form},
        status=400,
    )


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=ical.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def event_ics(request, pk):
    event = event_get_for_user(user=request.user, pk=pk)
    body = ical.calendar_for([event], name=event.title, base_url=request.build_absolute_uri("/").rstrip("/"))
    return _ics_response(body, f"event-{event.pk}.ics")


def feed_response(request, user) -> HttpResponse:
    """A user's personal feed; used by the secret URL and by the API.

    What a feed shows depends only on the owner's country and language (and the day), so the rendered feed
    is cached for everyone who shares them, until any event changes (``calendar_version``). It is kept
    gzip-compressed (a country's feed of a year and more of events is about a megabyte, a tenth of that
    compressed) and sent so to every client that accepts gzip, as calendar programs and browsers do.
    """
    now = timezone.now()
    language = user.preferred_language or settings.LANGUAGE_CODE
    base_url = request.build_absolute_uri("/").rstrip("/")
    country_id = user.organisation.country_id if user.organisation_id else None
    key = (
        "events:feed-gzip:"
        + sha256(
            f"{country_id}|{language}|{timezone.localdate(now)}|{base_url}|{calendar_version()}".encode()
        ).hexdigest()
    )
    body = cache.get(key)
    if body is None:
        # Calendar programs send no language: the feed speaks its owner's.
        with translation.override(language):
            document = ical.calendar_for(
                feed_events_for(user=user, now=now), name=_("Benelux police events"), base_url=base_url
            )
        body = gzip.compress(document, mtime=0)
        cache.set(key, body, FEED_CACHE_SECONDS)
    if ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
        response = HttpResponse(body, content_type=ical.CONTENT_TYPE)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(gzip.decompress(body), content_type=ical.CONTENT_TYPE)
    patch_vary_headers(response, ("Accept-Encoding",))
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_not_required
@never_cache
def feed(request, key):
    """The secret feed URL: calendar programs fetch it without a session. Unknown or revoked: a plain 404."""
    user = feed_token_owner(key=key)
    if user is None:
        raise Http404
    return feed_response(request, user)


def feed_settings(request):
    """Where a user gets, regenerates or revokes the secret address of their calendar feed."""
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create":
            feed_token_get_or_create(user=request.user)
            messages.success(request, _("Your calendar feed address is ready."))
        elif action == "regenerate":
            feed_token_regenerate(user=request.user)
            messages.success(request, _("A new address was made; the old one no longer works."))
        elif action == "revoke":
            feed_token_revoke(user=request.user)
            messages.success(request, _("Your calendar feed is switched off; its address no longer works."))
        return redirect("events:feed_settings")
    token = feed_token_active_for(user=request.user)
    feed_url = api_url = None
    if token:
        feed_url = request.build_absolute_uri(reverse("events:feed", args=[token.key]))
        api_url = request.build_absolute_uri(f"{reverse('events-api:feed')}?{urlencode({'token': token.key})}")
    return render(request, "events/feed_settings.html", {"token": token, "feed_url": feed_url, "api_url": api_url})
