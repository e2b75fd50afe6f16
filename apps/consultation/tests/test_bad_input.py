"""Garbage posted to every consultation form and endpoint gets a clear answer and changes nothing; never a server
error."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from apps.accounts.tests.factories import api_token_for
from apps.consultation.models import ActionPoint, AgendaItem, Attendance, Decision, Meeting

from .factories import add_item, make_meeting, user

pytestmark = pytest.mark.django_db

GARBAGE = [
    {},
    {"title_en": "x" * 10_000, "text_en": "y" * 100_000, "name": "z" * 5_000},
    {"title_en": "\x00", "name": "\x00", "notes": "\x00", "lock_version": "\x00"},
    {"lock_version": "99999999999999999999", "number": "-3", "due_date": "0000-00-00", "represents": "abc"},
    {"starts_at": "2027-13-45T99:99", "ends_at": "yesterday", "format": "telepathy", "body": "'; DROP TABLE x; --"},
    {"action": "statuses", "status-1": "asleep", "direction": "sideways", "language": "xx", "kind": "boss"},
    {"action": "substitute", "represents": "99999999999999999999", "name": "X"},
]


def _snapshot():
    return [model.objects.count() for model in (Meeting, AgendaItem, Attendance, Decision, ActionPoint)]


@pytest.mark.parametrize("data", GARBAGE)
def test_garbage_posted_to_every_form_never_gives_a_server_error(sop, login, data):
    meeting = make_meeting(sop)
    item = add_item(meeting, "Item")
    decision_url = reverse("consultation:decision_create", args=[meeting.pk])
    client = login("secretariat")
    before = _snapshot()
    for url in (
        reverse("consultation:meeting_create"),
        reverse("consultation:meeting_edit", args=[meeting.pk]),
        reverse("consultation:agenda", args=[meeting.pk]),
        reverse("consultation:agenda_item", args=[meeting.pk, item.pk]),
        reverse("consultation:agenda_move", args=[meeting.pk, item.pk]),
        reverse("consultation:attendance", args=[meeting.pk]),
        reverse("consultation:minutes", args=[meeting.pk]),
        reverse("consultation:minutes_step", args=[meeting.pk, "approve"]),
        decision_url,
        reverse("consultation:action_point_create", args=[meeting.pk]),
    ):
        response = client.post(url, data)
        assert response.status_code < 500, (url, response.status_code)
    assert _snapshot() == before
    item.refresh_from_db()
    assert item.title_en == "Item" and item.notes == ""


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        json.dumps([1, 2]),
        json.dumps({"items": "x"}),
        json.dumps({"items": [["a"]]}),
        json.dumps({"title_en": {"nested": True}, "meeting": "x", "starts_at": 5}),
    ],
)
def test_garbage_sent_to_the_api_is_a_400_in_the_error_shape(sop, body):
    meeting = make_meeting(sop)
    add_item(meeting, "Item")
    token = api_token_for(user("secretariat"))
    client = Client(HTTP_AUTHORIZATION=f"Token {token}")
    before = _snapshot()
    for url in (
        "/api/v1/meetings",
        f"/api/v1/meetings/{meeting.pk}/agenda-items",
        f"/api/v1/meetings/{meeting.pk}/agenda-items/order",
        "/api/v1/decisions",
        "/api/v1/action-points",
    ):
        response = client.post(url, body, content_type="application/json")
        assert response.status_code == 400, (url, response.status_code)
        assert set(response.json()) == {"detail", "errors"}
    assert _snapshot() == before
    order = reverse("consultation:agenda_order", args=[meeting.pk])
    assert Client().post(order, body, content_type="application/json").status_code == 302  # not logged in
