"""Pages of the equipment registry: each country's loanable items, their bookings on a timeline, what is free of a
type between two dates across the three countries, and the registry's upkeep by the lending control rooms.

Every operator reads the registry of the three countries (what a partner may lend, and who holds it, is no secret
between partners); the operators of an item's country add, change, retire it and record its returns
(``permissions.can_manage_equipment``, ``permissions.can_return_booking``). Writes go through the services.
"""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from apps.accounts.choices import OrganisationKind, Role
from apps.accounts.models import Organisation
from apps.core.caching import body_html, body_parts
from apps.core.errors import ApplicationError
from apps.core.paging import slice_page

from . import caching, permissions, selectors, services
from .choices import EquipmentStatus
from .filtersets import EquipmentFilterSet
from .forms import EquipmentItemForm, EquipmentSearchForm, RetireForm, ReturnForm
from .models import Booking

PAGE_SIZE = 50
REGISTRY_CACHE_SECONDS = 60
# The columns of the list that sort it (the FilterSet's ``ordering`` names), in the order shown.
SORTABLE = [
    ("name", gettext_lazy("Name")),
    ("identifier", gettext_lazy("Identifier")),
    ("type", gettext_lazy("Type")),
    ("owner", gettext_lazy("Owner")),
    ("status", gettext_lazy("Status")),
    ("condition", gettext_lazy("Condition")),
]
# The item page's timeline: two months back and four ahead by default, moved by ?from=YYYY-MM-DD.
TIMELINE_BEFORE = datetime.timedelta(days=60)
TIMELINE_DAYS = 180
TIMELINE_WIDTH = 1000


def _readable(user) -> None:
    """The registry's pages are refused (403) to the roles it is not for, as every page of a role one does not have;
    its items do not exist for them (the selectors: 404)."""
    if not permissions.can_view_equipment(user):
        raise PermissionDenied


def _keeper_of(user, item) -> None:
    """A change of an item the user sees but does not keep (another country's) is refused (403)."""
    if not permissions.can_manage_equipment(user, item.organisation):
        raise PermissionDenied


def _my_country_code(user) -> str | None:
    """The user's country; None without one (a joint Benelux body: the secretariat reads the three countries')."""
    country = user.country
    return country.code if country is not None else None


def index(request):
    """The registry of the user's country (another's with ``?country=``): type, status, condition; filtered and
    sorted by the FilterSet the API shares.

    The list is cached for everyone of the same organisation and roles at the same address until any assistance
    data changes (``caching.ASSISTANCE``: items, bookings), and at most a minute (an item is out once its loan
    starts)."""
    _readable(request.user)
    entry = caching.lookup("equipment", request)
    if entry.value is None:
        entry.keep(body_parts("assistance/equipment/_index.html", _registry(request)), REGISTRY_CACHE_SECONDS)
    return render(request, "assistance/equipment/index.html", {"registry": body_html(entry.value, request)})


def _registry(request) -> dict:
    user = request.user
    query = request.GET.copy()
    if "country" not in query and _my_country_code(user):
        query["country"] = _my_country_code(user)
    filterset = EquipmentFilterSet(query, queryset=selectors.equipment_list_visible_to(user=user), request=request)
    items = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    page = slice_page(items, number=request.GET.get("page"), per_page=PAGE_SIZE)
    country = query.get("country", "").upper()
    paging = query.copy()
    paging.pop("page", None)
    sorting = query.copy()
    sorting.pop("page", None)
    sorting.pop("ordering", None)
    ordering = query.get("ordering", "")
    columns = []
    for key, label in SORTABLE:
        direction = "ascending" if ordering == key else "descending" if ordering == f"-{key}" else ""
        target = f"-{key}" if direction == "ascending" else key
        link = f"?{sorting.urlencode()}&ordering={target}" if sorting else f"?ordering={target}"
        columns.append({"label": label, "href": link, "sort": direction})
    return {
        "columns": columns,
        "filterset": filterset,
        "page": page,
        "query": paging.urlencode(),
        "sort_query": sorting.urlencode(),
        "ordering": query.get("ordering", ""),
        "country": country,
        "own_country": country == _my_country_code(user),
        "can_add": permissions.can_manage_equipment(user),
    }


