"""Pages of the liaison network: the map, a country's coverage (and its history), the directory, an officer's record
with its postings, accreditations and absences, the desks, the stale records and the almanac.

The map, a country's coverage and the directory are what every officer looks up: their bodies are cached for
everyone who sees the same (contact details or not) at the same address in the same language on the same day,
until the network changes (``caching.NETWORK``); a hit runs no query. The pages that change a record are not cached.

Every record is seen by everyone logged in: a change refused to someone (not their record, not their country's) is a
403, as is a coordinator's page (new officer, new desk, stale records) to whoever is not a coordinator; a 404 is an
address that names no record.
"""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.accounts.choices import Role
from apps.accounts.selectors import user_load_roles_and_organisation
from apps.core.caching import answer_key, body_html, body_parts, lookup
from apps.core.errors import ApplicationError
from apps.core.paging import slice_page

from . import almanac, permissions, selectors, services, worldmap
from .caching import NETWORK
from .choices import Coverage, FocusArea
from .filtersets import OfficerFilterSet
from .forms import AbsenceForm, CoverageFilterForm, DeskForm, OfficerForm, PostingForm

PAGE_CACHE_SECONDS = 15 * 60
DIRECTORY_PAGE_SIZE = 25
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2199, 12, 31)


def _apply_errors(form, error: ApplicationError) -> None:
    for field, field_messages in error.errors.items():
        target = field if field in form.fields else None
        for message in field_messages:
            form.add_error(target, message)
    if not error.errors:
        form.add_error(None, error.message)


def _coverage_filters(request) -> tuple[CoverageFilterForm, dict, bool]:
    """The map's and the coverage page's filters: (form, cleaned values, whether something was not understood)."""
    data = {name: request.GET.get(name, "") for name in ("focus", "sending_country", "date")}
    form = CoverageFilterForm(data)
    if not form.is_valid():
        return form, {"focus": "", "sending_country": "", "date": None}, any(data.values())
    values = dict(form.cleaned_data)
    if values["date"] is not None and not FIRST_DAY <= values["date"] <= LAST_DAY:
        values["date"] = None
        return form, values, True
    return form, values, False


def _filters_query(values: dict) -> str:
    kept = {name: values[name] for name in ("focus", "sending_country") if values.get(name)}
    if values.get("date"):
        kept["date"] = values["date"].isoformat()
    return urlencode(kept)


def _status_labels() -> dict[str, str]:
    return {value: str(label) for value, label in Coverage.choices}


def _cached_page(request, name: str, scope: list, template: str, make, extra: dict | None = None) -> HttpResponse:
    """``template`` around a body cached under ``name`` and ``scope`` (and the address, language and release) until
    the network changes; ``make()`` gives the body's template and context and whether a filter was refused."""
    entry = lookup(answer_key(name, scope, request=request), [NETWORK])
    if entry.value is None:
        body_template, context, refused = make()
        entry.keep(
            {"parts": body_parts(body_template, context), "title": context.get("title", ""), "refused": refused},
            PAGE_CACHE_SECONDS,
        )
    if entry.value["refused"]:
        messages.error(request, _("Some filters were not understood and are left out."))
    body = body_html(entry.value["parts"], request)
    return render(request, template, {"body": body, "title": entry.value["title"], **(extra or {})})


# The map ---------------------------------------------------------------------------------------------------------


def index(request):
    """The world map coloured by coverage, the coverage gaps among the priority countries, and every country in a
    list (the map's equal for keyboards and screen readers); filtered by focus area and sending country."""
    user = user_load_roles_and_organisation(user=request.user)
    day = selectors.today()

    def make():
        form, values, refused = _coverage_filters(request)
        shown = values["date"] or day
        statuses = selectors.coverage_statuses(
            day=shown, focus=values["focus"], sending_country=values["sending_country"]
        )
        names = selectors.country_names()
        status_of = {code: selectors.status_of(code, statuses.get(code)) for code, _name in names}
        query = _filters_query(values)
        link = reverse("liaison:coverage", args=["XX"]).replace("XX", "{code}") + (f"?{query}" if query else "")
        labels = _status_labels()
        rows = [
            {
                "code": code,
                "name": name,
                "status": status_of[code],
                "label": labels[status_of[code]],
                "resident": statuses.get(code, {}).get("resident", 0),
                "accredited": statuses.get(code, {}).get("accredited", 0),
                "link": link.replace("{code}", code),
            }
            for code, name in names
        ]
        totals = {status: sum(1 for row in rows if row["status"] == status) for status in Coverage.values}
        context = {
            "title": _("Liaison officers"),
            "form": form,
            "day": shown,
            "is_today": shown == day,
            "map": worldmap.render(statuses=status_of, names=dict(names), labels=labels, link=link),
            "rows": rows,
            "totals": totals,
            "gaps": selectors.coverage_gaps(statuses=statuses, focus=values["focus"]),
            "query": query,
            "focus_label": dict(FocusArea.choices).get(values["focus"], ""),
        }
        return "liaison/_index.html", context, refused

    extra = {
        "is_officer": user.has_role(Role.LIAISON_OFFICER),
        "can_see_stale": permissions.can_see_stale_records(user),
        "can_add_officer": permissions.can_add_officer(user),
    }
    return _cached_page(request, "liaison:index", [day], "liaison/index.html", make, extra)


