"""Writes of the event calendar: events (with their repetition and the countries they are shared with), training
registrations and calendar feed tokens.

``event_create`` and ``event_update`` take the event's fields, and besides them ``recurrence`` (a
``recurrence.Pattern`` of the form's recurrence builder, or None for a single event; turned here into the RRULE
that is stored) or ``recurrence_rule`` (the RRULE itself, as the API has always taken it), and ``shared_with`` (the
partner countries of an event whose visibility is ``Visibility.PARTNERS``; left out: as they are).

Every write names its actor in the audit history (``_history_user``), also when it comes through the API,
where the request middleware does not know the token's user yet.
"""

import secrets
from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import Country, User
from apps.core.errors import ApplicationError

from . import recurrence
from .choices import Visibility
from .models import CalendarFeedToken, Event, EventShare, TrainingRegistration
from .permissions import (
    can_add_event,
    can_change_event,
    can_choose_organiser,
    can_register_for_training,
)

FIRST_YEAR, LAST_YEAR = 1900, 2199
_UNSET = object()
LANGUAGES = [code for code, _name in settings.LANGUAGES]
TRANSLATED = [f"{field}_{code}" for field in ("title", "description", "place") for code in LANGUAGES]
EDITABLE = {
    "kind",
    "country",
    "place",
    "starts_at",
    "ends_at",
    "time_zone",
    "expected_attendance",
    "risk_level",
    "organiser",
    "assistance_expected",
    "visibility",
    "recurrence_rule",
    *TRANSLATED,
}


