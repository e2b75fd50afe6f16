"""API tokens (issue 21, defect 2): hashed at rest, expiring, listed and revoked by their owner, ended when the
password changes, the account is deactivated or the user's sessions are ended; `POST /api/v1/auth/token/` answers as
documented."""

import importlib
from datetime import timedelta

import pytest
import time_machine
from django.apps import apps as django_apps
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from knox.models import AuthToken

from apps.accounts.choices import SecurityEventKind
from apps.accounts.models import SecurityEvent, User

from .factories import api_token_for

pytestmark = pytest.mark.django_db

PASSWORD = "demo-password-2026"
TOKEN_URL = "/api/v1/auth/token/"
TOKENS_URL = "/api/v1/auth/tokens"


def _obtain(username: str = "operator.be", **extra) -> dict:
    response = Client().post(
        TOKEN_URL, {"username": username, "password": PASSWORD, **extra}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    return response.json()


def _works(token: str) -> bool:
    status = Client(HTTP_AUTHORIZATION=f"Token {token}").get("/api/v1/me").status_code
    assert status in (200, 401)
    return status == 200


def _user(username: str) -> User:
    return User.objects.get(username=username)


# Issued: hashed, expiring, the answer as documented -----------------------------------------------------------------


def test_the_token_answer_keeps_its_field_and_says_when_it_expires(demo, settings):
    settings.REST_KNOX = {**settings.REST_KNOX, "TOKEN_TTL": timedelta(days=3)}
    before = timezone.now()
    answer = _obtain()
    assert set(answer) == {"token", "expires"}
    expires = parse_datetime(answer["expires"])
    assert before + timedelta(days=3) <= expires <= timezone.now() + timedelta(days=3)
    assert _works(answer["token"])


def test_the_database_keeps_a_hash_of_the_token_never_the_token(demo):
    token = _obtain()["token"]
    row = AuthToken.objects.values().get(user=_user("operator.be"))
    assert token not in repr(row)
    assert row["token_key"] == token[:15]  # the public prefix the owner tells their tokens apart by
    assert len(token) == 64


def test_a_token_stops_working_when_it_expires(demo, settings):
    settings.REST_KNOX = {**settings.REST_KNOX, "TOKEN_TTL": timedelta(days=30)}
    token = _obtain()["token"]
    with time_machine.travel(timezone.now() + timedelta(days=29, hours=23)):
        assert _works(token)
    with time_machine.travel(timezone.now() + timedelta(days=30, minutes=1)):
        response = Client(HTTP_AUTHORIZATION=f"Token {token}").get("/api/v1/me", HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 401
        assert response.json()["detail"] == "This token has expired: ask for a new one."


def test_the_daily_task_deletes_expired_tokens_only(demo):
    from apps.accounts.tasks import delete_expired_api_tokens

    old = api_token_for(_user("operator.be"))
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        fresh = api_token_for(_user("operator.nl"))
        assert delete_expired_api_tokens() == 1
        assert _works(fresh)
    assert not AuthToken.objects.filter(token_key=old[:15]).exists()


def test_each_system_gets_its_own_token(demo):
    first, second = _obtain()["token"], _obtain()["token"]
    assert first != second
    assert _works(first) and _works(second)


@pytest.mark.parametrize(
    "header",
    [
        "Token ",
        "Token a b",
        "Token " + "0" * 64,
        "Token " + "g" * 64,
        "Token " + "a" * 10_000,
        "Token abc\x00def",
        "Token \xff\xfe",
        "token " + "0" * 40,
    ],
)
def test_a_bad_token_is_a_401_in_the_error_shape_never_a_server_error(demo, header):
    response = Client(HTTP_AUTHORIZATION=header).get("/api/v1/me")
    assert response.status_code == 401
    assert set(response.json()) == {"detail", "errors"}


def test_a_token_costs_one_query_for_its_user(demo, django_assert_num_queries):
    token = api_token_for(_user("operator.be"))
    client = Client(HTTP_AUTHORIZATION=f"Token {token}")
    with django_assert_num_queries(2):  # the token with its user; the roles with the organisation
        assert client.get("/api/v1/me").status_code == 200


def test_a_token_of_the_earlier_kind_is_converted_and_expires_like_a_new_one(demo, settings):
    """Migration 0004: a token that DRF's authtoken kept in clear keeps working after the deploy, hashed now, and
    expires; the table with the tokens in clear is gone."""
    old_key = "0123456789abcdef0123456789abcdef01234567"
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, created timestamptz, user_id bigint)"
        )
        cursor.execute("INSERT INTO authtoken_token VALUES (%s, now(), %s)", [old_key, _user("operator.lu").pk])
    migration = importlib.import_module("apps.accounts.migrations.0004_api_tokens_hashed")
    with connection.schema_editor() as editor:
        migration.convert_tokens(django_apps, editor)
    assert "authtoken_token" not in connection.introspection.table_names()
    assert old_key not in repr(list(AuthToken.objects.values()))
    assert _works(old_key)
    with time_machine.travel(timezone.now() + settings.REST_KNOX["TOKEN_TTL"] + timedelta(minutes=1)):
        assert not _works(old_key)


