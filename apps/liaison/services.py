"""Writes of the liaison network: officers, postings with their accreditations, absences, desks, confirmations and
reminders.

Every write checks the actor's right (``permissions.py``), checks the input and either saves all of it or nothing:
a refusal is an ``ApplicationError`` with a message per field, in the actor's language, raised before anything is
written. An officer's row is locked while their postings or absences change, so that two saves at the same moment
cannot both pass the overlap checks (the exclusion constraints of the tables hold besides). Every write names its
actor in the audit history (``_history_user``), also when it comes through the API.
"""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_countries import countries

from apps.accounts.models import User
from apps.core.errors import ApplicationError
from apps.notifications import recipients
from apps.notifications.services import notify

from . import permissions
from .caching import NETWORK
from .choices import LANGUAGE_CODES, REMIND_AGAIN_AFTER_DAYS, STALE_AFTER_DAYS, DeskKind, FocusArea, SendingCountry
from .models import Absence, Accreditation, Desk, LiaisonOfficer, Posting

FIRST_YEAR, LAST_YEAR = 1900, 2199
LANGUAGES = ("nl", "fr", "de", "en")

OFFICER_FIELDS = {"first_name", "last_name", "rank", "languages", "email", "phone", "mobile"}
COORDINATOR_OFFICER_FIELDS = {"sending_country", "user"}
DESK_FIELDS = {
    "kind",
    "run_by",
    "country",
    "city",
    "covers_host_country",
    "is_pilot",
    "address",
    "is_active",
    *(f"name_{code}" for code in LANGUAGES),
}


# Checks ----------------------------------------------------------------------------------------------------------


