"""iCalendar: the per-event download and the personal feed (secret URL, API with ?token= or a token header)."""

import gzip
import re
from datetime import datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from apps.accounts.choices import Role
from apps.accounts.services import user_upsert
from apps.accounts.tests.factories import api_token_for
from apps.events.caching import CALENDAR
from apps.events.models import Event
from apps.events.services import feed_token_get_or_create, feed_token_regenerate, feed_token_revoke

from .factories import BRUSSELS, EventFactory, country, organisation

pytestmark = pytest.mark.django_db

# The token's user, that user with roles and organisation (then cached as for a session), then the events.
FEED_QUERIES = 3
# Another user of the same country and language gets the cached feed: their token's user, their user.
CACHED_FEED_QUERIES = 2
# The same address again: only the token's user.
REPEATED_FEED_QUERIES = 1


def _parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def _summaries(calendar: Calendar) -> set[str]:
    return {str(component["SUMMARY"]) for component in calendar.walk("VEVENT")}


def _uids(calendar: Calendar) -> set[str]:
    return {str(component["UID"]) for component in calendar.walk("VEVENT")}


def _plain(page: bytes, key: str) -> str:
    """The 404 page without the things that differ between any two requests: the path and the CSRF token."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page.decode()).replace(key, "")


def _uid(event) -> str:
    return f"event-{event.pk}@events.benelux-police-portal"


@pytest.fixture
def kings_day(demo):
    return EventFactory(
        title_en="King's Day",
        country=country("NL"),
        organiser=organisation("POLNL"),
        starts_at=datetime(2026, 4, 27, 8, tzinfo=BRUSSELS),
        ends_at=datetime(2026, 4, 27, 23, tzinfo=BRUSSELS),
        time_zone="Europe/Amsterdam",
        recurrence_rule="FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=27",
    )


def test_event_downloads_as_ics_with_its_time_zone_and_rule(kings_day, login):
    response = login("operator.lu", language="en").get(reverse("events:ics", args=[kings_day.pk]))
    assert 'filename="event-' in response["Content-Disposition"]
    calendar = _parse(response)
    (vevent,) = calendar.walk("VEVENT")
    assert vevent["DTSTART"].dt == datetime(2026, 4, 27, 8, tzinfo=BRUSSELS)
    assert vevent["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert vevent["RRULE"]["FREQ"] == ["YEARLY"]
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    assert calendar.get_missing_tzids() == set()


def test_restricted_event_cannot_be_downloaded_by_another_country(restricted_nl_event, login):
    assert login("operator.be").get(reverse("events:ics", args=[restricted_nl_event.pk])).status_code == 404
    assert login("operator.nl").get(reverse("events:ics", args=[restricted_nl_event.pk])).status_code == 200


def test_personal_feed_parses_and_leaves_other_countries_restricted_events_out(
    kings_day, restricted_nl_event, user, django_assert_num_queries
):
    belgian = feed_token_get_or_create(user=user("operator.be"))
    dutch = feed_token_get_or_create(user=user("chief.nl"))
    with django_assert_num_queries(FEED_QUERIES):
        belgian_feed = _parse(Client().get(reverse("events:feed", args=[belgian.key])))
    dutch_feed = _parse(Client().get(reverse("events:feed", args=[dutch.key])))
    assert _uid(restricted_nl_event) not in _uids(belgian_feed)
    assert _uid(restricted_nl_event) in _uids(dutch_feed)
    assert _uids(belgian_feed) == {_uid(kings_day)}
    assert {str(tz["TZID"]) for tz in dutch_feed.walk("VTIMEZONE")} == {"Europe/Amsterdam", "Europe/Brussels"}
    assert dutch_feed.get_missing_tzids() == set()


def test_feed_runs_a_constant_number_of_queries(demo, user, django_assert_num_queries):
    start = timezone.now()
    Event.objects.bulk_create(
        Event(
            title_en=f"Bulk {index}",
            kind="festival",
            country=country("BE"),
            organiser=organisation("DAO"),
            place="Werchter",
            starts_at=start + timedelta(days=index),
            ends_at=start + timedelta(days=index, hours=5),
            recurrence_rule="FREQ=YEARLY" if index % 5 == 0 else "",
        )
        for index in range(300)
    )
    CALENDAR.bump()  # a write that sends no signal moves the calendar on itself
    token = feed_token_get_or_create(user=user("operator.lu"))
    with django_assert_num_queries(FEED_QUERIES):
        calendar = _parse(Client().get(reverse("events:feed", args=[token.key])))
    assert len(calendar.walk("VEVENT")) == 300
    with django_assert_num_queries(REPEATED_FEED_QUERIES):
        again = _parse(Client().get(reverse("events:feed", args=[token.key])))
    assert _uids(again) == _uids(calendar)
    # A colleague of the same country and language, who sees the same of the other apps' calendar sources (a police
    # chief would not: their feed carries the meetings of their consultation bodies).
    operator = user("operator.lu")
    other = user_upsert(
        username="operator2.lu",
        organisation=operator.organisation,
        roles=[Role.OPERATOR],
        password="not-used-in-this-test",
        preferred_language=operator.preferred_language,
    )
    colleague = feed_token_get_or_create(user=other)
    with django_assert_num_queries(CACHED_FEED_QUERIES):
        cached = _parse(Client().get(reverse("events:feed", args=[colleague.key])))
    assert len(cached.walk("VEVENT")) == 300


def test_calendar_program_that_accepts_gzip_gets_the_same_feed_compressed(kings_day, user):
    token = feed_token_get_or_create(user=user("operator.be"))
    plain = Client().get(reverse("events:feed", args=[token.key]))
    assert "Content-Encoding" not in plain and "Accept-Encoding" in plain["Vary"]
    for url in (reverse("events:feed", args=[token.key]), f"{reverse('events-api:feed')}?token={token.key}"):
        compressed = Client().get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
        assert compressed.status_code == 200 and compressed["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in compressed["Vary"]
        assert gzip.decompress(compressed.content) == plain.content
        assert len(compressed.content) < len(plain.content)
    assert _uids(_parse(plain)) == {_uid(kings_day)}


def test_feed_shows_a_change_at_once_despite_the_cache(kings_day, user):
    token = feed_token_get_or_create(user=user("operator.be"))
    url = reverse("events:feed", args=[token.key])
    assert len(_parse(Client().get(url)).walk("VEVENT")) == 1
    added = EventFactory(country=country("BE"), organiser=organisation("DAO"), starts_at=timezone.now())
    assert _uid(added) in _uids(_parse(Client().get(url)))
    added.delete()
    assert _uid(added) not in _uids(_parse(Client().get(url)))


def test_feed_leaves_out_events_that_ended_more_than_a_year_ago(demo, user):
    gone = EventFactory(starts_at=timezone.now() - timedelta(days=800))
    recent = EventFactory(starts_at=timezone.now() - timedelta(days=200))
    token = feed_token_get_or_create(user=user("operator.be"))
    assert _uids(_parse(Client().get(reverse("events:feed", args=[token.key])))) == {_uid(recent)}
    assert _uid(gone) not in _uids(_parse(Client().get(reverse("events:feed", args=[token.key]))))


def test_feed_speaks_its_owners_language(kings_day, user):
    token = feed_token_get_or_create(user=user("chief.be"))  # French
    kings_day.title_fr = "Fête du Roi"
    kings_day.save()
    assert _summaries(_parse(Client().get(reverse("events:feed", args=[token.key])))) == {"Fête du Roi"}


def test_revoked_and_unknown_feed_addresses_are_the_same_plain_404(demo, user):
    owner = user("operator.nl")
    old = feed_token_get_or_create(user=owner)
    new = feed_token_regenerate(user=owner)
    revoked = Client().get(reverse("events:feed", args=[old.key]))
    never = "x" * len(old.key)
    unknown = Client().get(reverse("events:feed", args=[never]))
    assert revoked.status_code == unknown.status_code == 404
    assert _plain(revoked.content, old.key) == _plain(unknown.content, never)
    assert Client().get(reverse("events:feed", args=[new.key])).status_code == 200
    feed_token_revoke(user=owner)
    assert Client().get(reverse("events:feed", args=[new.key])).status_code == 404


def test_feed_of_a_deactivated_or_deleted_user_stops_at_once(demo, user):
    owner = user("operator.nl")
    token = feed_token_get_or_create(user=owner)
    url = reverse("events:feed", args=[token.key])
    assert Client().get(url).status_code == 200
    owner.is_active = False
    owner.save()
    assert Client().get(url).status_code == 404
    assert Client().get("/api/v1/events.ics", {"token": token.key}).status_code == 404
    owner.is_active = True
    owner.save()
    assert Client().get(url).status_code == 200
    owner.delete()
    assert Client().get(url).status_code == 404


def test_api_feed_with_the_secret_or_an_api_token(kings_day, restricted_nl_event, user):
    secret = feed_token_get_or_create(user=user("operator.be"))
    by_secret = _parse(Client().get("/api/v1/events.ics", {"token": secret.key}))
    assert _uid(restricted_nl_event) not in _uids(by_secret)
    api_token = api_token_for(user("operator.nl"))
    by_header = _parse(Client(HTTP_AUTHORIZATION=f"Token {api_token}").get("/api/v1/events.ics"))
    assert _uid(restricted_nl_event) in _uids(by_header)


def test_api_feed_with_a_revoked_or_unknown_secret_is_the_same_404(demo, user):
    owner = user("operator.be")
    old = feed_token_get_or_create(user=owner)
    assert Client().get("/api/v1/events.ics", {"token": old.key}).status_code == 200
    feed_token_regenerate(user=owner)
    revoked = Client().get("/api/v1/events.ics", {"token": old.key})
    unknown = Client().get("/api/v1/events.ics", {"token": "never-existed"})
    assert revoked.status_code == unknown.status_code == 404
    assert revoked.content == unknown.content
    assert Client().get("/api/v1/events.ics").status_code == 401


def test_user_makes_regenerates_and_revokes_the_feed_on_its_page(demo, login):
    client = login("liaison.nl", language="en")
    page = client.get(reverse("events:feed_settings"))
    assert "You have no feed address yet" in page.content.decode()
    client.post(reverse("events:feed_settings"), {"action": "create"})
    first = client.get(reverse("events:feed_settings")).context["token"]
    assert first.key in client.get(reverse("events:feed_settings")).content.decode()
    client.post(reverse("events:feed_settings"), {"action": "regenerate"})
    second = client.get(reverse("events:feed_settings")).context["token"]
    assert second.key != first.key
    assert Client().get(reverse("events:feed", args=[first.key])).status_code == 404
    client.post(reverse("events:feed_settings"), {"action": "revoke"})
    assert client.get(reverse("events:feed_settings")).context["token"] is None
    assert Client().get(reverse("events:feed", args=[second.key])).status_code == 404


@pytest.mark.parametrize("accept", ["text/calendar", "text/calendar, */*;q=0.1", "application/json", "*/*", ""])
def test_calendar_program_gets_the_feed_whatever_it_accepts(kings_day, user, accept):
    secret = feed_token_get_or_create(user=user("operator.be"))
    response = Client().get("/api/v1/events.ics", {"token": secret.key}, HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert _uids(_parse(response)) == {_uid(kings_day)}
    refused = Client().get("/api/v1/events.ics", HTTP_ACCEPT=accept)
    assert refused.status_code == 401 and refused.json()["detail"]


def test_event_title_with_a_line_break_is_refused_and_never_reaches_a_feed(kings_day, user, login):
    """A line break in a title would end the iCalendar line early and write one of the user's choosing."""
    from apps.core.errors import ApplicationError
    from apps.events.services import event_update

    for title in ("King's Day\rX-INJECTED:1", "King's Day\r\nBEGIN:VEVENT", "King's Day\nEND:VCALENDAR", "A\x00B"):
        with pytest.raises(ApplicationError) as refused:
            event_update(event=kings_day, actor=user("secretariat"), title_en=title)
        assert "title_en" in refused.value.errors
    Event.objects.filter(pk=kings_day.pk).update(title_en="King's Day\rX-INJECTED:1", place="Dam\r\nSquare")
    CALENDAR.bump()  # a row written before the check, or by hand
    download = login("operator.lu", language="en").get(reverse("events:ics", args=[kings_day.pk]))
    assert download.status_code == 200
    assert b"\r\nX-INJECTED" not in download.content and b"\rX-INJECTED" not in download.content
    (vevent,) = _parse(download).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "King's Day X-INJECTED:1"
    assert str(vevent["LOCATION"]).startswith("Dam  Square")
    secret = feed_token_get_or_create(user=user("operator.be"))
    feed = Client().get(reverse("events:feed", args=[secret.key]))
    assert feed.status_code == 200 and b"\rX-INJECTED" not in feed.content and b"\nX-INJECTED" not in feed.content
