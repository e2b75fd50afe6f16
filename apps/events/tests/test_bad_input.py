"""Odd input to the calendar's pages and API: a clear answer, nothing saved, never a server error."""

import pytest
from django.test import Client
from django.urls import reverse

from apps.accounts.tests.factories import api_token_for
from apps.events.models import Event, TrainingRegistration

from .factories import EventFactory

pytestmark = pytest.mark.django_db

GARBAGE = [
    {},
    {"title_en": "x" * 10_000, "place": "y" * 10_000, "kind": "summit"},
    {"title_en": "\x00", "country": "\x00", "starts_at": "\x00", "recurrence_rule": "\x00"},
    {"country": ["BE", "NL"], "kind": ["summit", "sports"]},
    {"starts_at": "0001-01-01T00:00", "ends_at": "9999-12-31T23:59", "title_en": "x", "time_zone": "Europe/Brussels"},
    {"expected_attendance": "1e99", "participants": "-1", "contact_name": "\x00"},
    {"recurrence_rule": "FREQ=DAILY;UNTIL=99999999", "time_zone": "Mars/Olympus"},
    {"action": "'; DROP TABLE events_event; --"},
]
QUERIES = [
    "?date=0001-01-01",
    "?date=9999-12-31",
    "?date=%00",
    "?from=0001-01-01&to=9999-12-31",
    "?from=9999-12-31",
    "?country=%00&kind=%00&risk=%00&assistance=%00",
    "?country=BE&country=NL",
]


@pytest.fixture
def training(demo):
    return EventFactory(kind="training")


@pytest.mark.parametrize("data", GARBAGE)
@pytest.mark.parametrize("name", ["events:create", "events:feed_settings"])
def test_garbage_posted_to_a_page_never_gives_a_server_error(demo, login, name, data):
    response = login("operator.be").post(reverse(name), data)
    assert response.status_code < 500
    assert not Event.objects.exists()


@pytest.mark.parametrize("data", GARBAGE)
@pytest.mark.parametrize("name", ["events:edit", "events:register", "events:delete"])
def test_garbage_posted_about_an_event_never_gives_a_server_error(training, login, name, data):
    response = login("secretariat").post(reverse(name, args=[training.pk]), data)
    assert response.status_code < 500
    assert not TrainingRegistration.objects.exists()


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("name", ["events:index", "events:week", "events:list"])
def test_odd_query_strings_on_pages_never_give_a_server_error(demo, login, name, query):
    assert login("chief.be").get(reverse(name) + query).status_code == 200


@pytest.mark.parametrize("query", QUERIES)
def test_odd_query_strings_on_the_api_list_are_400_never_500(demo, query):
    from apps.accounts.models import User

    token = api_token_for(User.objects.get(username="chief.nl"))
    response = Client(HTTP_AUTHORIZATION=f"Token {token}").get("/api/v1/events" + query.replace("date", "from"))
    assert response.status_code in {200, 400}
    assert "detail" in response.json() or "results" in response.json()


@pytest.mark.parametrize("key", ["%00", "a" * 500, "../../etc/passwd", "%E2%80%AE"])
def test_odd_feed_keys_are_a_plain_404(demo, key):
    assert Client().get(f"/events/feed/{key}.ics").status_code == 404
    assert Client().get(f"/api/v1/events.ics?token={key}").status_code == 404


@pytest.mark.parametrize("url", ["/events/99999999999999999999/", "/api/v1/events/99999999999999999999"])
def test_huge_event_ids_are_a_404(demo, login, url):
    assert login("chief.be").get(url).status_code == 404


@pytest.mark.parametrize(
    "body",
    ['{"title_en": "x"', "[]", "null", '{"starts_at": "0001-01-01T00:00:00Z", "ends_at": "9999-12-31T00:00:00Z"}'],
)
def test_malformed_json_to_the_api_is_a_400(demo, body):
    from apps.accounts.models import User

    token = api_token_for(User.objects.get(username="operator.be"))
    response = Client(HTTP_AUTHORIZATION=f"Token {token}").post("/api/v1/events", body, content_type="application/json")
    assert response.status_code == 400
    assert set(response.json()) == {"detail", "errors"}