# A country's coverage --------------------------------------------------------------------------------------------


def coverage(request, code):
    """Who covers a country: resident and accredited officers, from which country and desk, their absences and
    backups, when each record was last confirmed; on another day with ``?date=`` (the coverage history)."""
    code = selectors.country_or_404(code)
    user = user_load_roles_and_organisation(user=request.user)
    day = selectors.today()
    contacts = permissions.can_see_contacts(user)

    def make():
        form, values, refused = _coverage_filters(request)
        shown = values["date"] or day
        row = selectors.country_coverage(
            user=user, code=code, day=shown, focus=values["focus"], sending_country=values["sending_country"]
        )
        labels = dict(FocusArea.choices)
        for entry in row["officers"]:
            entry["focus_names"] = [str(labels.get(value, value)) for value in entry["posting"]["focus_areas"]]
        context = {
            "title": row["name"],
            "row": row,
            "form": form,
            "day": shown,
            "is_today": shown == day,
            "label": _status_labels()[row["status"]],
            "contacts": contacts,
            "query": _filters_query(values),
        }
        return "liaison/_coverage.html", context, refused

    return _cached_page(request, "liaison:coverage", [day, contacts], "liaison/page.html", make)


# The directory ---------------------------------------------------------------------------------------------------


def directory(request):
    """Find an officer by name, country, city, focus area or language, in any of the four languages."""
    user = user_load_roles_and_organisation(user=request.user)
    day = selectors.today()

    def make():
        data = {name: value for name, value in request.GET.items() if name in OfficerFilterSet.base_filters}
        filterset = OfficerFilterSet(data or None, queryset=selectors.officers_searchable(user=user), request=request)
        refused = bool(data) and not filterset.is_valid()
        officers = filterset.qs if not refused else selectors.officers_searchable(user=user).none()
        officers = selectors.with_current_postings(officers, day=day).order_by("last_name", "first_name", "pk")
        page = slice_page(officers, number=request.GET.get("page"), per_page=DIRECTORY_PAGE_SIZE)
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            "title": _("Directory of liaison officers"),
            "filterset": filterset,
            "page": page,
            "query": query.urlencode(),
            "searching": bool(data),
            "focus_labels": dict(FocusArea.choices),
        }
        return "liaison/_directory.html", context, refused

    return _cached_page(request, "liaison:directory", [day], "liaison/page.html", make)


# An officer's record ---------------------------------------------------------------------------------------------


def mine(request):
    """ "My posting": the officer's own record, or how to get one."""
    officer = selectors.officer_of_user(user=request.user)
    if officer is not None:
        return redirect("liaison:officer", pk=officer.pk)
    return render(request, "liaison/mine_none.html")


def officer(request, pk):
    user = user_load_roles_and_organisation(user=request.user)
    record = selectors.officer_page(user=user, pk=pk)
    day = selectors.today()
    for posting in record.posting_list:
        posting.is_current = posting.is_active_on(day)
        posting.current_accreditations = [
            row
            for row in posting.accreditations.all()
            if row.starts_on <= day and (row.ends_on is None or row.ends_on >= day)
        ]
        posting.past_accreditations = [
            row for row in posting.accreditations.all() if row not in posting.current_accreditations
        ]
    return render(
        request,
        "liaison/officer.html",
        {
            "officer": record,
            "today": day,
            "stale": record.is_stale(),
            "can_edit": permissions.can_edit_officer(user, record),
            "can_confirm": permissions.can_confirm(user, record),
            "own": permissions.is_own_record(user, record),
            "contacts": permissions.can_see_contacts(user),
            "focus_labels": dict(FocusArea.choices),
        },
    )


