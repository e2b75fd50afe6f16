"""Fixtures shared by every test: the demo organisations and people, logged-in clients, a real Celery worker."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parent
PASSWORD = "demo-password-2026"


def pytest_configure(config):
    # A session still using the test database at the end (a connection left open, a worker process not stopped)
    # keeps it from being dropped. pytest-django only warns of it; here it fails the run.
    config.addinivalue_line("filterwarnings", "error:Error when trying to teardown test databases:pytest.PytestWarning")


@pytest.fixture(autouse=True)
def fresh_cached_answers(settings):
    """Every test starts with no cached page body or API answer: its database is new, the Redis is not (a release
    id of its own: see apps/core/release.py)."""
    settings.PORTAL_RELEASE_ID = f"test-{uuid.uuid4().hex[:16]}"


@pytest.fixture
def demo(db, settings):
    """The accounts demo data: the real organisations of the three countries and their invented people."""
    from apps.accounts import demo as accounts_demo

    settings.DEMO_PASSWORD = PASSWORD
    accounts_demo.load()


@pytest.fixture
def login():
    """``login("operator.be")`` gives a client logged in as that demo user, past the first page of the session
    (their user, roles and organisation, and their unread count, are in the cache: see
    apps/accounts/session_user.py and apps/notifications/selectors.py)."""

    def _login(username: str, language: str | None = None) -> Client:
        from apps.accounts.models import User
        from apps.accounts.session_user import user_for_session
        from apps.notifications.selectors import unread_count

        user = User.objects.get(username=username)
        if language:
            user.preferred_language = language
            user.save(update_fields=["preferred_language"])
        client = Client()
        client.force_login(user, backend="apps.accounts.backends.ModelBackend")
        unread_count(user=user_for_session(user.pk))
        return client

    return _login


@pytest.fixture
def chromium(transactional_db, settings, monkeypatch):
    """``chromium(locale="nl-NL")`` opens a page of Debian's headless Chromium (see tests/browser.py), with the
    demo people loaded for the live server; every page closes with the test."""
    from django.db import connections
    from playwright.sync_api import sync_playwright

    from apps.accounts import demo as accounts_demo
    from tests.browser import CHROMIUM, CHROMIUM_FLAGS

    # Playwright's sync API runs an event loop in this thread; Django's ORM is safe here all the same.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    settings.DEMO_PASSWORD = PASSWORD
    accounts_demo.load()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)

        def open_page(locale: str = "nl-NL"):
            return browser.new_context(locale=locale).new_page()

        try:
            yield open_page
        finally:
            browser.close()
            # While Playwright's event loop runs in this thread, Django keeps the thread's database connections
            # apart from its usual ones (asgiref's Local, per async context): those the test opened meanwhile are
            # closed here, or their sessions outlive the test and keep the test database from being dropped.
            connections.close_all()


@pytest.fixture(scope="module")
def celery_worker_process(django_db_setup, django_db_blocker):
    """A real Celery worker process on the real Redis broker, pointed at the test database, for the module that asks
    for it: it stops at the module's end, so that it never takes the tasks that another module's tests expect to find
    waiting (apps/notifications/tests/test_tasks.py starts and kills workers of its own)."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    hostname = f"test-{os.getpid()}@localhost"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benelux_portal.settings.test",
        "DATABASE_URL": (
            f"postgres://{database['USER']}:{database.get('PASSWORD') or ''}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        ),
        "TEST_CACHE_KEY_PREFIX": settings.CACHES["default"]["KEY_PREFIX"],
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "benelux_portal",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "--hostname",
            hostname,
        ],
        cwd=ROOT,
        env=env,
    )
    from benelux_portal.celery import app

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if app.control.ping(destination=[hostname], timeout=0.5):
            break
        if process.poll() is not None:
            raise RuntimeError("the Celery worker exited at start-up")
    else:
        process.terminate()
        raise RuntimeError("the Celery worker did not answer within 60 seconds")
    yield process
    process.terminate()
    process.wait(timeout=30)
