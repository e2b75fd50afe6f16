from datetime import datetime

import pytest

from apps.core import caching
from apps.events import bench as events_bench
from apps.events.caching import CALENDAR
from apps.events.models import TrainingRegistration
from apps.events.selectors import (
    event_get_for_user,
    event_list_visible_to,
    event_occurrences_between,
)

from .factories import BRUSSELS, EventFactory, country, organisation

pytestmark = pytest.mark.django_db


def test_restricted_event_is_visible_only_to_the_organisers_country(restricted_nl_event, user):
    assert restricted_nl_event in event_list_visible_to(user=user("operator.nl"))
    assert restricted_nl_event in event_list_visible_to(user=user("chief.nl"))
    for username in ["operator.be", "operator.lu", "admin"]:
        assert restricted_nl_event not in event_list_visible_to(user=user(username))
    # The Benelux secretariat, of no country, sees every country's events (issue 16).
    assert restricted_nl_event in event_list_visible_to(user=user("secretariat"))


def test_restricted_event_of_another_country_is_a_404(restricted_nl_event, user):
    from django.http import Http404

    with pytest.raises(Http404):
        event_get_for_user(user=user("operator.be"), pk=restricted_nl_event.pk)
    assert event_get_for_user(user=user("operator.nl"), pk=restricted_nl_event.pk) == restricted_nl_event


def test_user_without_organisation_sees_only_events_for_all_partners(restricted_nl_event):
    from apps.accounts.tests.factories import UserFactory

    shared = EventFactory(country=country("BE"), organiser=organisation("DAO"))
    assert list(event_list_visible_to(user=UserFactory(organisation=None))) == [shared]


def test_recurring_event_is_expanded_within_the_range(demo, user):
    kings_day = EventFactory(
        country=country("NL"),
        organiser=organisation("POLNL"),
        starts_at=datetime(2024, 4, 27, 8, tzinfo=BRUSSELS),
        ends_at=datetime(2024, 4, 28, 0, tzinfo=BRUSSELS),
        time_zone="Europe/Amsterdam",
        recurrence_rule="FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=27",
    )
    occurrences = event_occurrences_between(
        events=event_list_visible_to(user=user("operator.be")),
        start=datetime(2026, 4, 1, tzinfo=BRUSSELS),
        end=datetime(2026, 5, 1, tzinfo=BRUSSELS),
    )
    assert [(o.event, o.starts_at.isoformat()) for o in occurrences] == [(kings_day, "2026-04-27T08:00:00+02:00")]
    assert occurrences[0].local_dates(BRUSSELS) == [datetime(2026, 4, 27).date()]


def test_weekly_series_keeps_its_local_time_across_the_clock_change(demo, user):
    EventFactory(
        starts_at=datetime(2026, 10, 20, 9, tzinfo=BRUSSELS),
        ends_at=datetime(2026, 10, 20, 11, tzinfo=BRUSSELS),
        recurrence_rule="FREQ=WEEKLY;COUNT=3",
        recurrence_ends_at=datetime(2026, 11, 3, 11, tzinfo=BRUSSELS),
    )
    occurrences = event_occurrences_between(
        events=event_list_visible_to(user=user("operator.be")),
        start=datetime(2026, 10, 1, tzinfo=BRUSSELS),
        end=datetime(2026, 12, 1, tzinfo=BRUSSELS),
    )
    assert [o.starts_at.strftime("%d %H:%M %z") for o in occurrences] == [
        "20 09:00 +0200",
        "27 09:00 +0100",
        "03 09:00 +0100",
    ]


def test_events_outside_the_range_and_ended_series_are_left_out(demo, user):
    EventFactory(starts_at=datetime(2026, 9, 1, 9, tzinfo=BRUSSELS))
    EventFactory(
        starts_at=datetime(2020, 4, 27, 9, tzinfo=BRUSSELS),
        recurrence_rule="FREQ=YEARLY;COUNT=2",
        recurrence_ends_at=datetime(2021, 4, 27, 15, tzinfo=BRUSSELS),
    )
    multi_day = EventFactory(
        starts_at=datetime(2026, 10, 30, 9, tzinfo=BRUSSELS), ends_at=datetime(2026, 11, 2, 18, tzinfo=BRUSSELS)
    )
    occurrences = event_occurrences_between(
        events=event_list_visible_to(user=user("operator.be")),
        start=datetime(2026, 11, 1, tzinfo=BRUSSELS),
        end=datetime(2026, 12, 1, tzinfo=BRUSSELS),
    )
    assert [o.event for o in occurrences] == [multi_day]
    assert len(occurrences[0].local_dates(BRUSSELS)) == 4


def test_occurrences_take_one_query_whatever_the_number_of_events(demo, user, django_assert_num_queries):
    for day in range(1, 29):
        EventFactory(starts_at=datetime(2026, 11, day, 9, tzinfo=BRUSSELS))
        EventFactory(starts_at=datetime(2025, 11, day, 9, tzinfo=BRUSSELS), recurrence_rule="FREQ=YEARLY")
    viewer = user("operator.be")
    with django_assert_num_queries(1):
        occurrences = event_occurrences_between(
            events=event_list_visible_to(user=viewer),
            start=datetime(2026, 11, 1, tzinfo=BRUSSELS),
            end=datetime(2026, 12, 1, tzinfo=BRUSSELS),
        )
        assert len(occurrences) == 56
        assert {o.event.organiser.country.code for o in occurrences} == {"BE"}


def _calendar() -> int:
    """The calendar's current number, as a cached page reads it."""
    return caching.lookup("test:calendar", [CALENDAR]).stamps[0]


def test_the_calendar_moves_on_with_every_saved_or_deleted_event_registration_organisation_or_country(demo):
    """The cached pages, feeds and API lists are kept under the calendar's version: a change of anything they
    show makes them obsolete at once."""
    seen = [_calendar()]

    def moved() -> bool:
        seen.append(_calendar())
        return seen[-1] not in seen[:-1]

    event = EventFactory(country=country("BE"), organiser=organisation("DAO"))
    assert moved()
    event.title_en = "Renamed"
    event.save()
    assert moved()
    registration = TrainingRegistration.objects.create(event=event, country=country("NL"), participants=3)
    assert moved()
    registration.delete()
    assert moved()
    dao = organisation("DAO")
    dao.name_en = "Renamed control room"
    dao.save()
    assert moved()
    luxembourg = country("LU")
    luxembourg.name_en = "Luxemburg"
    luxembourg.save()
    assert moved()
    event.delete()
    assert moved()
    assert _calendar() == seen[-1]  # reading changes nothing


def test_events_generated_in_bulk_for_the_bench_move_the_calendar_on(demo):
    """``bulk_create`` sends no signal: the generator moves the calendar on itself."""
    before = _calendar()
    events_bench.generate(scale=0.0001, seed=1, log=lambda message: None)
    assert _calendar() != before
