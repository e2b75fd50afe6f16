"""Writes of the notifications app: the one entry point ``notify()``, delivery, escalation, reading.

Other apps call ``notify()`` inside their own transaction: the outbox row commits or rolls back with
their change, and a Celery task delivers it once the transaction has committed. Delivery is
idempotent (one inbox entry per user and notification, one delivery row per channel and
recipient), so a task run twice — a retry, a sweep, a worker killed mid-way — changes nothing twice.
"""

import hashlib
import hmac
import json
import logging
import urllib.error
import urllib.request
from datetime import timedelta
from functools import partial

from celery import current_app
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage, get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core.errors import ApplicationError

from . import recipients as recipient_specs
from .choices import DEFAULT_CHANNELS, FORCED_CHANNELS, USER_CHANNELS, Channel, DeliveryStatus, Urgency
from .models import Delivery, InboxEntry, Notification, Preference, Webhook
from .selectors import forget_inbox_caches

logger = logging.getLogger(__name__)


class DeliveryError(Exception):
    """A channel could not deliver now (server down, webhook answered 500); the task retries."""


def _target_key(target) -> tuple[ContentType | None, str]:
    if target is None:
        return None, ""
    return ContentType.objects.get_for_model(target), str(target.pk)


@transaction.atomic
def notify(
    *,
    kind: str,
    target,
    recipients: list,
    message: str,
    params: dict | None = None,
    url: str = "",
    actor=None,
    urgency: str = Urgency.ROUTINE,
    escalate_to: list | None = None,
) -> Notification:
    """Write a notification to the outbox in the caller's transaction; it is delivered after commit."""
    if urgency not in Urgency.values:
        raise ValueError(f"unknown urgency {urgency!r}")
    if not kind or len(kind) > 100:
        raise ValueError("a notification needs a kind of at most 100 characters")
    params = dict(params or {})
    json.dumps(params)  # refuse what could not be stored (and so never delivered)
    content_type, object_id = _target_key(target)
    notification = Notification.objects.create(
        kind=kind,
        content_type=content_type,
        object_id=object_id,
        message=str(message),
        params=params,
        url=url,
        actor=actor if getattr(actor, "pk", None) else None,
        urgency=urgency,
        recipients=recipient_specs.normalise(recipients),
        escalate_to=recipient_specs.normalise(escalate_to) if escalate_to else None,
    )
    transaction.on_commit(partial(queue_delivery, notification.pk))
    return notification


def queue_task(name: str, *ids: int) -> None:
    """Queue the task ``name`` of ``tasks.py`` with these ids (by its name: the tasks call these services)."""
    current_app.send_task(f"{__package__}.tasks.{name}", args=ids)


def queue_delivery(notification_id: int) -> None:
    """Hand a committed notification to the workers; a broker that is down is left to the sweep."""
    try:
        queue_task("deliver_notification", notification_id)
    except Exception:  # noqa: BLE001 -- the caller's change is committed; the sweep re-queues it
        logger.warning("broker unavailable: notification %s waits for the sweep", notification_id, exc_info=True)


@transaction.atomic
def acknowledge(*, target, actor, recipients: list | None = None) -> None:
    """Someone took charge of ``target``: every open notification about it stops escalating (with ``recipients``,
    only those sent to exactly these recipients, e.g. one requested country's operators)."""
    content_type, object_id = _target_key(target)
    open_ones = Notification.objects.filter(
        content_type=content_type, object_id=object_id, acknowledged_at__isnull=True
    )
    if recipients is not None:
        open_ones = open_ones.filter(recipients=recipient_specs.normalise(recipients))
    open_ones.update(acknowledged_at=timezone.now(), acknowledged_by=actor if getattr(actor, "pk", None) else None)


# Delivery --------------------------------------------------------------------------------------


def _kind_prefixes(kind: str) -> list[str]:
    parts = kind.split(".")
    return ["", *(".".join(parts[: index + 1]) for index in range(len(parts)))]


