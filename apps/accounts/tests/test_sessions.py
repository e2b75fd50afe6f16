"""What an ordinary request of a logged-in, two-factor-verified user costs, and that the savings keep the rules:
sessions from the cache (written through to the database), the verifying device from the cache (forgotten when
the device changes), the user with roles and organisation from the cache (forgotten when any of them changes),
expiry, log-out and two-factor still enforced."""

from base64 import b32encode
from datetime import timedelta

import pytest
import redis
import time_machine
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts import otp, session_user
from apps.accounts.backends import ModelBackend
from apps.accounts.choices import Role
from apps.accounts.models import Organisation, User

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


def test_verified_user_costs_no_query_for_session_device_user_roles_or_organisation(verified):
    client, _device = verified
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("brochure:index")).status_code == 200
    sql = _tables(queries.captured_queries)
    for table in ("django_session", "otp_totp_totpdevice", "accounts_user", "auth_group", "accounts_organisation"):
        assert f'"{table}"' not in sql, table


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


def test_the_cache_holds_neither_the_password_hash_nor_a_device_secret(verified):
    _client, device = verified
    password = User.objects.get(pk=device.user_id).password
    cached = cache.get(session_user.cache_key(device.user_id))
    assert cached["devices"] == [["otp_totp.totpdevice", device.pk, "Authenticator app"]]
    text = repr(cached)
    for secret in [password, *password.split("$")[1:], device.key, b32encode(device.bin_key).decode().rstrip("=")]:
        assert secret.lower() not in text.lower()


def test_device_from_the_cache_loads_other_fields_from_the_database(verified):
    _client, device = verified
    user = session_user.user_for_session(device.user_id)
    with CaptureQueriesContext(connection) as queries:
        loaded = otp.session_device(user, device.persistent_id)
        assert loaded.user_id == device.user_id and loaded.confirmed
    assert not queries.captured_queries
    assert loaded.key == device.key  # deferred: read from the database when asked for


@pytest.mark.parametrize("persistent_id", ["", "nonsense", "otp_totp.totpdevice/x", "accounts.user/1", "no.model/1"])
def test_a_bad_persistent_id_is_no_device(demo, persistent_id):
    user = session_user.user_for_session(User.objects.get(username="chief.be").pk)
    assert otp.session_device(user, persistent_id) is None


def test_another_users_device_is_read_from_the_database_and_refused(verified):
    client, device = verified
    other = TOTPDevice.objects.create(user=User.objects.get(username="chief.nl"), name="Theirs", confirmed=True)
    session = client.session
    session["otp_device_id"] = other.persistent_id
    session.save()
    assert client.get("/api/v1/me").status_code == 403


def test_a_device_added_or_renamed_shows_in_the_users_cache_entry_at_once(verified):
    _client, device = verified
    device.name = "Phone"
    device.save()
    added = TOTPDevice.objects.create(user=device.user, name="Spare", confirmed=True)
    assert session_user.user_for_session(device.user_id).confirmed_devices == {
        device.persistent_id: ("otp_totp.totpdevice", device.pk, "Phone"),
        added.persistent_id: ("otp_totp.totpdevice", added.pk, "Spare"),
    }


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
    session.set_expiry(60)
    session.save()
    # The cached copy of the session lives no longer than the session...
    lifetime_ms = redis.Redis.from_url(settings.CACHES["default"]["LOCATION"]).pttl(cache.make_key(session.cache_key))
    assert 0 < lifetime_ms <= 60_000
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        # ...and Redis drops it by its own clock, which time-machine does not move: the test drops it as Redis would.
        cache.delete(session.cache_key)
        response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_cache_entry_without_the_device_is_checked_in_the_database(verified):
    """A stale entry (a database restored under the cache) must not refuse the rightful owner."""
    client, device = verified
    key = session_user.cache_key(device.user_id)
    cache.set(key, {**cache.get(key), "devices": []})
    assert client.get("/api/v1/me").status_code == 200


# The session's user, roles and organisation (apps/accounts/session_user.py): every change shows at the next request.


def _user_of(client: Client, url: str = "/brochure/") -> User:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.wsgi_request.user


