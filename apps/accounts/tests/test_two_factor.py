"""Two-factor authentication as an attacker who knows only the password would try to get round it, and as its owner
turns it on, replaces it and, having lost it, gets it reset by an administrator (issue 21)."""

import re
from base64 import b32decode
from datetime import timedelta
from importlib import import_module

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken

from apps.accounts.choices import SecurityEventKind
from apps.accounts.models import SecurityEvent, User
from apps.accounts.services import two_factor_enrol, two_factor_reset
from apps.core.errors import ApplicationError

from .factories import api_token_for
from .totp import code_for_key, totp_code

pytestmark = pytest.mark.django_db

PASSWORD = "demo-password-2026"
TOKEN_URL = "/api/v1/auth/token/"
SETUP = reverse("accounts:two_factor_setup")
VERIFY = reverse("accounts:two_factor_verify")
ATTACKERS_KEY = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # a key of the attacker's own authenticator app
KEY_ON_PAGE = re.compile(r'<code class="secret">([A-Z2-7]+)</code>')
DEVICE_CHANGES = [
    SecurityEventKind.TWO_FACTOR_ENROLLED,
    SecurityEventKind.TWO_FACTOR_REPLACED,
    SecurityEventKind.TWO_FACTOR_RESET,
]


def _logged_in_with_password(username: str) -> Client:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _key_on(response) -> str | None:
    found = KEY_ON_PAGE.search(response.content.decode())
    return found.group(1) if found else None


def _devices(user) -> list[tuple[str, bool]]:
    return sorted(TOTPDevice.objects.filter(user=user).values_list("key", "confirmed"))


@pytest.fixture
def owner(demo):
    """chief.be, whose authenticator app is on their phone."""
    user = User.objects.get(username="chief.be")
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return user, device


def _verified(username: str, device, steps_ahead: int = 0) -> Client:
    """A session that passed the password and a code (each code is accepted once: a second session takes the next)."""
    client = _logged_in_with_password(username)
    assert client.post(VERIFY, {"otp_token": totp_code(device, steps_ahead)}).status_code == 302
    assert client.get(reverse("home")).status_code == 200
    return client


def _token(username: str, otp_token: str = ""):
    body = {"username": username, "password": PASSWORD, "otp_token": otp_token}
    return Client().post(TOKEN_URL, body, content_type="application/json")


# The attacker knows the password, not the code ----------------------------------------------------------------------


def test_password_alone_does_not_open_set_up_for_a_user_with_an_authenticator_app(owner):
    user, device = owner
    before = _devices(user)
    attacker = _logged_in_with_password("chief.be")
    response = attacker.get(SETUP)
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    assert _devices(user) == before


def test_password_alone_cannot_enrol_an_authenticator_app_in_any_order_of_requests(owner):
    user, device = owner
    before = _devices(user)
    attacker = _logged_in_with_password("chief.be")
    # Straight to the confirming POST, then the page and its POST, then the POST again with a key of their own.
    attacker.post(SETUP, {"otp_token": code_for_key(ATTACKERS_KEY)})
    shown = _key_on(attacker.get(SETUP))
    if shown:
        attacker.post(SETUP, {"otp_token": code_for_key(shown), "password": PASSWORD})
    attacker.post(SETUP, {"otp_token": code_for_key(ATTACKERS_KEY, steps_ahead=1), "password": PASSWORD})
    assert _devices(user) == before
    home = attacker.get(reverse("home"))
    assert home.status_code == 302 and home["Location"].startswith(VERIFY)
    assert attacker.get("/api/v1/me").status_code == 403
    # Nor does the API hand out a token for a code of a key the attacker chose.
    for key in filter(None, [shown, ATTACKERS_KEY]):
        refused = _token("chief.be", code_for_key(key, steps_ahead=2))
        assert refused.status_code == 400
    assert not AuthToken.objects.filter(user=user).exists()
    # The owner still logs in with their own app, once django-otp's throttling of the refused codes has passed.
    with time_machine.travel(timezone.now() + timedelta(minutes=1)):
        assert _verified("chief.be", device)


def test_a_set_up_begun_before_the_owner_enrolled_cannot_be_finished_after(demo, settings):
    """The attacker opens the set-up page while the owner has no authenticator app yet; the owner then turns
    two-factor on; the attacker's confirming POST must not replace the owner's app."""
    settings.TWO_FACTOR_REQUIRED = True
    user = User.objects.get(username="chief.lu")
    attacker = _logged_in_with_password("chief.lu")
    attackers_key = _key_on(attacker.get(SETUP))
    assert attackers_key

    owner = _logged_in_with_password("chief.lu")
    owners_key = _key_on(owner.get(SETUP))
    assert owner.post(SETUP, {"otp_token": code_for_key(owners_key)}).status_code == 302
    owners_devices = _devices(user)
    assert len(owners_devices) == 1 and owners_devices[0][1]

    late = attacker.post(SETUP, {"otp_token": code_for_key(attackers_key), "password": PASSWORD})
    assert late.status_code == 302 and late["Location"].startswith(VERIFY)
    again = attacker.get(SETUP)
    assert again.status_code == 302 and again["Location"].startswith(VERIFY)
    assert _devices(user) == owners_devices
    assert attacker.get(reverse("home"))["Location"].startswith(VERIFY)
    assert _token("chief.lu", code_for_key(attackers_key, steps_ahead=1)).status_code == 400
    assert owner.get(reverse("home")).status_code == 200