def _validation_errors(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {field: [str(message) for message in messages] for field, messages in error.message_dict.items()}
    return {"non_field_errors": [str(message) for message in error.messages]}


def _apply(event: Event, *, actor: User, fields: dict) -> tuple[Event, list[Country] | None]:
    """Set ``fields`` on ``event`` and check them; answer the event (not saved) and the countries it is to be shared
    with (None: as they are)."""
    fields = dict(fields)
    pattern = fields.pop("recurrence", _UNSET)
    shared_with = fields.pop("shared_with", None)
    unknown = set(fields) - EDITABLE
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    errors: dict[str, list[str]] = {}
    if pattern is not _UNSET:
        if "recurrence_rule" in fields:
            raise TypeError("give recurrence or recurrence_rule, not both")
        try:
            fields["recurrence_rule"] = pattern.rule() if pattern is not None else ""
        except recurrence.RecurrenceError as error:
            errors["recurrence"] = [str(error)]
    if "place" in fields and not any(f"place_{code}" in fields for code in LANGUAGES):
        # One place for every language (the API's ``place``; the form and ``place_nl`` ... give one per language).
        # Unchanged, it leaves the translations be; a new place replaces the translations it would contradict, and is
        # stored in the writer's language, where every other language falls back to it.
        fields = dict(fields)
        if event.pk and (fields["place"] or "").strip() == (event.place or "").strip():
            del fields["place"]
        else:
            for code in LANGUAGES:
                setattr(event, f"place_{code}", None)
    for name, value in fields.items():
        if name in TRANSLATED and isinstance(value, str):
            value = value.strip() or None
        setattr(event, name, value)

    if not any(getattr(event, f"title_{code}") for code in LANGUAGES):
        errors["title"] = [_("Give the title in at least one language.")]
    if not any(getattr(event, f"place_{code}") for code in LANGUAGES):
        errors["place"] = [_("Give the place in at least one language.")]
    if event.organiser_id and event.organiser_id != actor.organisation_id and not can_choose_organiser(actor):
        errors["organiser"] = [_("You can only enter events that your own organisation organises.")]
    elif event.visibility == Visibility.ORGANISER_COUNTRY and event.organiser_id and event.organiser.is_joint_body:
        errors["visibility"] = [
            _("A joint Benelux body belongs to no single country: share its event with all partners.")
        ]
    for name in ("starts_at", "ends_at"):
        value = getattr(event, name)
        if isinstance(value, datetime) and timezone.is_naive(value):
            errors[name] = [_("Give the time with its time zone.")]
        elif isinstance(value, datetime) and not FIRST_YEAR <= value.year <= LAST_YEAR:
            errors[name] = [_("Give a date between %(first)s and %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}]
    if (
        isinstance(event.starts_at, datetime)
        and isinstance(event.ends_at, datetime)
        and "starts_at" not in errors
        and "ends_at" not in errors
        and event.ends_at <= event.starts_at
    ):
        errors["ends_at"] = [_("The event must end after it starts.")]
    if event.expected_attendance is not None and event.expected_attendance < 0:
        errors["expected_attendance"] = [_("The expected attendance cannot be below zero.")]
    try:
        event.full_clean(exclude=["created_by", "recurrence_ends_at", "title"], validate_constraints=False)
    except ValidationError as error:
        for field, messages in _validation_errors(error).items():
            errors.setdefault(field, messages)

    event.recurrence_ends_at = None
    if event.recurrence_rule and not errors:
        try:
            parsed = recurrence.parse(event.recurrence_rule, starts_at=event.starts_at, time_zone=event.time_zone)
        except recurrence.RecurrenceError as error:
            errors["recurrence" if pattern is not _UNSET else "recurrence_rule"] = [str(error)]
        else:
            event.recurrence_rule = parsed.rule
            if parsed.last_start is not None:
                event.recurrence_ends_at = parsed.last_start + (event.ends_at - event.starts_at)
    countries = _shares(event, shared_with, errors)
    if errors:
        raise ApplicationError(_("The event was not saved: please correct the marked fields."), errors)
    event._history_user = actor
    return event, countries


def _shares(event: Event, shared_with, errors: dict) -> list[Country] | None:
    """The countries the event is to be shared with (None: keep those it has), checked against its visibility."""
    if event.visibility != Visibility.PARTNERS:
        if shared_with:
            errors["shared_with"] = [
                _("Choose partner countries only for an event shared with chosen partner countries.")
            ]
        return []
    if shared_with is None:
        if event.pk is None or not event.shares.exists():
            errors["shared_with"] = [_("Choose the partner countries that see the event.")]
        return None
    countries = list(dict.fromkeys(shared_with))
    organiser_country = event.organiser.country_id if event.organiser_id else None
    if not [country for country in countries if country.pk != organiser_country]:
        errors["shared_with"] = [_("Choose at least one partner country besides the organiser's own.")]
    return countries


def _save_shares(event: Event, countries: list[Country] | None, *, actor: User) -> None:
    """Share the event with exactly ``countries`` (None: leave the shares as they are). Row by row, so that each
    change is in the audit history and moves the cached calendar pages, feeds and lists on (``caching``)."""
    if countries is None:
        return
    wanted = {country.pk for country in countries}
    for share in event.shares.select_for_update():
        if share.country_id not in wanted:
            share._history_user = actor
            share.delete()
        else:
            wanted.discard(share.country_id)
    for country_id in sorted(wanted):
        share = EventShare(event=event, country_id=country_id)
        share._history_user = actor
        share.save()


@transaction.atomic
def event_create(*, actor: User, **fields) -> Event:
    """Add an event; the organiser is the actor's organisation unless the secretariat names another."""
    if not can_add_event(actor):
        raise PermissionDenied
    fields.setdefault("organiser", actor.organisation)
    event, countries = _apply(Event(created_by=actor), actor=actor, fields=fields)
    event.save()
    _save_shares(event, countries, actor=actor)
    return event


@transaction.atomic
def event_update(*, event: Event, actor: User, **fields) -> Event:
    event = Event.objects.select_for_update(of=("self",)).select_related("organiser").get(pk=event.pk)
    if not can_change_event(actor, event):
        raise PermissionDenied
    event, countries = _apply(event, actor=actor, fields=fields)
    event.save()
    _save_shares(event, countries, actor=actor)
    return event


@transaction.atomic
def event_delete(*, event: Event, actor: User) -> None:
    event = Event.objects.select_for_update(of=("self",)).select_related("organiser").get(pk=event.pk)
    if not can_change_event(actor, event):
        raise PermissionDenied
    for registration in event.registrations.all():
        registration._history_user = actor
        registration.delete()
    event._history_user = actor
    event.delete()


@transaction.atomic
def training_registration_save(
    *, actor: User, event: Event, participants: int, contact_name: str, contact_email: str = "", note: str = ""
) -> TrainingRegistration:
    """Register (or change) the actor's country's participants in a joint training."""
    if not can_register_for_training(actor, event):
        raise PermissionDenied
    errors = {}
    if not isinstance(participants, int) or participants < 1:
        errors["participants"] = [_("Register at least one participant.")]
    if not (contact_name or "").strip():
        errors["contact_name"] = [_("Name a contact person.")]
    if errors:
        raise ApplicationError(_("The registration was not saved: please correct the marked fields."), errors)
    registration = (
        TrainingRegistration.objects.select_for_update()
        .filter(event=event, country_id=actor.organisation.country_id)
        .first()
    ) or TrainingRegistration(event=event, country_id=actor.organisation.country_id)
    registration.participants = participants
    registration.contact_name = contact_name.strip()
    registration.contact_email = contact_email.strip()
    registration.note = note.strip()
    registration.registered_by = actor
    try:
        registration.full_clean(exclude=["event", "country", "registered_by"], validate_unique=False)
    except ValidationError as error:
        raise ApplicationError(
            _("The registration was not saved: please correct the marked fields."), _validation_errors(error)
        ) from error
    registration._history_user = actor
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as error:  # a colleague registered the same country at the same moment
        raise ApplicationError(_("Your country has just been registered by someone else; reload the page.")) from error
    return registration


@transaction.atomic
def training_registration_cancel(*, actor: User, event: Event) -> None:
    if not can_register_for_training(actor, event):
        raise PermissionDenied
    for registration in TrainingRegistration.objects.filter(event=event, country_id=actor.organisation.country_id):
        registration._history_user = actor
        registration.delete()


def _new_key() -> str:
    return secrets.token_urlsafe(32)


@transaction.atomic
def feed_token_get_or_create(*, user: User) -> CalendarFeedToken:
    """The user's active feed token, made on first use."""
    token = CalendarFeedToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True).first()
    if token is None:
        token = CalendarFeedToken(user=user, key=_new_key())
        token._history_user = user
        token.save()
    return token


@transaction.atomic
def feed_token_revoke(*, user: User) -> None:
    """Switch the user's feed off: its URL answers 404 from now on, like one that never existed."""
    for token in CalendarFeedToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True):
        token.revoked_at = timezone.now()
        token._history_user = user
        token.save(update_fields=["revoked_at"])


@transaction.atomic
def feed_token_regenerate(*, user: User) -> CalendarFeedToken:
    """A new secret URL; the old one stops working at once."""
    feed_token_revoke(user=user)
    return feed_token_get_or_create(user=user)