def _window(request) -> tuple[datetime.datetime, datetime.datetime]:
    """The timeline's period: from ``?from=`` (a date), or two months ago, for six months."""
    try:
        day = parse_date(request.GET.get("from", ""))
    except ValueError:  # a date of the right shape that does not exist (2026-02-30)
        day = None
    if day is not None and 1900 < day.year < 2200:
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    else:
        start = timezone.localtime(timezone.now() - TIMELINE_BEFORE).replace(hour=0, minute=0, second=0, microsecond=0)
    return start, start + datetime.timedelta(days=TIMELINE_DAYS)


def _timeline(bookings: list[Booking], start, end, now) -> dict:
    """The bookings as bars on a line from ``start`` to ``end`` (an SVG drawn by the template: x and width in units
    of a 1000-wide view box), with month ticks and today."""
    span = (end - start).total_seconds()

    def x(moment) -> float:
        seconds = (min(max(moment, start), end) - start).total_seconds()
        return round(TIMELINE_WIDTH * seconds / span, 1)

    bars = []
    for booking in bookings:
        if booking.is_cancelled:
            continue
        lower, upper = booking.period.lower, booking.period.upper or end
        if booking.returned_at:
            state = "returned"
        elif lower <= now:
            state = "out"
        else:
            state = "booked"
        left = x(lower)
        bars.append({"booking": booking, "x": left, "width": max(x(upper) - left, 2), "state": state})
    ticks = []
    month = timezone.localtime(start).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    while month < end:
        if month >= start:
            ticks.append({"x": x(month), "label": month})
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return {
        "bars": bars,
        "ticks": ticks,
        "today": x(now) if start <= now <= end else None,
        "width": TIMELINE_WIDTH,
    }


def detail(request, pk):
    """One item: what it is, where it is, its bookings on a timeline and in a table, and what its country may do."""
    user = request.user
    item = selectors.equipment_get_for_user(user=user, pk=pk)
    start, end = _window(request)
    now = timezone.now()
    bookings = selectors.equipment_bookings(item=item, start=start, end=end)
    seen = selectors.requests_seen_among(user=user, pks=[booking.request_id for booking in bookings])
    rows = [
        {
            "booking": booking,
            "visible": booking.request_id in seen,
            "can_return": permissions.can_return_booking(user, _with_item(booking, item)),
        }
        for booking in bookings
    ]
    can_manage = permissions.can_manage_equipment(user, item.organisation)
    return render(
        request,
        "assistance/equipment/detail.html",
        {
            "item": item,
            "rows": rows,
            "timeline": _timeline(bookings, start, end, now),
            "window": (start, end),
            "earlier": (start - datetime.timedelta(days=TIMELINE_DAYS)).date(),
            "later": end.date(),
            "can_manage": can_manage,
            "return_form": ReturnForm(),
        },
    )


def _with_item(booking: Booking, item):
    booking.item = item  # the item of the page, already read with its owner
    return booking


def _organisations(user):
    """The owners an operator may register items for: the police services and control rooms of their country
    (an administrator: of the three countries)."""
    organisations = Organisation.objects.filter(
        is_active=True,
        country__is_member=True,
        kind__in=[OrganisationKind.POLICE_SERVICE, OrganisationKind.CONTROL_ROOM],
    ).select_related("country")
    if not user.has_role(Role.ADMINISTRATOR):
        organisations = organisations.filter(country_id=user.organisation.country_id)
    return organisations.order_by("country__code", "name")


def _show_errors(form, error: ApplicationError) -> None:
    for field, errors in error.errors.items():
        for message in errors:
            form.add_error(field if field in form.fields else None, message)
    form.add_error(None, error.message)


