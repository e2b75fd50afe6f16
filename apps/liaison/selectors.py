"""Reads of the liaison network. Everyone logged in reads it; contact details only police users (``permissions``).

Coverage is worked out for one day (today, or a day in the past for the history) in a fixed number of queries
whatever the size of the network, and handed out as plain data (dicts and lists: what pages and API answers cache):

- ``coverage_statuses``: per country, how many officers are resident and accredited (the map: two queries);
- ``coverage_entries``: per country, who covers it, from which desk and posting, with their absences and backups
  (three queries), for every country or one;
- ``coverage_rows`` / ``country_coverage``: the above for every ISO 3166 country (names in the reader's language)
  or one, with its status and whether it is a priority (one more query).
"""

import unicodedata
from datetime import date, timedelta
from functools import cache

from django.db.models import Count, Exists, F, Func, OuterRef, Prefetch, Q, QuerySet, TextField, Value
from django.db.models.functions import Concat
from django.http import Http404
from django.utils import timezone, translation
from django_countries import countries

from apps.accounts.models import User

from . import permissions
from .choices import (
    LANGUAGE_CODES,
    MEMBER_COUNTRIES,
    STALE_AFTER_DAYS,
    Coverage,
    CoverageKind,
    FocusArea,
    language_name,
)
from .models import Absence, Accreditation, Desk, LiaisonOfficer, Posting, PriorityCountry

LANGUAGES = ("nl", "fr", "de", "en")
# Absences shown with a covering officer: those going on, and those starting within this many days.
ABSENCES_AHEAD_DAYS = 90


def today() -> date:
    return timezone.localdate()


# Visibility ------------------------------------------------------------------------------------------------------


def officer_list_visible_to(*, user: User) -> QuerySet[LiaisonOfficer]:
    """The network is one directory for every logged-in user of the portal."""
    if not user.is_authenticated:
        return LiaisonOfficer.objects.none()
    return LiaisonOfficer.objects.all()