def _wanted_channels(notification: Notification, user_ids: list[int]) -> tuple[set[str], dict[int, set[str]]]:
    """The channels of everyone without a matching preference, and those of each user with one.

    The longest matching preference wins; channels forced by the urgency are added whatever the
    choice. Only the (few) users with preferences are looked at one by one.
    """
    forced = FORCED_CHANNELS.get(notification.urgency, set())
    default = set(forced) | {channel for channel in USER_CHANNELS if DEFAULT_CHANNELS[channel]}
    choosable = [channel for channel in USER_CHANNELS if channel not in forced]
    if not choosable or not user_ids:
        return default, {}
    chosen: dict[int, dict[str, tuple[int, bool]]] = {}
    with db_connection.cursor() as cursor:
        cursor.execute(
            f"SELECT user_id, kind_prefix, channel, enabled FROM {Preference._meta.db_table} "  # noqa: S608
            "WHERE user_id = ANY(%s) AND kind_prefix = ANY(%s) AND channel = ANY(%s)",
            [user_ids, _kind_prefixes(notification.kind), [str(channel) for channel in choosable]],
        )
        for user_id, prefix, channel, enabled in cursor.fetchall():
            current = chosen.setdefault(user_id, {}).get(channel)
            if current is None or len(prefix) > current[0]:
                chosen[user_id][channel] = (len(prefix), enabled)
    overrides = {}
    for user_id, choices in chosen.items():
        channels = set(forced)
        for channel in USER_CHANNELS:
            if choices.get(channel, (0, DEFAULT_CHANNELS[channel]))[1]:
                channels.add(channel)
        overrides[user_id] = channels
    return default, overrides


def _insert_ignoring_conflicts(model, columns: list[str], constants: list, array_column: str, values: list) -> int:
    """One set-based ``INSERT ... SELECT ... FROM unnest(array) ON CONFLICT DO NOTHING``: a row per value.

    Each row gets the ``constants`` in ``columns`` and one of ``values`` in ``array_column``; a row that
    already exists (the unique constraints: one per user and notification) is left alone.
    """
    if not values:
        return 0
    names = ", ".join(db_connection.ops.quote_name(column) for column in [*columns, array_column])
    placeholders = ", ".join(["%s"] * len(constants))
    with db_connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {db_connection.ops.quote_name(model._meta.db_table)} ({names}) "  # noqa: S608
            f"SELECT {placeholders}, value FROM unnest(%s::bigint[]) AS value ON CONFLICT DO NOTHING",
            [*constants, list(values)],
        )
        return cursor.rowcount


def notification_deliver(*, notification_id: int) -> dict | None:
    """Fan a notification out: inbox entries, and delivery rows for e-mail and webhooks.

    A handful of set-based queries whatever the number of recipients: the recipients, their
    preferences, one INSERT of the inbox entries, one of the e-mail rows.
    Returns what still has to be sent on the outward channels, or None when there was nothing to do
    (already delivered, being delivered by another worker, or gone).
    """
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(pk=notification_id, delivered_at__isnull=True)
            .only("pk", "kind", "urgency", "recipients", "actor_id", "created_at")
            .first()
        )
        if notification is None:
            return None
        users = list(
            recipient_specs.resolve(notification.recipients, exclude_user_id=notification.actor_id)
            .order_by()
            .values_list("pk", "organisation_id", "email")
        )
        default, overrides = _wanted_channels(notification, [user_id for user_id, _org, _email in users])
        inbox_ids, email_ids = [], []
        for user_id, _org, email in users:
            channels = overrides.get(user_id, default)
            if Channel.INBOX in channels:
                inbox_ids.append(user_id)
            if Channel.EMAIL in channels and email:
                email_ids.append(user_id)
        _insert_ignoring_conflicts(
            InboxEntry,
            ["notification_id", "created_at", "is_read"],
            [notification.pk, notification.created_at, False],
            "user_id",
            inbox_ids,
        )
        forget_inbox_caches(inbox_ids)
        now = timezone.now()

        def pending_deliveries(channel: Channel, recipient_column: str, recipient_ids: list) -> None:
            _insert_ignoring_conflicts(
                Delivery,
                ["notification_id", "channel", "status", "attempts", "last_error", "created_at", "updated_at"],
                [notification.pk, channel.value, DeliveryStatus.PENDING.value, 0, "", now, now],
                recipient_column,
                recipient_ids,
            )

        pending_deliveries(Channel.EMAIL, "user_id", email_ids)
        organisation_ids = {org for _user, org, _email in users if org}
        webhooks = (
            list(
                Webhook.objects.filter(organisation_id__in=organisation_ids, is_active=True).values_list(
                    "organisation_id", flat=True
                )
            )
            if organisation_ids
            else []
        )
        pending_deliveries(Channel.WEBHOOK, "organisation_id", webhooks)
        Notification.objects.filter(pk=notification.pk).update(
            delivered_at=timezone.now(),
            recipient_count=len(users),
            delivery_attempts=F("delivery_attempts") + 1,
        )
        webhook_deliveries = (
            list(
                Delivery.objects.filter(
                    notification=notification, channel=Channel.WEBHOOK, status=DeliveryStatus.PENDING
                ).values_list("pk", flat=True)
            )
            if webhooks
            else []
        )
    return {"email": bool(email_ids), "webhooks": webhook_deliveries}


