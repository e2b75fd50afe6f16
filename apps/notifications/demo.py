"""Demo notifications: a few inbox entries for the demo control rooms and chiefs. Safe to load twice."""

from django.db import transaction
from django.utils.translation import gettext_noop

from apps.accounts.choices import Role
from apps.accounts.models import User

from . import recipients
from .choices import Urgency
from .models import Notification
from .services import notification_deliver, notify

DEMO = [
    (
        "assistance.submitted",
        gettext_noop("Request %(reference)s was filed by %(country)s: %(subject)s"),
        {"reference": "BNL-2026-0412", "country": "BE", "subject": "public order, farmers' protest in Brussels"},
        [recipients.country("NL", roles=[Role.OPERATOR]), recipients.country("LU", roles=[Role.OPERATOR])],
        Urgency.URGENT,
    ),
    (
        "assistance.answered",
        gettext_noop("%(country)s answered request %(reference)s"),
        {"reference": "BNL-2026-0398", "country": "NL"},
        [recipients.country("BE", roles=[Role.OPERATOR])],
        Urgency.ROUTINE,
    ),
    (
        "consultation.agenda_published",
        gettext_noop("The agenda of %(meeting)s is published"),
        {"meeting": "Strategic Consultation, 10 December 2026"},
        [recipients.role(Role.POLICE_CHIEF), recipients.role(Role.SECRETARIAT)],
        Urgency.ROUTINE,
    ),
]


@transaction.atomic
def load() -> None:
    actor = User.objects.filter(username="secretariat").first()
    for kind, message, params, specs, urgency in DEMO:
        if Notification.objects.filter(kind=kind, message=message, params=params).exists():
            continue
        notification = notify(
            kind=kind, target=None, recipients=specs, message=message, params=params, actor=actor, urgency=urgency
        )
        # No worker may run while the demo loads: deliver to the inboxes now (idempotent if one does).
        notification_deliver(notification_id=notification.pk)
