"""The token endpoint's throttle counts each client once, whatever it writes into X-Forwarded-For."""

import pytest
from django.test import Client
from rest_framework.throttling import ScopedRateThrottle

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_a_minute(monkeypatch):
    """The throttle's history lives in the cache under keys of the client's address: each test uses addresses of
    its own (documentation ranges), so no test sees another's attempts."""
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"token": "3/minute"})


def _attempt(forwarded_for: str | None = None, remote: str = "203.0.113.7"):
    headers = {"REMOTE_ADDR": remote}
    if forwarded_for:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return Client(**headers).post(
        "/api/v1/auth/token/", {"username": "nobody", "password": "wrong"}, content_type="application/json"
    )


def test_a_client_cannot_dodge_the_token_throttle_with_a_forged_forwarded_for(three_a_minute):
    answers = [_attempt(f"198.51.100.{number}").status_code for number in range(5)]
    assert answers[:3] == [400, 400, 400]
    assert answers[3:] == [429, 429]
    assert _attempt(remote="203.0.113.8").status_code == 400  # another client keeps its own count


def test_behind_one_proxy_the_address_the_proxy_saw_is_counted(three_a_minute, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    for _attempt_number in range(3):
        assert _attempt("198.51.100.1", remote="10.0.0.2").status_code == 400
    assert _attempt("198.51.100.1", remote="10.0.0.2").status_code == 429
    assert _attempt("198.51.100.2", remote="10.0.0.2").status_code == 400  # another client behind the same proxy


def test_the_schema_says_the_token_endpoint_may_answer_429_in_the_error_shape():
    from drf_spectacular.generators import SchemaGenerator

    responses = SchemaGenerator().get_schema(request=None, public=True)["paths"]["/api/v1/auth/token/"]["post"]
    assert responses["responses"]["429"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
