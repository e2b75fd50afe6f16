import re
from datetime import date, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import Country, User
from apps.events.caching import CALENDAR
from apps.events.models import Event, TrainingRegistration

from .factories import BRUSSELS, EventFactory, country, organisation

pytestmark = pytest.mark.django_db

# Two-factor devices (2) (the session, the user with roles and organisation and the unread count of the badge come
# from the cache); and when the month is not cached yet, the events and the filter's countries.
MONTH_QUERIES = 4
CACHED_MONTH_QUERIES = 2
# The list's body is cached as the month's is: the same queries.
CACHED_LIST_QUERIES = 2
LIST_QUERIES = 4
# Two-factor devices (2): the event page's body comes from the cache until the calendar or the assistance data
# change (apps/assistance/tests/test_event_link.py), for roles that see requests and for those that see none.
DETAIL_QUERIES = 2


def _month_events(count: int, month: date) -> None:
    """``count`` events spread over the month, a few of them recurring or restricted, with other months around."""
    organisers = [organisation("DAO"), organisation("LOCC"), organisation("CIN")]
    countries = [country("BE"), country("NL"), country("LU")]
    events = []
    for index in range(count):
        start = datetime(month.year, month.month, 1 + index % 28, 8 + index % 10, tzinfo=BRUSSELS)
        events.append(
            Event(
                title_en=f"Bulk event {index}",
                kind="sports",
                country=countries[index % 3],
                organiser=organisers[index % 3],
                place="Somewhere",
                starts_at=start,
                ends_at=start + timedelta(hours=3),
                visibility="country" if index % 7 == 0 else "all",
                recurrence_rule="FREQ=MONTHLY" if index % 10 == 0 else "",
            )
        )
    Event.objects.bulk_create(events)
    CALENDAR.bump()  # a write that sends no signal moves the calendar on itself


