"""Recurring events are made with a recurrence builder (how often, every how many, weekdays, until a day or a number
of times), not RRULE text; a series without an end is shown two years ahead, in pages, feeds and the API."""

from datetime import date, datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from apps.accounts.tests.factories import api_token_for
from apps.events.models import Event
from apps.events.recurrence import Pattern, pattern_of
from apps.events.services import event_create, feed_token_get_or_create

from .factories import BRUSSELS, EventFactory, country, organisation

pytestmark = pytest.mark.django_db

START = datetime(2026, 12, 7, 9, tzinfo=BRUSSELS)  # a Monday


@pytest.mark.parametrize(
    ("pattern", "rule"),
    [
        (Pattern("DAILY"), "FREQ=DAILY"),
        (Pattern("WEEKLY", interval=2, weekdays=("TH", "MO")), "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH"),
        (Pattern("MONTHLY", count=6), "FREQ=MONTHLY;COUNT=6"),
        (Pattern("YEARLY", until=date(2030, 12, 31)), "FREQ=YEARLY;UNTIL=20301231"),
    ],
)
def test_the_builder_writes_the_rule(pattern, rule):
    assert pattern.rule() == rule


@pytest.mark.parametrize(
    ("rule", "pattern"),
    [
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", Pattern("WEEKLY", interval=2, weekdays=("MO", "TH"))),
        ("FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=7", Pattern("YEARLY")),  # the start's own date: the same series
        ("FREQ=MONTHLY;BYMONTHDAY=7;COUNT=3", Pattern("MONTHLY", count=3)),
        ("FREQ=DAILY;UNTIL=20261231T225959Z", Pattern("DAILY", until=date(2026, 12, 31))),
        ("FREQ=YEARLY;BYMONTH=7;BYDAY=FR;BYSETPOS=-1", None),  # the last Friday of July
        ("FREQ=MONTHLY;BYDAY=2TU", None),
        ("FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=27", None),  # another date than the start's
        ("FREQ=DAILY;UNTIL=20261231T120000Z", None),  # at noon, not at the end of the day
        ("FREQ=DAILY;UNTIL=99991231T235959Z", None),  # past the last day a date can have, in Brussels
    ],
)
def test_a_stored_rule_is_read_back_into_the_builder_or_left_as_it_is(rule, pattern):
    assert pattern_of(rule, starts_at=START, time_zone="Europe/Brussels") == pattern


def test_the_service_turns_the_builders_choice_into_the_stored_rule(event_data, user):
    event = event_create(
        actor=user("operator.be"),
        **event_data(
            starts_at=START,
            ends_at=START.replace(hour=17),
            recurrence=Pattern("WEEKLY", interval=2, weekdays=("MO", "TH"), until=date(2027, 3, 31)),
        ),
    )
    # The end of 31 March in Brussels (summer time from 28 March), in UTC as RFC 5545 asks.
    assert event.recurrence_rule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;UNTIL=20270331T215959Z"
    assert event.recurrence_ends_at == datetime(2027, 3, 29, 17, tzinfo=BRUSSELS)


def _form(**overrides):
    data = {
        "title_en": "Joint patrols on the coast",
        "kind": "other",
        "country": "BE",
        "place_en": "Knokke-Heist",
        "starts_at": "2026-12-07T09:00",
        "ends_at": "2026-12-07T17:00",
        "time_zone": "Europe/Brussels",
        "risk_level": "low",
        "visibility": "all",
        "repeat": "WEEKLY",
        "repeat_interval": "2",
        "repeat_weekdays": ["MO", "TH"],
        "repeat_end": "count",
        "repeat_count": "6",
        "repeat_until": "",
    }
    data.update(overrides)
    return data


def test_operator_makes_a_series_with_the_builder_and_edits_it_again(demo, login):
    client = login("operator.be", language="en")
    assert client.post(reverse("events:create"), _form()).status_code == 302
    event = Event.objects.get()
    assert event.recurrence_rule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=6"
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Every 2 weeks on Monday, Thursday, 6 times" in page
    edit = client.get(reverse("events:edit", args=[event.pk])).content.decode()
    assert '<option value="WEEKLY" selected>' in edit
    assert 'value="TH" id="id_repeat_weekdays_3" checked' in edit
    assert 'name="repeat_count" value="6"' in edit
    assert "FREQ=" not in edit  # people never see RRULE text
    client.post(
        reverse("events:edit", args=[event.pk]),
        _form(repeat="MONTHLY", repeat_interval="1", repeat_end="until", repeat_until="2027-06-30"),
    )
    event.refresh_from_db()
    assert event.recurrence_rule == "FREQ=MONTHLY;UNTIL=20270630T215959Z"  # weekdays are for weekly series only
    client.post(reverse("events:edit", args=[event.pk]), _form(repeat=""))
    event.refresh_from_db()
    assert (event.recurrence_rule, event.recurrence_ends_at) == ("", None)