def _day(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else "…"


def _validation_errors(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {field: [str(message) for message in messages] for field, messages in error.message_dict.items()}
    return {"non_field_errors": [str(message) for message in error.messages]}


def _check_date(errors: dict, field: str, value, *, required: bool = True) -> None:
    if value is None:
        if required:
            errors.setdefault(field, []).append(_("Give a date."))
        return
    if not isinstance(value, date):
        errors.setdefault(field, []).append(_("Give a date."))
    elif not FIRST_YEAR <= value.year <= LAST_YEAR:
        errors.setdefault(field, []).append(
            _("Give a date between %(first)s and %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )


def country_code(value) -> str:
    """An ISO 3166-1 alpha-2 code as stored (upper case), or "" when it names no country."""
    code = str(value or "").strip().upper()
    return code if len(code) == 2 and countries.alpha2(code) == code else ""


def _unknown_country(code) -> str:
    return _("Unknown country code: %(code)s.") % {"code": str(code)[:10]}


def _refuse(message: str, errors: dict) -> None:
    if errors:
        raise ApplicationError(message, errors)


def _clean(instance, errors: dict, exclude: list[str]) -> None:
    """The model's own field checks (lengths, choices, e-mail addresses, control characters)."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for field, messages in _validation_errors(error).items():
            errors.setdefault(field, messages)


def _save(instance, actor: User) -> None:
    """Save with the actor in the audit history; a constraint the checks did not foresee (two saves at the same
    moment) is a refusal, never a server error."""
    instance._history_user = actor
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as error:
        raise ApplicationError(
            _("Someone else has just changed this record; reload the page and try again.")
        ) from error


def _lock_officer(officer: LiaisonOfficer) -> LiaisonOfficer:
    return LiaisonOfficer.objects.select_for_update().get(pk=officer.pk)


# Officers --------------------------------------------------------------------------------------------------------


def _officer_errors(officer: LiaisonOfficer, fields: dict) -> dict:
    errors: dict[str, list[str]] = {}
    for name in ("first_name", "last_name"):
        if not str(getattr(officer, name) or "").strip():
            errors[name] = [_("This field is required.")]
    languages = fields.get("languages")
    if languages is not None:
        unknown = [code for code in languages if code not in LANGUAGE_CODES]
        if unknown:
            errors["languages"] = [_("Unknown language: %(code)s.") % {"code": str(unknown[0])[:10]}]
    if officer.sending_country not in SendingCountry.values:
        errors["sending_country"] = [_("Choose Belgium or the Netherlands.")]
    if officer.user_id is not None:
        taken = LiaisonOfficer.objects.filter(user_id=officer.user_id).exclude(pk=officer.pk).first()
        if taken is not None:
            errors["user"] = [_("This account already belongs to %(officer)s.") % {"officer": taken.full_name}]
    return errors


def _apply_officer(officer: LiaisonOfficer, fields: dict, allowed: set[str]) -> None:
    unknown = set(fields) - OFFICER_FIELDS - COORDINATOR_OFFICER_FIELDS
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    for name, value in fields.items():
        if name not in allowed:
            raise PermissionDenied
        if name == "languages":
            value = list(dict.fromkeys(value or []))
        elif isinstance(value, str):
            value = value.strip()
        setattr(officer, name, value)


@transaction.atomic
def officer_create(*, actor: User, first_name: str, last_name: str, sending_country: str, **fields) -> LiaisonOfficer:
    """A coordinator adds an officer of their own country."""
    if not permissions.coordinates(actor, sending_country):
        raise PermissionDenied
    officer = LiaisonOfficer()
    _apply_officer(
        officer,
        {"first_name": first_name, "last_name": last_name, "sending_country": sending_country, **fields},
        OFFICER_FIELDS | COORDINATOR_OFFICER_FIELDS,
    )
    errors = _officer_errors(officer, fields)
    _clean(officer, errors, exclude=["user", "confirmed_by", "confirmed_at", "languages"])
    _refuse(_("The record was not saved: please correct the marked fields."), errors)
    _save(officer, actor)
    return officer


@transaction.atomic
def officer_update(*, actor: User, officer: LiaisonOfficer, **fields) -> LiaisonOfficer:
    """Change an officer's record. The officer's own save confirms it: they have just gone through it."""
    officer = _lock_officer(officer)
    if not permissions.can_edit_officer(actor, officer):
        raise PermissionDenied
    allowed = set(OFFICER_FIELDS)
    if permissions.can_manage_account_link(actor, officer):
        allowed |= COORDINATOR_OFFICER_FIELDS
    if "sending_country" in fields and not permissions.coordinates(actor, fields["sending_country"]):
        raise PermissionDenied
    _apply_officer(officer, fields, allowed)
    errors = _officer_errors(officer, fields)
    _clean(officer, errors, exclude=["user", "confirmed_by", "confirmed_at", "languages"])
    _refuse(_("The record was not saved: please correct the marked fields."), errors)
    if permissions.is_own_record(actor, officer):
        officer.confirmed_at, officer.confirmed_by = timezone.now(), actor
    _save(officer, actor)
    return officer


@transaction.atomic
def officer_confirm(*, actor: User, officer: LiaisonOfficer) -> LiaisonOfficer:
    """ "Everything in my record is still correct": the record is current again (no longer stale)."""
    officer = _lock_officer(officer)
    if not permissions.can_confirm(actor, officer):
        raise PermissionDenied
    officer.confirmed_at, officer.confirmed_by = timezone.now(), actor
    _save(officer, actor)
    return officer


# Postings and accreditations ---------------------------------------------------------------------------------------


def _posting_errors(posting: Posting, accredited: list[str]) -> dict:
    errors: dict[str, list[str]] = {}
    _check_date(errors, "starts_on", posting.starts_on)
    _check_date(errors, "ends_on", posting.ends_on, required=False)
    if not errors and posting.ends_on is not None and posting.ends_on < posting.starts_on:
        errors["ends_on"] = [_("The posting cannot end before it starts.")]
    desk = posting.desk if posting.desk_id else None
    if desk is None:
        errors["desk"] = [_("Choose the desk of the posting.")]
    for code in accredited:
        if not country_code(code):
            errors.setdefault("accredited_countries", []).append(_unknown_country(code))
        elif desk is not None and desk.covers_host_country and country_code(code) == desk.country.code:
            errors.setdefault("accredited_countries", []).append(
                _("%(country)s is the host country of this posting: it is covered by residence, not by accreditation.")
                % {"country": countries.name(country_code(code))}
            )
    if not errors:
        overlapping = (
            Posting.objects.filter(officer_id=posting.officer_id)
            .exclude(pk=posting.pk)
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=posting.starts_on))
        )
        if posting.ends_on is not None:
            overlapping = overlapping.filter(starts_on__lte=posting.ends_on)
        other = overlapping.select_related("desk").order_by("starts_on").first()
        if other is not None:
            errors["starts_on"] = [
                _("This posting overlaps the posting at %(desk)s from %(start)s to %(end)s.")
                % {"desk": other.desk.name, "start": _day(other.starts_on), "end": _day(other.ends_on)}
            ]
    return errors


def _set_accreditations(posting: Posting, codes: list[str], *, actor: User, old_start: date | None) -> None:
    """Make the posting's accreditations today those of ``codes``, keeping the history.

    A country added to a running posting is accredited from today (from the posting's start when it has not
    started yet or has ended: then the posting is being corrected); a country removed from a running posting stops
    being accredited yesterday, and one that had not started yet is deleted. Accreditations that began with the
    posting move along when the posting's start moves."""
    today = timezone.localdate()
    wanted = list(dict.fromkeys(codes))
    running = posting.starts_on < today and (posting.ends_on is None or posting.ends_on >= today)
    current = {}
    for accreditation in posting.accreditations.all():
        if old_start is not None and accreditation.starts_on == old_start and old_start != posting.starts_on:
            accreditation.starts_on = posting.starts_on
            _save(accreditation, actor)
        active_now = accreditation.ends_on is None or accreditation.ends_on >= min(today, posting.ends_on or today)
        if active_now:
            current[accreditation.country.code] = accreditation
    for code, accreditation in current.items():
        if code in wanted:
            continue
        accreditation._history_user = actor
        if running and accreditation.starts_on < today:
            accreditation.ends_on = today - timedelta(days=1)
            _save(accreditation, actor)
        else:
            accreditation.delete()
    for code in wanted:
        if code not in current:
            _save(
                Accreditation(posting=posting, country=code, starts_on=today if running else posting.starts_on),
                actor,
            )


def _posting_fields(posting: Posting, fields: dict) -> list[str]:
    """Apply the posting's own fields; answer the accredited countries asked for (as given)."""
    for name in ("desk", "starts_on", "ends_on", "function", "focus_areas"):
        if name in fields:
            value = fields[name]
            if name == "function":
                value = (value or "").strip()
            elif name == "focus_areas":
                value = list(dict.fromkeys(value or []))
            setattr(posting, name, value)
    return [str(code).strip().upper() for code in fields.get("accredited_countries") or []]


def _focus_errors(posting: Posting, errors: dict) -> None:
    unknown = [code for code in posting.focus_areas if code not in FocusArea.values]
    if unknown:
        errors["focus_areas"] = [_("Unknown focus area: %(code)s.") % {"code": str(unknown[0])[:30]}]


@transaction.atomic
def posting_create(*, actor: User, officer: LiaisonOfficer, **fields) -> Posting:
    """A new posting of ``officer`` (``desk``, ``starts_on``, ``ends_on``, ``function``, ``focus_areas``) with the
    countries they are accredited to besides the host country (``accredited_countries``: ISO codes)."""
    officer = _lock_officer(officer)
    if not permissions.can_edit_officer(actor, officer):
        raise PermissionDenied
    posting = Posting(officer=officer)
    accredited = _posting_fields(posting, fields)
    errors = _posting_errors(posting, accredited)
    _focus_errors(posting, errors)
    _clean(posting, errors, exclude=["officer", "desk", "starts_on", "ends_on", "focus_areas"])
    _refuse(_("The posting was not saved: please correct the marked fields."), errors)
    _save(posting, actor)
    _set_accreditations(posting, [country_code(code) for code in accredited], actor=actor, old_start=None)
    return posting


@transaction.atomic
def posting_update(*, actor: User, posting: Posting, **fields) -> Posting:
    officer = _lock_officer(posting.officer)
    posting = Posting.objects.select_related("desk").get(pk=posting.pk)
    if not permissions.can_edit_officer(actor, officer):
        raise PermissionDenied
    old_start = posting.starts_on
    accredited = _posting_fields(posting, fields)
    if "accredited_countries" not in fields:
        today = timezone.localdate()
        accredited = [
            row.country.code
            for row in posting.accreditations.all()
            if row.ends_on is None or row.ends_on >= min(today, posting.ends_on or today)
        ]
    errors = _posting_errors(posting, accredited)
    _focus_errors(posting, errors)
    _clean(posting, errors, exclude=["officer", "desk", "starts_on", "ends_on", "focus_areas"])
    _refuse(_("The posting was not saved: please correct the marked fields."), errors)
    _save(posting, actor)
    _set_accreditations(posting, [country_code(code) for code in accredited], actor=actor, old_start=old_start)
    return posting


@transaction.atomic
def posting_delete(*, actor: User, posting: Posting) -> None:
    """Remove a posting entered by mistake (with its accreditations). A posting that took place is ended instead."""
    officer = _lock_officer(posting.officer)
    if not permissions.can_edit_officer(actor, officer):
        raise PermissionDenied
    for accreditation in posting.accreditations.all():
        accreditation._history_user = actor
        accreditation.delete()
    posting._history_user = actor
    posting.delete()


# Absences -------------------------------------------------------------------------------------------------------


def _overlapping_absences(officer_id: int, starts_on: date, ends_on: date, exclude_pk=None):
    found = Absence.objects.filter(officer_id=officer_id, starts_on__lte=ends_on, ends_on__gte=starts_on)
    return found.exclude(pk=exclude_pk) if exclude_pk else found


def _absence_errors(absence: Absence) -> dict:
    errors: dict[str, list[str]] = {}
    _check_date(errors, "starts_on", absence.starts_on)
    _check_date(errors, "ends_on", absence.ends_on)
    if errors:
        return errors
    if absence.ends_on < absence.starts_on:
        return {"ends_on": [_("The absence cannot end before it starts.")]}
    own = _overlapping_absences(absence.officer_id, absence.starts_on, absence.ends_on, absence.pk).first()
    if own is not None:
        errors["starts_on"] = [
            _("This absence overlaps another one, from %(start)s to %(end)s.")
            % {"start": _day(own.starts_on), "end": _day(own.ends_on)}
        ]
    if absence.backup_id is not None:
        if absence.backup_id == absence.officer_id:
            errors["backup"] = [_("An officer cannot be their own backup.")]
        else:
            away = _overlapping_absences(absence.backup_id, absence.starts_on, absence.ends_on).first()
            if away is not None:
                errors["backup"] = [
                    _("%(backup)s is absent at the same time (%(start)s to %(end)s): choose another backup.")
                    % {"backup": absence.backup.full_name, "start": _day(away.starts_on), "end": _day(away.ends_on)}
                ]
    # The officer may be someone else's backup in this period: they cannot be away then.
    covering = (
        Absence.objects.filter(
            backup_id=absence.officer_id, starts_on__lte=absence.ends_on, ends_on__gte=absence.starts_on
        )
        .exclude(pk=absence.pk)
        .select_related("officer")
        .first()
    )
    if covering is not None:
        errors.setdefault("starts_on", []).append(
            _("%(officer)s is the backup of %(other)s from %(start)s to %(end)s: name another backup there first.")
            % {
                "officer": absence.officer.full_name,
                "other": covering.officer.full_name,
                "start": _day(covering.starts_on),
                "end": _day(covering.ends_on),
            }
        )
    return errors


def _lock_pair(*officers) -> None:
    """Lock the officers whose absences a change reads, in one order (no deadlock between two saves)."""
    ids = sorted({officer.pk for officer in officers if officer is not None})
    list(LiaisonOfficer.objects.select_for_update().filter(pk__in=ids).order_by("pk"))


def _apply_absence(absence: Absence, fields: dict) -> None:
    unknown = set(fields) - {"starts_on", "ends_on", "backup", "note"}
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(absence, name, value.strip() if isinstance(value, str) else value)


@transaction.atomic
def absence_create(*, actor: User, officer: LiaisonOfficer, **fields) -> Absence:
    """An officer's absence (``starts_on``, ``ends_on``, both included) and who covers meanwhile (``backup``)."""
    _lock_pair(officer, fields.get("backup"))
    officer = LiaisonOfficer.objects.get(pk=officer.pk)
    if not permissions.can_edit_officer(actor, officer):
        raise PermissionDenied
    absence = Absence(officer=officer)
    _apply_absence(absence, fields)
    errors = _absence_errors(absence)
    _clean(absence, errors, exclude=["officer", "backup", "starts_on", "ends_on"])
    _refuse(_("The absence was not saved: please correct the marked fields."), errors)
    _save(absence, actor)
    return absence


@transaction.atomic
def absence_update(*, actor: User, absence: Absence, **fields) -> Absence:
    _lock_pair(absence.officer, absence.backup, fields.get("backup"))
    absence = Absence.objects.select_related("officer", "backup").get(pk=absence.pk)
    if not permissions.can_edit_officer(actor, absence.officer):
        raise PermissionDenied
    _apply_absence(absence, fields)
    errors = _absence_errors(absence)
    _clean(absence, errors, exclude=["officer", "backup", "starts_on", "ends_on"])
    _refuse(_("The absence was not saved: please correct the marked fields."), errors)
    _save(absence, actor)
    return absence


@transaction.atomic
def absence_delete(*, actor: User, absence: Absence) -> None:
    absence = Absence.objects.select_related("officer").get(pk=absence.pk)
    if not permissions.can_edit_officer(actor, absence.officer):
        raise PermissionDenied
    absence._history_user = actor
    absence.delete()


# Desks ----------------------------------------------------------------------------------------------------------


def _apply_desk(desk: Desk, fields: dict) -> dict:
    unknown = set(fields) - DESK_FIELDS
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    errors: dict[str, list[str]] = {}
    for name, value in fields.items():
        if name == "country":
            code = country_code(value)
            if not code:
                errors["country"] = [_unknown_country(value)]
                continue
            value = code
        elif name.startswith("name_"):
            value = (value or "").strip() or None
        elif isinstance(value, str):
            value = value.strip()
        setattr(desk, name, value)
    if not any(getattr(desk, f"name_{code}") for code in LANGUAGES):
        errors["name"] = [_("Give the name in at least one language.")]
    if desk.kind == DeskKind.INTERNATIONAL and "covers_host_country" not in fields:
        desk.covers_host_country = False
    return errors


@transaction.atomic
def desk_create(*, actor: User, **fields) -> Desk:
    desk = Desk()
    errors = _apply_desk(desk, fields)
    if desk.run_by not in permissions.desk_operators_for(actor):
        raise PermissionDenied
    _clean(desk, errors, exclude=["country", "name"])
    _refuse(_("The desk was not saved: please correct the marked fields."), errors)
    _save(desk, actor)
    return desk


@transaction.atomic
def desk_update(*, actor: User, desk: Desk, **fields) -> Desk:
    desk = Desk.objects.select_for_update().get(pk=desk.pk)
    if not permissions.can_manage_desk(actor, desk):
        raise PermissionDenied
    errors = _apply_desk(desk, fields)
    if not permissions.can_manage_desk(actor, desk):
        raise PermissionDenied
    _clean(desk, errors, exclude=["country", "name"])
    _refuse(_("The desk was not saved: please correct the marked fields."), errors)
    _save(desk, actor)
    return desk


# Reminders ------------------------------------------------------------------------------------------------------


def officers_to_remind(*, now) -> list[int]:
    """Officers with an account whose record is stale and who were not reminded since it went stale, or not for
    ``REMIND_AGAIN_AFTER_DAYS``."""
    stale_before = now - timedelta(days=STALE_AFTER_DAYS)
    again_before = now - timedelta(days=REMIND_AGAIN_AFTER_DAYS)
    return list(
        LiaisonOfficer.objects.filter(user__isnull=False, user__is_active=True)
        .filter(Q(confirmed_at__isnull=True) | Q(confirmed_at__lt=stale_before))
        .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lt=again_before))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@transaction.atomic
def officer_remind(*, officer_id: int, now=None) -> bool:
    """Remind one officer that their record is stale (an inbox entry and an e-mail through ``notify``), unless it
    was confirmed or they were reminded meanwhile. Safe to run twice: the second run finds them reminded."""
    now = now or timezone.now()
    officer = LiaisonOfficer.objects.select_for_update().filter(pk=officer_id, user__isnull=False).first()
    if officer is None or officer.pk not in officers_to_remind(now=now):
        return False
    days = (now - officer.confirmed_at).days if officer.confirmed_at else None
    notify(
        kind="liaison.record_stale",
        target=officer,
        recipients=[recipients.users(officer.user_id)],
        message=gettext_noop("Your liaison officer record was last confirmed %(days)s days ago: please check it")
        if days is not None
        else gettext_noop("Your liaison officer record has never been confirmed: please check it"),
        params={"days": days} if days is not None else {},
        url=officer.get_absolute_url(),
    )
    # The reminder is no change of the record: no audit history row, and nothing a cached page shows.
    LiaisonOfficer.objects.filter(pk=officer.pk).update(reminded_at=now)
    return True


def stale_records_remind(*, now=None) -> int:
    """Remind every officer whose record is stale; answers how many were reminded."""
    now = now or timezone.now()
    return sum(officer_remind(officer_id=pk, now=now) for pk in officers_to_remind(now=now))


def network_changed() -> None:
    """Bump the network's version after a write that sends no signal."""
    NETWORK.bump()
