"""``/api/v1/meetings``, ``.../agenda-items``, ``/api/v1/decisions``, ``/api/v1/action-points``: reads as the pages
show them, writes for the secretariat, the one error shape, pinned queries."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from apps.accounts.models import User
from apps.accounts.tests.factories import api_token_for
from apps.consultation import services
from apps.consultation.caching import CONSULTATION
from apps.consultation.models import ActionPoint, AgendaItem, Decision, Meeting

from .factories import JUNE_2022, add_item, make_meeting, organisation, publish_minutes, topic, user

pytestmark = pytest.mark.django_db

# The token and its user, their roles (what they see: ``caching.scope``); then the count and the page. A hit: the
# token and its user, their roles.
LIST_QUERIES = 4
CACHED_LIST_QUERIES = 2


def _client(username: str, language: str = "en") -> Client:
    found = User.objects.get(username=username)
    found.preferred_language = language  # the API speaks its caller's own language
    found.save(update_fields=["preferred_language"])
    token = api_token_for(found)
    return Client(HTTP_AUTHORIZATION=f"Token {token}", HTTP_ACCEPT_LANGUAGE=language)


@pytest.fixture
def record(sop, hazeldonk):
    """A published SOP meeting (decision in French, an overdue action point), a draft SOP meeting, a Hazeldonk one."""
    secretariat = user("secretariat")
    june = make_meeting(sop)
    item = add_item(june, "Form")
    services.decision_create(
        meeting=june,
        actor=secretariat,
        language="fr",
        title_fr="Formulaire d'assistance",
        text_fr="adopte le formulaire d'assistance et de coopération",
        topic=topic(),
        agenda_item=item,
    )
    services.action_point_create(
        meeting=june,
        actor=secretariat,
        title_en="Translate the form",
        owner_organisation=organisation("NL", "POLNL"),
        due_date=date(2022, 9, 1),
    )
    services.agenda_publish(meeting=june, actor=secretariat)
    publish_minutes(june)
    november = make_meeting(sop, starts_at=JUNE_2022 + timedelta(days=150))
    add_item(november, "Draft item")
    services.decision_create(meeting=november, actor=secretariat, language="en", title_en="Draft", text_en="draft")
    haz = make_meeting(hazeldonk, starts_at=JUNE_2022 + timedelta(days=30))
    return {"june": june, "november": november, "hazeldonk": haz}


ENDPOINTS = [
    "/api/v1/meetings",
    "/api/v1/meetings/1",
    "/api/v1/meetings/1/agenda-items",
    "/api/v1/decisions",
    "/api/v1/decisions/1",
    "/api/v1/action-points",
    "/api/v1/action-points/1",
]


@pytest.mark.parametrize("url", ENDPOINTS)
def test_anonymous_api_call_gets_401(url):
    response = Client().get(url)
    assert response.status_code == 401
    assert set(response.json()) == {"detail", "errors"}


def test_members_read_their_bodies_meetings_and_others_none(record):
    june = record["june"]
    chief = _client("chief.be").get("/api/v1/meetings").json()
    assert {row["id"] for row in chief["results"]} == {june.pk, record["november"].pk}
    assert _client("chief.nl").get(f"/api/v1/meetings/{record['hazeldonk'].pk}").status_code == 200
    assert _client("chief.be").get(f"/api/v1/meetings/{record['hazeldonk'].pk}").status_code == 404
    assert _client("operator.be").get("/api/v1/meetings").json()["results"] == []
    assert _client("operator.be").get(f"/api/v1/meetings/{june.pk}").status_code == 404
    assert _client("secretariat").get("/api/v1/meetings").json()["count"] == 3


def test_a_meeting_in_person_has_no_online_link_and_an_online_one_its_address(sop):
    make_meeting(sop)
    make_meeting(
        sop, starts_at=JUNE_2022 + timedelta(days=7), format="online", place="", online_link="https://meet.example/sop"
    )
    found = _client("secretariat").get("/api/v1/meetings").json()["results"]
    assert sorted(row["online_link"] or "" for row in found) == ["", "https://meet.example/sop"]
    assert None in [row["online_link"] for row in found]


def test_meetings_filter_by_body_and_period_and_refuse_what_they_do_not_know(record):
    client = _client("secretariat")
    assert {row["body"]["code"] for row in client.get("/api/v1/meetings?body=haz").json()["results"]} == {"HAZ"}
    found = client.get("/api/v1/meetings?from=2022-07-01&to=2022-07-31").json()["results"]
    assert [row["id"] for row in found] == [record["hazeldonk"].pk]
    for query in ("?body=SOP&colour=red", "?from=yesterday", "?to=0530-02-04"):
        response = client.get(f"/api/v1/meetings{query}")
        assert response.status_code == 400, query
        assert set(response.json()) == {"detail", "errors"}


def test_agenda_items_are_read_once_published(record):
    june, november = record["june"], record["november"]
    chief = _client("chief.be")
    items = chief.get(f"/api/v1/meetings/{june.pk}/agenda-items").json()
    assert [row["title"] for row in items] == ["Form"]
    assert chief.get(f"/api/v1/meetings/{november.pk}/agenda-items").json() == []
    titles = [row["title"] for row in _client("secretariat").get(f"/api/v1/meetings/{november.pk}/agenda-items").json()]
    # June's open action point is carried into November's agenda as its standing item.
    assert titles == ["Open action points of earlier meetings", "Draft item"]
    assert _client("operator.be").get(f"/api/v1/meetings/{june.pk}/agenda-items").status_code == 404


def test_decisions_public_to_all_drafts_to_the_secretariat_filtered_by_body_year_and_text(record):
    operator = _client("operator.be", language="nl").get("/api/v1/decisions").json()
    assert [row["reference"] for row in operator["results"]] == ["SOP-2022-01"]
    (decision,) = operator["results"]
    assert decision["title"] == "Formulaire d'assistance" and decision["language"] == "fr"
    assert decision["translations"] == ["fr"]
    secretariat = _client("secretariat")
    assert secretariat.get("/api/v1/decisions").json()["count"] == 2
    assert secretariat.get("/api/v1/decisions?body=SOP&year=2022&text=formulaire").json()["count"] == 1
    assert secretariat.get("/api/v1/decisions?text=SOP-2022-02").json()["results"][0]["title"] == "Draft"
    assert secretariat.get("/api/v1/decisions?year=1800").status_code == 400
    assert secretariat.get("/api/v1/decisions?text=nothing-like-it").json()["count"] == 0


def test_action_points_filter_by_owner_status_and_overdue(record):
    client = _client("chief.lu")
    polnl = organisation("NL", "POLNL").pk
    (row,) = client.get(f"/api/v1/action-points?owner={polnl}&status=open&overdue=true").json()["results"]
    assert row["title"] == "Translate the form" and row["overdue"] is True
    assert client.get(f"/api/v1/action-points?owner={organisation('BE', 'FEDPOL').pk}").json()["count"] == 0
    assert client.get("/api/v1/action-points?overdue=false").json()["count"] == 0
    assert client.get("/api/v1/action-points?status=finished").status_code == 400
    assert _client("operator.be").get("/api/v1/action-points").json()["count"] == 0


# --- writes --------------------------------------------------------------------------------------------------------


def _meeting_body(**overrides):
    return {
        "body": "SOP",
        "starts_at": "2027-06-08T10:00:00+02:00",
        "ends_at": "2027-06-08T13:00:00+02:00",
        "format": "in_person",
        "place": "Benelux Secretariat-General, Brussels",
        "language": "fr",
        "chair_country": "NL",
        **overrides,
    }


def test_secretariat_plans_a_meeting_and_others_may_not(sop):
    response = _client("secretariat").post("/api/v1/meetings", _meeting_body(), content_type="application/json")
    assert response.status_code == 201
    assert response.json()["chair_country"] == "NL" and response.json()["ics_url"].endswith("meeting.ics")
    assert (
        _client("chief.be").post("/api/v1/meetings", _meeting_body(), content_type="application/json").status_code
        == 403
    )
    assert Meeting.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"ends_at": "2027-06-08T09:00:00+02:00"}, "ends_at"),
        ({"body": "XYZ"}, "body"),
        ({"starts_at": "not a date"}, "starts_at"),
        ({"format": "online", "place": ""}, "online_link"),
        ({"chair_country": "ZZ"}, "chair_country"),
        ({"place": "Line\nbreak"}, "place"),
    ],
)
def test_bad_meeting_input_is_a_400_in_the_error_shape_and_saves_nothing(sop, overrides, field):
    response = _client("secretariat").post(
        "/api/v1/meetings", _meeting_body(**overrides), content_type="application/json"
    )
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Meeting.objects.exists()


def test_agenda_items_are_added_reordered_and_never_moved_into_another_meeting(record):
    client = _client("secretariat")
    november, june = record["november"], record["june"]
    url = f"/api/v1/meetings/{november.pk}/agenda-items"
    created = client.post(url, {"title_en": "Cybercrime", "presenter": "LU"}, content_type="application/json")
    assert created.status_code == 201 and created.json()["position"] == 3
    standing, first = november.agenda_items.order_by("position")[:2]
    moved = client.patch(f"{url}/{created.json()['id']}", {"meeting": june.pk}, content_type="application/json")
    assert moved.status_code == 400 and "another meeting" in moved.json()["detail"]
    new_order = {"items": [created.json()["id"], first.pk, standing.pk]}
    order = client.post(f"{url}/order", new_order, content_type="application/json")
    assert [row["title"] for row in order.json()] == [
        "Cybercrime",
        "Draft item",
        "Open action points of earlier meetings",
    ]
    foreign = june.agenda_items.get()
    refused = client.post(
        f"{url}/order", {"items": [first.pk, standing.pk, foreign.pk]}, content_type="application/json"
    )
    assert refused.status_code == 400
    assert client.patch(f"{url}/{foreign.pk}", {"title_en": "x"}, content_type="application/json").status_code == 404
    foreign.refresh_from_db()
    assert foreign.meeting == june
    assert _client("chief.be").post(url, {"title_en": "x"}, content_type="application/json").status_code == 403


def test_agenda_is_published_through_the_api(record):
    client = _client("secretariat")
    response = client.post(f"/api/v1/meetings/{record['november'].pk}/agenda/publish")
    assert response.status_code == 200 and response.json()["agenda_revision"] == 1
    again = client.post(f"/api/v1/meetings/{record['november'].pk}/agenda/publish")
    assert again.status_code == 400


def test_decision_number_used_twice_is_a_400_in_the_users_language(record):
    client = _client("secretariat")
    body = {"meeting": record["november"].pk, "language": "en", "number": 1, "title_en": "x", "text_en": "y"}
    response = client.post("/api/v1/decisions", body, content_type="application/json")
    assert response.status_code == 400
    assert "SOP-2022-01 is already taken" in response.json()["errors"]["number"][0]
    assert Decision.objects.count() == 2
    body["number"] = 5
    created = client.post("/api/v1/decisions", body, content_type="application/json")
    assert created.status_code == 201 and created.json()["reference"] == "SOP-2022-05"


def test_published_decision_takes_translations_through_the_api(record):
    decision = Decision.objects.get(published_at__isnull=False)
    client = _client("secretariat")
    fixed = client.patch(f"/api/v1/decisions/{decision.pk}", {"text_fr": "autre"}, content_type="application/json")
    assert fixed.status_code == 400
    translated = client.patch(
        f"/api/v1/decisions/{decision.pk}",
        {"title_nl": "Formulier voor bijstand", "text_nl": "stelt het formulier vast"},
        content_type="application/json",
    )
    assert translated.status_code == 200
    assert _client("chief.nl", language="nl").get(f"/api/v1/decisions/{decision.pk}").json()["title"] == (
        "Formulier voor bijstand"
    )


def test_action_point_is_followed_up_through_the_api(record):
    point = ActionPoint.objects.get()
    client = _client("secretariat")
    response = client.patch(
        f"/api/v1/action-points/{point.pk}", {"status": "done", "status_note": "Sent."}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["overdue"] is False
    refused = client.patch(
        f"/api/v1/action-points/{point.pk}", {"meeting": record["november"].pk}, content_type="application/json"
    )
    assert refused.status_code == 400
    created = client.post(
        "/api/v1/action-points",
        {"meeting": record["november"].pk, "title_en": "Radio test", "owner_name": "Tom Kieffer"},
        content_type="application/json",
    )
    assert created.status_code == 201
    assert client.post("/api/v1/action-points", {"title_en": "x"}, content_type="application/json").status_code == 400


# --- queries -------------------------------------------------------------------------------------------------------


def test_every_list_runs_a_pinned_number_of_queries(sop, django_assert_num_queries):
    secretariat = user("secretariat")
    meeting = make_meeting(sop)
    now = timezone.now()
    AgendaItem.objects.bulk_create(AgendaItem(meeting=meeting, position=i + 1, title_en=f"Item {i}") for i in range(40))
    Decision.objects.bulk_create(
        Decision(body=sop, meeting=meeting, year=2022, number=i + 1, title_en=f"D{i}", text_en="x", published_at=now)
        for i in range(120)
    )
    ActionPoint.objects.bulk_create(
        ActionPoint(
            body=sop,
            meeting=meeting,
            title_en=f"P{i}",
            owner_organisation=organisation("BE", "FEDPOL"),
            due_date=date(2022, 1, 1) + timedelta(days=i),
            published_at=now,
        )
        for i in range(120)
    )
    CONSULTATION.bump()
    services.agenda_publish(meeting=meeting, actor=secretariat)
    for username in ("chief.be", "secretariat"):
        client = _client(username)
        for url, queries in (
            ("/api/v1/meetings", LIST_QUERIES),
            # The meeting, then the items with documents and carried action points (no count: one page).
            (f"/api/v1/meetings/{meeting.pk}/agenda-items", 2 + 4),
            ("/api/v1/decisions?year=2022", LIST_QUERIES),
            ("/api/v1/action-points?overdue=true", LIST_QUERIES),
        ):
            with django_assert_num_queries(queries):
                response = client.get(url)
            assert response.status_code == 200, url
            with django_assert_num_queries(CACHED_LIST_QUERIES):
                assert client.get(url).json() == response.json()