@pytest.mark.parametrize("url", ["/events/", "/events/week/", "/events/list/", "/events/new/", "/events/feed/"])
def test_anonymous_visitor_is_sent_to_log_in(url):
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_operator_sees_the_month_with_events_and_navigation(demo, login):
    EventFactory(title_en="Farmers at Schuman", starts_at=datetime(2026, 11, 25, 10, tzinfo=BRUSSELS))
    client = login("operator.be", language="en")
    response = client.get(reverse("events:index"), {"date": "2026-11-01"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Farmers at Schuman" in body
    assert "November 2026" in body
    assert 'href="?date=2026-10-01"' in body and 'href="?date=2026-12-01"' in body
    assert 'rel="prev"' in body and 'rel="next"' in body


def test_month_view_runs_a_constant_number_of_queries(demo, login, django_assert_num_queries):
    client = login("operator.be", language="en")
    month = timezone.localdate()
    _month_events(20, month)
    client.get(reverse("home"))  # from here on, the session's user comes from the cache
    with django_assert_num_queries(MONTH_QUERIES):
        client.get(reverse("events:index"))
    with django_assert_num_queries(CACHED_MONTH_QUERIES):
        client.get(reverse("events:index"))
    _month_events(600, month)
    with django_assert_num_queries(MONTH_QUERIES):
        first = client.get(reverse("events:index")).content.decode()
    with django_assert_num_queries(CACHED_MONTH_QUERIES):
        again = client.get(reverse("events:index")).content.decode()
    assert _grid_of(first) == _grid_of(again)
    assert first.count('class="cal-event ') > 500
    with django_assert_num_queries(MONTH_QUERIES + 1):  # the country filter's value is looked up
        response = client.get(reverse("events:index"), {"country": "NL", "kind": "sports"})
    assert response.status_code == 200
    assert "Bulk event 1<" in response.content.decode()


def _grid_of(page: str) -> str:
    return page[page.index('<table class="cal-month">') :]


def test_month_view_shows_a_change_at_once_despite_the_cache(demo, login):
    client = login("operator.be", language="en")
    assert "Freshly added" not in client.get("/events/", {"date": "2026-11-01"}).content.decode()
    EventFactory(title_en="Freshly added")
    assert "Freshly added" in client.get("/events/", {"date": "2026-11-01"}).content.decode()
    Event.objects.filter(title_en="Freshly added").update(title_en="Renamed", updated_at=timezone.now())
    CALENDAR.bump()  # a write that sends no signal moves the calendar on itself
    body = client.get("/events/", {"date": "2026-11-01"}).content.decode()
    assert "Renamed" in body and "Freshly added" not in body


def test_cached_month_is_not_shared_with_another_country(restricted_nl_event, login):
    url = "/events/?date=2026-11-01"
    assert "Closed NL operation" in login("operator.nl", language="en").get(url).content.decode()
    assert "Closed NL operation" not in login("operator.be", language="en").get(url).content.decode()


def test_month_view_keeps_restricted_events_of_other_countries_out(restricted_nl_event, login):
    url = "/events/?date=2026-11-01"
    assert "Closed NL operation" not in login("operator.be", language="en").get(url).content.decode()
    assert "Closed NL operation" in login("operator.nl", language="en").get(url).content.decode()


def test_filters_narrow_the_month_and_keep_to_navigation(demo, login):
    EventFactory(title_en="Summit", kind="summit", country=country("BE"), assistance_expected=True)
    EventFactory(title_en="Concert in Ahoy", kind="concert", country=country("NL"))
    client = login("chief.lu", language="en")
    body = client.get("/events/", {"date": "2026-11-01", "kind": "summit", "assistance": "true"}).content.decode()
    assert "Summit" in body and "Concert in Ahoy" not in body
    assert "date=2026-12-01&amp;kind=summit&amp;assistance=true" in body
    assert "Clear filters" in body


def test_bad_filter_value_is_reported_not_an_error(demo, login):
    response = login("chief.lu", language="en").get("/events/", {"country": "XX", "date": "garbage"})
    assert response.status_code == 200
    assert "Some filters were not understood" in response.content.decode()


def test_bad_filter_is_reported_again_when_the_page_comes_from_the_cache(demo, login, django_assert_num_queries):
    client = login("chief.lu", language="en")
    first = client.get("/events/week/", {"country": "XX", "date": "2026-11-23"})
    with django_assert_num_queries(CACHED_MONTH_QUERIES):
        again = client.get("/events/week/", {"date": "2026-11-23", "country": "XX"})
    for response in (first, again):
        assert response.status_code == 200
        assert "Some filters were not understood" in response.content.decode()
    assert "Some filters were not understood" not in client.get("/events/week/").content.decode()


def test_empty_month_explains_itself(demo, login):
    body = login("operator.lu", language="en").get("/events/", {"date": "2030-02-01"}).content.decode()
    assert "No events this month" in body


def test_week_and_list_views_show_recurring_occurrences(demo, login, django_assert_num_queries):
    EventFactory(
        title_en="King's Day",
        country=country("NL"),
        starts_at=datetime(2024, 4, 27, 8, tzinfo=BRUSSELS),
        ends_at=datetime(2024, 4, 27, 23, tzinfo=BRUSSELS),
        recurrence_rule="FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=27",
    )
    client = login("operator.be", language="en")
    week = client.get(reverse("events:week"), {"date": "2027-04-27"}).content.decode()
    assert "King&#x27;s Day" in week
    period = {"from": "2026-01-01", "to": "2028-12-31"}
    with django_assert_num_queries(LIST_QUERIES):
        listing = client.get(reverse("events:list"), period).content.decode()
    assert listing.count("King&#x27;s Day") == 3
    with django_assert_num_queries(CACHED_LIST_QUERIES):
        again = client.get(reverse("events:list"), period).content.decode()
    assert again.count("King&#x27;s Day") == 3


def test_list_shows_a_change_to_an_event_at_once_despite_its_cache(demo, login):
    event = EventFactory(
        title_en="Carnival",
        country=country("BE"),
        starts_at=datetime(2027, 2, 7, 14, tzinfo=BRUSSELS),
        ends_at=datetime(2027, 2, 7, 18, tzinfo=BRUSSELS),
    )
    client = login("operator.be", language="en")
    period = {"from": "2027-02-01", "to": "2027-02-28"}
    assert "Carnival" in client.get(reverse("events:list"), period).content.decode()
    event.title_en = "Carnival of Binche"
    event.save()
    assert "Carnival of Binche" in client.get(reverse("events:list"), period).content.decode()
    other = login("operator.nl", language="en").get(reverse("events:list"), period).content.decode()
    assert "Carnival of Binche" in other


def test_event_page_for_those_who_may_see_it(restricted_nl_event, login, django_assert_num_queries):
    url = restricted_nl_event.get_absolute_url()
    assert login("operator.be").get(url).status_code == 404
    client = login("operator.nl", language="en")
    client.get(url)
    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    assert "Restricted" in response.content.decode()


# Every role runs a fixed number of queries, the same on the calendar pages and on the event page.
ROLES = ["admin", "secretariat", "chief.be", "operator.be", "liaison.be", "liaison.nl"]


@pytest.mark.parametrize("username", ROLES)
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/events/?date=2026-11-01", CACHED_MONTH_QUERIES),
        ("/events/week/?date=2026-11-23", CACHED_MONTH_QUERIES),
        ("/events/list/?from=2026-11-01&to=2026-11-30", CACHED_LIST_QUERIES),
        ("detail", DETAIL_QUERIES),
        ("training", DETAIL_QUERIES),
    ],
)
def test_every_role_runs_a_fixed_number_of_queries(demo, login, django_assert_num_queries, username, url, queries):
    event = EventFactory(country=country("BE"), organiser=organisation("DAO"))
    training = EventFactory(kind="training", country=country("NL"), organiser=organisation("LOCC"))
    if url in ("detail", "training"):
        url = (event if url == "detail" else training).get_absolute_url()
    client = login(username, language="en")
    client.get(url)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


