"""Notifications in the permission grid (see apps/core/grid.py).

Everyone has an inbox, preferences and the unread count; an inbox entry is its owner's alone (anyone else's is a
404). Delivery monitoring is for administrators.
"""

from apps.accounts.choices import Role
from apps.core.grid import HIDDEN, OK, Check, Route, Sample, everyone, only


def _inbox_entry(world, who):
    from .models import InboxEntry
    from .services import notification_deliver, notify

    notification = notify(
        kind="grid.sample", target=None, recipients=[who.user], message=f"A notice for {who.username}"
    )
    notification_deliver(notification_id=notification.pk)
    return InboxEntry.objects.get(notification=notification, user=who.user)


ENTRY = Sample("inbox entry", _inbox_entry, per_person=True)


def _owner(who, made) -> str:
    return OK if made.owner == who else HIDDEN


def _preferences(who, made=None) -> dict:
    return {"assistance__email": "on"}


ROUTES = [
    Route("notifications:index", [Check("GET", everyone)]),
    Route("notifications:mark_read", [Check("POST", _owner, ok=302)], ENTRY, kwargs=lambda e: {"entry_id": e.pk}),
    Route("notifications:mark_all_read", [Check("POST", everyone, ok=302)]),
    Route("notifications:unread", [Check("GET", everyone)]),
    Route("notifications:preferences", [Check("GET", everyone), Check("POST", everyone, _preferences, ok=302)]),
    Route("notifications:monitoring", [Check("GET", only(Role.ADMINISTRATOR))]),
    Route("notifications-api:inbox", [Check("GET", everyone)]),
    Route("notifications-api:read-all", [Check("POST", everyone)]),
    Route("notifications-api:read", [Check("POST", _owner)], ENTRY),
]
