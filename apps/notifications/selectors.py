"""Reads of the notifications app: a user's inbox, and delivery health for administrators."""

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from apps.accounts.choices import Role
from apps.accounts.models import User
from apps.core.caching import Cached, Version, answer_key, bump_all, forget, lookup

from .choices import KIND_GROUPS, USER_CHANNELS, Channel, DeliveryStatus
from .models import Delivery, InboxEntry, Notification, Preference

UNREAD_COUNT_CAP = 100
# The badge of every page: from the cache, forgotten whenever the user's inbox gains an entry or one is read
# (services.py); anything else (an entry deleted with its notification) shows within this time.
UNREAD_CACHE_SECONDS = 60


def inbox_for(*, user: User) -> QuerySet[InboxEntry]:
    """The user's inbox, newest first, each entry with its notification (one query per page)."""
    return (
        InboxEntry.objects.filter(user=user)
        .select_related("notification")
        .only(
            "id",
            "user_id",
            "created_at",
            "is_read",
            "read_at",
            "notification__id",
            "notification__kind",
            "notification__message",
            "notification__params",
            "notification__url",
            "notification__urgency",
            "notification__escalation_of_id",
        )
        .order_by("-created_at", "-id")
    )


def inbox_entry_get(*, user: User, entry_id: int) -> InboxEntry:
    """One of the user's own inbox entries; anyone else's is a 404."""
    return get_object_or_404(inbox_for(user=user), pk=entry_id)


UNREAD_COUNT_SQL = (
    f"SELECT COUNT(*) FROM (SELECT 1 FROM {InboxEntry._meta.db_table} "  # noqa: S608 -- a table name, no input
    "WHERE user_id = %s AND NOT is_read LIMIT %s) AS unread"
)


def unread_key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def unread_count(*, user: User, as_the_request_began: bool = False) -> int:
    """Unread entries, counted up to ``UNREAD_COUNT_CAP`` by an index-only scan of the (user, read, created) index.

    It runs on every page: kept in the cache until the inbox changes (``forget_inbox_caches``), and written in SQL,
    since building it with the ORM cost several times more than running it. With ``as_the_request_began``, the count
    read with the session's user serves (``session_user.read_along``): right for a page that changed nothing.
    """
    key = unread_key(user.pk)
    count = getattr(user, "read_along", {}).get(key) if as_the_request_began else None
    if count is None:
        count = cache.get(key)
    if count is None:
        with connection.cursor() as cursor:
            cursor.execute(UNREAD_COUNT_SQL, [user.pk, UNREAD_COUNT_CAP])
            count = cursor.fetchone()[0]
        cache.set(key, count, UNREAD_CACHE_SECONDS)
    return count


def inbox_version(user_id: int) -> Version:
    """The version of one user's inbox: it moves whenever an entry arrives or is read (``forget_inbox_caches``)."""
    return Version(f"notifications:inbox:{user_id}")


def inbox_lookup(view: str, request) -> Cached:
    """A view of the user's inbox in the cache: theirs, until it changes, per language and address."""
    user = request.user
    return lookup(answer_key(f"notifications:{view}", [user.pk], request=request), [inbox_version(user.pk)])


def forget_inbox_caches(user_ids) -> None:
    """These users' inboxes changed: count again and move their inboxes' versions on, now and when the transaction
    commits (a page read before must not keep the old count or rows)."""
    user_ids = list(user_ids)
    forget([unread_key(user_id) for user_id in user_ids])
    bump_all([inbox_version(user_id) for user_id in user_ids])


def latest_unread(*, user: User) -> InboxEntry | None:
    return inbox_for(user=user).filter(is_read=False).first()


def preferences_for(*, user: User) -> dict[tuple[str, str], bool]:
    """The user's choice per kind group and channel, defaults filled in."""
    from .choices import DEFAULT_CHANNELS

    stored = {
        (prefix, channel): enabled
        for prefix, channel, enabled in Preference.objects.filter(user=user).values_list(
            "kind_prefix", "channel", "enabled"
        )
    }
    return {
        (prefix, channel): stored.get((prefix, channel), DEFAULT_CHANNELS[channel])
        for prefix, _label in KIND_GROUPS
        for channel in USER_CHANNELS
    }


def can_monitor(user: User) -> bool:
    return user.is_superuser or user.has_role(Role.ADMINISTRATOR)


def delivery_health() -> dict:
    """Per channel: last success, failures in the last 24 hours, backlog; and whether it is stuck."""
    now = timezone.now()
    since = now - timedelta(hours=24)
    oldest = (
        Notification.objects.filter(delivered_at__isnull=True)
        .order_by("created_at")
        .values_list("created_at", flat=True)[:1]
    )
    oldest = oldest[0] if oldest else None
    backlog = Notification.objects.filter(delivered_at__isnull=True).values("pk")[:10_000].count()
    last_inbox = (
        Notification.objects.filter(delivered_at__isnull=False)
        .order_by("-delivered_at")
        .values_list("delivered_at", flat=True)[:1]
    )
    channels = {
        Channel.INBOX: {
            "last_success": last_inbox[0] if last_inbox else None,
            "failures_24h": 0,
            "backlog": backlog,
        }
    }
    for channel in (Channel.EMAIL, Channel.WEBHOOK):
        deliveries = Delivery.objects.filter(channel=channel)
        last = (
            deliveries.filter(status=DeliveryStatus.SENT)
            .order_by("-updated_at")
            .values_list("updated_at", flat=True)[:1]
        )
        channels[channel] = {
            "last_success": last[0] if last else None,
            "failures_24h": deliveries.filter(status=DeliveryStatus.FAILED, updated_at__gte=since).count(),
            "backlog": deliveries.filter(status=DeliveryStatus.PENDING).values("pk")[:10_000].count(),
        }
    oldest_seconds = int((now - oldest).total_seconds()) if oldest else 0
    return {
        "stuck": oldest_seconds > settings.NOTIFICATIONS_HEALTH_MAX_BACKLOG_SECONDS,
        "oldest_undelivered_seconds": oldest_seconds,
        "channels": channels,
    }


def failed_webhook_deliveries_visible_to(*, user: User) -> QuerySet[Delivery]:
    """Webhook calls that failed for good: all of them for a portal administrator, else the user's organisation's."""
    deliveries = (
        Delivery.objects.filter(channel=Channel.WEBHOOK, status=DeliveryStatus.FAILED)
        .select_related("organisation", "notification")
        .order_by("-updated_at")
    )
    if user.is_superuser:
        return deliveries
    return deliveries.filter(organisation_id=user.organisation_id)
