from django.db import models
from django.utils.translation import gettext_lazy as _


class Urgency(models.TextChoices):
    ROUTINE = "routine", _("Routine")
    URGENT = "urgent", _("Urgent")
    IMMEDIATE = "immediate", _("Immediate")


class Channel(models.TextChoices):
    INBOX = "inbox", _("Portal inbox")
    EMAIL = "email", _("E-mail")
    WEBHOOK = "webhook", _("Webhook")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Skipped")


# Kinds are dotted ("assistance.submitted"); users choose channels per prefix (the part before the dot).
# Only labels live here: notifications imports no other app.
KIND_GROUPS = [
    ("assistance", _("Assistance and loan requests")),
    ("consultation", _("Meetings, agendas and minutes")),
    ("liaison", _("Liaison officers and coverage")),
    ("events", _("Event calendar")),
    ("brochure", _("Brochure")),
]

# Channels a user may switch per kind group; webhooks belong to organisations, not users.
USER_CHANNELS = [Channel.INBOX, Channel.EMAIL]
# What a user receives when they have not chosen: the inbox always, e-mail only when it matters.
DEFAULT_CHANNELS = {Channel.INBOX: True, Channel.EMAIL: False}
# Urgent and immediate notifications reach these channels whatever the user chose.
FORCED_CHANNELS = {Urgency.URGENT: {Channel.INBOX, Channel.EMAIL}, Urgency.IMMEDIATE: {Channel.INBOX, Channel.EMAIL}}