def test_the_set_up_page_never_writes_on_get_and_keeps_its_key(demo, login):
    client = login("secretariat", language="en")
    first = client.get(SETUP)
    second = client.get(SETUP)
    assert first.status_code == second.status_code == 200
    assert "<svg" in first.content.decode()
    assert _key_on(first) and _key_on(first) == _key_on(second)
    assert not TOTPDevice.objects.exists()


def test_replacing_the_app_needs_a_verified_session_and_the_password(owner, settings):
    user, device = owner
    user.preferred_language = "en"
    user.save()
    client = _verified("chief.be", device)
    page = client.get(SETUP)
    assert page.status_code == 200
    assert 'name="password"' in page.content.decode()
    new_key = _key_on(page)
    before = _devices(user)

    missing = client.post(SETUP, {"otp_token": code_for_key(new_key)})
    assert missing.status_code == 200 and "password" in missing.context["form"].errors
    wrong = client.post(SETUP, {"otp_token": code_for_key(new_key), "password": "not-the-password"})
    assert wrong.status_code == 200
    assert wrong.context["form"].errors["password"] == ["That password is not correct."]
    bad_code = client.post(SETUP, {"otp_token": "000000", "password": PASSWORD})
    assert bad_code.status_code == 200 and "otp_token" in bad_code.context["form"].errors
    assert _devices(user) == before

    replaced = client.post(SETUP, {"otp_token": code_for_key(new_key, steps_ahead=1), "password": PASSWORD})
    assert replaced.status_code == 302
    assert _devices(user) == [(b32decode(new_key + "=" * (-len(new_key) % 8)).hex(), True)]
    assert client.get(reverse("home")).status_code == 200  # verified by the new app


def test_a_wrong_password_or_code_at_set_up_is_said_in_the_users_language(owner):
    user, device = owner
    user.preferred_language = "nl"
    user.save()
    client = _verified("chief.be", device)
    key = _key_on(client.get(SETUP))
    wrong = client.post(SETUP, {"otp_token": code_for_key(key), "password": "not-the-password"})
    assert wrong.context["form"].errors["password"] == ["Dat wachtwoord is niet juist."]
    bad_code = client.post(SETUP, {"otp_token": "000000", "password": PASSWORD})
    assert "Die code is niet geldig" in bad_code.context["form"].errors["otp_token"][0]


