"""Delivery of notifications. Thin: each task takes ids, calls a service and owns its retries.

The delivery tasks are idempotent, so they are acknowledged late (a worker killed mid-way leaves
the message to be delivered again) and rejected back to the queue when their worker is lost.
"""

import logging

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError

from . import services

logger = logging.getLogger(__name__)

IDEMPOTENT = {"acks_late": True, "reject_on_worker_lost": True}
# Nobody reads what the delivery tasks return: no result written to Redis for each of them.
DELIVERY = {**IDEMPOTENT, "ignore_result": True}


def backoff(retries: int, base: float) -> float:
    """Exponential back-off: base, 2×base, 4×base, ... capped at ten minutes."""
    return min(base * (2**retries), 600)


@shared_task(bind=True, max_retries=5, **DELIVERY)
def deliver_notification(self, notification_id: int) -> None:
    try:
        queued = services.notification_deliver(notification_id=notification_id)
    except DatabaseError as error:
        # The sweep would find it too, but sooner is better.
        raise self.retry(exc=error, countdown=backoff(self.request.retries, 1)) from error
    if not queued:
        return
    if queued["email"]:
        send_notification_emails.delay(notification_id)
    for delivery_id in queued["webhooks"]:
        send_webhook.delay(delivery_id)


@shared_task(bind=True, **DELIVERY)
def send_notification_emails(self, notification_id: int) -> None:
    attempts = settings.NOTIFICATIONS_EMAIL_MAX_ATTEMPTS
    final = self.request.retries + 1 >= attempts
    try:
        services.notification_send_emails(notification_id=notification_id, final_attempt=final)
    except services.DeliveryError as error:
        countdown = backoff(self.request.retries, settings.NOTIFICATIONS_RETRY_BASE_SECONDS)
        raise self.retry(exc=error, countdown=countdown, max_retries=attempts) from error


@shared_task(bind=True, **DELIVERY)
def send_webhook(self, delivery_id: int) -> None:
    attempts = settings.NOTIFICATIONS_WEBHOOK_MAX_ATTEMPTS
    final = self.request.retries + 1 >= attempts
    try:
        services.webhook_send(delivery_id=delivery_id, final_attempt=final)
    except services.DeliveryError as error:
        countdown = backoff(self.request.retries, settings.NOTIFICATIONS_RETRY_BASE_SECONDS)
        raise self.retry(exc=error, countdown=countdown, max_retries=attempts) from error


@shared_task
def sweep_outbox() -> dict:
    return services.outbox_sweep()


@shared_task
def escalate_overdue() -> int:
    return services.escalation_run()
