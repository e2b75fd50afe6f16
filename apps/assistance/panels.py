"""What the assistance part shows on other parts' pages (registered in ``apps.py``)."""

from django.template.loader import render_to_string

from .permissions import can_create
from .selectors import requests_for_event

EVENT_REQUESTS_SHOWN = 20


def requests_for_event_panel(*, event, request) -> str:
    """The event page's section of the assistance and loan requests filed for the event, for a user who may see
    requests at all ("" otherwise)."""
    rows = requests_for_event(user=request.user, event=event, limit=EVENT_REQUESTS_SHOWN)
    if rows is None:
        return ""
    return render_to_string(
        "assistance/_event_requests.html",
        {
            "event": event,
            "assistance_requests": rows,
            "assistance_requests_shown": EVENT_REQUESTS_SHOWN,
            "can_file_request": can_create(request.user),
        },
    )