def officer_get_for_user(*, user: User, pk) -> LiaisonOfficer:
    try:
        return officer_list_visible_to(user=user).get(pk=pk)
    except (LiaisonOfficer.DoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error


def officer_of_user(*, user: User) -> LiaisonOfficer | None:
    if not user.is_authenticated:
        return None
    return LiaisonOfficer.objects.filter(user_id=user.pk).first()


def officer_page(*, user: User, pk) -> LiaisonOfficer:
    """An officer with every posting (desk, accreditations), absence (backup) and absence they cover: the officer's
    page in five queries whatever their number."""
    officer = officer_get_for_user(user=user, pk=pk)
    officer.posting_list = list(
        officer.postings.select_related("desk").prefetch_related("accreditations").order_by("-starts_on")
    )
    officer.absence_list = list(officer.absences.select_related("backup").order_by("-starts_on"))
    officer.covering_list = list(
        Absence.objects.filter(backup_id=officer.pk, ends_on__gte=today())
        .select_related("officer")
        .order_by("starts_on")
    )
    return officer


def desk_list_visible_to(*, user: User) -> QuerySet[Desk]:
    if not user.is_authenticated:
        return Desk.objects.none()
    return Desk.objects.all()


def desk_get_for_user(*, user: User, pk) -> Desk:
    try:
        return desk_list_visible_to(user=user).get(pk=pk)
    except (Desk.DoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error


def posting_list_visible_to(*, user: User) -> QuerySet[Posting]:
    if not user.is_authenticated:
        return Posting.objects.none()
    return Posting.objects.select_related("officer", "desk").prefetch_related("accreditations")


def posting_get_for_user(*, user: User, pk) -> Posting:
    try:
        return posting_list_visible_to(user=user).get(pk=pk)
    except (Posting.DoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error


def absence_get_for_user(*, user: User, pk) -> Absence:
    if not user.is_authenticated:
        raise Http404
    try:
        return Absence.objects.select_related("officer", "backup").get(pk=pk)
    except (Absence.DoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error


def country_or_404(code) -> str:
    """The ISO code of a country of ISO 3166 (case as given does not matter), or a 404."""
    value = str(code or "").upper()
    if len(value) != 2 or countries.alpha2(value) != value:
        raise Http404
    return value


# Days ------------------------------------------------------------------------------------------------------------


def running_on(day: date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}starts_on__lte": day}) & (
        Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gte": day})
    )


def postings_on(day: date, *, focus: str = "", sending_country: str = "") -> QuerySet[Posting]:
    postings = Posting.objects.filter(running_on(day))
    if focus:
        postings = postings.filter(focus_areas__contains=[focus])
    if sending_country:
        postings = postings.filter(officer__sending_country=sending_country)
    return postings


def accreditations_on(day: date, *, focus: str = "", sending_country: str = "") -> QuerySet[Accreditation]:
    accreditations = Accreditation.objects.filter(running_on(day), running_on(day, "posting__"))
    if focus:
        accreditations = accreditations.filter(posting__focus_areas__contains=[focus])
    if sending_country:
        accreditations = accreditations.filter(posting__officer__sending_country=sending_country)
    return accreditations


def is_stale(confirmed_at, *, now) -> bool:
    return confirmed_at is None or (now - confirmed_at).days >= STALE_AFTER_DAYS


# Coverage --------------------------------------------------------------------------------------------------------


def coverage_statuses(*, day: date, focus: str = "", sending_country: str = "") -> dict[str, dict[str, int]]:
    """``{code: {"resident": n, "accredited": m}}`` for every country covered on ``day``: two queries."""
    found: dict[str, dict[str, int]] = {}
    residents = (
        postings_on(day, focus=focus, sending_country=sending_country)
        .filter(desk__covers_host_country=True)
        .values("desk__country")
        .annotate(officers=Count("officer_id", distinct=True))
        .order_by()
    )
    for row in residents:
        found.setdefault(row["desk__country"], {"resident": 0, "accredited": 0})["resident"] = row["officers"]
    accredited = (
        accreditations_on(day, focus=focus, sending_country=sending_country)
        .values("country")
        .annotate(officers=Count("posting__officer_id", distinct=True))
        .order_by()
    )
    for row in accredited:
        found.setdefault(row["country"], {"resident": 0, "accredited": 0})["accredited"] = row["officers"]
    return found


def status_of(code: str, counts: dict[str, int] | None) -> str:
    if code in MEMBER_COUNTRIES:
        return Coverage.MEMBER
    if counts and counts["resident"]:
        return Coverage.RESIDENT
    if counts and counts["accredited"]:
        return Coverage.ACCREDITED
    return Coverage.NONE


def _officer_data(officer: LiaisonOfficer, *, contacts: bool, now) -> dict:
    data = {
        "id": officer.pk,
        "name": officer.full_name,
        "rank": officer.rank,
        "sending_country": officer.sending_country,
        "languages": list(officer.languages),
        "confirmed_on": timezone.localdate(officer.confirmed_at) if officer.confirmed_at else None,
        "stale": is_stale(officer.confirmed_at, now=now),
        "contact": None,
    }
    if contacts:
        data["contact"] = {"email": officer.email, "phone": officer.phone, "mobile": officer.mobile}
    return data


def _desk_data(desk: Desk) -> dict:
    return {
        "id": desk.pk,
        "name": desk.name,
        "kind": desk.kind,
        "run_by": desk.run_by,
        "country": desk.country.code,
        "city": desk.city,
        "is_pilot": desk.is_pilot,
    }


def _posting_data(posting: Posting) -> dict:
    return {
        "id": posting.pk,
        "function": posting.function,
        "starts_on": posting.starts_on,
        "ends_on": posting.ends_on,
        "focus_areas": list(posting.focus_areas),
    }


def coverage_entries(
    *,
    user: User,
    day: date,
    country: str = "",
    focus: str = "",
    sending_country: str = "",
    countries_: list[str] | None = None,
) -> dict[str, list[dict]]:
    """``{code: [entry, ...]}``: who covers each country on ``day`` (or only ``country``, or ``countries_``), residents
    first, each
    with their desk, posting and the absences going on or coming up (with the backup). Three queries."""
    contacts = permissions.can_see_contacts(user)
    now = timezone.now()
    residents = (
        postings_on(day, focus=focus, sending_country=sending_country)
        .filter(desk__covers_host_country=True)
        .select_related("officer", "desk")
    )
    accreditations = accreditations_on(day, focus=focus, sending_country=sending_country).select_related(
        "posting__officer", "posting__desk"
    )
    if country:
        residents = residents.filter(desk__country=country)
        accreditations = accreditations.filter(country=country)
    if countries_ is not None:
        residents = residents.filter(desk__country__in=countries_)
        accreditations = accreditations.filter(country__in=countries_)
    found: list[tuple[str, str, Posting]] = [(p.desk.country.code, CoverageKind.RESIDENT, p) for p in residents]
    found += [(a.country.code, CoverageKind.ACCREDITED, a.posting) for a in accreditations]
    officer_ids = {posting.officer_id for _code, _kind, posting in found}
    absences: dict[int, list[dict]] = {}
    if officer_ids:
        for absence in (
            Absence.objects.filter(
                officer_id__in=officer_ids,
                ends_on__gte=day,
                starts_on__lte=day + timedelta(days=ABSENCES_AHEAD_DAYS),
            )
            .select_related("backup")
            .order_by("starts_on")
        ):
            absences.setdefault(absence.officer_id, []).append(
                {
                    "starts_on": absence.starts_on,
                    "ends_on": absence.ends_on,
                    "current": absence.starts_on <= day,
                    "backup": {"id": absence.backup.pk, "name": absence.backup.full_name} if absence.backup else None,
                }
            )
    entries: dict[str, list[dict]] = {}
    for code, kind, posting in found:
        entries.setdefault(code, []).append(
            {
                "kind": kind,
                "officer": _officer_data(posting.officer, contacts=contacts, now=now),
                "desk": _desk_data(posting.desk),
                "posting": _posting_data(posting),
                "absences": absences.get(posting.officer_id, []),
            }
        )
    for rows in entries.values():
        rows.sort(key=lambda row: (row["kind"] != CoverageKind.RESIDENT, row["officer"]["name"]))
    return entries


def priorities() -> dict[str, dict]:
    """``{code: {"focus_areas": [...], "reason": "..."}}`` of the priority countries (reason in the reader's
    language)."""
    return {
        priority.country.code: {"focus_areas": list(priority.focus_areas), "reason": priority.reason or ""}
        for priority in PriorityCountry.objects.order_by("country")
    }


def _row(code: str, name: str, entries: list[dict], priority: dict | None, focus: str) -> dict:
    counts = {
        "resident": len({e["officer"]["id"] for e in entries if e["kind"] == CoverageKind.RESIDENT}),
        "accredited": len({e["officer"]["id"] for e in entries if e["kind"] == CoverageKind.ACCREDITED}),
    }
    confirmed = [e["officer"]["confirmed_on"] for e in entries if e["officer"]["confirmed_on"]]
    return {
        "country": code,
        "name": name,
        "status": status_of(code, counts),
        "priority": _is_priority(priority, focus),
        "priority_reason": priority["reason"] if priority else "",
        "last_confirmed_on": max(confirmed) if confirmed else None,
        "officers": entries,
    }


def _is_priority(priority: dict | None, focus: str) -> bool:
    if priority is None:
        return False
    return not focus or not priority["focus_areas"] or focus in priority["focus_areas"]


def country_names() -> list[tuple[str, str]]:
    """Every ISO 3166 country as (code, name in the active language), sorted by that name."""
    return [(country.code, str(country.name)) for country in countries]


def coverage_rows(
    *,
    user: User,
    day: date,
    focus: str = "",
    sending_country: str = "",
    country: str = "",
    uncovered: bool | None = None,
    countries_: list[str] | None = None,
) -> list[dict]:
    """One row per ISO 3166 country (or only ``country``, or ``countries_``): its status on ``day`` and who covers
    it. Four queries."""
    entries = coverage_entries(
        user=user, day=day, country=country, focus=focus, sending_country=sending_country, countries_=countries_
    )
    priority = priorities()
    wanted = set(countries_) if countries_ is not None else None
    rows = []
    for code, name in country_names():
        if (country and code != country) or (wanted is not None and code not in wanted):
            continue
        row = _row(code, name, entries.get(code, []), priority.get(code), focus)
        if uncovered is True and row["status"] != Coverage.NONE:
            continue
        if uncovered is False and row["status"] == Coverage.NONE:
            continue
        rows.append(row)
    return rows


def countries_with_status(
    *, day: date, focus: str = "", sending_country: str = "", country: str = "", uncovered: bool | None = None
) -> list[tuple[str, str, str]]:
    """(code, name, status) of every ISO 3166 country (or only ``country``) on ``day``, by name in the reader's
    language; only those nobody covers with ``uncovered``, only the others with ``uncovered=False``. Two queries."""
    statuses = coverage_statuses(day=day, focus=focus, sending_country=sending_country)
    found = []
    for code, name in country_names():
        if country and code != country:
            continue
        status = status_of(code, statuses.get(code))
        if (uncovered is True and status != Coverage.NONE) or (uncovered is False and status == Coverage.NONE):
            continue
        found.append((code, name, status))
    return found


def country_coverage(*, user: User, code: str, day: date, focus: str = "", sending_country: str = "") -> dict:
    """One country's coverage on ``day``: four queries."""
    code = country_or_404(code)
    rows = coverage_rows(user=user, day=day, country=code, focus=focus, sending_country=sending_country)
    return rows[0]


def coverage_gaps(*, statuses: dict, focus: str = "") -> list[dict]:
    """The priority countries without coverage (one query), names in the reader's language."""
    gaps = []
    for code, priority in priorities().items():
        if _is_priority(priority, focus) and status_of(code, statuses.get(code)) == Coverage.NONE:
            gaps.append({"country": code, "name": str(countries.name(code)), "reason": priority["reason"]})
    return sorted(gaps, key=lambda gap: gap["name"])


# Directory search ------------------------------------------------------------------------------------------------


class Unaccent(Func):
    """PostgreSQL's ``unaccent()`` (migration 0001 installs the extension): "Bogota" finds "Bogotá"."""

    function = "unaccent"
    output_field = TextField()


def plain(text: str) -> str:
    """``text`` without accents, in lower case, as search terms are compared."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold().strip()


@cache
def _names_in_every_language() -> dict[str, tuple[tuple[str, str], ...]]:
    """Plain names of countries, focus areas and languages in the four languages: what a search term is matched
    against, worked out once per process (the names come from the catalogues)."""
    names: dict[str, list[tuple[str, str]]] = {"country": [], "focus": [], "language": []}
    for language in LANGUAGES:
        with translation.override(language):
            names["country"] += [(plain(country.name), country.code) for country in countries]
            names["focus"] += [(plain(label), value) for value, label in FocusArea.choices]
            names["language"] += [(plain(language_name(code)), code) for code in LANGUAGE_CODES]
    return {kind: tuple(sorted(set(pairs))) for kind, pairs in names.items()}


def codes_named(kind: str, term: str) -> list[str]:
    """The codes of countries, focus areas or languages (``kind``) whose name in any of the four languages contains
    ``term`` (accents and case aside); a two-letter term is also taken as a country's ISO code."""
    wanted = plain(term)
    if not wanted:
        return []
    found = {code for name, code in _names_in_every_language()[kind] if wanted in name}
    if kind == "country" and len(wanted) == 2 and countries.alpha2(wanted.upper()) == wanted.upper():
        found.add(wanted.upper())
    if kind == "language" and wanted in LANGUAGE_CODES:
        found.add(wanted)
    return sorted(found)


def _term_condition(term: str, day: date) -> Q:
    """Officers that one search term finds: by name, rank, or a posting running on ``day`` whose desk (name in any
    language, city or country) or accredited countries or focus areas the term names; or a language they speak."""
    wanted = plain(term)
    condition = Q(search_name__icontains=wanted) | Q(search_rank__icontains=wanted)
    desk_text = Q(search_city__icontains=wanted)
    for language in LANGUAGES:
        desk_text |= Q(**{f"search_desk_{language}__icontains": wanted})
    country_codes = codes_named("country", term)
    running = Posting.objects.filter(running_on(day), officer_id=OuterRef("pk"))
    posting_condition = desk_text
    if country_codes:
        accredited = Accreditation.objects.filter(running_on(day), posting_id=OuterRef("pk"), country__in=country_codes)
        posting_condition |= Q(desk__country__in=country_codes) | Q(Exists(accredited))
    focus_codes = codes_named("focus", term)
    if focus_codes:
        posting_condition |= Q(focus_areas__overlap=focus_codes)
    postings = running.alias(
        search_city=Unaccent(F("desk__city")),
        **{f"search_desk_{language}": Unaccent(F(f"desk__name_{language}")) for language in LANGUAGES},
    ).filter(posting_condition)
    condition |= Q(Exists(postings))
    language_codes = codes_named("language", term)
    if language_codes:
        condition |= Q(languages__overlap=language_codes)
    return condition


def officers_searchable(*, user: User) -> QuerySet[LiaisonOfficer]:
    """The officers the user may see, ready for ``officers_matching``."""
    return officer_list_visible_to(user=user).alias(
        search_name=Unaccent(Concat(F("first_name"), Value(" "), F("last_name"))),
        search_rank=Unaccent(F("rank")),
    )


def officers_matching(officers: QuerySet[LiaisonOfficer], q: str, *, day: date) -> QuerySet[LiaisonOfficer]:
    """Officers (of ``officers_searchable``) found by every word of ``q``: name, rank, country, city, desk, focus
    area or language, in any of the four languages."""
    for term in str(q or "").split()[:8]:
        officers = officers.filter(_term_condition(term, day))
    return officers


def officers_with_focus(officers: QuerySet[LiaisonOfficer], focus: str, *, day: date) -> QuerySet[LiaisonOfficer]:
    postings = Posting.objects.filter(running_on(day), officer_id=OuterRef("pk"), focus_areas__contains=[focus])
    return officers.filter(Exists(postings))


def officers_covering(officers: QuerySet[LiaisonOfficer], country: str, *, day: date) -> QuerySet[LiaisonOfficer]:
    """Officers resident in or accredited to ``country`` on ``day``."""
    accredited = Accreditation.objects.filter(running_on(day), posting_id=OuterRef("pk"), country=country)
    postings = Posting.objects.filter(running_on(day), officer_id=OuterRef("pk")).filter(
        Q(desk__country=country, desk__covers_host_country=True) | Q(Exists(accredited))
    )
    return officers.filter(Exists(postings))


def with_current_postings(officers: QuerySet[LiaisonOfficer], *, day: date) -> QuerySet[LiaisonOfficer]:
    """Each officer with their postings running on ``day`` (``current_postings``, with desk and the accreditations
    running then): two queries more for a page of officers."""
    current = (
        Posting.objects.filter(running_on(day))
        .select_related("desk")
        .prefetch_related(Prefetch("accreditations", queryset=Accreditation.objects.filter(running_on(day))))
    )
    return officers.prefetch_related(Prefetch("postings", queryset=current, to_attr="current_postings"))


def directory_search(
    *,
    user: User,
    day: date,
    q: str = "",
    sending_country: str = "",
    focus: str = "",
    language: str = "",
    country: str = "",
) -> QuerySet[LiaisonOfficer]:
    """Officers found by ``q`` and the filters, sorted by name, each with their postings running on ``day``:
    three queries for a page."""
    officers = officers_matching(officers_searchable(user=user), q, day=day)
    if sending_country:
        officers = officers.filter(sending_country=sending_country)
    if language:
        officers = officers.filter(languages__contains=[language])
    if focus:
        officers = officers_with_focus(officers, focus, day=day)
    if country:
        officers = officers_covering(officers, country, day=day)
    return with_current_postings(officers, day=day).order_by("last_name", "first_name", "pk")


# Stale records ---------------------------------------------------------------------------------------------------


def stale_officers_for(*, user: User, now=None) -> QuerySet[LiaisonOfficer]:
    """The records of the coordinator's country (every country for an administrator) not confirmed by their officer
    for ``STALE_AFTER_DAYS`` days, the longest unconfirmed first."""
    if not permissions.can_see_stale_records(user):
        return LiaisonOfficer.objects.none()
    now = now or timezone.now()
    officers = LiaisonOfficer.objects.filter(
        Q(confirmed_at__isnull=True) | Q(confirmed_at__lt=now - timedelta(days=STALE_AFTER_DAYS))
    )
    country = permissions.coordinator_country(user)
    if not user.is_superuser:
        officers = officers.filter(sending_country=country)
    current = Posting.objects.filter(running_on(timezone.localdate(now))).select_related("desk")
    return officers.prefetch_related(Prefetch("postings", queryset=current, to_attr="current_postings")).order_by(
        F("confirmed_at").asc(nulls_first=True), "last_name", "pk"
    )
