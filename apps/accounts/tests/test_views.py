import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts.models import User

from .totp import code_for_key, totp_code

pytestmark = pytest.mark.django_db

PASSWORD = "demo-password-2026"


def test_user_logs_in_and_sees_the_dashboard(demo):
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": "chief.nl", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    dashboard = client.get(reverse("home"))
    assert dashboard.status_code == 200
    assert "Marloes" in dashboard.content.decode()


def test_log_in_records_its_time_without_an_audit_history_row(demo):
    chief = User.objects.get(username="chief.nl")
    history = chief.history.count()
    Client().post(reverse("accounts:login"), {"username": "chief.nl", "password": PASSWORD})
    chief.refresh_from_db()
    assert chief.last_login is not None
    assert chief.history.count() == history
    chief.job_title = "Chief of police"
    chief.save()
    assert chief.history.count() == history + 1  # real changes still land in the audit history


def test_wrong_password_gives_a_clear_message_and_reveals_nothing(demo):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    known = client.post(reverse("accounts:login"), {"username": "chief.nl", "password": "wrong"})
    unknown = Client(HTTP_ACCEPT_LANGUAGE="en").post(reverse("accounts:login"), {"username": "nobody", "password": "x"})
    assert known.status_code == unknown.status_code == 200
    assert "Please enter a correct username and password" in known.content.decode()
    assert known.context["form"].errors == unknown.context["form"].errors
    assert "_auth_user_id" not in client.session


def test_repeated_failed_log_ins_lock_the_account_out(demo, settings):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "operator.be", "password": "wrong"})
    locked = client.post(reverse("accounts:login"), {"username": "operator.be", "password": PASSWORD})
    assert locked.status_code == 429
    assert "Too many failed log-ins" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_user_logs_out_with_a_post(demo, login):
    client = login("operator.be")
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_user_changes_their_password(demo, login):
    client = login("liaison.be")
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-much-longer-pass-2026",
            "new_password2": "a-much-longer-pass-2026",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(username="liaison.be").check_password("a-much-longer-pass-2026")


def test_password_change_refuses_a_weak_password(demo, login):
    client = login("liaison.be", language="en")
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "short", "new_password2": "short"},
    )
    assert response.status_code == 200
    assert "too short" in response.content.decode()
    assert User.objects.get(username="liaison.be").check_password(PASSWORD)


def test_language_switch_is_remembered_for_the_user(demo, login):
    client = login("operator.nl")
    response = client.post(reverse("accounts:set_language"), {"language": "fr", "next": "/"})
    assert response.status_code == 302
    assert User.objects.get(username="operator.nl").preferred_language == "fr"
    other_browser = login("operator.nl")
    page = other_browser.get(reverse("home"))
    assert page["Content-Language"] == "fr"
    assert "Tableau de bord" in page.content.decode()


def test_language_switch_refuses_an_unknown_language(demo, login):
    client = login("operator.nl")
    response = client.post(reverse("accounts:set_language"), {"language": "xx"})
    assert response.status_code == 302
    assert User.objects.get(username="operator.nl").preferred_language == "nl"


def test_language_switch_never_redirects_to_another_site(demo, login):
    client = login("operator.nl")
    response = client.post(reverse("accounts:set_language"), {"language": "de", "next": "https://evil.example/"})
    assert response["Location"] == "/"


@pytest.mark.parametrize("referer", ["https://evil.example/phish", "//evil.example/", "javascript:alert(1)"])
def test_language_switch_without_next_never_follows_a_foreign_referer(demo, login, referer):
    response = login("operator.nl").post(reverse("accounts:set_language"), {"language": "de"}, HTTP_REFERER=referer)
    assert response["Location"] == "/"


def test_language_switch_without_next_goes_back_to_the_portal_page_it_came_from(demo, login):
    came_from = "http://testserver/events/?date=2026-11-01"
    response = login("operator.nl").post(reverse("accounts:set_language"), {"language": "de"}, HTTP_REFERER=came_from)
    assert response["Location"] == came_from


def test_anonymous_visitor_switches_the_log_in_page_language():
    client = Client()
    client.post(reverse("accounts:set_language"), {"language": "de", "next": reverse("accounts:login")})
    assert "Anmelden" in client.get(reverse("accounts:login")).content.decode()


def test_user_turns_on_two_factor_and_must_use_it_at_next_log_in(demo, login):
    client = login("secretariat", language="en")
    setup = client.get(reverse("accounts:two_factor_setup"))
    assert setup.status_code == 200
    assert "<svg" in setup.content.decode()
    key = re.search(r'<code class="secret">([A-Z2-7]+)</code>', setup.content.decode()).group(1)
    confirmed = client.post(reverse("accounts:two_factor_setup"), {"otp_token": code_for_key(key)})
    assert confirmed.status_code == 302
    device = TOTPDevice.objects.get(user__username="secretariat")
    assert device.confirmed
    assert client.get(reverse("home")).status_code == 200  # this session is verified by the new app

    fresh = Client()
    fresh.post(reverse("accounts:login"), {"username": "secretariat", "password": PASSWORD})
    blocked = fresh.get(reverse("home"))
    assert blocked.status_code == 302
    assert blocked["Location"].startswith(reverse("accounts:two_factor_verify"))
    wrong = fresh.post(reverse("accounts:two_factor_verify"), {"otp_token": "12345x"})
    assert wrong.status_code == 200
    assert fresh.get(reverse("home")).status_code == 302
    fresh.post(reverse("accounts:two_factor_verify"), {"otp_token": totp_code(device, steps_ahead=1)})
    assert fresh.get(reverse("home")).status_code == 200


def test_two_factor_is_required_for_everyone_when_the_setting_says_so(demo, login, settings):
    settings.TWO_FACTOR_REQUIRED = True
    client = login("chief.lu")
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))
    api = client.get("/api/v1/me")
    assert api.status_code == 403
    assert api.json()["errors"] == {}


def test_profile_shows_organisation_and_roles(demo, login, django_assert_num_queries):
    client = login("operator.lu", language="en")
    # Two-factor devices (2), whether there is an authenticator app; the user's API tokens (the section they are
    # listed and revoked in); the session, the user with organisation and roles, and the unread count come from the
    # cache.
    with django_assert_num_queries(4):
        response = client.get(reverse("accounts:profile"))
    body = response.content.decode()
    assert "Control room operator" in body
    assert "Grand-Ducal Police – National Intervention Centre (CIN)" in body


def test_profile_of_a_session_verified_by_an_authenticator_app_says_two_factor_is_on(
    demo, login, django_assert_num_queries
):
    from django_otp import DEVICE_ID_SESSION_KEY

    client = login("operator.lu", language="en")
    device = TOTPDevice.objects.create(user=User.objects.get(username="operator.lu"), name="phone", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    client.get(reverse("home"))  # the device is read once, then from the cache
    # No device query: the device that verified the session is one. The user's API tokens (their section).
    with django_assert_num_queries(1):
        response = client.get(reverse("accounts:profile"))
    assert "Set up a new authenticator app" in response.content.decode()
    device.delete()  # the session is no longer verified; the profile asks the database again
    assert "Turn on two-factor authentication" in client.get(reverse("accounts:profile")).content.decode()
