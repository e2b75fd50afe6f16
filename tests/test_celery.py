"""Celery through the real Redis broker and a real worker process."""

import pytest
from django.db import transaction

from apps.accounts.tasks import ping


@pytest.mark.worker
def test_task_round_trip_through_redis_and_a_worker(celery_worker_process):
    assert ping.delay("benelux").get(timeout=30) == "pong:benelux"


@pytest.mark.django_db
def test_task_of_a_change_is_queued_only_after_commit(django_capture_on_commit_callbacks, monkeypatch):
    sent = []
    monkeypatch.setattr(ping, "delay", lambda *args, **kwargs: sent.append(args))
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        ping.delay_on_commit("after-commit")
        assert sent == []
    assert len(callbacks) == 1
    assert sent == [("after-commit",)]


@pytest.mark.django_db
def test_task_of_a_rolled_back_change_is_never_queued(django_capture_on_commit_callbacks, monkeypatch):
    sent = []
    monkeypatch.setattr(ping, "delay", lambda *args, **kwargs: sent.append(args))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                ping.delay_on_commit("rolled-back")
                raise RuntimeError
        except RuntimeError:
            pass
    assert callbacks == []
    assert sent == []


def test_beat_schedule_names_real_tasks():
    from benelux_portal.celery import app

    app.loader.import_default_modules()
    for entry in app.conf.beat_schedule.values():
        assert entry["task"] in app.tasks
