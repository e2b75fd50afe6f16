"""Delivery through the real Redis broker and real Celery worker processes (started, stopped, killed here)."""

import time

import pytest
from django.db import transaction
from django.utils.translation import gettext_noop

from apps.accounts.choices import Role
from apps.notifications import recipients, services
from apps.notifications.models import InboxEntry, Notification

from .conftest import wait_for

pytestmark = pytest.mark.worker

MESSAGE = gettext_noop("Request %(reference)s was filed by %(country)s")


def _file(operators, count: int) -> list[int]:
    """``count`` requests filed by Belgium, each in its own transaction (as web requests would)."""
    ids = []
    for number in range(count):
        with transaction.atomic():
            ids.append(
                services.notify(
                    kind="assistance.submitted",
                    target=None,
                    recipients=[recipients.country("NL", roles=[Role.OPERATOR])],
                    message=MESSAGE,
                    params={"reference": f"BNL-2026-{number:04d}", "country": "BE"},
                    actor=operators["be"],
                ).pk
            )
    return ids


def _delivered(ids) -> int:
    return Notification.objects.filter(pk__in=ids, delivered_at__isnull=False).count()


def _assert_exactly_once(ids, users):
    entries = InboxEntry.objects.filter(notification_id__in=ids)
    assert entries.count() == len(ids) * len(users)
    for user in users:
        assert entries.filter(user=user).values("notification_id").distinct().count() == len(ids)


def _other_workers_running() -> bool:
    from celery import current_app as app

    return bool(app.control.ping(timeout=0.5))


def test_request_filed_while_no_worker_runs_is_delivered_once_a_worker_starts(operators, worker_factory):
    nobody_listening = not _other_workers_running()
    ids = _file(operators, 5)
    if nobody_listening:
        time.sleep(0.5)
        assert _delivered(ids) == 0  # waiting in Redis
    worker_factory().start()
    assert wait_for(lambda: _delivered(ids) == 5, timeout=30)
    _assert_exactly_once(ids, [operators["nl1"], operators["nl2"]])


def test_worker_killed_mid_delivery_loses_and_duplicates_nothing(operators, worker_factory, settings):
    ids = _file(operators, 300)
    # Not waiting for its ping: by the time a worker answers one, it may have delivered the whole batch.
    first = worker_factory().start(wait=False)
    assert wait_for(lambda: _delivered(ids) >= 5, timeout=60, interval=0.01)
    first.kill()  # SIGKILL, in the middle of the batch
    assert _delivered(ids) < len(ids), "the worker finished before it could be killed"
    # The task it held is unacknowledged; the sweep re-queues whatever is still undelivered.
    settings.NOTIFICATIONS_SWEEP_GRACE_SECONDS = 0
    worker_factory().start()
    services.outbox_sweep()
    assert wait_for(lambda: _delivered(ids) == len(ids), timeout=40)
    _assert_exactly_once(ids, [operators["nl1"], operators["nl2"]])


def test_500_requests_at_once_reach_every_recipient_exactly_once(operators, worker_factory, settings):
    ids = []
    with transaction.atomic():  # one burst, committed together
        for number in range(500):
            ids.append(
                services.notify(
                    kind="assistance.submitted",
                    target=None,
                    recipients=[recipients.country("NL", roles=[Role.OPERATOR]), recipients.users(operators["nl1"])],
                    message=MESSAGE,
                    params={"reference": f"BURST-{number:04d}", "country": "BE"},
                ).pk
            )
    worker_factory(concurrency=2).start()
    settings.NOTIFICATIONS_SWEEP_GRACE_SECONDS = 0
    services.outbox_sweep()  # a sweep racing the workers (every row queued twice) must not duplicate anything
    assert wait_for(lambda: _delivered(ids) == 500, timeout=45)
    _assert_exactly_once(ids, [operators["nl1"], operators["nl2"]])


def test_worker_calls_the_organisations_webhook_once(operators, worker_factory, webhook_receiver):
    from .factories import WebhookFactory

    WebhookFactory(organisation=operators["locc"], url=webhook_receiver.url)
    ids = _file(operators, 3)
    worker_factory().start()
    assert wait_for(lambda: len(webhook_receiver.calls) == 3, timeout=30)
    time.sleep(0.5)
    assert len(webhook_receiver.calls) == 3
    assert sorted(call["headers"]["X-Portal-Delivery"] for call in webhook_receiver.calls) == sorted(
        str(pk) for pk in Notification.objects.get(pk=ids[0]).deliveries.model.objects.values_list("pk", flat=True)
    )


def test_redis_stopped_and_started_again_loses_nothing(operators, worker_factory, private_redis, monkeypatch):
    worker = worker_factory(broker_url=private_redis.url).start()
    private_redis.stop()

    def broker_down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    # The portal's own publisher sees the same broker down: notify() still commits, the row waits.
    monkeypatch.setattr("apps.notifications.services.queue_task", broker_down)
    ids = _file(operators, 5)
    assert _delivered(ids) == 0
    assert worker.process.poll() is None  # the worker waits for its broker, it does not die
    private_redis.start()
    worker.run_sweep(NOTIFICATIONS_SWEEP_GRACE_SECONDS="0")  # what beat does every 30 seconds
    assert wait_for(lambda: _delivered(ids) == 5, timeout=40)
    _assert_exactly_once(ids, [operators["nl1"], operators["nl2"]])


def _other_backends() -> set[int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return {pid for (pid,) in cursor.fetchall()}


def test_a_worker_keeps_its_database_connection_from_one_delivery_to_the_next(operators, worker_factory):
    worker_factory().start()
    first = _file(operators, 3)
    assert wait_for(lambda: _delivered(first) == 3, timeout=30)
    connections = _other_backends()
    assert connections, "the worker closed its connection after its tasks"
    second = _file(operators, 3)
    assert wait_for(lambda: _delivered(second) == 3, timeout=30)
    assert connections & _other_backends()
    _assert_exactly_once(first + second, [operators["nl1"], operators["nl2"]])