def _email_text(notification: Notification, language: str | None) -> tuple[str, str]:
    """The subject and body of a notification's e-mail in ``language``."""
    with translation.override(language):
        text = notification.render()
        prefix = {
            Urgency.IMMEDIATE: _("[IMMEDIATE] "),
            Urgency.URGENT: _("[URGENT] "),
        }.get(notification.urgency, "")
        link = f"{settings.NOTIFICATIONS_BASE_URL}{notification.url}" if notification.url else ""
        body = "\n\n".join(
            part
            for part in [
                text,
                link,
                _(
                    "You receive this e-mail from the Benelux Police Cooperation Portal. "
                    "Choose what you receive under Notifications, Preferences."
                ),
            ]
            if part
        )
    subject = " ".join(f"{prefix}{text}".split())[:200]
    return subject, body


# E-mails sent are marked sent this many at a time: one UPDATE per batch rather than per recipient. A
# worker killed mid-way sends again at most the last unmarked batch (e-mail is at-least-once; the inbox
# entry, written at delivery, is exactly-once).
EMAIL_MARK_BATCH = 50


def notification_send_emails(*, notification_id: int, final_attempt: bool = False) -> int:
    """Send the pending e-mails of a notification over one connection; returns how many are left.

    Each language's text is rendered once; the e-mails are marked sent in batches. Raises
    DeliveryError when some could not be sent (the task retries); on the final attempt they are
    marked failed instead.
    """
    pending = list(
        Delivery.objects.filter(
            notification_id=notification_id, channel=Channel.EMAIL, status=DeliveryStatus.PENDING
        ).values_list("pk", "user__email", "user__preferred_language")
    )
    if not pending:
        return 0
    notification = Notification.objects.get(pk=notification_id)
    texts: dict[str | None, tuple[str, str]] = {}
    failed: list[tuple[int, str]] = []
    sent: list[int] = []

    def mark_sent():
        if sent:
            Delivery.objects.filter(pk__in=sent).update(
                status=DeliveryStatus.SENT, attempts=F("attempts") + 1, updated_at=timezone.now()
            )
            sent.clear()

    try:
        connection = get_connection(fail_silently=False)
        connection.open()
    except Exception as error:  # noqa: BLE001 -- any failure to reach the mail server is retried
        failed = [(delivery_id, repr(error)) for delivery_id, _email, _language in pending]
    else:
        try:
            for delivery_id, email, language in pending:
                if language not in texts:
                    texts[language] = _email_text(notification, language)
                subject, body = texts[language]
                message = EmailMessage(
                    subject=subject, body=body, to=[email], headers={"X-Portal-Notification": notification.pk}
                )
                try:
                    connection.send_messages([message])
                except Exception as error:  # noqa: BLE001 -- one bad address must not stop the others
                    failed.append((delivery_id, repr(error)))
                else:
                    sent.append(delivery_id)
                    if len(sent) >= EMAIL_MARK_BATCH:
                        mark_sent()
        finally:
            mark_sent()
            connection.close()
    _record_failures(failed, channel=Channel.EMAIL, notification_id=notification_id, final=final_attempt)
    if failed and not final_attempt:
        raise DeliveryError(failed[0][1])
    return len(failed)


