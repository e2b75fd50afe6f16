"""An event shared with chosen partner countries (a Dutch operation at the Belgian border, for Belgium and the
Netherlands only): its pages, feeds and API follow the choice, and a change of the choice shows at once."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from apps.accounts.tests.factories import api_token_for
from apps.core.errors import ApplicationError
from apps.events.models import Event, EventShare
from apps.events.selectors import event_list_visible_to
from apps.events.services import event_create, event_update, feed_token_get_or_create

from .factories import country

pytestmark = pytest.mark.django_db

EVERYONE = ["operator.be", "operator.nl", "operator.lu", "chief.lu", "secretariat"]


@pytest.fixture
def border_action(event_data, user):
    """The Dutch police's action at Hazeldonk, shared with Belgium."""
    return event_create(
        actor=user("operator.nl"),
        **event_data(
            title_en="Joint action at Hazeldonk",
            country=country("NL"),
            place="Hazeldonk border crossing, Breda",
            time_zone="Europe/Amsterdam",
            visibility="partners",
            shared_with=[country("BE")],
        ),
    )


def _who_sees(event, user) -> set[str]:
    return {name for name in EVERYONE if event_list_visible_to(user=user(name)).filter(pk=event.pk).exists()}


def test_an_event_shared_with_belgium_is_seen_in_the_netherlands_and_belgium_only(border_action, user):
    # The secretariat, a body of the three countries, sees every country's events.
    assert _who_sees(border_action, user) == {"operator.be", "operator.nl", "secretariat"}
    assert list(border_action.shared_with.values_list("code", flat=True)) == ["BE"]


def test_a_partner_country_added_later_sees_it_and_one_removed_no_longer_does(border_action, user):
    event_update(event=border_action, actor=user("operator.nl"), shared_with=[country("BE"), country("LU")])
    assert _who_sees(border_action, user) == set(EVERYONE)
    event_update(event=border_action, actor=user("operator.nl"), shared_with=[country("LU")])
    assert _who_sees(border_action, user) == {"operator.nl", "operator.lu", "chief.lu", "secretariat"}
    assert EventShare.history.filter(history_type="-").count() == 1  # the audit history keeps who removed Belgium


def test_another_visibility_ends_the_sharing(border_action, user):
    event_update(event=border_action, actor=user("operator.nl"), visibility="all")
    assert not EventShare.objects.exists()
    event_update(event=border_action, actor=user("operator.nl"), visibility="country")
    assert _who_sees(border_action, user) == {"operator.nl", "secretariat"}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"visibility": "partners"}, "Choose at least one partner country besides the organiser's own."),
        ({"visibility": "partners", "shared_with": ["NL"]}, "Choose at least one partner country besides"),
        ({"visibility": "all", "shared_with": ["BE"]}, "Choose partner countries only for an event shared with"),
    ],
)
def test_sharing_needs_a_partner_country_and_the_visibility_that_goes_with_it(event_data, user, fields, message):
    fields = dict(fields)
    codes = fields.pop("shared_with", [])
    data = event_data(country=country("NL"), **fields)
    with translation.override("en"), pytest.raises(ApplicationError) as refused:
        event_create(actor=user("operator.nl"), shared_with=[country(code) for code in codes], **data)
    assert any(message in text for text in refused.value.errors["shared_with"])
    assert not Event.objects.exists()


def test_pages_follow_the_sharing_and_the_event_page_names_the_countries(border_action, login):
    assert login("operator.lu").get(border_action.get_absolute_url()).status_code == 404
    page = login("operator.be", language="en").get(border_action.get_absolute_url()).content.decode()
    assert "only users from Netherlands and from Belgium see this event" in page
    assert login("operator.lu").get(reverse("events:ics", args=[border_action.pk])).status_code == 404


def test_cached_calendar_pages_show_a_change_of_sharing_at_once(border_action, login, user):
    december = {"date": "2026-12-03"}
    belgian = login("operator.be", language="en")
    luxembourgish = login("operator.lu", language="en")
    assert "Joint action at Hazeldonk" in belgian.get(reverse("events:index"), december).content.decode()
    assert "Joint action at Hazeldonk" not in luxembourgish.get(reverse("events:index"), december).content.decode()
    event_update(event=border_action, actor=user("operator.nl"), shared_with=[country("LU")])
    assert "Joint action at Hazeldonk" not in belgian.get(reverse("events:index"), december).content.decode()
    assert "Joint action at Hazeldonk" in luxembourgish.get(reverse("events:index"), december).content.decode()


