import datetime

import pytest
import time_machine
from rest_framework.test import APIClient

from apps.accounts.tests.factories import api_token_for
from apps.assistance.models import AssistanceRequest

from .factories import START, EquipmentItemFactory, user

pytestmark = pytest.mark.django_db
BASE = "/api/v1/assistance-requests"


def api(username, language="en"):
    """A control-room system's client with the user's token; the user reads the portal in ``language``."""
    owner = user(username)
    if owner.preferred_language != language:
        owner.preferred_language = language
        owner.save(update_fields=["preferred_language"])
    client = APIClient()
    token = api_token_for(owner)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}", HTTP_ACCEPT_LANGUAGE="en")
    return client


DRAFT = {
    "kind": "both",
    "title": "Luxembourg national day",
    "urgency": "urgent",
    "operational_context": "Fireworks and parade in the city centre.",
    "place": "Luxembourg City",
    "start": START.isoformat(),
    "end": (START + datetime.timedelta(days=1)).isoformat(),
    "legal_basis": "benelux-police-treaty-2004",
    "handling_code": "H0",
    "operational_control": "Grand-Ducal Police, DCI",
    "requested_countries": ["BE"],
    "lines": [{"resource_type": "water-cannon", "quantity": 1, "muster_point": "Kirchberg"}],
}


def test_anonymous_gets_401(demo):
    assert APIClient().get(BASE).status_code == 401
    assert APIClient().get("/api/v1/equipment").status_code == 401


def test_control_room_system_files_and_follows_a_request_end_to_end(demo, reference_data):
    lu, be = api("operator.lu"), api("operator.be")
    response = lu.post(BASE, DRAFT, format="json")
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert response.json()["status"] == "draft"
    assert lu.post(f"{BASE}/{pk}/submit").json()["reference"].startswith("BNL-")
    assert be.post(f"{BASE}/{pk}/acknowledge").json()["status"] == "acknowledged"
    line = be.get(f"{BASE}/{pk}").json()["lines"][0]["id"]
    answer = {
        "lines": [{"line": line, "decision": "approved", "offered_quantity": 1, "cost_arrangement": "requesting"}]
    }
    assert be.post(f"{BASE}/{pk}/respond", answer, format="json").json()["status"] == "answered"
    assert lu.post(f"{BASE}/{pk}/accept", {"accepted_countries": ["BE"]}, format="json").json()["status"] == "accepted"
    assert lu.post(f"{BASE}/{pk}/start", {}, format="json").json()["status"] == "in_progress"
    with time_machine.travel(START + datetime.timedelta(hours=1), tick=False):  # once the period has begun
        assert lu.post(f"{BASE}/{pk}/complete", {}, format="json").json()["status"] == "completed"
        body = lu.post(f"{BASE}/{pk}/close", {"note": "Returned in good order"}, format="json").json()
    assert body["status"] == "closed"
    assert [step["action"] for step in body["history"]] == [
        "submit",
        "acknowledge",
        "respond",
        "accept",
        "start",
        "complete",
        "close",
    ]


def test_refusals_are_400_in_the_error_shape(make_request):
    request = make_request(status="submitted")
    response = api("operator.nl").post(f"{BASE}/{request.pk}/acknowledge")
    assert response.status_code == 400
    assert "cannot acknowledge its own request" in response.json()["detail"]
    response = api("operator.nl").post(f"{BASE}/{request.pk}/cancel", {"reason": ""}, format="json")
    assert response.status_code == 400
    assert "reason" in response.json()["errors"]


def test_refusal_speaks_the_operators_language(make_request):
    request = make_request(status="submitted")
    response = api("operator.nl", language="nl").post(f"{BASE}/{request.pk}/acknowledge")
    assert response.status_code == 400
    assert "kan de ontvangst van zijn eigen verzoek niet bevestigen" in response.json()["detail"]
    response = api("operator.nl", language="fr").post(f"{BASE}/{request.pk}/acknowledge")
    assert "ne peut pas confirmer la réception de sa propre demande" in response.json()["detail"]


def test_zero_quantity_and_reversed_period_are_refused(demo, reference_data):
    client = api("operator.lu")
    bad = {**DRAFT, "lines": [{"resource_type": "water-cannon", "quantity": 0}]}
    response = client.post(BASE, bad, format="json")
    assert response.status_code == 400
    assert "lines.0.quantity" in response.json()["errors"]
    reversed_period = {**DRAFT, "end": (START - datetime.timedelta(days=1)).isoformat()}
    response = client.post(BASE, reversed_period, format="json")
    assert response.status_code == 400
    assert "end" in response.json()["errors"]
    assert not AssistanceRequest.objects.exists()


def test_incomplete_draft_cannot_be_submitted(demo, reference_data):
    client = api("operator.lu")
    pk = client.post(BASE, {"title": "Half done"}, format="json").json()["id"]
    response = client.post(f"{BASE}/{pk}/submit")
    assert response.status_code == 400
    assert {"place", "lines", "requested_countries"} <= set(response.json()["errors"])


