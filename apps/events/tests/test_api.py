from datetime import datetime, timedelta

import pytest
from django.test import Client

from apps.accounts.models import User
from apps.accounts.tests.factories import api_token_for
from apps.events.caching import CALENDAR
from apps.events.models import Event

from .factories import BRUSSELS, EventFactory, country, organisation

pytestmark = pytest.mark.django_db

# The token and its user, their roles (the secretariat sees every country's events: the cache keeps its answers
# apart), the count of all found, the page of events (with country and organiser).
LIST_QUERIES = 4
# The same page again, from the cache (until the calendar changes): the token and its user, their roles.
CACHED_LIST_QUERIES = 2


def _client(username: str) -> Client:
    from apps.accounts.models import User

    user = User.objects.get(username=username)
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    token = api_token_for(user)
    return Client(HTTP_AUTHORIZATION=f"Token {token}", HTTP_ACCEPT_LANGUAGE="en")


def _body(**overrides):
    body = {
        "title_en": "Luxembourg National Day",
        "title_fr": "Fête nationale luxembourgeoise",
        "kind": "royal_state",
        "country": "LU",
        "place": "Place Guillaume II, Luxembourg City",
        "starts_at": "2027-06-22T18:00:00+02:00",
        "ends_at": "2027-06-23T23:00:00+02:00",
        "time_zone": "Europe/Luxembourg",
        "expected_attendance": 100000,
        "risk_level": "medium",
        "assistance_expected": True,
        "visibility": "all",
        "recurrence_rule": "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=22",
    }
    body.update(overrides)
    return body


@pytest.mark.parametrize("url", ["/api/v1/events", "/api/v1/events/1", "/api/v1/events.ics"])
def test_anonymous_api_call_gets_401(url):
    response = Client().get(url)
    assert response.status_code == 401
    assert set(response.json()) == {"detail", "errors"}


def test_list_with_filters_and_a_pinned_query_count(demo, django_assert_num_queries):
    start = datetime(2026, 12, 1, 9, tzinfo=BRUSSELS)
    Event.objects.bulk_create(
        Event(
            title_en=f"Bulk {index}",
            kind="sports" if index % 2 else "concert",
            country=country(["BE", "NL", "LU"][index % 3]),
            organiser=organisation(["DAO", "LOCC", "CIN"][index % 3]),
            place="Stadium",
            starts_at=start + timedelta(days=index),
            ends_at=start + timedelta(days=index, hours=4),
            risk_level="high" if index % 4 == 0 else "low",
        )
        for index in range(120)
    )
    CALENDAR.bump()  # a write that sends no signal moves the calendar on itself
    client = _client("operator.lu")
    with django_assert_num_queries(LIST_QUERIES):
        page = client.get("/api/v1/events")
    assert page.json()["count"] == 120
    assert len(page.json()["results"]) == 50
    with django_assert_num_queries(CACHED_LIST_QUERIES):
        assert client.get("/api/v1/events").json() == page.json()
    last = client.get("/api/v1/events", {"page": 3}).json()
    assert (last["count"], len(last["results"]), last["next"]) == (120, 20, None)
    assert last["previous"].endswith("/api/v1/events?page=2")
    assert client.get("/api/v1/events", {"page": 4}).status_code == 404
    assert client.get("/api/v1/events", {"page": "two"}).status_code == 404
    assert client.get("/api/v1/events", {"page": 0}).status_code == 404
    december = client.get("/api/v1/events", {"from": "2026-12-01", "to": "2026-12-31", "kind": "sports"}).json()
    assert december["count"] == 15
    assert {event["kind"] for event in december["results"]} == {"sports"}
    nl_high = client.get("/api/v1/events", {"country": "NL", "risk": "high"}).json()
    assert nl_high["count"] == 10
    assert {event["country"] for event in nl_high["results"]} == {"NL"}


def test_list_never_shows_another_countrys_restricted_events(restricted_nl_event):
    assert _client("operator.be").get("/api/v1/events").json()["count"] == 0
    assert _client("operator.nl").get("/api/v1/events").json()["count"] == 1


def test_cached_list_is_not_shared_with_another_country(restricted_nl_event):
    assert _client("operator.nl").get("/api/v1/events").json()["count"] == 1
    assert _client("operator.be").get("/api/v1/events").json()["count"] == 0
    assert _client("operator.nl").get("/api/v1/events").json()["count"] == 1


