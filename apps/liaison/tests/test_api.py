from datetime import date, datetime

import pytest
import time_machine
from django.test import Client
from django_countries import countries

from .factories import AccreditationFactory, DeskFactory, OfficerFactory, PostingFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 10, 10)


@pytest.mark.parametrize(
    "path",
    ["/api/v1/liaison-officers", "/api/v1/postings", "/api/v1/coverage", "/api/v1/coverage/CO"],
)
def test_anonymous_callers_get_401(path):
    assert Client().get(path).status_code == 401


def test_unknown_officer_posting_or_country_is_a_404(login, network, people):
    client = login("operator.be")
    assert client.get(f"/api/v1/liaison-officers/{people['koen'].pk}").status_code == 200
    assert client.get("/api/v1/liaison-officers/999999").status_code == 404
    assert client.get(f"/api/v1/postings/{network['koen'].pk}").status_code == 200
    assert client.get("/api/v1/postings/999999").status_code == 404
    assert client.get("/api/v1/coverage/XX").status_code == 404
    assert client.get("/api/v1/coverage/COL").status_code == 404


@time_machine.travel(NOW)
def test_coverage_has_one_row_per_iso_country_in_the_callers_language(login, network):
    client = login("operator.be", language="de")
    answer = client.get("/api/v1/coverage", {"page_size": 200}).json()
    assert answer["count"] == len(list(countries)) >= 249
    second = client.get("/api/v1/coverage", {"page_size": 200, "page": 2}).json()
    rows = {row["country"]: row for row in answer["results"] + second["results"]}
    assert rows["CO"]["name"] == "Kolumbien" and rows["CO"]["status"] == "resident"
    assert rows["PA"]["status"] == "accredited" and rows["EC"]["status"] == "none" and rows["EC"]["priority"]
    assert rows["BE"]["status"] == "member"
    koen = rows["CO"]["officers"][0]
    assert koen["officer"]["name"] == "Koen Peeters" and koen["kind"] == "resident"
    assert koen["desk"]["city"] == "Bogotá" and koen["officer"]["sending_country"] == "BE"
    assert koen["absences"][0]["backup"]["name"] == "Marie Dubois"
    assert koen["officer"]["stale"] is True and koen["officer"]["confirmed_on"] is None


@time_machine.travel(NOW)
def test_coverage_filters_by_country_focus_and_gaps(login, network):
    client = login("operator.be", language="en")
    assert [row["country"] for row in client.get("/api/v1/coverage", {"country": "co"}).json()["results"]] == ["CO"]
    cyber = client.get("/api/v1/coverage", {"focus": "cybercrime", "uncovered": "false"}).json()["results"]
    assert [row["country"] for row in cyber if row["status"] != "member"] == ["BR"]
    uncovered = client.get("/api/v1/coverage", {"uncovered": "true", "page_size": 200}).json()
    codes = {row["country"] for row in uncovered["results"]}
    assert "EC" in codes and "CO" not in codes and "BE" not in codes


def test_coverage_history_through_the_api(login, network, bogota):
    PostingFactory(
        officer=OfficerFactory(last_name="Vermeulen"),
        desk=bogota,
        starts_on=date(2019, 9, 1),
        ends_on=date(2024, 8, 31),
    )
    client = login("operator.be")
    then = client.get("/api/v1/coverage/CO", {"date": "2021-03-01"}).json()
    assert [entry["officer"]["name"] for entry in then["officers"]] == ["Pieter Vermeulen"]
    now = client.get("/api/v1/coverage/CO").json()
    assert [entry["officer"]["name"] for entry in now["officers"]] == ["Koen Peeters"]


def test_contact_details_go_to_police_users_only(login, network, people):
    police = login("operator.be").get("/api/v1/coverage/CO").json()
    assert police["officers"][0]["officer"]["contact"]["email"] == people["koen"].email
    secretariat = login("secretariat").get("/api/v1/coverage/CO").json()
    assert secretariat["officers"][0]["officer"]["contact"] is None
    officers = login("secretariat").get("/api/v1/liaison-officers").json()["results"]
    assert all(officer["contact"] is None for officer in officers)
    officers = login("operator.nl").get("/api/v1/liaison-officers").json()["results"]
    assert any(officer["contact"] and officer["contact"]["email"] for officer in officers)


