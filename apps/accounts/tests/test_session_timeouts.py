"""A logged-in session ends after SESSION_IDLE_TIMEOUT without use and SESSION_COOKIE_AGE after its log-in, however
busy (OWASP ASVS 5.0 level 2); the time of last use is written at most once a minute."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.accounts.choices import SecurityEventKind
from apps.accounts.models import SecurityEvent, User

pytestmark = pytest.mark.django_db

PASSWORD = "demo-password-2026"
# What the browser sends with the page's background read of the unread count (fetch()), and with a page opened.
BACKGROUND = {"HTTP_SEC_FETCH_MODE": "cors", "HTTP_SEC_FETCH_DEST": "empty", "HTTP_ACCEPT": "application/json"}
PAGE = {"HTTP_SEC_FETCH_MODE": "navigate", "HTTP_SEC_FETCH_DEST": "document"}


@pytest.fixture
def clock():
    """A clock the test moves on by hand (``clock.move_to(...)``), from now."""
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def _logged_in(username: str = "operator.be") -> Client:
    User.objects.filter(username=username).update(preferred_language="en")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD}).status_code == 302
    return client


def _is_logged_in(client: Client, **headers) -> bool:
    response = client.get(reverse("home"), **headers)
    assert response.status_code in (200, 302)
    return response.status_code == 200


def test_a_session_unused_for_half_an_hour_is_logged_out(demo, settings, clock):
    settings.SESSION_IDLE_TIMEOUT = 30 * 60
    start = timezone.now()
    client = _logged_in()
    clock.move_to(start + timedelta(minutes=29))
    assert _is_logged_in(client, **PAGE)
    clock.move_to(start + timedelta(minutes=29 + 30, seconds=1))
    response = client.get(reverse("home"), **PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    login_page = client.get(response["Location"]).content.decode()
    assert "You were logged out after a time without activity." in login_page
    event = SecurityEvent.objects.get(kind=SecurityEventKind.SESSION_EXPIRED)
    assert (event.username, event.detail) == ("operator.be", "inactivity")


def test_using_the_portal_keeps_the_session_until_its_maximum_age_from_the_log_in(demo, settings, clock):
    settings.SESSION_IDLE_TIMEOUT = 30 * 60
    settings.SESSION_COOKIE_AGE = 8 * 60 * 60
    start = timezone.now()
    client = _logged_in()
    for minutes in range(20, 8 * 60, 20):
        clock.move_to(start + timedelta(minutes=minutes))
        assert _is_logged_in(client, **PAGE), minutes
    clock.move_to(start + timedelta(hours=8))
    assert not _is_logged_in(client, **PAGE)
    event = SecurityEvent.objects.get(kind=SecurityEventKind.SESSION_EXPIRED)
    assert event.detail == "maximum age"


def test_a_page_left_open_does_not_keep_its_session_by_its_background_reads(demo, settings, clock):
    settings.SESSION_IDLE_TIMEOUT = 30 * 60
    start = timezone.now()
    client = _logged_in()
    for minutes in range(5, 30, 5):  # the unread count, polled by the open page
        clock.move_to(start + timedelta(minutes=minutes))
        assert client.get(reverse("notifications:unread"), **BACKGROUND).status_code == 200
    clock.move_to(start + timedelta(minutes=30))
    poll = client.get(reverse("notifications:unread"), **BACKGROUND)
    assert poll.status_code == 302  # logged out: the page shows the log-in at the next click
    assert not _is_logged_in(client, **PAGE)


def test_a_form_sent_counts_as_use(demo, settings, clock):
    settings.SESSION_IDLE_TIMEOUT = 30 * 60
    start = timezone.now()
    client = _logged_in()
    clock.move_to(start + timedelta(minutes=20))
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"}, HTTP_SEC_FETCH_MODE="navigate")
    clock.move_to(start + timedelta(minutes=45))
    assert _is_logged_in(client, **PAGE)


def test_an_api_call_of_a_timed_out_session_is_refused(demo, settings, clock):
    settings.SESSION_IDLE_TIMEOUT = 30 * 60
    start = timezone.now()
    client = _logged_in()
    assert client.get("/api/v1/me").status_code == 200
    clock.move_to(start + timedelta(minutes=31))
    response = client.get("/api/v1/me")
    assert response.status_code in (401, 403) and set(response.json()) == {"detail", "errors"}


def test_the_time_of_use_is_written_at_most_once_a_minute(demo, settings, clock):
    settings.SESSION_IDLE_TIMEOUT = 30 * 60
    start = timezone.now()
    client = _logged_in()

    def session_writes() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert _is_logged_in(client, **PAGE)
        return sum('UPDATE "django_session"' in query["sql"] for query in queries.captured_queries)

    assert session_writes() == 0
    clock.move_to(start + timedelta(seconds=50))
    assert session_writes() == 0
    clock.move_to(start + timedelta(seconds=70))
    assert session_writes() == 1
    clock.move_to(start + timedelta(seconds=90))
    assert session_writes() == 0


def test_a_session_from_before_the_clocks_were_kept_starts_them_now(demo, settings, clock, login):
    settings.SESSION_IDLE_TIMEOUT = 30 * 60
    start = timezone.now()
    client = login("operator.be")
    session = client.session
    for key in ("accounts_logged_in_at", "accounts_used_at"):
        del session[key]
    session.save()
    assert _is_logged_in(client, **PAGE)
    clock.move_to(start + timedelta(minutes=29))
    assert _is_logged_in(client, **PAGE)
    clock.move_to(start + timedelta(minutes=61))
    assert not _is_logged_in(client, **PAGE)
