"""Cursors of the API's long lists are opaque: a garbled or forged one is a 400 in the error shape, never a 500."""

import base64
from urllib.parse import urlencode

import pytest
from django.test import Client

from apps.accounts.models import User
from apps.accounts.tests.factories import api_token_for

pytestmark = pytest.mark.django_db

LISTS = ["/api/v1/notifications", "/api/v1/assistance-requests"]


def _forged(**position) -> str:
    return base64.b64encode(urlencode(position).encode()).decode()


def _client(username: str) -> Client:
    token = api_token_for(User.objects.get(username=username))
    return Client(HTTP_AUTHORIZATION=f"Token {token}", HTTP_ACCEPT_LANGUAGE="en")


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor",
        _forged(p="abc"),
        _forged(p="0530-02-04T22:00:00-19:04"),
        _forged(p="2026-01-01T10:00:00"),
        _forged(p="9" * 40),
        _forged(p="-1e400"),
        _forged(p="2026-01-01T10:00:00+01:00", r="x"),
    ],
)
def test_a_forged_cursor_is_a_400_in_the_error_shape(demo, path, cursor):
    response = _client("operator.be").get(path, {"cursor": cursor})
    assert response.status_code == 400, response.content
    assert response.json()["errors"]["cursor"]


@pytest.mark.parametrize("path", LISTS)
def test_a_cursor_the_list_gave_out_still_works(demo, path):
    client = _client("operator.be")
    first = client.get(path, {"page_size": 1})
    assert first.status_code == 200
    if first.json()["next"]:
        assert client.get(first.json()["next"]).status_code == 200


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("cursor", ["%%%", _forged(o="99999999999999999999999"), _forged(o="-5", p="1")])
def test_an_odd_but_harmless_cursor_answers_without_a_server_error(demo, path, cursor):
    assert _client("operator.be").get(path, {"cursor": cursor}).status_code in {200, 400}
