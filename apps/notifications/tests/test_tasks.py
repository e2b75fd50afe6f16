"""Delivery through the real Redis broker and real Celery worker processes (started, stopped, killed here)."""

import pytest
from django.db import transaction
from django.utils.translation import gettext_noop

from apps.accounts.choices import Role
from apps.accounts.models import User
from apps.notifications import recipients, services
from apps.notifications.choices import Channel, DeliveryStatus
from apps.notifications.models import Delivery, InboxEntry, Notification

from .conftest import inbox_entries_being_written, session_alive, sessions_waiting_for, wait_for

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


def _waiting_in_the_broker() -> int:
    """How many tasks wait in the broker's default queue for a worker."""
    from celery import current_app as app

    with app.connection_for_read() as connection:
        return connection.default_channel.queue_declare(queue=app.conf.task_default_queue, passive=True).message_count


def test_request_filed_while_no_worker_runs_is_delivered_once_a_worker_starts(operators, worker_factory):
    nobody_listening = not _other_workers_running()
    ids = _file(operators, 5)
    if nobody_listening:
        assert _waiting_in_the_broker() == 5  # queued at each commit, kept by Redis
        assert _delivered(ids) == 0
    worker_factory().start()
    assert wait_for(lambda: _delivered(ids) == 5, timeout=30)
    _assert_exactly_once(ids, [operators["nl1"], operators["nl2"]])


def test_worker_killed_mid_delivery_loses_and_duplicates_nothing(operators, worker_factory, settings):
    ids = _file(operators, 20)
    held = ids[10:]
    # Another session writes nl1's inbox entries of half the notifications and keeps its transaction open: a worker
    # delivering one of those writes its own entries, then waits inside its transaction to learn whether ours commit.
    with inbox_entries_being_written(held, operators["nl1"]) as other_session:
        first = worker_factory().start(wait=False)  # a solo worker waiting in a task answers no ping
        [worker_session] = wait_for(lambda: sessions_waiting_for(other_session), timeout=60)
        first.kill()  # SIGKILL, mid-delivery: inside its transaction, its message taken and not acknowledged
    # Ours rolled back; the killed worker's rolls back too, when its session finds nobody at the other end.
    assert wait_for(lambda: not session_alive(worker_session), timeout=120)  # a loaded machine takes its time
    assert _delivered(held) == 0  # the one it was delivering is lost with its transaction; it took no other
    # The next worker takes what is still queued; the sweep re-queues the notification the killed worker held.
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
    webhooks = Delivery.objects.filter(notification_id__in=ids, channel=Channel.WEBHOOK)
    # Sent is final: once all three are marked sent, no task may call again.
    assert wait_for(lambda: _delivered(ids) == 3 and not webhooks.exclude(status=DeliveryStatus.SENT).exists())
    assert sorted(call["headers"]["X-Portal-Delivery"] for call in webhook_receiver.calls) == sorted(
        str(pk) for pk in webhooks.values_list("pk", flat=True)
    )


def test_the_sweep_has_a_worker_send_the_emails_and_webhook_calls_whose_tasks_were_lost(
    operators, worker_factory, webhook_receiver, settings
):
    from .factories import WebhookFactory

    WebhookFactory(organisation=operators["locc"], url=webhook_receiver.url)
    services.preferences_set(actor=operators["nl1"], choices={("assistance", Channel.EMAIL): True})
    [notification_id] = _file(operators, 1)
    # Delivered here, where no task is queued for the e-mail and the webhook call: as if their tasks had been lost.
    services.notification_deliver(notification_id=notification_id)
    deliveries = Delivery.objects.filter(notification_id=notification_id)
    assert sorted(deliveries.values_list("channel", "status")) == [
        (Channel.EMAIL, DeliveryStatus.PENDING),
        (Channel.WEBHOOK, DeliveryStatus.PENDING),
    ]
    worker_factory().start()
    settings.NOTIFICATIONS_RESEND_AFTER_SECONDS = 0
    assert services.outbox_sweep() == {"notifications": 0, "deliveries": 2}  # queued by the names of their tasks
    assert wait_for(lambda: not deliveries.exclude(status=DeliveryStatus.SENT).exists())
    assert len(webhook_receiver.calls) == 1


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


def test_a_notification_the_worker_delivers_shows_at_once_on_the_cached_inbox_page_and_the_badge(
    demo, login, worker_factory
):
    from django.urls import reverse

    client = login("operator.nl", language="en")
    inbox = reverse("notifications:index")
    assert "No notifications yet" in client.get(inbox).content.decode()
    assert "data-unread-count>0<" in client.get(inbox).content.decode()  # now from the cache
    worker_factory().start()
    belgian = User.objects.get(username="operator.be")
    with transaction.atomic():
        notification = services.notify(
            kind="assistance.submitted",
            target=None,
            recipients=[recipients.country("NL", roles=[Role.OPERATOR])],
            message=MESSAGE,
            params={"reference": "BNL-2026-0999", "country": "BE"},
            actor=belgian,
        )
    # The worker forgets the count and moves the inbox's version on in the cache the pages read.
    assert wait_for(lambda: _delivered([notification.pk]) == 1)
    page = client.get(inbox).content.decode()
    assert "Request BNL-2026-0999 was filed by BE" in page and "data-unread-count>1<" in page