def test_list_shows_a_change_at_once_despite_its_cache(demo):
    event = EventFactory(title_en="Carnival", country=country("BE"), organiser=organisation("DAO"))
    client = _client("operator.nl")
    assert [row["title"] for row in client.get("/api/v1/events").json()["results"]] == ["Carnival"]
    event.title_en = "Carnival of Binche"
    event.save()
    assert [row["title"] for row in client.get("/api/v1/events").json()["results"]] == ["Carnival of Binche"]
    EventFactory(title_en="Later", country=country("NL"), organiser=organisation("LOCC"), starts_at=event.ends_at)
    assert client.get("/api/v1/events").json()["count"] == 2


def test_empty_list_counts_nothing_found(demo):
    body = _client("operator.be").get("/api/v1/events", {"from": "2090-01-01", "to": "2090-01-31"}).json()
    assert (body["count"], body["results"], body["next"], body["previous"]) == (0, [], None, None)


@pytest.mark.parametrize("language", ["en", "fr", "de", "nl"])
def test_event_rows_speak_the_readers_language_and_fall_back_to_another(demo, language):
    english = EventFactory(title_en="Only English", title_nl=None, description="", country=country("BE"))
    french = EventFactory(
        title_fr="Fête nationale",
        title_nl=None,
        title_en=None,
        description_de="Beschreibung",
        expected_attendance=None,
        organiser=organisation("CIN"),
        recurrence_rule="FREQ=YEARLY",
    )
    client = _client("operator.lu")
    user = User.objects.get(username="operator.lu")
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    rows = {row["id"]: row for row in client.get("/api/v1/events").json()["results"]}
    assert rows[english.pk]["title"] == "Only English"
    assert rows[french.pk]["title"] == "Fête nationale"
    assert rows[french.pk]["description"] == "Beschreibung"
    assert rows[french.pk]["expected_attendance"] is None
    assert rows[french.pk]["organiser"] == {
        "id": french.organiser.pk,
        "short_name": "CIN",
        "name": french.organiser.name,
        "country": "LU",
    }
    assert rows[french.pk]["url"] == f"/events/{french.pk}/"
    assert rows[french.pk]["ics_url"] == f"/events/{french.pk}/event.ics"


def test_recurring_series_appears_in_a_later_period(demo):
    EventFactory(starts_at=datetime(2024, 4, 27, 9, tzinfo=BRUSSELS), recurrence_rule="FREQ=YEARLY")
    response = _client("operator.be").get("/api/v1/events", {"from": "2027-04-01", "to": "2027-04-30"})
    assert response.json()["count"] == 1


@pytest.mark.parametrize(
    "query", [{"contry": "NL"}, {"kind": "bakery"}, {"from": "yesterday"}, {"country": "XX"}, {"risk": "extreme"}]
)
def test_bad_filters_are_a_400_in_the_error_shape_every_time(demo, query):
    client = _client("operator.be")
    for _attempt in range(2):  # never an answer from the cache
        response = client.get("/api/v1/events", query)
        assert response.status_code == 400
        assert set(response.json()) == {"detail", "errors"}
        assert set(response.json()["errors"]) == set(query)


def test_detail_of_a_restricted_event_is_a_404_for_other_countries(restricted_nl_event, django_assert_num_queries):
    url = f"/api/v1/events/{restricted_nl_event.pk}"
    assert _client("operator.be").get(url).status_code == 404
    client = _client("operator.nl")
    with django_assert_num_queries(2):
        response = client.get(url)
    assert response.json()["visibility"] == "country"
    assert response.json()["organiser"]["short_name"] == "POLNL"


