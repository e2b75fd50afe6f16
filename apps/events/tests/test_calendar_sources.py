"""The calendar's extension point: another app's entries on the month, week and list pages and in the personal
feed, kept under that app's version, without events knowing the app (a source registered by the test)."""

from datetime import datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from apps.core.caching import Version
from apps.events import calendar_sources
from apps.events.calendar_sources import CalendarEntry, register_calendar_source
from apps.events.services import feed_token_get_or_create

from .factories import BRUSSELS

pytestmark = pytest.mark.django_db

BOARD = Version("test:board-meetings")
MONTH_QUERIES, CACHED_MONTH_QUERIES = 4, 2  # as in test_views.py: the source adds none for who sees none of it


class BoardMeetings:
    """A stand-in for another app: the board meets on the 15th; only chiefs see it (their scope says so)."""

    def __init__(self):
        self.title = "Board meeting"
        self.calls = 0

    def entries(self, *, user, start, end):
        self.calls += 1
        if self.scope(user) != "chief":
            return []
        moment = datetime(2026, 11, 15, 10, tzinfo=BRUSSELS)
        if moment + timedelta(hours=2) <= start or (end is not None and moment >= end):
            return []
        return [
            CalendarEntry(
                uid="board-1@test",
                title=self.title,
                starts_at=moment,
                ends_at=moment + timedelta(hours=2),
                url="/board/1/",
                label="Meeting",
                place="Brussels",
            )
        ]

    @staticmethod
    def scope(user) -> str:
        return "chief" if user.has_role("police_chief") else "none"


@pytest.fixture
def board(monkeypatch):
    source = BoardMeetings()
    monkeypatch.setattr(calendar_sources, "_sources", [])
    register_calendar_source(source.entries, scope=source.scope, versions=[BOARD])
    return source


@pytest.mark.parametrize(
    "url", ["/events/?date=2026-11-01", "/events/week/?date=2026-11-15", "/events/list/?from=2026-11-01&to=2026-11-30"]
)
def test_pages_show_another_apps_entries_to_those_its_scope_lets_see_them(demo, login, board, url):
    chief = login("chief.be", language="en").get(url).content.decode()
    assert 'href="/board/1/"' in chief and "Board meeting" in chief
    operator = login("operator.be", language="en").get(url).content.decode()
    assert "Board meeting" not in operator


def test_entries_keep_the_cached_hit_at_its_count_and_follow_their_version(
    demo, login, board, django_assert_num_queries
):
    client = login("chief.be", language="en")
    client.get(reverse("home"))
    with django_assert_num_queries(MONTH_QUERIES):
        client.get("/events/?date=2026-11-01")
    with django_assert_num_queries(CACHED_MONTH_QUERIES):
        assert "Board meeting" in client.get("/events/?date=2026-11-01").content.decode()
    board.title = "Board meeting, moved"
    BOARD.bump()  # the source's data changed: its version moves on
    assert "Board meeting, moved" in client.get("/events/?date=2026-11-01").content.decode()


def test_a_filtered_page_shows_events_only(demo, login, board):
    page = login("chief.be", language="en").get("/events/?date=2026-11-01&kind=summit").content.decode()
    assert "Board meeting" not in page


def test_personal_feed_carries_the_entries_of_its_owners_scope(demo, board):
    from apps.accounts.models import User

    chief = feed_token_get_or_create(user=User.objects.get(username="chief.be"))
    operator = feed_token_get_or_create(user=User.objects.get(username="operator.be"))
    feed = Calendar.from_ical(Client().get(reverse("events:feed", args=[chief.key])).content)
    entries = [component for component in feed.walk("VEVENT") if str(component["UID"]) == "board-1@test"]
    assert len(entries) == 1
    assert str(entries[0]["SUMMARY"]) == "Board meeting" and str(entries[0]["URL"]).endswith("/board/1/")
    assert str(entries[0]["CLASS"]) == "CONFIDENTIAL"
    other = Calendar.from_ical(Client().get(reverse("events:feed", args=[operator.key])).content)
    assert not [component for component in other.walk("VEVENT") if str(component["UID"]) == "board-1@test"]
    board.title = "Board meeting, moved"
    BOARD.bump()
    again = Calendar.from_ical(Client().get(reverse("events:feed", args=[chief.key])).content)
    assert "Board meeting, moved" in {str(component["SUMMARY"]) for component in again.walk("VEVENT")}
