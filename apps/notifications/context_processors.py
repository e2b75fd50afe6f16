from django.conf import settings

from .selectors import UNREAD_COUNT_CAP, unread_count


def unread_notifications(request):
    """The unread count of the navigation badge: one index-only query, for logged-in users only."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    count = unread_count(user=user)
    return {
        "unread_notifications": count,
        "unread_notifications_label": f"{UNREAD_COUNT_CAP - 1}+" if count >= UNREAD_COUNT_CAP else str(count),
        "notifications_poll_seconds": settings.NOTIFICATIONS_POLL_SECONDS,
    }
