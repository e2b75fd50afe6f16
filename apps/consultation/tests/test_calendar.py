"""The meetings of one's bodies in the event calendar (pages and personal feed) and as an .ics of their own."""

from datetime import datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from apps.consultation import services
from apps.events.services import feed_token_get_or_create

from .factories import BRUSSELS, make_meeting, user

pytestmark = pytest.mark.django_db

NOVEMBER = datetime(2026, 11, 24, 14, 0, tzinfo=BRUSSELS)
# As apps/events/tests/test_views.py pins them: the month on a miss (two-factor devices, the events, the filter's
# countries) and from the cache; a member's miss reads their bodies' meetings too.
MONTH_QUERIES, CACHED_MONTH_QUERIES = 4, 2


def _uids(response) -> set[str]:
    return {str(component["UID"]) for component in Calendar.from_ical(response.content).walk("VEVENT")}


def test_members_see_their_bodies_meetings_on_the_calendar_pages(sop, hazeldonk, login):
    meeting = make_meeting(sop, starts_at=NOVEMBER)
    other = make_meeting(hazeldonk, starts_at=NOVEMBER + timedelta(days=1))
    for url in (
        "/events/?date=2026-11-01",
        "/events/week/?date=2026-11-23",
        "/events/list/?from=2026-11-01&to=2026-11-30",
    ):
        chief = login("chief.be", language="en").get(url).content.decode()
        assert f'href="{meeting.get_absolute_url()}"' in chief and "Strategic Consultation Police (SOP)" in chief
        assert other.get_absolute_url() not in chief  # Belgium is no member of the Hazeldonk consultation here
        operator = login("operator.be", language="en").get(url).content.decode()
        assert meeting.get_absolute_url() not in operator
        secretariat = login("secretariat", language="en").get(url).content.decode()
        assert meeting.get_absolute_url() in secretariat and other.get_absolute_url() in secretariat


def test_calendar_page_follows_a_changed_meeting_and_keeps_its_cached_count(sop, login, django_assert_num_queries):
    meeting = make_meeting(sop, starts_at=NOVEMBER)
    client = login("chief.be", language="en")
    client.get(reverse("home"))
    with django_assert_num_queries(MONTH_QUERIES + 1):  # the meetings of the chief's bodies
        client.get("/events/?date=2026-11-01")
    with django_assert_num_queries(CACHED_MONTH_QUERIES):
        client.get("/events/?date=2026-11-01")
    services.meeting_update(meeting=meeting, actor=user("secretariat"), place="Château de Senningen, Luxembourg")
    services.meeting_update(
        meeting=meeting,
        actor=user("secretariat"),
        starts_at=NOVEMBER + timedelta(days=2),
        ends_at=NOVEMBER + timedelta(days=2, hours=3),
    )
    page = client.get("/events/list/?from=2026-11-01&to=2026-11-30").content.decode()
    assert "Thu 26 Nov 2026, 14:00" in page and "Château de Senningen" in page


def test_personal_feed_carries_the_meetings_of_the_owners_bodies(sop, hazeldonk):
    meeting = make_meeting(sop, starts_at=NOVEMBER)
    make_meeting(hazeldonk, starts_at=NOVEMBER)
    uid = f"meeting-{meeting.pk}@consultation.benelux-police-portal"
    chief = feed_token_get_or_create(user=user("chief.lu"))
    assert uid in _uids(Client().get(reverse("events:feed", args=[chief.key])))
    operator = feed_token_get_or_create(user=user("operator.lu"))
    assert uid not in _uids(Client().get(reverse("events:feed", args=[operator.key])))
    services.meeting_update(meeting=meeting, actor=user("secretariat"), place="Schengen")
    feed = Calendar.from_ical(Client().get(reverse("events:feed", args=[chief.key])).content)
    (entry,) = [component for component in feed.walk("VEVENT") if str(component["UID"]) == uid]
    assert str(entry["LOCATION"]) == "Schengen"
    assert str(entry["URL"]).endswith(meeting.get_absolute_url())


def test_a_meeting_downloads_as_ics_for_those_who_see_it(sop, login):
    meeting = make_meeting(sop, starts_at=NOVEMBER, place="Benelux Secretariat-General, Brussels")
    url = reverse("consultation:meeting_ics", args=[meeting.pk])
    response = login("chief.nl", language="en").get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert f'filename="meeting-{meeting.pk}.ics"' in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    (entry,) = calendar.walk("VEVENT")
    assert str(entry["SUMMARY"]) == "Strategic Consultation Police (SOP)"
    assert entry.decoded("DTSTART").isoformat() == "2026-11-24T14:00:00+01:00"
    assert calendar.walk("VTIMEZONE")  # the time zone travels with it
    assert login("operator.nl").get(url).status_code == 404
    assert Client().get(url).status_code == 302


def test_a_digital_meeting_without_a_place_is_in_the_feed_and_its_ics_with_its_format_as_location(sop, login):
    meeting = make_meeting(sop, starts_at=NOVEMBER, format="online", place="", online_link="https://meet.example/sop")
    uid = f"meeting-{meeting.pk}@consultation.benelux-police-portal"
    chief = feed_token_get_or_create(user=user("chief.lu"))
    response = Client().get(reverse("events:feed", args=[chief.key]))
    assert response.status_code == 200
    (entry,) = [
        component for component in Calendar.from_ical(response.content).walk("VEVENT") if str(component["UID"]) == uid
    ]
    assert str(entry["LOCATION"]) in {"Digitaal", "Numérique", "Digital"}  # in the feed owner's language
    download = login("chief.lu", language="en").get(reverse("consultation:meeting_ics", args=[meeting.pk]))
    assert download.status_code == 200
    (entry,) = Calendar.from_ical(download.content).walk("VEVENT")
    assert str(entry["LOCATION"]) == "Digital"
