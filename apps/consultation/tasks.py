"""Daily tasks of the consultation part (beat: ``CELERY_BEAT_SCHEDULE`` in the settings). Thin: each calls its
service, which is safe to run twice; the notifications are rendered in each recipient's language when delivered."""

from celery import shared_task
from django.conf import settings
from django.utils import translation

from .services import activities_notify, meeting_digests_send


@shared_task
def notify_due_activities() -> int:
    """Tell the working groups of their activities due within 14 days or newly late; answers how many notices."""
    with translation.override(settings.LANGUAGE_CODE):
        return activities_notify()


@shared_task
def send_meeting_digests() -> int:
    """Send the chiefs, a week before each meeting of a body with a work programme, what changed since the meeting
    before; answers how many digests (one per meeting, to all its chiefs)."""
    with translation.override(settings.LANGUAGE_CODE):
        return meeting_digests_send()