def _form(**overrides):
    data = {
        "title_en": "European Council summit",
        "kind": "summit",
        "country": "BE",
        "place_en": "Europa building, Rue de la Loi 155, Brussels",
        "starts_at": "2026-12-17T08:00",
        "ends_at": "2026-12-18T20:00",
        "time_zone": "Europe/Brussels",
        "expected_attendance": "3000",
        "risk_level": "high",
        "assistance_expected": "on",
        "visibility": "all",
    }
    data.update(overrides)
    return data


def test_operator_adds_an_event_through_the_form(demo, login):
    client = login("operator.be", language="en")
    response = client.post(reverse("events:create"), _form())
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == event.get_absolute_url()
    assert event.starts_at == datetime(2026, 12, 17, 8, tzinfo=BRUSSELS)
    assert event.organiser == organisation("DAO")
    assert event.assistance_expected


def test_operator_gives_the_place_in_each_language_and_readers_see_theirs(demo, login):
    places = {"place_nl": "Europagebouw, Brussel", "place_fr": "Bâtiment Europa, Bruxelles", "place_en": ""}
    login("operator.be", language="en").post(reverse("events:create"), _form(**places))
    event = Event.objects.get()
    assert (event.place_nl, event.place_fr, event.place_de, event.place_en) == (
        "Europagebouw, Brussel",
        "Bâtiment Europa, Bruxelles",
        None,
        None,
    )
    page = login("operator.lu", language="fr").get(event.get_absolute_url()).content.decode()
    assert "Bâtiment Europa, Bruxelles" in page
    # The edit page shows each language's place in its own field.
    form = login("operator.be", language="en").get(reverse("events:edit", args=[event.pk])).content.decode()
    assert 'name="place_nl" value="Europagebouw, Brussel"' in form
    assert 'name="place_fr" value="Bâtiment Europa, Bruxelles"' in form


