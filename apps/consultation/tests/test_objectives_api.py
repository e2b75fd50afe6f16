"""``/api/v1/programmes``, ``/api/v1/objectives``, ``/api/v1/activities`` and ``/api/v1/activities/{id}/updates``:
anonymous callers get a 401, what does not exist a 404, every user of the portal reads, the members of an activity's
lead post its updates (others get a 403 saying why), bad input a 400 in the one error shape that saves nothing, and
every list runs a pinned number of queries whatever its length."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.test import Client

from apps.accounts.tests.factories import api_token_for
from apps.consultation import services
from apps.consultation.models import Activity, ProgressUpdate

from .factories import big_programme, make_activity, make_meeting, make_objective, organisation, publish_minutes, user

pytestmark = pytest.mark.django_db


def _api(username: str, language: str = "en") -> Client:
    """A client with a token of ``username``, who reads the portal in ``language``."""
    caller = user(username)
    caller.preferred_language = language
    caller.save(update_fields=["preferred_language"])
    return Client(HTTP_AUTHORIZATION=f"Token {api_token_for(caller)}")


def _urls(work) -> list[str]:
    return [
        "/api/v1/programmes",
        "/api/v1/objectives",
        f"/api/v1/objectives/{work['cooperation'].pk}",
        "/api/v1/activities",
        f"/api/v1/activities/{work['radio'].pk}",
        f"/api/v1/activities/{work['radio'].pk}/updates",
    ]


def test_anonymous_callers_get_a_401(work):
    for url in _urls(work):
        response = Client().get(url)
        assert response.status_code == 401 and set(response.json()) == {"detail", "errors"}, url
    assert Client().post(f"/api/v1/activities/{work['radio'].pk}/updates", {}).status_code == 401


@pytest.mark.parametrize("username", ["chief.be", "operator.lu", "liaison.nl", "secretariat"])
def test_every_user_of_the_portal_reads_the_programmes(work, username):
    api = _api(username)
    for url in _urls(work):
        assert api.get(url).status_code == 200, url


def test_what_does_not_exist_is_a_404(work):
    api = _api("secretariat")
    for url in ("/api/v1/objectives/999999", "/api/v1/activities/999999", "/api/v1/activities/999999/updates"):
        response = api.get(url)
        assert response.status_code == 404 and set(response.json()) == {"detail", "errors"}, url
    assert api.post("/api/v1/activities/99999999999999999999/updates", {}).status_code == 404


@time_machine.travel(datetime(2019, 9, 1, 9, tzinfo=UTC))
def test_objectives_come_with_their_activities_and_filter_by_programme_and_status(work):
    api = _api("chief.nl")
    programme = work["treaty"].programme_id
    body = api.get("/api/v1/objectives", {"programme": programme}).json()
    assert [row["number"] for row in body["results"]] == [1, 2]
    cooperation = body["results"][1]
    assert [row["reference"] for row in cooperation["activities"]] == ["2.1", "2.2", "2.3"]
    almanac = cooperation["activities"][2]
    assert (almanac["status"], almanac["reported_status"], almanac["overdue"], almanac["rag"]) == (
        "late",
        "on_track",
        True,
        "red",
    )
    assert cooperation["progress"] == 40  # (40 + 30 + 50) / 3
    done = api.get("/api/v1/objectives", {"status": "done"}).json()["results"]
    assert [row["number"] for row in done] == [1]
    assert api.get("/api/v1/objectives", {"status": "finished"}).status_code == 400
    assert api.get("/api/v1/objectives", {"programm": programme}).status_code == 400  # a typo is no filter


@time_machine.travel(datetime(2019, 9, 1, 9, tzinfo=UTC))
def test_activities_filter_by_status_lead_country_and_overdue(work):
    api = _api("operator.be")

    def references(**query):
        response = api.get("/api/v1/activities", query)
        assert response.status_code == 200, response.json()
        return [row["reference"] for row in response.json()["results"]]

    assert references() == ["2.1", "2.2", "2.3"]
    assert references(status="late") == ["2.3"] == references(overdue="true")
    assert references(overdue="false") == ["2.1", "2.2"]
    assert references(status="at_risk") == ["2.2"]
    assert references(lead=organisation(None, "WG-CR").pk) == ["2.2"]
    assert references(country="nl") == ["2.1"]
    for query in ({"status": "red"}, {"lead": "abc"}, {"overdue": "maybe"}, {"country": "BEL"}, {"lead": "9" * 30}):
        response = api.get("/api/v1/activities", query)
        assert response.status_code == 400 and set(response.json()) == {"detail", "errors"}, query


def test_an_activity_shows_the_decisions_and_action_points_the_caller_may_read(work, sop):
    meeting = make_meeting(sop)
    secretariat = user("secretariat")
    published = services.decision_create(
        meeting=meeting, actor=secretariat, language="en", title_en="Radio", text_en="adopts the radio plan"
    )
    publish_minutes(meeting)
    later = make_meeting(sop, starts_at=datetime(2022, 12, 1, 10, tzinfo=UTC))
    draft = services.decision_create(
        meeting=later, actor=secretariat, language="en", title_en="Draft", text_en="not yet adopted"
    )
    point = services.action_point_create(meeting=later, actor=secretariat, title_en="Test call", owner_name="BE")
    services.activity_update(
        activity=work["radio"], actor=secretariat, decisions=[published, draft], action_points=[point]
    )
    url = f"/api/v1/activities/{work['radio'].pk}"
    chief = _api("chief.be").get(url).json()
    assert [row["reference"] for row in chief["decisions"]] == [published.reference]
    assert chief["action_points"] == []  # not published yet
    mine = _api("secretariat").get(url).json()
    assert {row["id"] for row in mine["decisions"]} == {published.pk, draft.pk}
    assert mine["action_points"] == [point.pk]


def test_a_member_of_the_lead_posts_an_update_through_the_api(work):
    url = f"/api/v1/activities/{work['radio'].pk}/updates"
    api = _api("liaison.nl")
    response = api.post(
        url, {"text": "Radio link tested.", "status": "on_track", "progress": 60}, content_type="application/json"
    )
    assert response.status_code == 201, response.json()
    assert (response.json()["status"], response.json()["previous_status"]) == ("on_track", "at_risk")
    assert response.json()["author"]["name"] == "Sanne Bakker"
    history = api.get(url).json()["results"]
    assert [row["text"] for row in history] == ["Radio link tested.", "ASTRID and RENITA are not yet connected."]
    assert api.get(f"/api/v1/activities/{work['radio'].pk}").json()["progress"] == 60


@pytest.mark.parametrize("username", ["chief.be", "operator.nl"])
def test_an_update_on_another_groups_activity_is_a_403_that_says_why(work, username):
    response = _api(username).post(
        f"/api/v1/activities/{work['radio'].pk}/updates",
        {"text": "x", "status": "done", "progress": 100},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["detail"] == (
        "Only the members of Benelux working group on control-room cooperation post progress updates on its activities."
    )
    assert ProgressUpdate.objects.filter(activity=work["radio"]).count() == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"text": "x", "status": "on_track", "progress": 101}, "progress"),
        ({"text": "x", "status": "on_track", "progress": -1}, "progress"),
        ({"text": "x", "status": "on_track", "progress": "many"}, "progress"),
        ({"text": "x", "status": "late", "progress": 10}, "status"),
        ({"text": "x", "status": "done", "progress": 70}, "progress"),
        ({"text": "", "status": "on_track", "progress": 10}, "text"),
        ({"text": ["a", "b"], "status": "on_track", "progress": 10}, "text"),
        ({"text": "x", "status": "not_started", "progress": 0}, "reason"),
        ({"text": "x" * 6000, "status": "on_track", "progress": 10}, "text"),
        ({"status": "on_track", "progress": 10}, "text"),
        ({"text": "x", "status": "on_track", "progress": 10, "language": "xx"}, "language"),
    ],
)
def test_bad_update_input_is_a_400_that_saves_nothing(work, data, field):
    response = _api("liaison.nl").post(
        f"/api/v1/activities/{work['radio'].pk}/updates", data, content_type="application/json"
    )
    assert response.status_code == 400
    assert field in response.json()["errors"], response.json()
    assert ProgressUpdate.objects.filter(activity=work["radio"]).count() == 1
    assert Activity.objects.get(pk=work["radio"].pk).status == "at_risk"


def test_an_agenda_item_is_linked_to_an_objective_through_the_api(work, sop):
    meeting = make_meeting(sop)
    api = _api("secretariat")
    url = f"/api/v1/meetings/{meeting.pk}/agenda-items"
    created = api.post(
        url, {"title_en": "Treaty", "objective": work["treaty"].pk}, content_type="application/json"
    ).json()
    assert (created["objective"], created["activity"]) == (work["treaty"].pk, None)
    both = api.patch(
        f"{url}/{created['id']}",
        {"objective": work["treaty"].pk, "activity": work["radio"].pk},
        content_type="application/json",
    )
    assert both.status_code == 400 and "activity" in both.json()["errors"]
    unknown = api.patch(f"{url}/{created['id']}", {"activity": 999999}, content_type="application/json")
    assert unknown.status_code == 400 and "activity" in unknown.json()["errors"]


def test_every_list_runs_a_pinned_number_of_queries(programme, django_assert_num_queries):
    big_programme(programme)
    objective = programme.objectives.get(number=1)
    activity = objective.activities.get(number=1)
    api = _api("chief.be")
    # The token with its user (1) and their roles (1, when the scope is asked); then what each reads.
    for url, queries in (
        ("/api/v1/programmes", 2 + 2),  # count, rows
        ("/api/v1/objectives?page_size=50", 2 + 3),  # count, objectives, their activities
        ("/api/v1/activities?page_size=200", 2 + 4),  # count, activities, decisions, action points
        ("/api/v1/activities?overdue=true&country=NL", 2 + 4),
        (f"/api/v1/activities/{activity.pk}/updates", 2 + 3),  # the activity, count, updates
        (f"/api/v1/objectives/{objective.pk}", 1 + 2),  # the objective, its activities
        (f"/api/v1/activities/{activity.pk}", 2 + 3),  # the activity, decisions, action points
    ):
        with django_assert_num_queries(queries):
            assert api.get(url).status_code == 200, url
        if "/api/v1/objectives/" not in url and not url.endswith(f"activities/{activity.pk}"):
            with django_assert_num_queries(2):  # a list: then from the cache
                assert api.get(url).status_code == 200, url
    assert len(api.get("/api/v1/objectives?page_size=50").json()["results"][0]["activities"]) == 10


def test_a_list_answered_from_the_cache_is_the_same_json_and_the_browsable_api_still_reads_it(work):
    api = _api("chief.be")
    made = api.get("/api/v1/objectives")
    kept = api.get("/api/v1/objectives")
    assert made["Content-Type"] == kept["Content-Type"] == "application/json"
    assert kept.content == made.content
    assert kept.json()["results"][1]["activities"][1]["title"] == "Cross-border radio communication"
    # A person reading the API in a browser gets the browsable page of the same answer.
    page = api.get("/api/v1/objectives", HTTP_ACCEPT="text/html")
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    assert "Cross-border radio communication" in page.content.decode()
    assert api.get("/api/v1/objectives").content == made.content


def test_a_new_update_shows_in_the_lists_at_once(work):
    api = _api("chief.be")
    assert api.get("/api/v1/activities").json()["results"][1]["progress"] == 30
    services.progress_update_post(
        activity=work["radio"], actor=user("liaison.nl"), text="Done.", status="done", progress=100
    )
    assert api.get("/api/v1/activities").json()["results"][1]["progress"] == 100
    assert api.get("/api/v1/objectives").json()["results"][1]["activities"][1]["status"] == "done"


def test_progress_of_an_objective_leaves_dropped_activities_out(programme):
    objective = make_objective(programme)
    kept = make_activity(objective, "Kept", due_on=date(2030, 1, 1))
    dropped = make_activity(objective, "Dropped", due_on=date(2030, 1, 1))
    services.progress_update_post(activity=kept, actor=user("secretariat"), text="x", status="on_track", progress=50)
    services.progress_update_post(activity=dropped, actor=user("secretariat"), text="x", status="dropped", progress=0)
    assert _api("chief.be").get(f"/api/v1/objectives/{objective.pk}").json()["progress"] == 50


def test_a_body_that_is_not_an_object_is_a_400(work):
    api = _api("liaison.nl")
    url = f"/api/v1/activities/{work['radio'].pk}/updates"
    for body in ("[1, 2]", "not json", '"text"', "null"):
        response = api.post(url, body, content_type="application/json")
        assert response.status_code == 400 and set(response.json()) == {"detail", "errors"}, body
    assert ProgressUpdate.objects.filter(activity=work["radio"]).count() == 1
