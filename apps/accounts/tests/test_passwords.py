"""Passwords: long ones welcome, breached ones refused, and a change asks for the current password first (OWASP ASVS
5.0 level 2)."""

import pytest
from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.accounts.passwords import BreachedPasswordValidator

pytestmark = pytest.mark.django_db

PASSWORD = "demo-password-2026"
SIXTY_FOUR = "Beneluxpolitie werkt samen over de grens, dag en nacht: 2026-BNL"


def _change(client: Client, old: str, new: str):
    return client.post(
        reverse("accounts:password_change"), {"old_password": old, "new_password1": new, "new_password2": new}
    )


def test_a_64_character_password_is_accepted_and_logs_in(demo, login):
    assert len(SIXTY_FOUR) == 64
    assert _change(login("liaison.nl"), PASSWORD, SIXTY_FOUR).status_code == 302
    response = Client().post(reverse("accounts:login"), {"username": "liaison.nl", "password": SIXTY_FOUR})
    assert response.status_code == 302 and response["Location"] == reverse("home")


@pytest.mark.parametrize("breached", ["michaeljordan23", "liverpool1892", "LIVERPOOL1892"])
def test_a_long_password_known_from_breaches_is_refused(demo, login, breached):
    CommonPasswordValidator().validate(breached)  # long enough to pass Django's own list of common ones
    response = _change(login("liaison.nl", language="en"), PASSWORD, breached)
    assert response.status_code == 200
    assert "This password is known from data breaches" in response.content.decode()
    assert User.objects.get(username="liaison.nl").check_password(PASSWORD)


def test_the_password_page_says_what_a_password_must_not_be(demo, login):
    page = login("liaison.nl", language="en").get(reverse("accounts:password_change")).content.decode()
    assert "Your password cannot be one known from data breaches." in page
    assert "A new password ends every API token of the account." in page


@pytest.mark.parametrize("password", ["", "short", "x" * 9, "\ud800" * 12, SIXTY_FOUR])
def test_the_breached_list_check_never_fails_on_odd_input(password):
    BreachedPasswordValidator().validate(password)


def test_the_breached_list_check_refuses_in_any_case():
    with pytest.raises(ValidationError) as refused:
        BreachedPasswordValidator().validate("MichaelJordan23")
    assert refused.value.error_list[0].code == "password_breached"


def test_changing_the_password_asks_for_the_current_one(demo, login):
    client = login("liaison.nl", language="en")
    assert _change(client, "", SIXTY_FOUR).status_code == 200
    wrong = _change(client, "not-my-password", SIXTY_FOUR)
    assert wrong.status_code == 200
    assert "Your old password was entered incorrectly" in wrong.content.decode()
    assert User.objects.get(username="liaison.nl").check_password(PASSWORD)


def test_there_is_no_page_or_api_to_change_ones_own_e_mail_address(demo, login):
    """Only an administrator changes a user's e-mail address (in the admin, after logging in with two factors):
    the profile shows none to change, and the API's /me is read-only."""
    client = login("liaison.nl", language="en")
    assert 'name="email"' not in client.get(reverse("accounts:profile")).content.decode()
    response = client.patch("/api/v1/me", {"email": "someone@else.example"}, content_type="application/json")
    assert response.status_code in (403, 405)
    assert User.objects.get(username="liaison.nl").email != "someone@else.example"