def test_form_reads_times_in_the_events_time_zone(demo, login):
    login("operator.lu").post(reverse("events:create"), _form(time_zone="Europe/Luxembourg", country="LU"))
    assert Event.objects.get().starts_at.isoformat() == "2026-12-17T07:00:00+00:00"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ends_at": "2026-12-16T08:00"}, "The event must end after it starts."),
        ({"repeat": "SOMETIMES"}, "Select a valid choice. SOMETIMES is not one of the available choices."),
        ({"repeat": "WEEKLY", "repeat_end": "count"}, "Give the number of times."),
        ({"repeat": "DAILY", "repeat_end": "until", "repeat_until": "2026-12-01"}, "before the event&#x27;s start"),
        ({"repeat": "DAILY", "repeat_interval": "0"}, "Repeat at least every 1."),
        ({"expected_attendance": "-10"}, "The expected attendance cannot be below zero."),
        ({"country": "XX"}, "Unknown country: choose one of the list."),
        ({"title_en": ""}, "Give the title in at least one language."),
        ({"starts_at": "yesterday"}, "Enter a valid date/time."),
        ({"place_en": " "}, "Give the place in at least one language."),
        ({"place_fr": "Bruxelles\r\nX-INJECTED:1"}, "control characters"),
    ],
)
def test_bad_input_gives_a_clear_message_and_saves_nothing(demo, login, overrides, message):
    response = login("operator.be", language="en").post(reverse("events:create"), _form(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Event.objects.exists()


def test_user_who_may_not_add_gets_403(demo, login):
    from apps.accounts.tests.factories import UserFactory

    stranger = UserFactory(organisation=None)
    client = Client()
    client.force_login(stranger)
    assert client.get(reverse("events:create")).status_code == 403


def test_organiser_edits_and_others_cannot(demo, login):
    login("operator.be").post(reverse("events:create"), _form())
    event = Event.objects.get()
    edit_url = reverse("events:edit", args=[event.pk])
    assert login("operator.nl").get(edit_url).status_code == 403
    form = login("operator.be", language="en").get(edit_url)
    assert 'value="2026-12-17T08:00"' in form.content.decode()
    response = login("secretariat").post(edit_url, _form(expected_attendance="4500"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.expected_attendance == 4500
    assert event.history.count() == 2


def test_organiser_removes_an_event(demo, login):
    login("operator.be").post(reverse("events:create"), _form())
    event = Event.objects.get()
    assert login("operator.nl").post(reverse("events:delete", args=[event.pk])).status_code == 403
    assert login("operator.be").post(reverse("events:delete", args=[event.pk])).status_code == 302
    assert not Event.objects.exists()


def test_countries_register_for_a_joint_training_on_its_page(demo, login):
    login("operator.nl").post(reverse("events:create"), _form(kind="training", country="NL"))
    training = Event.objects.get()
    client = login("operator.be", language="en")
    page = client.get(training.get_absolute_url()).content.decode()
    assert "Register your country" in page
    bad = client.post(reverse("events:register", args=[training.pk]), {"participants": "0", "contact_name": ""})
    assert bad.status_code == 400
    assert "Register at least one participant." in bad.content.decode()
    assert not TrainingRegistration.objects.exists()
    registration = {"participants": "5", "contact_name": "Inspecteur Claes"}
    client.post(reverse("events:register", args=[training.pk]), registration)
    assert TrainingRegistration.objects.get().country.code == "BE"
    page = client.get(training.get_absolute_url()).content.decode()
    assert "Inspecteur Claes" in page
    client.post(reverse("events:register", args=[training.pk]), {"cancel": "1"})
    assert not TrainingRegistration.objects.exists()


def test_event_page_shows_a_registration_and_a_change_at_once_despite_the_cache(demo, login):
    training = EventFactory(kind="training", country=country("NL"), organiser=organisation("LOCC"))
    dutch = login("operator.nl", language="en")
    belgian = login("operator.be", language="en")
    assert "No country has registered participants yet." in dutch.get(training.get_absolute_url()).content.decode()
    belgian.post(reverse("events:register", args=[training.pk]), {"participants": "5", "contact_name": "Insp. Claes"})
    page = dutch.get(training.get_absolute_url()).content.decode()
    assert "Insp. Claes" in page and "Register your country" in page  # the Belgian registration, the Dutch form
    assert 'value="5"' in belgian.get(training.get_absolute_url()).content.decode()  # their own, in their form
    registration = TrainingRegistration.objects.get()
    registration.contact_name = "Insp. Peeters"
    registration.save()
    assert "Insp. Peeters" in dutch.get(training.get_absolute_url()).content.decode()
    training.title_en = "Joint riot training at Amersfoort"
    training.save()
    assert "Joint riot training at Amersfoort" in dutch.get(training.get_absolute_url()).content.decode()
    url = training.get_absolute_url()
    training.delete()
    assert dutch.get(url).status_code == 404


def test_each_user_gets_their_own_registration_form_with_a_token_that_works(demo, login):
    """The event page's body is cached per user: the contact is theirs, and the CSRF token each request's."""
    training = EventFactory(kind="training", country=country("NL"), organiser=organisation("LOCC"))
    dutch = login("operator.nl", language="en")
    belgian = login("operator.be", language="en")
    dutch_page = dutch.get(training.get_absolute_url()).content.decode()
    belgian_page = belgian.get(training.get_absolute_url()).content.decode()
    dutch_name = User.objects.get(username="operator.nl").get_full_name()
    belgian_name = User.objects.get(username="operator.be").get_full_name()
    assert f'value="{dutch_name}"' in dutch_page and f'value="{belgian_name}"' not in dutch_page
    assert f'value="{belgian_name}"' in belgian_page and "Withdraw the registration" not in belgian_page
    token = re.search(
        r'action="[^"]*/register/"[^>]*>\s*<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"',
        belgian_page,
    ).group(1)
    # One masked token for all the page's forms, another for the next page.
    assert set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', belgian_page)) == {token}
    assert token not in belgian.get(training.get_absolute_url()).content.decode()
    checking = Client(enforce_csrf_checks=True)
    checking.cookies = belgian.cookies
    answer = checking.post(
        reverse("events:register", args=[training.pk]),
        {"participants": "7", "contact_name": "Insp. Claes", "csrfmiddlewaretoken": token},
    )
    assert answer.status_code == 302
    again = belgian.get(training.get_absolute_url()).content.decode()
    assert 'value="7"' in again and "Withdraw the registration" in again


def test_cached_event_page_is_not_shown_to_another_country(restricted_nl_event, login):
    url = restricted_nl_event.get_absolute_url()
    assert login("operator.nl", language="en").get(url).status_code == 200
    assert login("operator.be", language="en").get(url).status_code == 404
    assert login("operator.nl", language="en").get("/events/999999/").status_code == 404


def test_registration_is_refused_for_an_event_that_is_no_training(demo, login):
    event = EventFactory(kind="summit")
    response = login("operator.be").post(
        reverse("events:register", args=[event.pk]), {"participants": "5", "contact_name": "X"}
    )
    assert response.status_code == 403


def test_month_shows_a_multi_day_event_on_each_day_with_its_time_on_the_first(demo, login):
    EventFactory(
        title_en="European Council",
        starts_at=datetime(2026, 12, 17, 9, tzinfo=BRUSSELS),
        ends_at=datetime(2026, 12, 18, 20, tzinfo=BRUSSELS),
    )
    body = login("operator.nl", language="en").get("/events/", {"date": "2026-12-01"}).content.decode()
    assert body.count("European Council") == 2
    assert body.count("09:00") == 1
    assert "continued:" in body


def test_admin_manages_events_and_sees_their_history(demo, login):
    from .factories import CalendarFeedTokenFactory, TrainingRegistrationFactory

    event = EventFactory(kind="training")
    TrainingRegistrationFactory(event=event, country=country("NL"))
    token = CalendarFeedTokenFactory(user=event.organiser.members.first() or _any_user())
    client = login("admin")
    for url in [
        "/admin/events/event/",
        f"/admin/events/event/{event.pk}/change/",
        f"/admin/events/event/{event.pk}/history/",
        "/admin/events/calendarfeedtoken/",
        f"/admin/events/calendarfeedtoken/{token.pk}/change/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert token.key not in client.get(f"/admin/events/calendarfeedtoken/{token.pk}/change/").content.decode()


def _any_user():
    from apps.accounts.models import User

    return User.objects.get(username="operator.be")


def test_cached_calendar_follows_countries_and_the_right_to_add(demo, login):
    operator = login("operator.be", language="en")
    reader = login("admin", language="en")  # an administrator of the secretariat, who adds no events
    assert "Add an event" in operator.get("/events/").content.decode()
    assert "Add an event" not in reader.get("/events/").content.decode()
    assert "Add an event" in operator.get("/events/").content.decode()
    assert ">Luxembourg<" in reader.get("/events/").content.decode()
    luxembourg = Country.objects.get(code="LU")
    luxembourg.name_en = "Grand Duchy of Luxembourg"
    luxembourg.save()
    body = reader.get("/events/").content.decode()
    assert ">Grand Duchy of Luxembourg<" in body and ">Luxembourg<" not in body


def test_event_page_links_to_who_covers_its_country(demo, login):
    event = EventFactory(country=country("DE"))
    body = login("operator.be", language="en").get(reverse("events:detail", args=[event.pk])).content.decode()
    assert f'href="{reverse("liaison:coverage", args=["DE"])}"' in body
