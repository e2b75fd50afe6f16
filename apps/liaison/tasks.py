from celery import shared_task
from django.conf import settings
from django.utils import translation

from .services import stale_records_remind


@shared_task
def remind_stale_records() -> int:
    """Remind the liaison officers whose record has not been confirmed for 180 days (daily, by beat). Each officer
    is reminded in their own language when the notification is delivered; safe to run twice."""
    with translation.override(settings.LANGUAGE_CODE):
        return stale_records_remind()
