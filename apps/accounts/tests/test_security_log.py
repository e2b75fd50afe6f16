"""Every log-in, failed log-in, lock-out, log-out, two-factor event, refused access and API token issued or revoked
is in the security log with who, what, when (UTC) and from where (OWASP ASVS 5.0 level 2)."""

import logging
from datetime import UTC

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts.choices import SecurityEventKind
from apps.accounts.models import SecurityEvent, User
from apps.accounts.services import access_refused_record

from .factories import api_token_for
from .totp import totp_code

pytestmark = pytest.mark.django_db

PASSWORD = "demo-password-2026"
ADDRESS = "198.51.100.23"


def _events(kind: str) -> list[SecurityEvent]:
    return list(SecurityEvent.objects.filter(kind=kind).order_by("pk"))


def _the(kind: str) -> SecurityEvent:
    events = _events(kind)
    assert len(events) == 1, [(event.kind, event.username, event.detail) for event in events]
    return events[0]


def test_a_log_in_is_recorded_with_who_when_and_where(demo):
    client = Client(REMOTE_ADDR=ADDRESS)
    client.post(reverse("accounts:login"), {"username": "chief.nl", "password": PASSWORD})
    event = _the(SecurityEventKind.LOGGED_IN)
    assert (event.user.username, event.actor.username, event.client_address) == ("chief.nl", "chief.nl", ADDRESS)
    assert event.detail == "POST /accounts/login/"
    event.refresh_from_db()
    assert event.at.utcoffset().total_seconds() == 0  # stored and read in UTC


def test_a_failed_log_in_is_recorded_for_a_known_and_an_unknown_name(demo):
    Client(REMOTE_ADDR=ADDRESS).post(reverse("accounts:login"), {"username": "chief.nl", "password": "wrong"})
    Client(REMOTE_ADDR=ADDRESS).post(reverse("accounts:login"), {"username": "nobody", "password": "x"})
    known, unknown = _events(SecurityEventKind.LOGIN_FAILED)
    assert (known.user, known.username, known.client_address) == (
        User.objects.get(username="chief.nl"),
        "chief.nl",
        ADDRESS,
    )
    assert (unknown.user, unknown.username) == (None, "nobody")
    assert not _events(SecurityEventKind.LOGGED_IN)


def test_a_failed_log_in_at_the_api_is_recorded_too(demo):
    Client(REMOTE_ADDR=ADDRESS).post(
        "/api/v1/auth/token/", {"username": "operator.be", "password": "wrong"}, content_type="application/json"
    )
    event = _the(SecurityEventKind.LOGIN_FAILED)
    assert (event.username, event.detail) == ("operator.be", "POST /api/v1/auth/token/")


def test_a_lock_out_is_recorded(demo, settings):
    client = Client(REMOTE_ADDR=ADDRESS)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "operator.be", "password": "wrong"})
    event = _events(SecurityEventKind.LOCKED_OUT)[0]
    assert (event.user.username, event.client_address) == ("operator.be", ADDRESS)


def test_a_log_out_is_recorded(demo):
    client = Client(REMOTE_ADDR=ADDRESS)
    client.post(reverse("accounts:login"), {"username": "chief.lu", "password": PASSWORD})
    client.post(reverse("accounts:logout"))
    event = _the(SecurityEventKind.LOGGED_OUT)
    assert (event.username, event.actor.username, event.client_address) == ("chief.lu", "chief.lu", ADDRESS)


def test_a_code_accepted_at_log_in_is_recorded(demo):
    device = TOTPDevice.objects.create(user=User.objects.get(username="chief.be"), name="phone", confirmed=True)
    client = Client(REMOTE_ADDR=ADDRESS)
    client.post(reverse("accounts:login"), {"username": "chief.be", "password": PASSWORD})
    client.post(reverse("accounts:two_factor_verify"), {"otp_token": totp_code(device)})
    event = _the(SecurityEventKind.TWO_FACTOR_VERIFIED)
    assert (event.username, event.detail, event.client_address) == ("chief.be", "log-in", ADDRESS)