def test_a_role_given_to_a_logged_in_user_counts_at_their_next_page(demo, login):
    client = login("liaison.be")
    assert _user_of(client).roles == {Role.LIAISON_OFFICER}
    User.objects.get(username="liaison.be").groups.add(Group.objects.get(name=Role.SECRETARIAT))
    assert _user_of(client).roles == {Role.LIAISON_OFFICER, Role.SECRETARIAT}


def test_a_role_taken_away_from_the_group_side_counts_at_the_next_page(demo, login):
    client = login("operator.be")
    assert Role.OPERATOR in _user_of(client).roles
    group = Group.objects.get(name=Role.OPERATOR)
    group.user_set.remove(User.objects.get(username="operator.be"))
    assert Role.OPERATOR not in _user_of(client).roles


def test_emptying_or_deleting_a_group_takes_the_role_from_its_members(demo, login):
    operator, chief = login("operator.nl"), login("chief.nl")
    assert Role.OPERATOR in _user_of(operator).roles and Role.POLICE_CHIEF in _user_of(chief).roles
    Group.objects.get(name=Role.OPERATOR).user_set.clear()
    Group.objects.get(name=Role.POLICE_CHIEF).delete()
    assert Role.OPERATOR not in _user_of(operator).roles
    assert Role.POLICE_CHIEF not in _user_of(chief).roles


def test_a_renamed_organisation_or_country_shows_at_the_next_page(demo, login):
    client = login("operator.lu")
    user = _user_of(client)
    organisation, country = user.organisation, user.organisation.country
    organisation.name_en = "Renamed control room"
    organisation.save()
    assert _user_of(client).organisation.name_en == "Renamed control room"
    country.name_en = "Grand Duchy"
    country.save()
    assert _user_of(client).country.name_en == "Grand Duchy"


def test_a_user_moved_to_another_organisation_sees_its_country_at_the_next_page(demo, login):
    client = login("operator.lu")
    assert _user_of(client).country.code == "LU"
    user = User.objects.get(username="operator.lu")
    user.organisation = Organisation.objects.filter(country__code="NL").first()
    user.save()
    assert _user_of(client).country.code == "NL"


def test_a_deactivated_user_is_logged_out_at_the_next_request(demo, login):
    client = login("operator.be")
    _user_of(client)
    user = User.objects.get(username="operator.be")
    user.is_active = False
    user.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_password_changed_elsewhere_ends_the_session(demo, login):
    client = login("chief.be")
    _user_of(client)
    user = User.objects.get(username="chief.be")
    user.set_password("a-new-password-2026")
    user.save()
    assert client.get(reverse("home")).status_code == 302
    assert client.get("/api/v1/me").status_code in (401, 403)


def test_a_deleted_user_is_logged_out(demo, login):
    client = login("liaison.nl")
    _user_of(client)
    User.objects.get(username="liaison.nl").delete()
    assert client.get(reverse("home")).status_code == 302


def test_a_change_is_forgotten_again_when_its_transaction_commits(demo, login, django_capture_on_commit_callbacks):
    """A request that reads the old rows between the change and its commit must not keep them in the cache."""
    client = login("operator.be")
    user = User.objects.get(username="operator.be")
    with django_capture_on_commit_callbacks(execute=True):
        user.first_name = "Renamed"
        user.save()
        cache.set(session_user.cache_key(user.pk), session_user.facts_from_database(user.pk) | {"user": ["stale"]})
    assert _user_of(client).first_name == "Renamed"


def test_the_cache_holds_column_values_under_a_key_of_the_columns(demo, login):
    client = login("operator.be")
    user = _user_of(client)
    facts = cache.get(session_user.cache_key(user.pk))
    assert set(facts) == {"user", "password", "organisation", "country", "groups", "devices"}
    assert all(isinstance(value, list | type(None)) for value in facts.values())


def test_an_id_that_is_no_user_is_nobody(db):
    assert session_user.user_for_session(-5) is None
    assert ModelBackend().get_user("not a number") is None
    assert ModelBackend().get_user(None) is None
