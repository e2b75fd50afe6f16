"""Pages of the event calendar: month, week and list views, an event's page, add/edit forms, feeds."""

import gzip
import re
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from apps.accounts.selectors import user_load_roles_and_organisation
from apps.core.caching import answer_key, body_html, body_parts, cached, lookup
from apps.core.errors import ApplicationError
from apps.core.lists import Column, Sorting, export_format, export_links, export_response

from . import calendar, ical, recurrence
from .caching import CALENDAR
from .calendar_sources import entries_for, occurrences_for, source_scopes, source_versions
from .choices import EventKind, RiskLevel, Visibility
from .filtersets import EventFilterSet
from .forms import EventForm, TrainingRegistrationForm
from .panels import panel_versions, render_event_panels
from .permissions import (
    can_add_event,
    can_change_event,
    can_choose_organiser,
    can_register_for_training,
    sees_every_country,
)
from .selectors import (
    FEED_PAST,
    FIRST_DATE,
    LAST_DATE,
    MAX_OCCURRENCES,
    event_get_for_user,
    event_list_visible_to,
    event_occurrences_between,
    event_occurrences_of,
    feed_events_for,
    feed_token_active_for,
    feed_token_owner,
    local_zone,
    series_horizon,
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

FILTER_NAMES = ("country", "kind", "risk", "assistance")
LIST_DEFAULT_DAYS = 90
LIST_MAX_DAYS = 1100  # three years
FEED_CACHE_SECONDS = 15 * 60
ACCEPTS_GZIP = re.compile(r"\bgzip\b")  # as django.middleware.gzip reads Accept-Encoding
PAGE_CACHE_SECONDS = 15 * 60
DETAIL_CACHE_SECONDS = 5 * 60


def _today() -> date:
    return timezone.localdate(timezone=local_zone())


MONTH = re.compile(r"^(\d{4})-(\d{2})$")
WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def _parse_date(value, default: date) -> date | None:
    """The day a page's ``date`` (or ``from``, ``to``) asks for: what the browser's pickers send (``2026-05-14``,
    a month picker's ``2026-05``, a week picker's ``2026-W20``); ``default`` when none is given; None when the value
    is not understood or outside the calendar's years (the page then says so, and shows ``default``)."""
    value = (value or "").strip()
    if not value:
        return default
    try:
        if match := MONTH.match(value):
            parsed = date(int(match[1]), int(match[2]), 1)
        elif match := WEEK.match(value):
            parsed = date.fromisocalendar(int(match[1]), int(match[2]), 1)
        else:
            parsed = date.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return parsed if FIRST_DATE <= parsed <= LAST_DATE else None


def _asked_date(request, name: str, default: date) -> date:
    """The day of the query's ``name``, or ``default`` with a message saying the value was not understood (said
    to this request alone: the page's body is cached and shared)."""
    value = request.GET.get(name)
    parsed = _parse_date(value, default)
    if parsed is None:
        messages.error(
            request,
            _("The date “%(value)s” was not understood (give a day such as %(example)s); showing %(shown)s instead.")
            % {"value": value[:40], "example": default.isoformat(), "shown": date_format(default, "DATE_FORMAT")},
        )
        return default
    return parsed


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


def _context(filterset, view_name: str, **extra) -> dict:
    for name in ("previous", "next", "today"):
        if f"{name}_date" in extra:
            extra[f"{name}_query"] = _date_query(filterset, extra.pop(f"{name}_date"))
    return {
        "filterset": filterset,
        "filter_query": _filter_query(filterset),
        "view_name": view_name,
        "today": _today(),
        **extra,
    }


def _calendar_page(request, view_name: str, template: str, build) -> HttpResponse:
    """A page of the calendar (month, week or list): ``template`` around the body that ``build(filterset)`` gives
    the context of (``template`` with an underscore: ``events/_index.html`` for ``events/index.html``).

    The body (toolbar, heading, navigation and the period's events, and the entries of other apps: see
    ``calendar_sources``) is the same for everyone of the same organisation (what is visible), right to add events
    and scope of every calendar source who asks for the same address in the same language on the same day, until
    the calendar or a source's data changes (``CALENDAR`` and the sources' versions): it is cached under all of
    these, and a hit builds no filter form and runs no query. A bad filter is reported from the cache too.
    """
    user_load_roles_and_organisation(user=request.user)
    data = _filter_data(request)
    can_add = can_add_event(request.user)
    sees_all = sees_every_country(request.user)  # the secretariat and an administrator share an organisation
    scope = [request.user.organisation_id, can_add, sees_all, _today(), *source_scopes(request.user)]
    key = answer_key(view_name, scope, request=request)
    entry = lookup(key, [CALENDAR, *source_versions()])
    if entry.value is None:
        filterset = _filtered(request, data)
        folder, name = template.rsplit("/", 1)
        context = _context(filterset, view_name, can_add=can_add, **build(filterset))
        failed = bool(data) and bool(filterset.form.errors)
        entry.keep((body_parts(f"{folder}/_{name}", context), failed), PAGE_CACHE_SECONDS)
    elif entry.value[1]:
        _filters_not_understood(request)
    return render(request, template, {"body": body_html(entry.value[0], request)})


def _with_entries(occurrences: list, filterset, *, user, start: datetime, end: datetime) -> list:
    """The events' occurrences and, unless a filter narrows the page to events, the other apps' entries, by start."""
    if _filter_query(filterset):
        return occurrences
    entries = occurrences_for(user=user, start=start, end=end)
    if not entries:
        return occurrences
    return sorted([*occurrences, *entries], key=lambda occurrence: occurrence.starts_at)


def _grid(filterset, *, user, template: str, period: date, start: date, end: date, month: int | None):
    """The days of a month or week with their events (and other apps' entries), as HTML."""
    occurrences = event_occurrences_between(events=filterset.qs, start=start_of_day(start), end=start_of_day(end))
    _label(occurrences)
    occurrences = _with_entries(occurrences, filterset, user=user, start=start_of_day(start), end=start_of_day(end))
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


def _listed(filterset, *, user, first: date, last: date, sorting: Sorting, everything: bool = False) -> list:
    """The occurrences (and other apps' entries) from ``first`` to ``last``, labelled and sorted (``everything``:
    all of them are used, not only the first ``MAX_OCCURRENCES`` of a page)."""
    start, end = start_of_day(first), start_of_day(last + timedelta(days=1))
    occurrences = event_occurrences_between(events=filterset.qs, start=start, end=end)
    if not everything and not sorting.asked_for:
        _label(occurrences[:MAX_OCCURRENCES])  # the rest is not shown: not labelled either
    else:
        _label(occurrences)
    occurrences = _with_entries(occurrences, filterset, user=user, start=start, end=end)
    return sorting.sort_rows(occurrences) if sorting.asked_for else occurrences


def _table(filterset, *, user, first: date, last: date, sorting: Sorting, query):
    """The list view's table of occurrences (and other apps' entries) from ``first`` to ``last``, as HTML."""
    occurrences = _listed(filterset, user=user, first=first, last=last, sorting=sorting)
    html = render_to_string(
        "events/_list_table.html",
        {
            "occurrences": occurrences[:MAX_OCCURRENCES],
            "truncated": len(occurrences) > MAX_OCCURRENCES,
            "filter_query": _filter_query(filterset),
            "headers": sorting.headers(query),
        },
    )
    return mark_safe(html)  # noqa: S308 - rendered by our own template, with autoescaping


def _export_list(request, fmt: str, filterset, *, first: date, last: date, sorting: Sorting):
    """The list view's occurrences as CSV or Excel: the same period, filters and sort as the page."""
    occurrences = _listed(filterset, user=request.user, first=first, last=last, sorting=sorting, everything=True)
    base_url = request.build_absolute_uri("/").rstrip("/")
    columns = [
        Column("start", gettext_lazy("Start")),
        Column("end", gettext_lazy("End")),
        Column("title", gettext_lazy("Event")),
        Column("place", gettext_lazy("Place")),
        Column("country", gettext_lazy("Country")),
        Column("kind", gettext_lazy("Kind")),
        Column("risk", gettext_lazy("Risk level")),
        Column("assistance", gettext_lazy("Cross-border assistance expected")),
        Column("organiser", gettext_lazy("Organiser")),
        Column("address", gettext_lazy("Address")),
    ]
    risks = dict(RiskLevel.choices)

    def rows():
        for occurrence in occurrences:
            if occurrence.entry is not None:
                entry = occurrence.entry
                yield [
                    occurrence.starts_at,
                    occurrence.ends_at,
                    entry.title,
                    entry.place,
                    None,
                    entry.label,
                    None,
                    None,
                    None,
                    f"{base_url}{entry.url}",
                ]
                continue
            event = occurrence.event
            yield [
                occurrence.starts_at,
                occurrence.ends_at,
                event.title,
                event.place,
                event.country.name,
                event.kind_label,
                str(risks.get(event.risk_level, event.risk_level)),
                event.assistance_expected,
                event.organiser.name,
                f"{base_url}{event.link}",
            ]

    name = _("Events %(first)s to %(last)s") % {"first": first.isoformat(), "last": last.isoformat()}
    return export_response(fmt, name=name, columns=columns, rows=rows())


def index(request):
    """The month view: a grid on a screen, a list of days with events on a phone."""
    anchor = _asked_date(request, "date", _today()).replace(day=1)
    start, end = calendar.month_bounds(anchor)

    def build(filterset) -> dict:
        return {
            "period": anchor,
            "grid": _grid(
                filterset,
                user=request.user,
                template="events/_month_grid.html",
                period=anchor,
                start=start,
                end=end,
                month=anchor.month,
            ),
            "previous_date": calendar.shift_month(anchor, -1),
            "next_date": calendar.shift_month(anchor, 1),
            "today_date": _today().replace(day=1),
        }

    return _calendar_page(request, "events:index", "events/index.html", build)


def week(request):
    start, end = calendar.week_bounds(_asked_date(request, "date", _today()))

    def build(filterset) -> dict:
        return {
            "period": start,
            "period_end": end - timedelta(days=1),
            "grid": _grid(
                filterset,
                user=request.user,
                template="events/_week_days.html",
                period=start,
                start=start,
                end=end,
                month=None,
            ),
            "previous_date": start - timedelta(days=7),
            "next_date": start + timedelta(days=7),
            "today_date": _today(),
        }

    return _calendar_page(request, "events:week", "events/week.html", build)


def _range_query(filterset, first: date, last: date, sort: str = "") -> str:
    query = _filter_query(filterset)
    period = {"from": first.isoformat(), "to": last.isoformat(), **({"sort": sort} if sort else {})}
    return urlencode(period) + (f"&{query}" if query else "")


def _risk_rank(occurrence):
    return RISK_RANK.get(occurrence.event.risk_level) if occurrence.entry is None else None


# The columns of the list view, sorted by ``?sort=`` (in Python: a recurring event's occurrences exist only once
# its rule is expanded, and other apps' entries come from their own tables).
LIST_COLUMNS = [
    Column("when", gettext_lazy("When"), value=lambda occurrence: occurrence.starts_at),
    Column(
        "event",
        gettext_lazy("Event"),
        value=lambda o: (o.entry.title if o.entry is not None else o.event.title).casefold(),
    ),
    Column(
        "country",
        gettext_lazy("Country"),
        value=lambda o: o.event.country.name.casefold() if o.entry is None else None,
    ),
    Column("kind", gettext_lazy("Kind"), value=lambda o: o.entry.label if o.entry is not None else o.event.kind_label),
    Column("risk", gettext_lazy("Risk level"), value=_risk_rank),
    Column(
        "assistance",
        gettext_lazy("Assistance"),
        value=lambda o: (0 if o.event.assistance_expected else 1) if o.entry is None else None,
    ),
]
RISK_RANK = {value: rank for rank, value in enumerate(RiskLevel.values)}


def event_list(request):
    """The list view: the occurrences of a period, sorted by their columns (``?sort=``) and exported as CSV or Excel
    (``?export=``). An export is made only of an address understood whole: otherwise the page is shown, saying what
    was not understood (an export of a period or sort other than asked would not say so, and the messages would
    wait for the next page)."""
    understood = all(_parse_date(request.GET.get(name), _today()) is not None for name in ("from", "to"))
    first = _asked_date(request, "from", _today())
    last = _asked_date(request, "to", first + timedelta(days=LIST_DEFAULT_DAYS))
    if last < first:
        understood = False
        messages.error(request, _("The end of the period was before its start; showing three months instead."))
        last = first + timedelta(days=LIST_DEFAULT_DAYS)
    last = min(last, first + timedelta(days=LIST_MAX_DAYS), LAST_DATE)
    span = last - first + timedelta(days=1)
    sorting = Sorting(LIST_COLUMNS, request.GET.get("sort"), default="when")
    if not sorting.valid:
        messages.error(
            request,
            _("The list cannot be sorted by “%(value)s”; it is sorted by date.") % {"value": sorting.asked[:40]},
        )
    sort = sorting.value if sorting.asked_for else ""
    fmt = export_format(request)
    if fmt is not None and understood and sorting.valid:
        user_load_roles_and_organisation(user=request.user)
        data = _filter_data(request)
        filterset = EventFilterSet(data, queryset=event_list_visible_to(user=request.user), request=request)
        if not data or filterset.is_valid():
            return _export_list(request, fmt, filterset, first=first, last=last, sorting=sorting)

    def build(filterset) -> dict:
        return {
            "first": first,
            "last": last,
            "table": _table(filterset, user=request.user, first=first, last=last, sorting=sorting, query=request.GET),
            "export_links": export_links(request.GET),
            "sort": sort,
            "previous_query": _range_query(filterset, first - span, first - timedelta(days=1), sort),
            "next_query": _range_query(filterset, last + timedelta(days=1), last + span, sort),
            "today_query": _range_query(filterset, _today(), _today() + (last - first), sort),
        }

    return _calendar_page(request, "events:list", "events/list.html", build)


def detail(request, pk):
    """An event's page: its facts, the countries' registrations for a training, the form of the user's country,
    what other apps show of it (``panels``) and the actions.

    The body is cached per user (the form carries their name), organisation, roles and language until the calendar
    or what a panel shows changes, and for a series until its next occurrence starts or ends: a hit runs no query.
    """
    user = user_load_roles_and_organisation(user=request.user)
    scope = [user.pk, user.organisation_id, ",".join(sorted(user.roles))]
    entry = lookup(answer_key("events:detail", scope, request=request), [CALENDAR, *panel_versions()])
    if entry.value is None:
        event = event_get_for_user(user=user, pk=pk)
        body = _detail_body(request, event)
        entry.keep(body, body["seconds"])
    body = body_html(entry.value["parts"], request)
    return render(request, "events/detail.html", {"title": entry.value["title"], "body": body})


def _partners(event) -> list:
    """The partner countries an event is shared with, besides the organiser's own (which always sees it)."""
    if event.visibility != Visibility.PARTNERS:
        return []
    return list(event.shared_with.exclude(pk=event.organiser.country_id).order_by("code"))


def _detail_body(request, event) -> dict:
    """The event page's body as a cacheable value: its title, its parts and for how long it holds."""
    user = request.user
    now = timezone.now()
    upcoming = []
    if event.is_recurring:
        upcoming = event_occurrences_of(event=event, start=now, end=now + timedelta(days=366 * 3))[:5]
    registrations = training_registrations_for(event=event) if event.is_training else []
    can_register = can_register_for_training(user, event)
    own = None
    form = None
    if can_register:
        own = next((row for row in registrations if row.country_id == user.organisation.country_id), None)
        form = TrainingRegistrationForm(
            initial={
                "participants": own.participants if own else None,
                "contact_name": own.contact_name if own else user.get_full_name(),
                "contact_email": own.contact_email if own else user.email,
                "note": own.note if own else "",
            }
        )
    pattern = recurrence.pattern_of(event.recurrence_rule, starts_at=event.starts_at, time_zone=event.time_zone)
    parts = body_parts(
        "events/_detail.html",
        {
            "event": event,
            "repeats": recurrence.describe(pattern) if pattern is not None else "",
            "shared_with": _partners(event),
            "upcoming": upcoming,
            "registrations": registrations,
            "total_participants": sum(registration.participants for registration in registrations),
            "registration_form": form,
            "own_registration": own,
            "panels": render_event_panels(event=event, request=request),
            "can_change": can_change_event(user, event),
        },
    )
    # The list of upcoming occurrences changes when the next of them starts or ends.
    moments = [moment for occurrence in upcoming for moment in (occurrence.starts_at, occurrence.ends_at)]
    seconds = min([DETAIL_CACHE_SECONDS, *(int((m - now).total_seconds()) + 1 for m in moments if m > now)])
    return {"title": event.title, "parts": parts, "seconds": seconds}


def _apply_errors(form, error: ApplicationError):
    for field, field_messages in error.errors.items():
        target = field if field in form.fields else getattr(form, "ERROR_FIELDS", {}).get(field)
        for message in field_messages:
            form.add_error(target, message)
    if not error.errors:
        form.add_error(None, error.message)


def _event_fields(form) -> dict:
    """The form's cleaned data as the services take it: the builder's fields as one ``recurrence`` pattern."""
    data = {name: value for name, value in form.cleaned_data.items() if not name.startswith("repeat")}
    if "organiser" in data and data["organiser"] is None:
        del data["organiser"]
    data["shared_with"] = list(data.get("shared_with") or [])
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
        form = EventForm(request.POST, can_choose_organiser=chooser, event=event)
        if form.is_valid():
            try:
                event = event_update(event=event, actor=request.user, **_event_fields(form))
            except ApplicationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("The event has been saved."))
                return redirect(event)
    else:
        form = EventForm(initial=EventForm.initial_for(event), can_choose_organiser=chooser, event=event)
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
    body = ical.calendar_for(
        [event], name=event.title, base_url=request.build_absolute_uri("/").rstrip("/"), series_until=series_horizon()
    )
    return _ics_response(body, f"event-{event.pk}.ics")