@time_machine.travel(NOW)
def test_officer_list_searches_in_every_language_and_filters(login, network):
    client = login("operator.be")
    names = lambda answer: [officer["name"] for officer in answer.json()["results"]]  # noqa: E731
    assert names(client.get("/api/v1/liaison-officers", {"q": "Kolumbien"})) == ["Koen Peeters"]
    assert names(client.get("/api/v1/liaison-officers", {"country": "VE"})) == ["Koen Peeters"]
    assert names(client.get("/api/v1/liaison-officers", {"sending_country": "NL"})) == ["Sanne Bakker"]
    assert names(client.get("/api/v1/liaison-officers", {"language": "pt"})) == ["Marie Dubois"]
    koen = client.get("/api/v1/liaison-officers", {"q": "Peeters"}).json()["results"][0]
    assert koen["current_postings"][0]["accredited_countries"] == ["PA", "VE"]


def test_postings_filter_by_host_country_and_day(login, network):
    client = login("operator.be")
    found = client.get("/api/v1/postings", {"country": "BR"}).json()["results"]
    assert [posting["officer"]["name"] for posting in found] == ["Sanne Bakker"]
    assert client.get("/api/v1/postings", {"running_on": "2022-06-01"}).json()["count"] == 1


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/api/v1/coverage", {"country": "XX"}),
        ("/api/v1/coverage", {"date": "yesterday"}),
        ("/api/v1/coverage", {"date": "0999-01-01"}),
        ("/api/v1/coverage", {"focus": "gardening"}),
        ("/api/v1/coverage", {"uncovered": "perhaps"}),
        ("/api/v1/coverage", {"colour": "red"}),
        ("/api/v1/coverage/CO", {"uncovered": "true"}),
        ("/api/v1/liaison-officers", {"country": "Atlantis"}),
        ("/api/v1/liaison-officers", {"language": "klingon"}),
        ("/api/v1/postings", {"running_on": "3000-01-01"}),
        ("/api/v1/postings", {"officer": "99999999999999999999999"}),
    ],
)
def test_bad_filters_are_a_400_in_the_error_shape(login, network, path, query):
    response = login("operator.be", language="en").get(path, query)
    assert response.status_code == 400
    assert set(response.json()) == {"detail", "errors"}


def test_unknown_country_code_is_named_in_the_answer(login, network):
    answer = login("operator.be", language="en").get("/api/v1/coverage", {"country": "XX"}).json()
    assert answer["errors"] == {"country": ["Unknown country code: XX."]}


@pytest.mark.parametrize("officers", [2, 25])
def test_api_lists_run_a_fixed_number_of_queries(login, network, django_assert_num_queries, officers):
    desk = DeskFactory(country="PE", city="Lima")
    for _number in range(officers):
        posting = PostingFactory(desk=desk, officer=OfficerFactory(), starts_on=date(2025, 1, 1))
        AccreditationFactory(posting=posting, country="BO")
    client = login("operator.be")
    client.get("/api/v1/me")
    # Session (2); then the list's own queries.
    with django_assert_num_queries(2 + 3 + 1):  # officers, their postings, accreditations; the page's count
        assert client.get("/api/v1/liaison-officers").status_code == 200
    with django_assert_num_queries(2 + 2 + 1):  # postings with officer and desk, accreditations; count
        assert client.get("/api/v1/postings").status_code == 200
    # Statuses (residents and accreditations per country), then for the page: residents, accreditations, absences,
    # priorities.
    with django_assert_num_queries(2 + 2 + 4):
        assert client.get("/api/v1/coverage").status_code == 200
    with django_assert_num_queries(2 + 4):
        assert client.get("/api/v1/coverage/PE").status_code == 200
    for path in ("/api/v1/liaison-officers", "/api/v1/postings", "/api/v1/coverage", "/api/v1/coverage/PE"):
        with django_assert_num_queries(2):  # the lists come from the cache
            client.get(path)


def test_api_list_shows_a_change_at_once(login, network, people):
    client = login("operator.be")
    assert client.get("/api/v1/coverage", {"country": "EC"}).json()["results"][0]["status"] == "none"
    AccreditationFactory(posting=network["koen"], country="EC")
    assert client.get("/api/v1/coverage", {"country": "EC"}).json()["results"][0]["status"] == "accredited"