# Listed and revoked by their owner ------------------------------------------------------------------------------------


def test_the_owner_lists_their_tokens_in_the_api_and_never_anothers(demo, django_assert_num_queries):
    mine = [api_token_for(_user("operator.be")) for _ in range(3)]
    theirs = api_token_for(_user("operator.nl"))
    client = Client(HTTP_AUTHORIZATION=f"Token {mine[0]}")
    with django_assert_num_queries(3):  # the token with its user; the count; the page of tokens
        response = client.get(TOKENS_URL)
    assert response.status_code == 200
    listed = response.json()["results"]
    assert {row["token_key"] for row in listed} == {token[:15] for token in mine}
    assert theirs[:15] not in response.content.decode()
    assert not any(token in response.content.decode() for token in mine)
    assert [row["current"] for row in listed if row["token_key"] == mine[0][:15]] == [True]
    assert set(listed[0]) == {"token_key", "created", "expires", "current"}


def test_the_owner_revokes_a_token_in_the_api_and_cannot_touch_anothers(demo):
    kept, revoked = api_token_for(_user("operator.be")), api_token_for(_user("operator.be"))
    theirs = api_token_for(_user("operator.nl"))
    client = Client(HTTP_AUTHORIZATION=f"Token {kept}")
    assert client.delete(f"{TOKENS_URL}/{theirs[:15]}").status_code == 404
    assert client.delete(f"{TOKENS_URL}/{'0' * 15}").status_code == 404
    assert client.delete(f"{TOKENS_URL}/{revoked[:15]}").status_code == 204
    assert not _works(revoked)
    assert _works(kept) and _works(theirs)
    event = SecurityEvent.objects.get(kind=SecurityEventKind.API_TOKEN_REVOKED)
    assert (event.user.username, event.actor.username) == ("operator.be", "operator.be")
    assert revoked[:15] in event.detail


@pytest.mark.parametrize("address", [f"{TOKENS_URL}/abc", f"{TOKENS_URL}/%00", f"{TOKENS_URL}/{'0' * 16}"])
def test_an_address_that_is_no_token_is_a_404_in_the_error_shape(demo, address):
    response = Client(HTTP_AUTHORIZATION=f"Token {api_token_for(_user('operator.be'))}").delete(address)
    assert response.status_code == 404
    assert set(response.json()) == {"detail", "errors"}


def test_the_profile_lists_the_tokens_and_revokes_one(demo, login):
    mine = api_token_for(_user("operator.be"))
    theirs = api_token_for(_user("operator.nl"))
    client = login("operator.be", language="en")
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "API tokens" in page and f"{mine[:15]}…" in page
    assert theirs[:15] not in page and mine not in page
    other = client.post(reverse("accounts:api_token_revoke", args=[theirs[:15]]))
    assert other.status_code == 404 and _works(theirs)
    revoked = client.post(reverse("accounts:api_token_revoke", args=[mine[:15]]), follow=True)
    assert f"The API token {mine[:15]}… is revoked." in revoked.content.decode()
    assert not _works(mine)
    assert "You have no API token." in revoked.content.decode()


def test_the_owner_revokes_all_their_tokens_on_the_profile(demo, login):
    mine = [api_token_for(_user("operator.be")) for _ in range(2)]
    theirs = api_token_for(_user("operator.nl"))
    client = login("operator.be", language="en")
    answer = client.post(reverse("accounts:api_tokens_revoke_all"), follow=True)
    assert "2 API tokens are revoked." in answer.content.decode()
    assert not any(_works(token) for token in mine)
    assert _works(theirs)


def test_revoking_needs_a_post(demo, login):
    token = api_token_for(_user("operator.be"))
    client = login("operator.be")
    assert client.get(reverse("accounts:api_token_revoke", args=[token[:15]])).status_code == 405
    assert client.get(reverse("accounts:api_tokens_revoke_all")).status_code == 405
    assert _works(token)


# Ended by what changes the account ------------------------------------------------------------------------------------