def _record_failures(failed: list[tuple[int, str]], *, channel: str, notification_id: int, final: bool) -> None:
    """Count a failed attempt of each delivery (id, error): one UPDATE per distinct error."""
    by_error: dict[str, list[int]] = {}
    for delivery_id, error in failed:
        by_error.setdefault(error, []).append(delivery_id)
    for error, delivery_ids in by_error.items():
        Delivery.objects.filter(pk__in=delivery_ids, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.FAILED if final else DeliveryStatus.PENDING,
            attempts=F("attempts") + 1,
            last_error=error[:2000],
            updated_at=timezone.now(),
        )
        if final:
            for delivery_id in delivery_ids:
                logger.error(
                    "notification %s: %s delivery %s failed for good: %s",
                    notification_id,
                    channel,
                    delivery_id,
                    error,
                )


def webhook_payload(notification: Notification) -> dict:
    return {
        "id": notification.pk,
        "kind": notification.kind,
        "urgency": notification.urgency,
        "created_at": notification.created_at.isoformat(),
        "message": notification.message,
        "params": notification.params,
        "text": {code: notification.render(code) for code, _name in settings.LANGUAGES},
        "url": f"{settings.NOTIFICATIONS_BASE_URL}{notification.url}" if notification.url else "",
        "target": (
            {
                "type": f"{notification.content_type.app_label}.{notification.content_type.model}",
                "id": notification.object_id,
            }
            if notification.content_type_id
            else None
        ),
        "escalation_of": notification.escalation_of_id,
    }


def webhook_signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def webhook_send(*, delivery_id: int, final_attempt: bool = False) -> bool:
    """POST one notification to an organisation's webhook, signed; True when it was delivered now."""
    delivery = (
        Delivery.objects.filter(pk=delivery_id, status=DeliveryStatus.PENDING)
        .select_related("notification__content_type", "organisation__webhook")
        .first()
    )
    if delivery is None:
        return False
    webhook = getattr(delivery.organisation, "webhook", None)
    if webhook is None or not webhook.is_active:
        Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.SKIPPED, updated_at=timezone.now())
        return False
    body = json.dumps(webhook_payload(delivery.notification), sort_keys=True).encode()
    request = urllib.request.Request(  # noqa: S310 -- the address is an http(s) URLField set by an administrator
        webhook.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "BeneluxPolicePortal-Webhook/1",
            "X-Portal-Delivery": str(delivery.pk),
            "X-Portal-Event": delivery.notification.kind,
            "X-Portal-Signature": webhook_signature(webhook.secret, body),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.NOTIFICATIONS_WEBHOOK_TIMEOUT) as response:  # noqa: S310
            status = response.status
    except urllib.error.HTTPError as error:
        status, problem = error.code, f"HTTP {error.code}"
    except (urllib.error.URLError, OSError, ValueError) as error:
        status, problem = None, repr(error)
    if status is not None and 200 <= status < 300:
        Delivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.SENT, attempts=F("attempts") + 1, last_error="", updated_at=timezone.now()
        )
        return True
    _record_failures(
        [(delivery.pk, problem)],
        channel=delivery.channel,
        notification_id=delivery.notification_id,
        final=final_attempt,
    )
    if not final_attempt:
        raise DeliveryError(problem)
    return False


# Sweep and escalation -----------------------------------------------------------------------


def outbox_sweep() -> dict[str, int]:
    """Re-queue what should have been delivered by now: lost tasks, a broker that was down."""
    now = timezone.now()
    grace = timedelta(seconds=settings.NOTIFICATIONS_SWEEP_GRACE_SECONDS)
    batch = settings.NOTIFICATIONS_SWEEP_BATCH
    undelivered = list(
        Notification.objects.filter(delivered_at__isnull=True, created_at__lt=now - grace)
        .order_by("created_at")
        .values_list("pk", flat=True)[:batch]
    )
    for notification_id in undelivered:
        queue_task("deliver_notification", notification_id)
    stale = now - timedelta(seconds=settings.NOTIFICATIONS_RESEND_AFTER_SECONDS)
    stale_deliveries = list(
        Delivery.objects.filter(status=DeliveryStatus.PENDING, updated_at__lt=stale).values_list(
            "pk", "channel", "notification_id"
        )[:batch]
    )
    emails = set()
    for delivery_id, channel, notification_id in stale_deliveries:
        if channel == Channel.WEBHOOK:
            queue_task("send_webhook", delivery_id)
        else:
            emails.add(notification_id)
    for notification_id in sorted(emails):
        queue_task("send_notification_emails", notification_id)
    if undelivered or stale_deliveries:
        logger.warning(
            "notification sweep re-queued %s undelivered notifications and %s stale deliveries",
            len(undelivered),
            len(stale_deliveries),
        )
    return {"notifications": len(undelivered), "deliveries": len(stale_deliveries)}


