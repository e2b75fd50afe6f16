"""Malformed input gets a clear answer and changes nothing; it never gives a server error."""

import pytest
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User

pytestmark = pytest.mark.django_db

GARBAGE = [
    {},
    {"username": "x" * 10_000, "password": "y" * 10_000},
    {"username": "\x00", "password": "\x00"},
    {"username": ["a", "b"], "password": "c"},
    {"language": "'; DROP TABLE accounts_user; --"},
    {"otp_token": "１２３４５６"},
    {"next": "javascript:alert(1)", "language": "de"},
]
POST_PAGES = [
    "accounts:login",
    "accounts:set_language",
    "accounts:password_change",
    "accounts:two_factor_setup",
    "accounts:two_factor_verify",
]


@pytest.mark.parametrize("name", POST_PAGES)
@pytest.mark.parametrize("data", GARBAGE)
def test_garbage_posted_to_a_form_never_gives_a_server_error(demo, login, name, data):
    client = login("operator.lu")
    response = client.post(reverse(name), data)
    assert response.status_code < 500
    assert User.objects.get(username="operator.lu").preferred_language in {"fr", "de"}


@pytest.mark.parametrize("query", ["?page=-1", "?page=99999", "?page_size=abc", "?q=%00", "?country=BELGIUM", "?kind="])
def test_odd_query_strings_on_api_lists_are_400_or_404_never_500(demo, login, query):
    response = login("chief.be").get(f"/api/v1/organisations{query}")
    assert response.status_code in {200, 400, 404}
    assert set(response.json()) >= {"detail"} or "results" in response.json()


def test_form_without_csrf_token_is_refused_with_an_explanation(demo):
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    response = client.post(reverse("accounts:login"), {"username": "chief.be", "password": "demo-password-2026"})
    assert response.status_code == 403
    assert "Form expired" in response.content.decode()


def test_unknown_page_is_a_translated_404(demo, login, settings):
    settings.DEBUG = False
    response = login("chief.be").get("/nowhere/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