def test_a_page_refused_with_403_is_recorded(demo, login):
    admin = login("admin")
    assert admin.get("/admin/accounts/securityevent/add/", REMOTE_ADDR=ADDRESS).status_code == 403
    event = _the(SecurityEventKind.ACCESS_REFUSED)
    assert (event.username, event.client_address) == ("admin", ADDRESS)
    assert event.detail == "403 GET /admin/accounts/securityevent/add/"


def test_an_api_call_refused_with_403_is_recorded(demo, login, settings):
    settings.TWO_FACTOR_REQUIRED = True
    assert login("chief.lu").get("/api/v1/me").status_code == 403  # a session still owing its code
    assert _the(SecurityEventKind.ACCESS_REFUSED).detail == "403 GET /api/v1/me"


def test_a_form_refused_by_the_csrf_check_is_recorded(demo):
    client = Client(enforce_csrf_checks=True, REMOTE_ADDR=ADDRESS)
    response = client.post(reverse("accounts:login"), {"username": "chief.nl", "password": PASSWORD})
    assert response.status_code == 403
    event = _the(SecurityEventKind.ACCESS_REFUSED)
    assert (event.user, event.detail, event.client_address) == (None, "403 POST /accounts/login/", ADDRESS)


def test_a_refused_api_token_is_recorded_but_an_anonymous_call_is_not(demo):
    assert Client().get("/api/v1/me").status_code == 401
    assert not _events(SecurityEventKind.ACCESS_REFUSED)
    assert Client(HTTP_AUTHORIZATION="Token " + "0" * 64).get("/api/v1/me").status_code == 401
    assert _the(SecurityEventKind.ACCESS_REFUSED).detail == "401 GET /api/v1/me"


def test_a_404_is_not_refused_access(demo, login):
    assert login("chief.be").get("/no-such-page/").status_code == 404
    assert login("chief.be").get("/api/v1/organisations/999999").status_code == 404
    assert not _events(SecurityEventKind.ACCESS_REFUSED)


def test_a_secret_in_a_refused_address_is_not_recorded(db):
    secret = "s3cr3t-feed-key-0123456789abcdefghijklmnop"  # as secrets.token_urlsafe(32) makes them
    request = RequestFactory().get(f"/events/feed/{secret}.ics?token={secret}")
    request.user = AnonymousUser()
    event = access_refused_record(request=request, status=403)
    assert event.detail == "403 GET /events/feed/[secret].ics"


def test_issuing_a_token_is_recorded_without_the_token(demo):
    response = Client(REMOTE_ADDR=ADDRESS).post(
        "/api/v1/auth/token/", {"username": "operator.be", "password": PASSWORD}, content_type="application/json"
    )
    token = response.json()["token"]
    event = _the(SecurityEventKind.API_TOKEN_ISSUED)
    assert (event.username, event.client_address) == ("operator.be", ADDRESS)
    assert event.detail.startswith(token[:15]) and token not in event.detail


def test_each_entry_also_goes_to_the_log_with_its_time_in_utc(demo, caplog):
    with caplog.at_level(logging.INFO, logger="apps.accounts.security"):
        api_token_for(User.objects.get(username="chief.be"))
    event = _the(SecurityEventKind.API_TOKEN_ISSUED)
    (line,) = [record.getMessage() for record in caplog.records if record.name == "apps.accounts.security"]
    assert line.startswith("api_token_issued user=chief.be actor=chief.be address=- ")
    assert f"at={event.at.astimezone(UTC).isoformat()}" in line and "+00:00" in line


def test_the_security_log_in_the_admin_shows_utc(demo, login):
    api_token_for(User.objects.get(username="chief.be"))
    event = _the(SecurityEventKind.API_TOKEN_ISSUED)
    page = login("admin", language="en").get("/admin/accounts/securityevent/").content.decode()
    assert event.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S") in page