@require_http_methods(["GET", "HEAD", "POST"])
def create(request):
    """Register an item of the user's country."""
    user = request.user
    _readable(user)
    if not permissions.can_manage_equipment(user):
        raise PermissionDenied
    form = EquipmentItemForm(request.POST or None, organisations=_organisations(user))
    if request.method == "POST" and form.is_valid():
        try:
            item = services.equipment_item_create(actor=user, **form.cleaned_data)
        except ApplicationError as error:
            _show_errors(form, error)
        else:
            messages.success(request, _("%(item)s was added to the registry.") % {"item": item})
            return redirect(item)
    return render(request, "assistance/equipment/form.html", {"form": form, "item": None})


@require_http_methods(["GET", "HEAD", "POST"])
def edit(request, pk):
    """Change an item of the user's country."""
    user = request.user
    item = selectors.equipment_get_for_user(user=user, pk=pk)
    _keeper_of(user, item)
    initial = {field: getattr(item, field) for field in ("resource_type", "identifier", "name", "notes")}
    form = EquipmentItemForm(request.POST or None, initial=initial, organisations=None, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.equipment_item_update(actor=user, item=item, **form.cleaned_data)
        except ApplicationError as error:
            _show_errors(form, error)
        else:
            messages.success(request, _("The item was saved."))
            return redirect(item)
    return render(request, "assistance/equipment/form.html", {"form": form, "item": item})


@require_http_methods(["GET", "HEAD", "POST"])
def retire(request, pk):
    """Take an item out of service: a GET says what that means (and what stops it), the POST does it."""
    user = request.user
    item = selectors.equipment_get_for_user(user=user, pk=pk)
    _keeper_of(user, item)
    form = RetireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.equipment_item_retire(actor=user, item=item, note=form.cleaned_data["note"])
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect(item)
        messages.success(request, _("%(item)s is retired: it is no longer offered for loans.") % {"item": item})
        return redirect(item)
    refusal = services.equipment_item_retire_refusal(item)
    return render(
        request,
        "assistance/equipment/retire.html",
        {"item": item, "form": form, "refusal": refusal.message if refusal else ""},
    )


@require_POST
def reinstate(request, pk):
    user = request.user
    item = selectors.equipment_get_for_user(user=user, pk=pk)
    _keeper_of(user, item)
    try:
        services.equipment_item_reinstate(actor=user, item=item)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(item)s is back in service.") % {"item": item})
    return redirect(item)


@require_POST
def booking_return(request, pk, booking_pk):
    """Record from the item's page that it came back, and in which condition."""
    user = request.user
    item = selectors.equipment_get_for_user(user=user, pk=pk)
    booking = selectors.booking_get_for_item(item=item, pk=booking_pk)
    form = ReturnForm(request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError(_("Choose the condition."))
        services.booking_return(booking=booking, actor=user, **form.cleaned_data)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The return was recorded."))
    return redirect(item)


def free(request):
    """What is free of a type between two dates in each of the three countries, and who holds the rest."""
    user = request.user
    _readable(user)
    form = EquipmentSearchForm(request.GET or None)
    results = None
    if form.is_valid():
        data = form.cleaned_data
        results = selectors.equipment_free(
            user=user, resource_type=data["resource_type"], start=data["start"], end=data["end"]
        )
        seen = selectors.requests_seen_among(
            user=user,
            pks=[booking.request_id for row in results for _item, bookings in row["held"] for booking in bookings],
        )
        for row in results:
            row["held"] = [
                (item, [(booking, booking.request_id in seen) for booking in bookings])
                for item, bookings in row["held"]
            ]
    return render(
        request,
        "assistance/equipment/free.html",
        {
            "form": form,
            "results": results,
            "nothing_free": results is not None and not any(row["free"] for row in results),
            "statuses": EquipmentStatus,
        },
    )