def test_an_unverified_session_cannot_enrol_through_the_service_either(owner):
    """The rule holds below the pages too: whatever the order of requests, a user with a device enrols another only
    with a session verified by one of theirs."""
    user, device = owner
    request = RequestFactory().post(SETUP)
    key = "3132333435363738393031323334353637383930"
    for verified_device in [None, TOTPDevice.objects.create(user=User.objects.get(username="chief.nl"), name="x")]:
        with pytest.raises(ApplicationError):
            two_factor_enrol(
                actor=user,
                key=key,
                token=code_for_key("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
                password=PASSWORD,
                verified_device=verified_device,
                request=request,
            )
    assert list(TOTPDevice.objects.filter(user=user)) == [device]


# Turning it on, and what is recorded ---------------------------------------------------------------------------------


def test_a_new_user_turns_two_factor_on_after_the_password_and_then_gets_a_token(demo, settings):
    settings.TWO_FACTOR_REQUIRED = True
    client = _logged_in_with_password("chief.lu")
    home = client.get(reverse("home"))
    assert home.status_code == 302 and home["Location"].startswith(SETUP)
    assert _token("chief.lu").json()["detail"]  # no device yet: the API sends them to the portal
    key = _key_on(client.get(home["Location"]))
    assert client.post(SETUP, {"otp_token": code_for_key(key), "next": "/"}).status_code == 302
    assert client.get(reverse("home")).status_code == 200
    user = User.objects.get(username="chief.lu")
    enrolments = SecurityEvent.objects.filter(user=user, kind__in=DEVICE_CHANGES)
    assert [event.kind for event in enrolments] == [SecurityEventKind.TWO_FACTOR_ENROLLED]
    assert _token("chief.lu", code_for_key(key, steps_ahead=1)).status_code == 200


def test_refused_codes_are_recorded_with_the_client_address(owner):
    user, _device = owner
    client = _logged_in_with_password("chief.be")
    assert client.post(VERIFY, {"otp_token": "000000"}, REMOTE_ADDR="192.0.2.7").status_code == 200
    assert _token("chief.be", "000000").status_code == 400
    events = SecurityEvent.objects.filter(user=user, kind=SecurityEventKind.TWO_FACTOR_CODE_REFUSED).order_by("pk")
    assert [(event.detail, event.actor) for event in events] == [("log-in", user), ("API token", user)]
    assert events[0].client_address == "192.0.2.7"


def test_the_set_up_page_runs_a_fixed_number_of_queries(demo, login, django_assert_num_queries):
    client = login("secretariat", language="en")
    client.get(SETUP)
    # Whether the user has a device, for the middleware and the page (2 device models each).
    with django_assert_num_queries(4):
        assert client.get(SETUP).status_code == 200


def test_a_session_verified_by_the_replaced_app_must_pass_a_code_of_the_new_one(owner):
    user, device = owner
    other_browser = _verified("chief.be", device)
    client = _verified("chief.be", device, steps_ahead=1)
    key = _key_on(client.get(SETUP))
    replaced = client.post(SETUP, {"otp_token": code_for_key(key), "password": PASSWORD})
    assert replaced.status_code == 302
    assert other_browser.get(reverse("home"))["Location"].startswith(VERIFY)
    replacements = SecurityEvent.objects.filter(user=user, kind__in=DEVICE_CHANGES)
    assert [event.kind for event in replacements] == [SecurityEventKind.TWO_FACTOR_REPLACED]


# Lost it: the administrator resets it ------------------------------------------------------------------------------


def test_administrator_resets_the_two_factor_of_a_user_who_lost_their_app(owner, login):
    user, device = owner
    owners_session = _verified("chief.be", device)
    token = api_token_for(user)
    admin = login("admin")
    response = admin.post(
        "/admin/accounts/user/", {"action": "reset_two_factor", "_selected_action": [user.pk]}, follow=True
    )
    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not AuthToken.objects.filter(user=user).exists()
    assert owners_session.get(reverse("home"))["Location"].startswith(reverse("accounts:login"))
    assert Client(HTTP_AUTHORIZATION=f"Token {token}").get("/api/v1/me").status_code == 401
    event = SecurityEvent.objects.get(user=user, kind=SecurityEventKind.TWO_FACTOR_RESET)
    assert (event.kind, event.actor.username) == (SecurityEventKind.TWO_FACTOR_RESET, "admin")
    assert "sessions ended: 1" in event.detail
    # The owner logs in with the password and enrols their new phone.
    client = _logged_in_with_password("chief.be")
    key = _key_on(client.get(SETUP))
    assert client.post(SETUP, {"otp_token": code_for_key(key)}).status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_the_reset_ends_a_session_put_back_in_the_cache_before_it_commits(owner, django_capture_on_commit_callbacks):
    user, device = owner
    client = _verified("chief.be", device)
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key=client.session.session_key)
    read_by_a_concurrent_request = store.load()
    with django_capture_on_commit_callbacks(execute=True):
        two_factor_reset(user=user, actor=User.objects.get(username="admin"))
        cache.set(store.cache_key, read_by_a_concurrent_request)  # that request puts it back before the commit
    assert client.get(reverse("home"))["Location"].startswith(reverse("accounts:login"))


def test_security_events_are_read_only_in_the_admin(owner, login):
    user, _device = owner
    event = two_factor_reset(user=user, actor=User.objects.get(username="admin"))
    admin = login("admin")
    assert admin.get("/admin/accounts/securityevent/").status_code == 200
    assert admin.get(f"/admin/accounts/securityevent/{event.pk}/change/").status_code == 200
    assert admin.get("/admin/accounts/securityevent/add/").status_code == 403
    admin.post(f"/admin/accounts/securityevent/{event.pk}/delete/", {"post": "yes"})
    assert SecurityEvent.objects.filter(pk=event.pk).exists()


def test_changing_the_password_is_recorded(demo, login):
    client = login("liaison.be")
    new = "a-much-longer-pass-2026"
    client.post(
        reverse("accounts:password_change"), {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert (
        SecurityEvent.objects.filter(user__username="liaison.be", kind=SecurityEventKind.PASSWORD_CHANGED).count() == 1
    )
    assert client.get(reverse("home")).status_code == 200  # this session goes on


# Each code is good once -----------------------------------------------------------------------------------------------


def test_a_code_accepted_on_the_verify_page_is_refused_the_second_time(owner):
    _user, device = owner
    code = totp_code(device)
    first = _logged_in_with_password("chief.be")
    assert first.post(VERIFY, {"otp_token": code}).status_code == 302
    second = _logged_in_with_password("chief.be")  # someone who saw the code over the owner's shoulder
    refused = second.post(VERIFY, {"otp_token": code})
    assert refused.status_code == 200 and refused.context["form"].errors["otp_token"]
    assert second.get(reverse("home"))["Location"].startswith(VERIFY)


def test_a_code_used_to_log_in_cannot_get_an_api_token(owner):
    _user, device = owner
    code = totp_code(device)
    assert _logged_in_with_password("chief.be").post(VERIFY, {"otp_token": code}).status_code == 302
    refused = _token("chief.be", code)
    assert refused.status_code == 400 and "otp_token" in refused.json()["errors"]


def test_a_code_that_got_an_api_token_cannot_get_another(owner):
    _user, device = owner
    code = totp_code(device)
    assert _token("chief.be", code).status_code == 200
    assert _token("chief.be", code).status_code == 400