def test_changing_the_password_on_the_password_page_ends_the_tokens(demo, login):
    token = api_token_for(_user("liaison.be"))
    new = "a-much-longer-pass-2026"
    login("liaison.be").post(
        reverse("accounts:password_change"), {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert not _works(token)
    event = SecurityEvent.objects.get(kind=SecurityEventKind.API_TOKEN_REVOKED)
    assert event.detail.startswith("password changed")


def test_an_administrator_setting_a_password_ends_the_tokens(demo, login):
    user = _user("operator.nl")
    token = api_token_for(user)
    new = "a-much-longer-pass-2026"
    answer = login("admin").post(
        reverse("admin:auth_user_password_change", args=[user.pk]),
        {"password1": new, "password2": new, "usable_password": "true"},
    )
    assert answer.status_code == 302
    assert not _works(token)


def test_a_password_set_in_code_ends_the_tokens(demo):
    user = _user("operator.nl")
    token = api_token_for(user)
    user.set_password("a-much-longer-pass-2026")
    user.save()
    assert not _works(token)


def test_a_password_hashed_anew_at_log_in_is_no_change(demo, settings):
    """Django re-hashes a password at log-in when its hasher changed: the same password, so the tokens stay."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    User.objects.filter(username="operator.nl").update(
        password=make_password(PASSWORD, hasher="md5")  # as before the hasher changed
    )
    token = api_token_for(_user("operator.nl"))
    assert (
        Client().post(reverse("accounts:login"), {"username": "operator.nl", "password": PASSWORD}).status_code == 302
    )
    assert _user("operator.nl").password.startswith("pbkdf2_sha256$")
    assert _works(token)


def test_deactivating_the_account_ends_the_tokens_for_good(demo):
    user = _user("operator.lu")
    token = api_token_for(user)
    user.is_active = False
    user.save()
    assert not AuthToken.objects.filter(user=user).exists()
    user.is_active = True
    user.save()
    assert not _works(token)


def test_deactivating_in_the_admin_ends_the_tokens(demo, login):
    user = _user("operator.lu")
    token = api_token_for(user)
    admin = login("admin")
    form = admin.get(reverse("admin:accounts_user_change", args=[user.pk])).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name != "password"}
    data.update(
        groups=[group.pk for group in user.groups.all()],
        user_permissions=[],
        is_active="",
        date_joined_0=user.date_joined.strftime("%Y-%m-%d"),
        date_joined_1=user.date_joined.strftime("%H:%M:%S"),
        last_login_0="",
        last_login_1="",
    )
    data.pop("date_joined"), data.pop("last_login", None)
    answer = admin.post(reverse("admin:accounts_user_change", args=[user.pk]), data)
    assert answer.status_code == 302, answer.context["adminform"].form.errors if answer.context else answer
    assert not _user("operator.lu").is_active
    assert not _works(token)


def test_administrator_ends_a_users_sessions_and_tokens(demo, login):
    user = _user("chief.nl")
    token = api_token_for(user)
    session = login("chief.nl")
    other = login("chief.be")
    admin = login("admin", language="en")
    answer = admin.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "end_sessions", "_selected_action": [user.pk]},
        follow=True,
    )
    assert "The sessions and API tokens of 1 user were ended." in answer.content.decode()
    assert session.get(reverse("home"))["Location"].startswith(reverse("accounts:login"))
    assert not _works(token)
    assert other.get(reverse("home")).status_code == 200
    event = SecurityEvent.objects.get(kind=SecurityEventKind.SESSIONS_ENDED)
    assert (event.user, event.actor.username) == (user, "admin")
    assert event.detail == "sessions ended: 1, API tokens ended: 1"


# The admin and the schema --------------------------------------------------------------------------------------------


def test_the_admin_lists_tokens_and_revokes_one_with_a_record(demo, login):
    token = api_token_for(_user("operator.be"))
    row = AuthToken.objects.get(token_key=token[:15])
    admin = login("admin")
    listing = admin.get(reverse("admin:knox_authtoken_changelist"))
    assert listing.status_code == 200 and token[:15] in listing.content.decode()
    assert admin.get(reverse("admin:knox_authtoken_add")).status_code == 403
    admin.post(
        reverse("admin:knox_authtoken_changelist"),
        {"action": "delete_selected", "_selected_action": [row.pk], "post": "yes"},
    )
    assert not _works(token)
    event = SecurityEvent.objects.get(kind=SecurityEventKind.API_TOKEN_REVOKED)
    assert (event.actor.username, event.detail) == ("admin", f"revoked by an administrator: {token[:15]}")


def test_the_schema_describes_the_token_answer_and_the_token_list(tmp_path):
    import yaml
    from django.core.management import call_command

    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    schema = yaml.safe_load(target.read_text())
    answer = schema["components"]["schemas"]["TokenResponse"]
    assert set(answer["properties"]) == {"token", "expires"}
    assert set(answer["required"]) == {"token", "expires"}
    assert answer["properties"]["expires"]["format"] == "date-time"
    assert "get" in schema["paths"]["/api/v1/auth/tokens"]
    revoke = schema["paths"]["/api/v1/auth/tokens/{token_key}"]["delete"]
    assert {"204", "401", "404"} <= set(revoke["responses"])
    listed = schema["components"]["schemas"]["ApiToken"]
    assert set(listed["properties"]) == {"token_key", "created", "expires", "current"}