def test_feeds_follow_the_sharing(border_action, user):
    uid = f"event-{border_action.pk}@events.benelux-police-portal"

    def uids(username):
        token = feed_token_get_or_create(user=user(username))
        response = Client().get(reverse("events:feed", args=[token.key]))
        return {str(vevent["UID"]) for vevent in Calendar.from_ical(response.content).walk("VEVENT")}

    assert uid in uids("operator.be")
    assert uid not in uids("operator.lu")
    event_update(event=border_action, actor=user("operator.nl"), shared_with=[country("LU")])
    assert uid not in uids("operator.be")
    assert uid in uids("operator.lu")


def _api(username: str) -> Client:
    from apps.accounts.models import User

    token = api_token_for(User.objects.get(username=username))
    return Client(HTTP_AUTHORIZATION=f"Token {token}", HTTP_ACCEPT_LANGUAGE="en")


def test_api_reads_and_writes_the_partner_countries(demo):
    body = {
        "title_en": "Joint action at Hazeldonk",
        "kind": "other",
        "country": "NL",
        "place": "Hazeldonk border crossing, Breda",
        "starts_at": "2026-12-10T18:00:00+01:00",
        "ends_at": "2026-12-11T02:00:00+01:00",
        "time_zone": "Europe/Amsterdam",
        "visibility": "partners",
        "shared_with": ["BE"],
    }
    created = _api("operator.nl").post("/api/v1/events", body, content_type="application/json")
    assert created.status_code == 201, created.content
    event = created.json()
    assert (event["visibility"], event["shared_with"]) == ("partners", ["BE"])
    assert [row["id"] for row in _api("operator.be").get("/api/v1/events").json()["results"]] == [event["id"]]
    assert _api("operator.lu").get("/api/v1/events").json()["count"] == 0
    assert _api("operator.lu").get(f"/api/v1/events/{event['id']}").status_code == 404
    changed = _api("operator.nl").patch(
        f"/api/v1/events/{event['id']}", {"shared_with": ["BE", "LU"]}, content_type="application/json"
    )
    assert changed.json()["shared_with"] == ["BE", "LU"]
    assert _api("operator.lu").get("/api/v1/events").json()["count"] == 1
    public = _api("operator.nl").patch(
        f"/api/v1/events/{event['id']}", {"visibility": "all"}, content_type="application/json"
    )
    assert public.json()["shared_with"] == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"visibility": "partners", "shared_with": []}, "shared_with"),
        ({"visibility": "all", "shared_with": ["BE"]}, "shared_with"),
        ({"visibility": "partners", "shared_with": ["XX"]}, "shared_with"),
        ({"visibility": "partners", "shared_with": "BE,NL"}, "shared_with"),
    ],
)
def test_api_refuses_a_sharing_that_makes_no_sense_in_the_error_shape(demo, body, field):
    full = {
        "title_en": "Joint action at Hazeldonk",
        "kind": "other",
        "country": "NL",
        "place": "Breda",
        "starts_at": "2026-12-10T18:00:00+01:00",
        "ends_at": "2026-12-11T02:00:00+01:00",
        "time_zone": "Europe/Amsterdam",
        **body,
    }
    response = _api("operator.nl").post("/api/v1/events", full, content_type="application/json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Event.objects.exists()


def test_form_shares_an_event_with_the_partner_countries_ticked(demo, login):
    form = {
        "title_en": "Joint action at Hazeldonk",
        "kind": "other",
        "country": "NL",
        "place_en": "Hazeldonk border crossing, Breda",
        "starts_at": "2026-12-10T18:00",
        "ends_at": "2026-12-11T02:00",
        "time_zone": "Europe/Amsterdam",
        "risk_level": "medium",
        "visibility": "partners",
    }
    client = login("operator.nl", language="en")
    refused = client.post(reverse("events:create"), form)
    assert "Choose at least one partner country besides the organiser&#x27;s own." in refused.content.decode()
    assert client.post(reverse("events:create"), {**form, "shared_with": ["BE"]}).status_code == 302
    event = Event.objects.get()
    assert list(event.shared_with.values_list("code", flat=True)) == ["BE"]
    edit = client.get(reverse("events:edit", args=[event.pk])).content.decode()
    assert 'name="shared_with" value="BE" id="id_shared_with_0" checked' in edit
    # Ticked, then another visibility chosen: the visibility wins and the sharing ends.
    client.post(reverse("events:edit", args=[event.pk]), {**form, "visibility": "all", "shared_with": ["BE"]})
    assert not event.shared_with.exists()


def test_the_list_export_holds_a_shared_event_for_the_countries_it_is_shared_with_only(border_action, login):
    import csv
    import io

    december = {"from": "2026-12-01", "to": "2026-12-31", "export": "csv"}

    def exported(username):
        response = login(username, language="en").get(reverse("events:list"), december)
        assert response.status_code == 200
        rows = csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
        return [row[2] for row in list(rows)[1:]]

    assert exported("operator.nl") == ["Joint action at Hazeldonk"]
    assert exported("operator.be") == ["Joint action at Hazeldonk"]
    assert exported("operator.lu") == []
