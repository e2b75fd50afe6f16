"""Ten years of notifications for the benchmark: 1,000,000 at scale 1.0, each in one inbox.

Runs after the accounts generator (users and organisations exist); picks users by query.
Reproducible from ``seed``; bulk inserts in batches of 5,000.

``URLS``: what ``make bench`` measures (see apps/accounts/bench.py): the inbox page and the API list of the first
bench operators, who are among the busy users receiving most notifications (thousands each).
"""

import random
from collections.abc import Callable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from apps.accounts.choices import Role
from apps.accounts.models import User

from .choices import Urgency
from .models import InboxEntry, Notification
from .selectors import forget_inbox_caches

TEN_YEARS = 1_000_000
BATCH = 5_000
KINDS = [
    ("assistance.submitted", "Request %(reference)s was filed by %(country)s", 0.45),
    ("assistance.answered", "%(country)s answered request %(reference)s", 0.25),
    ("assistance.message", "New message on request %(reference)s", 0.15),
    ("consultation.agenda_published", "The agenda of %(meeting)s is published", 0.05),
    ("consultation.minutes_published", "The minutes of %(meeting)s are published", 0.05),
    ("liaison.coverage_reminder", "Check the coverage of %(country)s", 0.05),
]
COUNTRIES = ["BE", "NL", "LU"]
URLS = [
    ("inbox", "/notifications/", Role.OPERATOR, 100),
    ("api notifications", "/api/v1/notifications", Role.OPERATOR, 100),
]


def generate(*, scale: float, seed: int, log: Callable[[str], None]) -> dict[str, int]:
    rng = random.Random(seed)
    total = max(1, int(TEN_YEARS * scale))
    user_ids = list(User.objects.filter(is_active=True).order_by("pk").values_list("pk", flat=True))
    if not user_ids:
        log("notifications: no users, nothing generated")
        return {"notifications.Notification": 0, "notifications.InboxEntry": 0}
    # A few busy control-room users receive most of it, as in life.
    busy = user_ids[: max(1, len(user_ids) // 20)]
    now = timezone.now()
    span = timedelta(days=3652).total_seconds()
    kinds, weights = [k[:2] for k in KINDS], [k[2] for k in KINDS]
    urgencies = [Urgency.ROUTINE] * 16 + [Urgency.URGENT] * 3 + [Urgency.IMMEDIATE]
    made = 0
    while made < total:
        size = min(BATCH, total - made)
        notifications = []
        for index in range(size):
            kind, message = rng.choices(kinds, weights)[0]
            created = now - timedelta(seconds=span * (1 - (made + index) / total) + rng.random())
            notifications.append(
                Notification(
                    kind=kind,
                    message=message,
                    params={
                        "reference": f"BNL-{created.year}-{rng.randrange(1, 99999):05d}",
                        "country": rng.choice(COUNTRIES),
                        "meeting": f"Strategic Consultation {created:%B %Y}",
                    },
                    url="/assistance/" if kind.startswith("assistance") else "/consultation/",
                    urgency=rng.choice(urgencies),
                    created_at=created,
                    delivered_at=created + timedelta(milliseconds=rng.randrange(50, 900)),
                    acknowledged_at=created + timedelta(minutes=rng.randrange(1, 60)),
                    recipient_count=1,
                )
            )
        with transaction.atomic():
            Notification.objects.bulk_create(notifications, batch_size=BATCH)
            InboxEntry.objects.bulk_create(
                [
                    InboxEntry(
                        notification_id=notification.pk,
                        user_id=rng.choice(busy) if rng.random() < 0.6 else rng.choice(user_ids),
                        created_at=notification.created_at,
                        # Old notifications are read; the last weeks' partly not.
                        is_read=(now - notification.created_at).days > 30 or rng.random() < 0.5,
                    )
                    for notification in notifications
                ],
                batch_size=BATCH,
            )
        made += size
        if made % 100_000 < BATCH or made == total:
            log(f"notifications: {made:,} of {total:,}")
    # Bulk inserts send no signal: the inboxes they filled are forgotten here (their pages, lists and unread counts).
    forget_inbox_caches(user_ids)
    return {"notifications.Notification": total, "notifications.InboxEntry": total}