def test_detail_permission_grid(make_request):
    draft = make_request()
    filed = make_request(status="submitted")
    assert api("operator.nl").get(f"{BASE}/{draft.pk}").status_code == 200
    assert api("operator.be").get(f"{BASE}/{draft.pk}").status_code == 404
    assert api("operator.be").get(f"{BASE}/{filed.pk}").status_code == 200
    assert api("secretariat").get(f"{BASE}/{filed.pk}").status_code == 200
    assert api("operator.lu").get(f"{BASE}/{filed.pk}").status_code == 404
    assert api("operator.lu").post(f"{BASE}/{filed.pk}/acknowledge").status_code == 404


def test_list_filters_and_rejects_unknown_parameters(make_request):
    make_request(status="submitted", urgency="urgent", title="Dogs")
    make_request(status="submitted", title="Horses")
    client = api("operator.be")
    titles = [row["title"] for row in client.get(BASE, {"urgency": "urgent"}).json()["results"]]
    assert titles == ["Dogs"]
    assert len(client.get(BASE, {"country": "NL"}).json()["results"]) == 2
    make_request(status="submitted", to=("BE", "LU"), title="Water cannon")
    assert [row["title"] for row in client.get(BASE, {"country": "lu"}).json()["results"]] == ["Water cannon"]
    assert client.get(BASE, {"country": "XX"}).json()["results"] == []
    assert client.get(BASE, {"urgncy": "urgent"}).status_code == 400


def test_list_runs_a_constant_number_of_queries(make_request, django_assert_num_queries):
    for index in range(15):
        make_request(status="answered", to=("BE", "LU"), title=f"Req {index}")
    client = api("secretariat")
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(BASE, {"page_size": 10})
    assert len(response.json()["results"]) == 10
    assert "count" not in response.json()  # ten years of requests are not counted on every call
    with django_assert_num_queries(LIST_QUERIES):
        rest = client.get(response.json()["next"])
    assert len(rest.json()["results"]) == 5
    assert rest.json()["next"] is None
    seen = [row["id"] for row in response.json()["results"] + rest.json()["results"]]
    assert seen == sorted(seen, reverse=True) and len(set(seen)) == 15


# Token and user, roles, organisation; the requests, their requested countries as a column (nothing per row).
LIST_QUERIES = 3


def test_malformed_cursor_is_a_clear_400_not_a_server_error(demo):
    response = api("operator.be").get(BASE, {"cursor": "not-a-cursor"})
    assert response.status_code == 400
    assert response.json()["errors"]["cursor"]


def test_detail_runs_a_constant_number_of_queries(make_request, line_values, django_assert_num_queries):
    small = make_request(status="answered", to=("BE",))
    big = make_request(status="answered", to=("BE", "LU"), lines=line_values * 5)
    client = api("operator.nl")
    for request in (small, big):
        with django_assert_num_queries(13):
            assert client.get(f"{BASE}/{request.pk}").status_code == 200


def test_messages_thread_with_read_receipts(make_request):
    request = make_request(status="submitted")
    response = api("operator.be").post(
        f"{BASE}/{request.pk}/messages", {"body": "Trailer for 12 horses?"}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["read_by"] == ["operator.be"]
    rows = api("operator.nl").get(f"{BASE}/{request.pk}/messages").json()["results"]
    assert [row["body"] for row in rows] == ["Trailer for 12 horses?"]
    assert api("chief.nl").post(f"{BASE}/{request.pk}/messages", {"body": "Hi"}, format="json").status_code == 400


def test_equipment_availability_for_a_period(make_request):
    from apps.assistance import services

    request = make_request(status="answered", by="operator.lu", to=("BE",), kind="loan")
    booked = EquipmentItemFactory(name="Water cannon WA-2")
    EquipmentItemFactory(name="Water cannon WA-3")
    services.booking_create(request=request, item=booked, actor=user("operator.be"))
    client = api("operator.lu")
    assert client.get("/api/v1/equipment", {"country": "BE"}).json()["count"] == 2
    free = client.get(
        "/api/v1/equipment",
        {"available_from": request.start.isoformat(), "available_until": request.end.isoformat()},
    ).json()
    assert [row["name"] for row in free["results"]] == ["Water cannon WA-3"]


def test_a_step_without_a_country_is_null_in_the_answer_and_in_the_schema(make_request):
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    request = make_request(status="submitted", by="operator.nl", to=("BE",))
    history = api("operator.nl").get(f"{BASE}/{request.pk}").json()["history"]
    assert any(step["country"] is None for step in history)
    assert schema["components"]["schemas"]["StatusChange"]["properties"]["country"].get("nullable") is True


def test_errors_of_nested_lines_are_lists_of_messages_under_dotted_fields(demo, reference_data):
    draft = {**DRAFT, "lines": [DRAFT["lines"][0], {"resource_type": "water-cannon", "quantity": "many"}]}
    response = api("operator.lu").post(BASE, draft, format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "lines.1.quantity" in errors
    assert all(isinstance(messages, list) and all(isinstance(m, str) for m in messages) for messages in errors.values())
