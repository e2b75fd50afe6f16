"""What the API answers is what its OpenAPI schema says (issue 21, defect 8)."""

import pytest
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


@pytest.mark.parametrize(
    "path",
    ["/api/v1/assistance-requests/abc", "/api/v1/events/1.5", "/api/v1/organisations/%00", "/api/v1/nothing-here"],
)
def test_an_address_the_api_does_not_have_is_a_404_in_the_error_shape(demo, path):
    response = APIClient().get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": response.json()["detail"], "errors": {}}


def test_an_unknown_page_is_still_the_portals_404_page(demo, login):
    response = login("operator.be", language="en").get("/no-such-page/")
    assert response.status_code == 404 and b"<html" in response.content


def test_an_invalid_cursor_is_documented_as_a_400(schema):
    for path in ("/api/v1/assistance-requests", "/api/v1/notifications"):
        assert "400" in schema["paths"][path]["get"]["responses"]


def test_a_list_paged_by_number_is_documented_with_the_404_of_a_page_it_does_not_have(schema, demo, login):
    for path in ("/api/v1/organisations", "/api/v1/events", "/api/v1/equipment"):
        assert "404" in schema["paths"][path]["get"]["responses"], path
    assert "404" not in schema["paths"]["/api/v1/countries"]["get"]["responses"]  # not paged
    assert login("chief.be").get("/api/v1/organisations", {"page": "0"}).status_code == 404


def test_a_paged_list_of_an_objects_items_is_documented_with_its_400(schema):
    for path in ("/api/v1/assistance-requests/{id}/messages", "/api/v1/assistance-requests/{id}/attachments"):
        assert "400" in schema["paths"][path]["get"]["responses"]
    assert "400" not in schema["paths"]["/api/v1/assistance-requests/{id}"]["get"]["responses"]


def test_anonymous_api_caller_gets_json_not_html(demo):
    response = Client().get("/api/v1/meetings-that-do-not-exist/1")
    assert response.status_code == 404 and response.json()["errors"] == {}