def test_a_rule_the_builder_cannot_show_is_shown_as_it_is_and_kept_unless_changed(demo, login):
    grand_prix = EventFactory(
        title_en="Formula 1 – Belgian Grand Prix",
        country=country("BE"),
        organiser=organisation("DAO"),
        starts_at=datetime(2026, 7, 24, 8, tzinfo=BRUSSELS),
        ends_at=datetime(2026, 7, 26, 20, tzinfo=BRUSSELS),
        recurrence_rule="FREQ=YEARLY;BYMONTH=7;BYDAY=FR;BYSETPOS=-1",
    )
    client = login("operator.be", language="en")
    url = reverse("events:edit", args=[grand_prix.pk])
    edit = client.get(url).content.decode()
    assert "This event repeats by a rule that the choices below cannot show:" in edit
    assert "<code>FREQ=YEARLY;BYMONTH=7;BYDAY=FR;BYSETPOS=-1</code>" in edit
    assert '<option value="keep" selected>' in edit
    keep = {
        "repeat": "keep",
        "starts_at": "2026-07-24T08:00",
        "ends_at": "2026-07-26T20:00",
        "expected_attendance": "1",
    }
    assert client.post(url, _form(**keep)).status_code == 302
    grand_prix.refresh_from_db()
    assert grand_prix.recurrence_rule == "FREQ=YEARLY;BYMONTH=7;BYDAY=FR;BYSETPOS=-1"
    assert grand_prix.expected_attendance == 1
    client.post(url, _form(**{**keep, "repeat": "YEARLY", "repeat_interval": "1", "repeat_end": "never"}))
    grand_prix.refresh_from_db()
    assert grand_prix.recurrence_rule == "FREQ=YEARLY"
    # Once changed, the choice to keep the old rule is gone: it is no longer offered, nor accepted.
    assert '<option value="keep"' not in client.get(url).content.decode()
    assert client.post(url, _form(**keep)).status_code == 200


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"repeat_interval": "0"}, "repeat_interval", "Repeat at least every 1."),
        ({"repeat_interval": "10000"}, "repeat_interval", "Repeat at most every 100."),
        ({"repeat_count": "0"}, "repeat_count", "A series has at least one occurrence."),
        ({"repeat_count": "10000"}, "repeat_count", "A series has at most 1000 occurrences."),
        ({"repeat_end": "until", "repeat_count": "", "repeat_until": "2026-12-06"}, "repeat_until", "before the"),
        ({"repeat_end": "until", "repeat_count": "", "repeat_until": "2026-02-30"}, "repeat_until", "Give a date"),
        ({"repeat": "HOURLY"}, "repeat", "Select a valid choice."),
        ({"repeat_weekdays": ["XX"]}, "repeat_weekdays", "Select a valid choice."),
        ({"repeat_end": "until", "repeat_count": "", "repeat_until": "2300-01-01"}, "repeat", "between 1900 and 2199"),
    ],
)
def test_operator_is_told_what_is_wrong_with_a_repetition_and_nothing_is_saved(demo, login, fields, field, message):
    client = login("operator.be", language="en")
    response = client.post(reverse("events:create"), _form(**fields))
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field]), response.context["form"].errors
    assert not Event.objects.exists()


def _api(username: str) -> Client:
    from apps.accounts.models import User

    token = api_token_for(User.objects.get(username=username))
    return Client(HTTP_AUTHORIZATION=f"Token {token}", HTTP_ACCEPT_LANGUAGE="en")


API_EVENT = {
    "title_en": "Joint patrols on the coast",
    "kind": "other",
    "country": "BE",
    "place": "Knokke-Heist",
    "starts_at": "2026-12-07T09:00:00+01:00",
    "ends_at": "2026-12-07T17:00:00+01:00",
    "time_zone": "Europe/Brussels",
}


def test_api_takes_the_builders_terms_and_still_takes_an_rrule(demo):
    client = _api("operator.be")
    built = client.post(
        "/api/v1/events",
        {**API_EVENT, "recurrence": {"frequency": "WEEKLY", "interval": 2, "weekdays": ["TH", "MO"], "count": 6}},
        content_type="application/json",
    )
    assert built.status_code == 201, built.content
    assert built.json()["recurrence_rule"] == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=6"
    assert built.json()["recurrence"] == {
        "frequency": "WEEKLY",
        "interval": 2,
        "weekdays": ["MO", "TH"],
        "until": None,
        "count": 6,
    }
    written = client.post(
        "/api/v1/events", {**API_EVENT, "recurrence_rule": "FREQ=MONTHLY;BYDAY=2TU"}, content_type="application/json"
    )
    assert written.status_code == 201
    assert (written.json()["recurrence_rule"], written.json()["recurrence"]) == ("FREQ=MONTHLY;BYDAY=2TU", None)
    single = client.patch(
        f"/api/v1/events/{written.json()['id']}", {"recurrence": None}, content_type="application/json"
    )
    assert (single.json()["recurrence_rule"], single.json()["recurrence"]) == ("", None)


