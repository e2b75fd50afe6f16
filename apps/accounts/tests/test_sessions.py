"""What an ordinary request of a logged-in, two-factor-verified user costs, and that the savings keep the rules:
sessions from the cache (written through to the database), the verifying device from the cache (forgotten when
the device changes), expiry, log-out and two-factor still enforced."""

import time

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts import otp
from apps.accounts.models import User

from .totp import totp_code

pytestmark = pytest.mark.django_db

PASSWORD = "demo-password-2026"


@pytest.fixture
def verified(demo, settings):
    """Production's rule (two-factor for everyone), and chief.be logged in with password and authenticator code."""
    settings.TWO_FACTOR_REQUIRED = True
    user = User.objects.get(username="chief.be")
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    client = Client()
    assert client.post(reverse("accounts:login"), {"username": "chief.be", "password": PASSWORD}).status_code == 302
    answer = client.post(reverse("accounts:two_factor_verify"), {"otp_token": totp_code(device)})
    assert answer.status_code == 302
    assert client.get("/api/v1/me").status_code == 200  # the device is in the cache from now on
    return client, device


def _tables(queries) -> str:
    return " ".join(query["sql"] for query in queries)


def test_verified_user_costs_one_query_for_their_user_row_and_none_for_session_or_device(verified):
    client, _device = verified
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/me").status_code == 200
    sql = _tables(queries.captured_queries)
    assert "django_session" not in sql
    assert "otp_totp_totpdevice" not in sql
    assert '"accounts_user"' in sql


def test_session_is_still_written_to_the_database(verified):
    client, _device = verified
    assert Session.objects.filter(session_key=client.session.session_key).exists()


def test_deleting_the_device_ends_the_verified_session_at_the_next_request(verified):
    client, device = verified
    device.delete()  # e.g. an administrator resets the user's two-factor
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))
    assert client.get("/api/v1/me").status_code == 403


def test_unconfirming_the_device_ends_the_verified_session_at_the_next_request(verified):
    client, device = verified
    device.confirmed = False
    device.save()
    assert client.get("/api/v1/me").status_code == 403


def test_the_cache_never_holds_the_device_secret(verified):
    _client, device = verified
    cached = cache.get(otp._key(device.persistent_id))
    assert cached is not None
    assert set(cached) == set(otp.FIELDS)
    assert device.key not in str(cached)


def test_device_from_the_cache_loads_other_fields_from_the_database(verified):
    _client, device = verified
    loaded = otp.device_from_persistent_id(device.persistent_id)
    assert loaded.user_id == device.user_id and loaded.confirmed
    assert loaded.key == device.key  # deferred: read from the database when asked for


@pytest.mark.parametrize("persistent_id", ["", "nonsense", "otp_totp.totpdevice/x", "accounts.user/1", "no.model/1"])
def test_a_bad_persistent_id_is_no_device(db, persistent_id):
    assert otp.device_from_persistent_id(persistent_id) is None


def test_log_out_ends_the_session_in_the_cache_too(verified):
    client, _device = verified
    cookie = client.cookies["sessionid"].value
    client.post(reverse("accounts:logout"))
    replay = Client()
    replay.cookies["sessionid"] = cookie
    assert replay.get(reverse("home")).status_code == 302
    assert replay.get("/api/v1/me").status_code in (401, 403)


def test_a_session_past_its_age_is_over(verified):
    client, _device = verified
    session = client.session
    session.set_expiry(1)
    session.save()
    time.sleep(1.5)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_cache_entry_of_another_user_is_checked_in_the_database(verified):
    """A stale entry (a database restored under the cache, ids reused) must not refuse the rightful owner."""
    client, device = verified
    cache.set(otp._key(device.persistent_id), {**cache.get(otp._key(device.persistent_id)), "user_id": -1})
    assert client.get("/api/v1/me").status_code == 200
    assert cache.get(otp._key(device.persistent_id))["user_id"] == device.user_id