def feed_response(request, user) -> HttpResponse:
    """A user's personal feed; used by the secret URL and by the API.

    What a feed shows depends only on the owner's country, language and scope of every calendar source (and the
    day), so the rendered feed is cached for everyone who shares them, until the calendar or a source's data changes
    (``CALENDAR`` and the sources' versions). It is kept
    gzip-compressed (a country's feed of a year and more of events is about a megabyte, a tenth of that
    compressed) and sent so to every client that accepts gzip, as calendar programs and browsers do.
    """
    now = timezone.now()
    base_url = request.build_absolute_uri("/").rstrip("/")
    country_id = user.organisation.country_id if user.organisation_id else None

    def make() -> bytes:
        events = feed_events_for(user=user, now=now)
        entries = entries_for(user=user, start=now - FEED_PAST, end=None)
        calendar_body = ical.calendar_for(
            events, name=_("Benelux police events"), base_url=base_url, entries=entries, series_until=series_horizon()
        )
        return gzip.compress(calendar_body, mtime=0)

    # Calendar programs send no language: the feed speaks its owner's.
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        scope = [country_id, sees_every_country(user), *source_scopes(user)]
        key = answer_key("events:feed", scope, parts=[timezone.localdate(now), base_url])
        body = cached(key, [CALENDAR, *source_versions()], make, timeout=FEED_CACHE_SECONDS)
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
