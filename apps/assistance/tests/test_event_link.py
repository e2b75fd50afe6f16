"""A request may name the calendar event it is for; the event's page lists the requests filed for it."""

import re

import pytest
from django.urls import reverse

from apps.assistance import services
from apps.assistance.models import AssistanceRequest
from apps.core.errors import ApplicationError
from apps.events.choices import Visibility
from apps.events.models import EventShare
from apps.events.tests.factories import EventFactory, country, organisation

from .test_api import BASE, DRAFT, api

pytestmark = pytest.mark.django_db


@pytest.fixture
def national_day(demo):
    return EventFactory(
        title_en="Luxembourg National Day", country=country("LU"), organiser=organisation("PGD"), place="Luxembourg"
    )


@pytest.fixture
def restricted_be_event(demo):
    return EventFactory(
        title_en="Briefing for Belgian services only",
        country=country("BE"),
        organiser=organisation("FEDPOL"),
        visibility=Visibility.ORGANISER_COUNTRY,
    )


def test_control_room_system_files_a_request_for_an_event_and_finds_it_by_event(national_day, reference_data):
    lu = api("operator.lu")
    response = lu.post(BASE, {**DRAFT, "event": national_day.pk}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["event"] == national_day.pk
    lu.post(BASE, {**DRAFT, "title": "Another"}, format="json")
    listed = lu.get(BASE, {"event": national_day.pk}).json()["results"]
    assert [item["title"] for item in listed] == ["Luxembourg national day"]


def test_operator_cannot_name_an_event_restricted_to_another_country(restricted_be_event, reference_data):
    response = api("operator.lu").post(BASE, {**DRAFT, "event": restricted_be_event.pk}, format="json")
    assert response.status_code == 400
    assert "event" in response.json()["errors"]
    assert not AssistanceRequest.objects.exists()


@pytest.mark.parametrize("value", ["abc", "-1", "0", "1.5"])
def test_malformed_event_filter_is_a_clear_400(demo, value):
    response = api("operator.lu").get(BASE, {"event": value})
    assert response.status_code == 400
    assert "event" in response.json()["errors"]


def test_service_refuses_an_event_the_filer_may_not_see(make_request, restricted_be_event):
    with pytest.raises(ApplicationError) as refused:
        make_request(by="operator.nl", event=restricted_be_event)
    assert "event" in refused.value.errors
    assert not AssistanceRequest.objects.exists()
    request = make_request(by="operator.nl")
    with pytest.raises(ApplicationError):
        services.request_update(request=request, actor=request.created_by, event=restricted_be_event)
    request.refresh_from_db()
    assert request.event_id is None


def test_request_page_links_the_event_only_for_those_who_may_see_it(make_request, restricted_be_event, login):
    request = make_request(by="operator.be", to=("NL",), status="submitted", event=restricted_be_event)
    url = request.get_absolute_url()
    assert restricted_be_event.get_absolute_url().encode() in login("operator.be", language="en").get(url).content
    seen_by_nl = login("operator.nl", language="en").get(url)
    assert seen_by_nl.status_code == 200
    assert restricted_be_event.get_absolute_url().encode() not in seen_by_nl.content
    assert b"Briefing for Belgian services only" not in seen_by_nl.content


def test_api_shows_a_restricted_event_only_to_its_country(make_request, restricted_be_event):
    request = make_request(by="operator.be", to=("NL",), status="submitted", event=restricted_be_event)
    for username, seen in [("operator.be", restricted_be_event.pk), ("operator.nl", None)]:
        client = api(username)
        assert client.get(f"{BASE}/{request.pk}").json()["event"] == seen, username
        (row,) = client.get(BASE).json()["results"]
        assert row["event"] == seen, username
        found = client.get(BASE, {"event": restricted_be_event.pk}).json()["results"]
        assert [item["id"] for item in found] == ([request.pk] if seen else []), username


def test_event_page_lists_the_requests_each_user_may_see(make_request, national_day, login, django_assert_num_queries):
    filed = [make_request(by="operator.nl", to=("BE",), status="submitted", event=national_day) for _ in range(3)]
    make_request(by="operator.nl", title="Draft for the national day", event=national_day)
    url = national_day.get_absolute_url()

    be = login("operator.be", language="en")
    be.get(url)
    with django_assert_num_queries(EVENT_PAGE_QUERIES):
        response = be.get(url)
    assert _shown(response) == [request.pk for request in reversed(filed)]  # newest first; NL's draft stays NL's
    assert b"File a request for this event" in response.content

    make_request(by="operator.nl", to=("BE",), status="submitted", event=national_day)
    with django_assert_num_queries(EVENT_PAGE_QUERIES_AFTER_A_CHANGE):  # one more request, shown at once
        assert len(_shown(be.get(url))) == 4

    lu = login("operator.lu", language="en").get(url)
    assert _shown(lu) == []
    assert b"No assistance or loan request has been filed for this event." in lu.content

    liaison = login("liaison.be", language="en").get(url)
    assert liaison.status_code == 200
    assert b"Assistance and loan requests" not in liaison.content
    assert b"File a request for this event" not in liaison.content


def _shown(response) -> list[int]:
    return [int(pk) for pk in re.findall(r'href="/assistance/(\d+)/"', response.content.decode())]


# The two-factor devices of these users without one (2): the session, the user with roles and organisation, the
# unread count and, until any request or event changes, the event page's body come from the cache.
EVENT_PAGE_QUERIES = 2
# After a change, the body is made again once: the event and the requests filed for it.
EVENT_PAGE_QUERIES_AFTER_A_CHANGE = 4


def test_operator_files_a_request_from_the_event_page(national_day, login, reference_data):
    client = login("operator.lu", language="en")
    form = client.get(reverse("assistance:create"), {"event": national_day.pk}).context["form"]
    assert form["event"].value() == str(national_day.pk)
    assert national_day in form.fields["event"].queryset
    nonsense = client.get(reverse("assistance:create"), {"event": "nonsense"})
    assert nonsense.status_code == 200
    assert nonsense.context["form"]["event"].value() is None


@pytest.fixture
def border_action(demo):
    """A Dutch operation at the Belgian border, shared with Belgium only."""
    event = EventFactory(
        title_en="Joint action at Hazeldonk",
        country=country("NL"),
        organiser=organisation("POLNL"),
        visibility=Visibility.PARTNERS,
    )
    EventShare.objects.create(event=event, country=country("BE"))
    return event


def test_a_request_links_an_event_shared_with_chosen_countries_for_those_countries_only(
    make_request, border_action, login, reference_data
):
    """Belgium (a chosen partner) sees the link; Luxembourg, asked for help too, sees the request but not the
    event, in the page, the list and the API; once Luxembourg is chosen as well, it sees it at once."""
    request = make_request(by="operator.nl", to=("BE", "LU"), status="submitted", event=border_action)
    link = border_action.get_absolute_url().encode()
    assert link in login("operator.be", language="en").get(request.get_absolute_url()).content
    luxembourg = login("operator.lu", language="en")
    page = luxembourg.get(request.get_absolute_url())
    assert page.status_code == 200 and link not in page.content
    assert [row["event"] for row in api("operator.lu").get(BASE).json()["results"]] == [None]
    assert [row["event"] for row in api("operator.be").get(BASE).json()["results"]] == [border_action.pk]
    assert not api("operator.lu").get(BASE, {"event": border_action.pk}).json()["results"]
    EventShare.objects.create(event=border_action, country=country("LU"))
    assert [row["event"] for row in api("operator.lu").get(BASE).json()["results"]] == [border_action.pk]
    assert link in luxembourg.get(request.get_absolute_url()).content
