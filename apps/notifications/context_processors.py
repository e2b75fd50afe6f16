from django.conf import settings

from .selectors import UNREAD_COUNT_CAP, unread_count


def unread_notifications(request):
    """The unread count of the navigation badge (from the cache, else one index-only query), for logged-in users."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # A page that changed nothing (GET) shows the count read with the session's user, in the same round trip.
    count = unread_count(user=user, as_the_request_began=request.method in ("GET", "HEAD"))
    return {
        "unread_notifications": count,
        "unread_notifications_label": f"{UNREAD_COUNT_CAP - 1}+" if count >= UNREAD_COUNT_CAP else str(count),
        "notifications_poll_seconds": settings.NOTIFICATIONS_POLL_SECONDS,
    }