def _editable_officer(request, pk):
    user = user_load_roles_and_organisation(user=request.user)
    record = selectors.officer_get_for_user(user=user, pk=pk)
    if not permissions.can_edit_officer(user, record):
        raise PermissionDenied
    return user, record


def officer_create(request):
    user = user_load_roles_and_organisation(user=request.user)
    if not permissions.can_add_officer(user):
        raise PermissionDenied
    countries_ = [country for country in ("BE", "NL") if permissions.coordinates(user, country)]
    form = OfficerForm(request.POST or None, coordinator_countries=countries_)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.officer_create(actor=user, **form.cleaned_data)
        except ApplicationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The liaison officer has been added."))
            return redirect(record)
    return render(request, "liaison/officer_form.html", {"form": form, "officer": None})


def officer_edit(request, pk):
    user, record = _editable_officer(request, pk)
    manage = permissions.can_manage_account_link(user, record)
    countries_ = [country for country in ("BE", "NL") if permissions.coordinates(user, country)] if manage else []
    form = OfficerForm(request.POST or None, initial=OfficerForm.initial_for(record), coordinator_countries=countries_)
    if request.method == "POST" and form.is_valid():
        try:
            services.officer_update(actor=user, officer=record, **form.cleaned_data)
        except ApplicationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The record has been saved."))
            return redirect(record)
    return render(request, "liaison/officer_form.html", {"form": form, "officer": record})


@require_POST
def officer_confirm(request, pk):
    user = user_load_roles_and_organisation(user=request.user)
    record = selectors.officer_get_for_user(user=user, pk=pk)
    if not permissions.can_confirm(user, record):
        raise PermissionDenied
    services.officer_confirm(actor=user, officer=record)
    messages.success(request, _("Thank you: the record is confirmed as current."))
    return redirect(record)


# Postings --------------------------------------------------------------------------------------------------------


def _posting_initial(posting) -> dict:
    day = selectors.today()
    return {
        "desk": posting.desk_id,
        "function": posting.function,
        "starts_on": posting.starts_on,
        "ends_on": posting.ends_on,
        "focus_areas": posting.focus_areas,
        "accredited_countries": [
            row.country.code
            for row in posting.accreditations.all()
            if row.ends_on is None or row.ends_on >= min(day, posting.ends_on or day)
        ],
    }


def posting_create(request, pk):
    user, record = _editable_officer(request, pk)
    form = PostingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.posting_create(actor=user, officer=record, **form.cleaned_data)
        except ApplicationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The posting has been saved."))
            return redirect(record)
    return render(request, "liaison/posting_form.html", {"form": form, "officer": record, "posting": None})


def posting_edit(request, pk):
    user = user_load_roles_and_organisation(user=request.user)
    posting = selectors.posting_get_for_user(user=user, pk=pk)
    if not permissions.can_edit_officer(user, posting.officer):
        raise PermissionDenied
    form = PostingForm(request.POST or None, initial=_posting_initial(posting))
    if request.method == "POST" and form.is_valid():
        try:
            services.posting_update(actor=user, posting=posting, **form.cleaned_data)
        except ApplicationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The posting has been saved."))
            return redirect(posting.officer)
    return render(request, "liaison/posting_form.html", {"form": form, "officer": posting.officer, "posting": posting})


@require_POST
def posting_delete(request, pk):
    user = user_load_roles_and_organisation(user=request.user)
    posting = selectors.posting_get_for_user(user=user, pk=pk)
    if not permissions.can_edit_officer(user, posting.officer):
        raise PermissionDenied
    services.posting_delete(actor=user, posting=posting)
    messages.success(request, _("The posting has been removed."))
    return redirect(posting.officer)


# Absences --------------------------------------------------------------------------------------------------------


def absence_create(request, pk):
    user, record = _editable_officer(request, pk)
    form = AbsenceForm(request.POST or None, officer=record)
    if request.method == "POST" and form.is_valid():
        try:
            services.absence_create(actor=user, officer=record, **form.cleaned_data)
        except ApplicationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The absence has been saved."))
            return redirect(record)
    return render(request, "liaison/absence_form.html", {"form": form, "officer": record, "absence": None})


