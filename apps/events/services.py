"""Writes of the event calendar: events, training registrations and calendar feed tokens.

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

from apps.accounts.models import User
from apps.core.errors import ApplicationError

from . import recurrence
from .models import CalendarFeedToken, Event, TrainingRegistration
from .permissions import (
    can_add_event,
    can_change_event,
    can_choose_organiser,
    can_register_for_training,
)

FIRST_YEAR, LAST_YEAR = 1900, 2199
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


def _apply(event: Event, *, actor: User, fields: dict) -> Event:
    unknown = set(fields) - EDITABLE
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    if "place" in fields and not any(f"place_{code}" in fields for code in LANGUAGES):
        # One place for every language (the form and the API take one). Unchanged, it leaves the translations be;
        # a new place replaces the translations it would contradict, and is stored in the writer's language, where
        # every other language falls back to it.
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

    errors: dict[str, list[str]] = {}
    if not any(getattr(event, f"title_{code}") for code in LANGUAGES):
        errors["title"] = [_("Give the title in at least one language.")]
    if event.organiser_id and event.organiser_id != actor.organisation_id and not can_choose_organiser(actor):
        errors["organiser"] = [_("You can only enter events that your own organisation organises.")]
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
            errors["recurrence_rule"] = [str(error)]
        else:
            event.recurrence_rule = parsed.rule
            if parsed.last_start is not None:
                event.recurrence_ends_at = parsed.last_start + (event.ends_at - event.starts_at)
    if errors:
        raise ApplicationError(_("The event was not saved: please correct the marked fields."), errors)
    event._history_user = actor
    return event


@transaction.atomic
def event_create(*, actor: User, **fields) -> Event:
    """Add an event; the organiser is the actor's organisation unless the secretariat names another."""
    if not can_add_event(actor):
        raise PermissionDenied
    fields.setdefault("organiser", actor.organisation)
    event = _apply(Event(created_by=actor), actor=actor, fields=fields)
    event.save()
    return event


@transaction.atomic
def event_update(*, event: Event, actor: User, **fields) -> Event:
    event = Event.objects.select_for_update(of=("self",)).select_related("organiser").get(pk=event.pk)
    if not can_change_event(actor, event):
        raise PermissionDenied
    event = _apply(event, actor=actor, fields=fields)
    event.save()
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
