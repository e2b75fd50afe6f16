from contextlib import nullcontext

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .choices import Channel, DeliveryStatus, Urgency
from .params import in_language


class Notification(models.Model):
    """One event worth telling people about: the outbox row, written in the transaction that caused it.

    ``delivered_at`` stays empty until a worker has fanned it out to the recipients' inboxes and
    queued the other channels; the sweep re-queues rows that stay empty. The outbox and the inbox are
    append-only event logs, so they carry no simple-history (it would double every write).
    """

    kind = models.CharField(_("kind"), max_length=100, db_index=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("target type"), on_delete=models.CASCADE, null=True, blank=True
    )
    object_id = models.CharField(_("target id"), max_length=64, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    message = models.TextField(
        _("message"), help_text=_("The untranslated message; rendered in each reader's language.")
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("caused by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.ROUTINE)
    recipients = models.JSONField(_("recipients"), default=list)
    escalate_to = models.JSONField(_("escalate to"), null=True, blank=True)
    escalation_of = models.ForeignKey(
        "self", verbose_name=_("escalation of"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    delivery_attempts = models.PositiveIntegerField(_("delivery attempts"), default=0)
    recipient_count = models.PositiveIntegerField(_("recipients reached"), default=0)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        indexes = [
            # The outbox backlog: what the sweep and the health check look at.
            models.Index(fields=["created_at"], name="notif_undelivered", condition=Q(delivered_at__isnull=True)),
            # Open notifications that may still escalate.
            models.Index(
                fields=["created_at"],
                name="notif_escalation_due",
                condition=Q(escalate_to__isnull=False, acknowledged_at__isnull=True, escalated_at__isnull=True),
            ),
            models.Index(fields=["content_type", "object_id"], name="notif_target"),
        ]

    def __str__(self):
        return f"{self.kind} #{self.pk}"

    def render(self, language: str | None = None) -> str:
        """The message in ``language`` (or the active language), its parameters filled in."""
        with translation.override(language) if language else nullcontext():
            text = gettext(self.message)
            # Names of bodies and dates are kept in every language: each reader gets theirs (params.py).
            values = in_language(self.params) if self.params else {}
            try:
                return text % values if values else text
            except (KeyError, TypeError, ValueError):
                # A translation with a broken placeholder must not hide the notification.
                try:
                    return self.message % values
                except (KeyError, TypeError, ValueError):
                    return self.message


class InboxEntry(models.Model):
    """A notification in one user's inbox: at most one per user and notification, whatever the retries."""

    # No index of their own: the unique (notification, user) constraint and the (user, ...) indexes
    # below start with these columns, and every index is written for each of the hundreds of rows
    # a notification fans out to.
    notification = models.ForeignKey(
        Notification,
        verbose_name=_("notification"),
        on_delete=models.CASCADE,
        related_name="entries",
        db_index=False,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="inbox_entries",
        db_index=False,
    )
    # Copied from the notification so that the inbox is read from one index, without a join.
    created_at = models.DateTimeField(_("created"))
    is_read = models.BooleanField(_("read"), default=False)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("inbox entry")
        verbose_name_plural = _("inbox entries")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["notification", "user"], name="inbox_entry_once_per_user"),
        ]
        indexes = [
            models.Index(fields=["user", "is_read", "-created_at"], name="inbox_user_read_created"),
            models.Index(fields=["user", "-created_at", "-id"], name="inbox_user_created"),
        ]

    def __str__(self):
        return f"{self.notification} → {self.user_id}"


class Webhook(models.Model):
    """An organisation's control-room system that receives its notifications, signed with HMAC-SHA256."""

    organisation = models.OneToOneField(
        "accounts.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="webhook"
    )
    url = models.URLField(_("address"), max_length=500, help_text=_("HTTPS address that accepts a JSON POST."))
    secret = models.CharField(
        _("secret"), max_length=200, help_text=_("Shared secret of the X-Portal-Signature header (HMAC-SHA256).")
    )
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords(excluded_fields=["secret"])

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self):
        return self.url


class Delivery(models.Model):
    """One notification on one outward channel (an e-mail to a user, a call to an organisation's webhook)."""

    notification = models.ForeignKey(
        Notification, verbose_name=_("notification"), on_delete=models.CASCADE, related_name="deliveries"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "channel", "user"],
                name="delivery_once_per_user",
                condition=Q(user__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["notification", "channel", "organisation"],
                name="delivery_once_per_organisation",
                condition=Q(organisation__isnull=False),
            ),
        ]
        indexes = [
            models.Index(fields=["channel", "status", "-updated_at"], name="delivery_channel_status"),
        ]

    def __str__(self):
        return f"{self.channel} {self.notification_id} ({self.status})"


class Preference(models.Model):
    """Whether a user wants a kind group of notifications (e.g. ``assistance``) on a channel."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind_prefix = models.CharField(_("kind"), max_length=100)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    enabled = models.BooleanField(_("wanted"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind_prefix", "channel"], name="preference_once"),
        ]

    def __str__(self):
        return f"{self.user_id} {self.kind_prefix} {self.channel}: {self.enabled}"