@pytest.mark.parametrize(
    ("recurrence_input", "field"),
    [
        ({"frequency": "HOURLY"}, "recurrence"),
        ({"frequency": "DAILY", "until": "2027-01-31", "count": 3}, "recurrence"),
        ({"frequency": "DAILY", "weekdays": ["MO"]}, "recurrence"),
        ({"frequency": "WEEKLY", "weekdays": ["XX"]}, "recurrence"),
        ({"frequency": "DAILY", "until": "2026-01-01"}, "recurrence"),  # before the start
        ({"frequency": "DAILY", "interval": 0}, "recurrence"),
        ({"frequency": "DAILY", "interval": 10000}, "recurrence"),
        ({"frequency": "DAILY", "count": 0}, "recurrence"),
        ({"frequency": "DAILY", "count": 10000}, "recurrence"),
        ({"frequency": "DAILY", "until": "2026-02-30"}, "recurrence"),
        ({"frequency": "DAILY", "until": "9999-12-31"}, "recurrence"),  # beyond the calendar's years
        ({"frequency": "DAILY", "interval": "every"}, "recurrence"),
    ],
)
def test_api_refuses_a_repetition_that_makes_no_sense(demo, recurrence_input, field):
    response = _api("operator.be").post(
        "/api/v1/events", {**API_EVENT, "recurrence": recurrence_input}, content_type="application/json"
    )
    assert response.status_code == 400, response.content
    assert {key.split(".")[0] for key in response.json()["errors"]} == {field}
    assert not Event.objects.exists()


def test_api_refuses_an_rrule_that_ends_beyond_the_calendars_years(demo):
    body = {**API_EVENT, "recurrence_rule": "FREQ=DAILY;UNTIL=99991231T235959Z"}
    response = _api("operator.be").post("/api/v1/events", body, content_type="application/json")
    assert response.status_code == 400
    assert "1900" in response.json()["errors"]["recurrence_rule"][0]  # in the operator's language


def test_api_refuses_both_ways_of_giving_the_repetition(demo):
    body = {**API_EVENT, "recurrence_rule": "FREQ=DAILY", "recurrence": {"frequency": "DAILY"}}
    response = _api("operator.be").post("/api/v1/events", body, content_type="application/json")
    assert response.status_code == 400
    assert "recurrence" in response.json()["errors"]


@pytest.fixture
def weekly_briefing(demo):
    """A briefing every Monday, without end, since 2026."""
    return EventFactory(
        title_en="Monday briefing",
        country=country("BE"),
        organiser=organisation("DAO"),
        starts_at=datetime(2026, 1, 5, 9, tzinfo=BRUSSELS),
        ends_at=datetime(2026, 1, 5, 10, tzinfo=BRUSSELS),
        recurrence_rule="FREQ=WEEKLY",
    )


@time_machine.travel(datetime(2026, 12, 5, 12, tzinfo=BRUSSELS), tick=False)
def test_a_series_without_an_end_shows_two_years_ahead_on_the_pages(weekly_briefing, login):
    client = login("operator.be", language="en")
    assert "Monday briefing" in client.get(reverse("events:index"), {"date": "2028-11-01"}).content.decode()
    assert "Monday briefing" not in client.get(reverse("events:index"), {"date": "2029-01-01"}).content.decode()
    assert "Monday briefing" not in client.get(reverse("events:week"), {"date": "2028-12-11"}).content.decode()
    listing = client.get(reverse("events:list"), {"from": "2026-12-05", "to": "2029-12-31"}).content.decode()
    # Every Monday from 7 December 2026 to 4 December 2028.
    assert listing.count("Monday briefing") == 105
    page = client.get(weekly_briefing.get_absolute_url()).content.decode()
    assert "no end: shown two years ahead" in page


@time_machine.travel(datetime(2026, 12, 5, 12, tzinfo=BRUSSELS), tick=False)
def test_a_series_without_an_end_ends_two_years_ahead_in_feeds_and_the_api(weekly_briefing, user):
    token = feed_token_get_or_create(user=user("operator.be"))
    feed = Calendar.from_ical(Client().get(reverse("events:feed", args=[token.key])).content)
    (vevent,) = feed.walk("VEVENT")
    until = vevent["RRULE"]["UNTIL"][0]
    assert until.date() == date(2028, 12, 4) and until.utcoffset().total_seconds() == 0
    download = Calendar.from_ical(login_get(user, reverse("events:ics", args=[weekly_briefing.pk])))
    assert download.walk("VEVENT")[0]["RRULE"]["UNTIL"] == vevent["RRULE"]["UNTIL"]
    client = _api("operator.be")
    assert client.get("/api/v1/events", {"from": "2028-11-01", "to": "2028-11-30"}).json()["count"] == 1
    assert client.get("/api/v1/events", {"from": "2029-01-01", "to": "2029-01-31"}).json()["count"] == 0


def login_get(user, path) -> bytes:
    client = Client()
    client.force_login(user("operator.be"), backend="apps.accounts.backends.ModelBackend")
    return client.get(path).content