def escalation_thresholds() -> dict[str, timedelta]:
    return {
        Urgency.IMMEDIATE: timedelta(minutes=settings.NOTIFICATIONS_ESCALATE_IMMEDIATE_MINUTES),
        Urgency.URGENT: timedelta(minutes=settings.NOTIFICATIONS_ESCALATE_URGENT_MINUTES),
        Urgency.ROUTINE: timedelta(minutes=settings.NOTIFICATIONS_ESCALATE_ROUTINE_MINUTES),
    }


@transaction.atomic
def escalation_run() -> int:
    """Re-notify ``escalate_to`` once for each open notification nobody acknowledged in time."""
    now = timezone.now()
    due = Q()
    for urgency, threshold in escalation_thresholds().items():
        due |= Q(urgency=urgency, created_at__lt=now - threshold)
    overdue = list(
        Notification.objects.select_for_update(skip_locked=True)
        .filter(due, escalate_to__isnull=False, acknowledged_at__isnull=True, escalated_at__isnull=True)
        .order_by("created_at")[: settings.NOTIFICATIONS_SWEEP_BATCH]
    )
    for original in overdue:
        escalation = Notification.objects.create(
            kind=original.kind,
            content_type_id=original.content_type_id,
            object_id=original.object_id,
            message=original.message,
            params=original.params,
            url=original.url,
            urgency=original.urgency,
            recipients=original.escalate_to,
            escalation_of=original,
        )
        transaction.on_commit(partial(queue_delivery, escalation.pk))
        logger.warning("notification %s not acknowledged in time: escalated as %s", original.pk, escalation.pk)
    Notification.objects.filter(pk__in=[n.pk for n in overdue]).update(escalated_at=now)
    return len(overdue)


# Reading and preferences -----------------------------------------------------------------------


@transaction.atomic
def inbox_entry_mark_read(*, entry: InboxEntry, actor: User) -> InboxEntry:
    if entry.user_id != actor.pk:
        raise ApplicationError(_("This notification is not yours."))
    if not entry.is_read:
        entry.is_read, entry.read_at = True, timezone.now()
        InboxEntry.objects.filter(pk=entry.pk).update(is_read=True, read_at=entry.read_at)
        forget_inbox_caches([actor.pk])
    return entry


@transaction.atomic
def inbox_mark_read_about(*, actor: User, target) -> int:
    """The user opened ``target`` (a request, a meeting): their unread notifications about it are read now. One
    UPDATE; nothing is written when they had nothing unread about it."""
    model = type(target)
    marked = InboxEntry.objects.filter(
        user=actor,
        is_read=False,
        notification__content_type__app_label=model._meta.app_label,
        notification__content_type__model=model._meta.model_name,
        notification__object_id=str(target.pk),
    ).update(is_read=True, read_at=timezone.now())
    if marked:
        forget_inbox_caches([actor.pk])
    return marked


@transaction.atomic
def inbox_mark_all_read(*, actor: User) -> int:
    marked = InboxEntry.objects.filter(user=actor, is_read=False).update(is_read=True, read_at=timezone.now())
    forget_inbox_caches([actor.pk])
    return marked


@transaction.atomic
def preferences_set(*, actor: User, choices: dict[tuple[str, str], bool]) -> None:
    """Store the user's choices: {(kind prefix, channel): wanted}."""
    for (prefix, channel), enabled in choices.items():
        if channel not in USER_CHANNELS:
            raise ApplicationError(_("This channel cannot be chosen."), {"channel": [_("Choose inbox or e-mail.")]})
        Preference.objects.update_or_create(
            user=actor, kind_prefix=prefix, channel=channel, defaults={"enabled": enabled}
        )
