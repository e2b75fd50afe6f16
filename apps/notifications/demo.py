"""Demo notifications: a note to every demo user on how notifications reach them, linking to their preferences.
Safe to load twice.

The notifications about requests are those of the assistance demo's own steps (filed, acknowledged, answered, ...):
each is about a request that exists, and links to it. None refers to anything the demo does not hold.
"""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_noop

from apps.accounts.choices import Role

from . import recipients
from .choices import Urgency
from .models import Notification
from .services import notification_deliver, notify

WELCOME = gettext_noop("Notifications reach you here within seconds, and by e-mail as you choose: set your preferences")

# What earlier versions of the demo wrote: notifications about requests and a meeting that the demo does not hold
# (kind, untranslated message). They are removed when the demo is loaded again.
FORMER = [
    ("assistance.submitted", "Request %(reference)s was filed by %(country)s: %(subject)s"),
    ("assistance.answered", "%(country)s answered request %(reference)s"),
    ("consultation.agenda_published", "The agenda of %(meeting)s is published"),
]


@transaction.atomic
def load() -> None:
    for kind, message in FORMER:
        Notification.objects.filter(kind=kind, message=message, content_type__isnull=True).delete()
    if Notification.objects.filter(kind="notifications.welcome", message=WELCOME).exists():
        return
    notification = notify(
        kind="notifications.welcome",
        target=None,
        recipients=[recipients.role(role) for role in Role.values],
        message=WELCOME,
        url=reverse("notifications:preferences"),
        urgency=Urgency.ROUTINE,
    )
    # No worker may run while the demo loads: deliver to the inboxes now (idempotent if one does).
    notification_deliver(notification_id=notification.pk)