def test_control_room_creates_an_event_through_the_api(demo):
    response = _client("operator.lu").post("/api/v1/events", _body(), content_type="application/json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["title"] == "Luxembourg National Day"
    assert data["organiser"]["short_name"] == "CIN"
    assert data["recurrence_rule"] == "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=22"
    event = Event.objects.get()
    assert event.history.get().history_user.username == "operator.lu"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"ends_at": "2027-06-22T17:00:00+02:00"}, "ends_at"),
        ({"recurrence_rule": "FREQ=YEARLY;BYWHEN=SOMETIMES"}, "recurrence_rule"),
        ({"country": "XX"}, "country"),
        ({"expected_attendance": -5}, "expected_attendance"),
        ({"title_en": "", "title_fr": None}, "title"),
        ({"kind": "rave"}, "kind"),
        ({"organiser": 999999}, "organiser"),
        ({"place": None}, "place"),
        ({"place": "Luxembourg", "place_fr": "Luxembourg-Ville"}, "place"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_nothing_is_saved(demo, overrides, field):
    response = _client("operator.lu").post("/api/v1/events", _body(**overrides), content_type="application/json")
    assert response.status_code == 400
    assert field in response.json()["errors"], response.json()
    assert not Event.objects.exists()


def test_unknown_country_message_names_the_code(demo):
    response = _client("operator.lu").post("/api/v1/events", _body(country="XX"), content_type="application/json")
    assert response.json()["errors"]["country"] == ["Unknown country: XX."]


def test_organiser_updates_and_others_are_refused(demo):
    created = _client("operator.lu").post("/api/v1/events", _body(), content_type="application/json").json()
    url = f"/api/v1/events/{created['id']}"
    refused = _client("operator.be").patch(url, {"risk_level": "high"}, content_type="application/json")
    assert refused.status_code == 403
    assert set(refused.json()) == {"detail", "errors"}
    patched = _client("operator.lu").patch(url, {"risk_level": "high"}, content_type="application/json")
    assert patched.status_code == 200
    assert patched.json()["risk_level"] == "high"
    put = _client("secretariat").put(url, _body(expected_attendance=120000), content_type="application/json")
    assert put.status_code == 200
    assert put.json()["expected_attendance"] == 120000
    assert Event.objects.get().history.count() == 3


def test_bad_update_changes_nothing(demo):
    created = _client("operator.lu").post("/api/v1/events", _body(), content_type="application/json").json()
    url = f"/api/v1/events/{created['id']}"
    response = _client("operator.lu").patch(url, {"ends_at": "2020-01-01T00:00:00Z"}, content_type="application/json")
    assert response.status_code == 400
    assert "ends_at" in response.json()["errors"]
    assert Event.objects.get().ends_at == datetime(2027, 6, 23, 23, tzinfo=BRUSSELS)


def test_organiser_deletes_through_the_api(demo):
    created = _client("operator.lu").post("/api/v1/events", _body(), content_type="application/json").json()
    url = f"/api/v1/events/{created['id']}"
    assert _client("operator.nl").delete(url).status_code == 403
    assert _client("operator.lu").delete(url).status_code == 204
    assert not Event.objects.exists()


def test_user_who_may_not_add_gets_403(demo):
    from apps.accounts.tests.factories import UserFactory

    token = api_token_for(UserFactory(organisation=None))
    response = Client(HTTP_AUTHORIZATION=f"Token {token}").post(
        "/api/v1/events", _body(), content_type="application/json"
    )
    assert response.status_code == 403


def test_schema_describes_the_event_endpoints(tmp_path):
    import yaml
    from django.core.management import call_command

    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    schema = yaml.safe_load(target.read_text())
    assert {"/api/v1/events", "/api/v1/events/{id}", "/api/v1/events.ics"} <= set(schema["paths"])
    parameters = {parameter["name"] for parameter in schema["paths"]["/api/v1/events"]["get"]["parameters"]}
    assert {"from", "to", "country", "kind", "risk", "assistance", "page", "page_size"} <= parameters
    assert "text/calendar" in schema["paths"]["/api/v1/events.ics"]["get"]["responses"]["200"]["content"]
    assert schema["components"]["securitySchemes"]["feedToken"]["in"] == "query"


def test_control_room_gives_the_place_in_each_language_through_the_api(demo):
    places = {
        "place_nl": "Wilhelminaplein, Luxemburg-Stad",
        "place_fr": "Place Guillaume II, Luxembourg-Ville",
        "place_de": "Wilhelmsplatz, Luxemburg-Stadt",
        "place_en": "Place Guillaume II, Luxembourg City",
    }
    body = {name: value for name, value in _body().items() if name != "place"}
    created = _client("operator.lu").post("/api/v1/events", {**body, **places}, content_type="application/json")
    assert created.status_code == 201, created.json()
    assert created.json()["place"] == places["place_en"]
    event = Event.objects.get()
    assert {f"place_{code}": getattr(event, f"place_{code}") for code in ("nl", "fr", "de", "en")} == places
    refused = _client("operator.lu").post("/api/v1/events", body, content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["errors"]["place"] == ["Give the place in at least one language."]
    assert Event.objects.count() == 1