def absence_edit(request, pk):
    user = user_load_roles_and_organisation(user=request.user)
    absence = selectors.absence_get_for_user(user=user, pk=pk)
    if not permissions.can_edit_officer(user, absence.officer):
        raise PermissionDenied
    initial = {
        "starts_on": absence.starts_on,
        "ends_on": absence.ends_on,
        "backup": absence.backup_id,
        "note": absence.note,
    }
    form = AbsenceForm(request.POST or None, initial=initial, officer=absence.officer)
    if request.method == "POST" and form.is_valid():
        try:
            services.absence_update(actor=user, absence=absence, **form.cleaned_data)
        except ApplicationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The absence has been saved."))
            return redirect(absence.officer)
    return render(request, "liaison/absence_form.html", {"form": form, "officer": absence.officer, "absence": absence})


@require_POST
def absence_delete(request, pk):
    user = user_load_roles_and_organisation(user=request.user)
    absence = selectors.absence_get_for_user(user=user, pk=pk)
    if not permissions.can_edit_officer(user, absence.officer):
        raise PermissionDenied
    services.absence_delete(actor=user, absence=absence)
    messages.success(request, _("The absence has been removed."))
    return redirect(absence.officer)


# Desks -----------------------------------------------------------------------------------------------------------


def desks(request):
    user = user_load_roles_and_organisation(user=request.user)
    found = list(selectors.desk_list_visible_to(user=user).order_by("country", "city", "pk"))
    return render(request, "liaison/desks.html", {"desks": found, "can_add": permissions.can_add_desk(user)})


def desk(request, pk):
    user = user_load_roles_and_organisation(user=request.user)
    found = selectors.desk_get_for_user(user=user, pk=pk)
    day = selectors.today()
    postings = list(found.postings.select_related("officer").order_by("-starts_on", "pk")[:200])
    return render(
        request,
        "liaison/desk.html",
        {
            "desk": found,
            "current": [posting for posting in postings if posting.is_active_on(day)],
            "earlier": [posting for posting in postings if not posting.is_active_on(day)],
            "can_manage": permissions.can_manage_desk(user, found),
        },
    )


def desk_create(request):
    user = user_load_roles_and_organisation(user=request.user)
    if not permissions.can_add_desk(user):
        raise PermissionDenied
    form = DeskForm(request.POST or None, operators=permissions.desk_operators_for(user))
    if request.method == "POST" and form.is_valid():
        try:
            found = services.desk_create(actor=user, **form.cleaned_data)
        except ApplicationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The desk has been added."))
            return redirect(found)
    return render(request, "liaison/desk_form.html", {"form": form, "desk": None})


def desk_edit(request, pk):
    user = user_load_roles_and_organisation(user=request.user)
    found = selectors.desk_get_for_user(user=user, pk=pk)
    if not permissions.can_manage_desk(user, found):
        raise PermissionDenied
    operators = sorted({*permissions.desk_operators_for(user), found.run_by})
    form = DeskForm(request.POST or None, initial=DeskForm.initial_for(found), operators=operators)
    if request.method == "POST" and form.is_valid():
        try:
            found = services.desk_update(actor=user, desk=found, **form.cleaned_data)
        except ApplicationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The desk has been saved."))
            return redirect(found)
    return render(request, "liaison/desk_form.html", {"form": form, "desk": found})


# Stale records ---------------------------------------------------------------------------------------------------


def stale(request):
    """The coordinator's list of their country's records not confirmed for six months."""
    user = user_load_roles_and_organisation(user=request.user)
    if not permissions.can_see_stale_records(user):
        raise PermissionDenied
    page = slice_page(selectors.stale_officers_for(user=user), number=request.GET.get("page"), per_page=50)
    return render(request, "liaison/stale.html", {"page": page})


# The almanac -----------------------------------------------------------------------------------------------------


def _almanac_response(content: bytes, content_type: str, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    day = formats.date_format(selectors.today(), "Y-m-d")
    response["Content-Disposition"] = f'attachment; filename="benelux-almanac-{day}.{extension}"'
    response["Cache-Control"] = "private, no-store"
    return response


def almanac_pdf(request):
    user = user_load_roles_and_organisation(user=request.user)
    return _almanac_response(almanac.pdf(user=user, day=selectors.today()), "application/pdf", "pdf")


def almanac_xlsx(request):
    user = user_load_roles_and_organisation(user=request.user)
    return _almanac_response(almanac.xlsx(user=user, day=selectors.today()), almanac.XLSX_TYPE, "xlsx")
