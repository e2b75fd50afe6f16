import pytest
from django.test import Client

from apps.accounts.choices import OrganisationKind
from apps.accounts.models import Country, Organisation, User

from .factories import OrganisationFactory, api_token_for

pytestmark = pytest.mark.django_db

PASSWORD = "demo-password-2026"
TOKEN_URL = "/api/v1/auth/token/"


def _token_client(username: str) -> Client:
    from apps.accounts.models import User

    return Client(HTTP_AUTHORIZATION=f"Token {api_token_for(User.objects.get(username=username))}")


def test_control_room_system_gets_a_token_and_uses_it(demo):
    response = Client().post(
        TOKEN_URL, {"username": "operator.be", "password": PASSWORD}, content_type="application/json"
    )
    assert response.status_code == 200
    token = response.json()["token"]
    me = Client(HTTP_AUTHORIZATION=f"Token {token}").get("/api/v1/me")
    assert me.status_code == 200
    assert me.json()["username"] == "operator.be"
    assert me.json()["country"] == "BE"
    assert me.json()["roles"] == ["operator"]


def test_token_with_a_wrong_password_is_refused_in_the_error_shape(demo):
    response = Client().post(
        TOKEN_URL,
        {"username": "operator.be", "password": "nope"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "Unable to log in with the given username and password.", "errors": {}}


def test_token_endpoint_locks_out_after_repeated_failures(demo, settings):
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(TOKEN_URL, {"username": "operator.nl", "password": "nope"}, content_type="application/json")
    locked = client.post(TOKEN_URL, {"username": "operator.nl", "password": PASSWORD}, content_type="application/json")
    assert locked.status_code == 429
    assert set(locked.json()) == {"detail", "errors"}


@pytest.mark.parametrize(
    "body",
    [
        '{"username": "operator.be", "password"',
        "[]",
        '{"username": 5}',
        '{"username": ["a"], "password": {}}',
        "null",
        '{"username": "' + "x" * 500 + '", "password": "y"}',
    ],
)
def test_malformed_or_mistyped_json_gives_400_in_the_error_shape(demo, body):
    response = Client().post(TOKEN_URL, body, content_type="application/json")
    assert response.status_code == 400
    assert set(response.json()) == {"detail", "errors"}


def test_missing_fields_are_named_in_errors(demo):
    response = Client().post(TOKEN_URL, {}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"username", "password"}


@pytest.mark.parametrize("url", ["/api/v1/me", "/api/v1/countries", "/api/v1/organisations", "/api/v1/organisations/1"])
def test_anonymous_api_call_gets_401(url):
    response = Client().get(url)
    assert response.status_code == 401
    assert set(response.json()) == {"detail", "errors"}


def test_api_speaks_the_users_language(demo):
    response = _token_client("chief.be").get("/api/v1/countries")
    assert {country["code"]: country["name"] for country in response.json()}["NL"] == "Pays-Bas"


def test_countries_list_members_first(demo, django_assert_num_queries):
    client = _token_client("chief.nl")
    with django_assert_num_queries(2):
        response = client.get("/api/v1/countries")
    codes = [country["code"] for country in response.json()]
    assert codes[:3] == ["BE", "LU", "NL"]
    assert set(codes[3:]) == {"DE", "FR"}


def test_organisations_list_filters_by_country_and_kind(demo, django_assert_num_queries):
    OrganisationFactory.create_batch(60)
    client = _token_client("operator.lu")
    with django_assert_num_queries(3):
        page = client.get("/api/v1/organisations")
    assert page.json()["count"] == 70
    assert len(page.json()["results"]) == 50
    control_rooms = client.get("/api/v1/organisations", {"kind": OrganisationKind.CONTROL_ROOM, "country": "nl"})
    assert [org["short_name"] for org in control_rooms.json()["results"]] == ["LOCC"]


def test_unknown_filter_is_refused_instead_of_ignored(demo):
    response = _token_client("operator.lu").get("/api/v1/organisations", {"contry": "NL"})
    assert response.status_code == 400
    assert "contry" in response.json()["errors"]


def test_bad_filter_value_gives_400(demo):
    response = _token_client("operator.lu").get("/api/v1/organisations", {"kind": "bakery"})
    assert response.status_code == 400
    assert "kind" in response.json()["errors"]


def test_bad_page_number_gives_404_in_the_error_shape(demo):
    response = _token_client("operator.lu").get("/api/v1/organisations", {"page": "abc"})
    assert response.status_code == 404
    assert set(response.json()) == {"detail", "errors"}


def test_organisation_detail_and_missing_one(demo, django_assert_num_queries):
    from apps.accounts.models import Organisation

    locc = Organisation.objects.get(short_name="LOCC")
    client = _token_client("operator.be")
    with django_assert_num_queries(2):
        response = client.get(f"/api/v1/organisations/{locc.pk}")
    assert response.json()["country"] == "NL"
    assert client.get("/api/v1/organisations/999999").status_code == 404


def test_me_runs_a_fixed_number_of_queries(demo, django_assert_num_queries):
    client = _token_client("liaison.nl")
    with django_assert_num_queries(2):  # the token with its user; the roles with the organisation
        response = client.get("/api/v1/me")
    assert sorted(response.json()["roles"]) == ["liaison_officer", "working_group_member"]


def test_api_is_read_only_where_it_says_so(demo):
    response = _token_client("admin").post("/api/v1/countries", {"code": "XX"}, content_type="application/json")
    assert response.status_code == 405
    assert set(response.json()) == {"detail", "errors"}


def test_directory_lists_come_from_the_cache_until_an_organisation_or_country_changes(demo, django_assert_num_queries):
    User.objects.filter(username="liaison.nl").update(preferred_language="en")
    client = _token_client("liaison.nl")
    first = client.get("/api/v1/organisations", {"country": "LU"}).json()
    with django_assert_num_queries(1):  # the token with its user; the list comes from the cache
        assert client.get("/api/v1/organisations", {"country": "LU"}).json() == first
    organisation = Organisation.objects.get(pk=first["results"][0]["id"])
    organisation.short_name = "RENAMED"
    organisation.save()
    assert client.get("/api/v1/organisations", {"country": "LU"}).json()["results"][0]["short_name"] == "RENAMED"
    countries = client.get("/api/v1/countries").json()
    luxembourg = Country.objects.get(code="LU")
    luxembourg.name_en = "Grand Duchy of Luxembourg"
    luxembourg.save()
    assert client.get("/api/v1/countries").json() != countries
    assert "Grand Duchy of Luxembourg" in {row["name"] for row in client.get("/api/v1/countries").json()}


def test_cached_directory_speaks_each_readers_language(demo):
    User.objects.filter(username="liaison.nl").update(preferred_language="en")
    User.objects.filter(username="operator.nl").update(preferred_language="nl")
    english = _token_client("liaison.nl").get("/api/v1/countries").json()
    dutch = _token_client("operator.nl").get("/api/v1/countries").json()
    assert {row["code"]: row["name"] for row in english}["BE"] == "Belgium"
    assert {row["code"]: row["name"] for row in dutch}["BE"] == "België"


def test_directory_refuses_an_anonymous_reader_even_when_cached(demo):
    _token_client("liaison.nl").get("/api/v1/countries")
    assert Client().get("/api/v1/countries").status_code == 401
