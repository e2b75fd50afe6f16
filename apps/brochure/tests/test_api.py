import pytest
from django.test import Client

from apps.accounts.models import User
from apps.accounts.tests.factories import api_token_for
from apps.brochure import services

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/v1/brochure/sections",
    "/api/v1/brochure/search?q=grens",
    "/api/v1/brochure/editions",
    "/api/v1/brochure/contacts",
]
# The token and its user, their roles, the latest edition, the count and the page (sections with chapter and
# edition; contact points with edition); then the same answer from the cache: the token, its user and roles.
LIST_QUERIES = {"/api/v1/brochure/sections": 5, "/api/v1/brochure/contacts": 5, "/api/v1/brochure/editions": 5}
CACHED_LIST_QUERIES = 2


def _client(username: str, language: str = "en") -> Client:
    user = User.objects.get(username=username)
    token = api_token_for(user)
    return Client(HTTP_AUTHORIZATION=f"Token {token}", HTTP_ACCEPT_LANGUAGE=language)


@pytest.mark.parametrize("url", ENDPOINTS)
def test_anonymous_gets_401_account_of_no_organisation_404_reader_200(edition, outsider, url):
    assert Client().get(url).status_code == 401
    response = _client("outsider").get(url)
    assert response.status_code == 404 and set(response.json()) == {"detail", "errors"}
    assert _client("operator.lu").get(url).status_code == 200


def test_sections_of_the_latest_edition_in_the_language_asked(edition, secretariat):
    draft = services.edition_start_draft(actor=secretariat)
    observation = draft.sections.get(title_en="Observation")
    services.section_update(actor=secretariat, section=observation, title_de="", body_de="")
    services.edition_publish(actor=secretariat, edition=draft)
    client = _client("chief.lu")
    body = client.get("/api/v1/brochure/sections", {"lang": "de"}).json()
    assert body["count"] == 3
    rows = {row["key"]: row for row in body["results"]}
    shown = rows[str(observation.key)]
    assert shown["edition"] == 2 and shown["language"] == "nl" and shown["is_fallback"] is True
    assert shown["title"] == "Observatie"
    assert shown["url"].startswith(f"/brochure/chapters/{observation.chapter.key}/")
    german = [row for row in body["results"] if not row["is_fallback"]]
    assert {row["title"] for row in german} >= {"Grenzüberschreitende Nacheile"}
    assert [row["chapter"]["position"] for row in body["results"]] == sorted(
        row["chapter"]["position"] for row in body["results"]
    )
    english = client.get("/api/v1/brochure/sections", {"lang": "en", "tag": "patrols"}).json()
    assert [row["title"] for row in english["results"]] == ["Joint patrols in Knokke"]
    assert [
        r["title"] for r in client.get("/api/v1/brochure/sections", {"country": "LU", "lang": "en"}).json()["results"]
    ] == ["Cross-border hot pursuit"]
    first = client.get("/api/v1/brochure/sections", {"edition": 1, "lang": "de"}).json()
    assert all(not row["is_fallback"] and row["edition"] == 1 for row in first["results"])
    assert "/brochure/editions/1/chapters/" in first["results"][0]["url"]


def test_drafts_never_appear_in_the_api(edition, secretariat):
    draft = services.edition_start_draft(actor=secretariat)
    section = draft.sections.first()
    services.section_update(actor=secretariat, section=section, title_en="Draft only wording")
    client = _client("operator.nl")
    for url in ENDPOINTS + ["/api/v1/brochure/search?q=wording&lang=en"]:
        assert "Draft only wording" not in client.get(url).content.decode(), url
    editions = client.get("/api/v1/brochure/editions").json()
    assert [row["number"] for row in editions["results"]] == [1]
    assert client.get("/api/v1/brochure/sections", {"edition": 2}).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        {"edition": "abc"},
        {"edition": "0"},
        {"edition": "99999999999999999999"},
        {"lang": "xx"},
        {"tag": "nope"},
        {"country": "FR"},
        {"colour": "red"},
    ],
)
def test_bad_filters_are_a_400_in_the_error_shape(edition, query):
    response = _client("operator.be").get("/api/v1/brochure/sections", query)
    assert response.status_code == 400
    assert set(response.json()["errors"]) == set(query)


def test_unknown_edition_number_is_a_404(edition):
    assert _client("operator.be").get("/api/v1/brochure/sections", {"edition": 99}).status_code == 404
    assert _client("operator.be").get("/api/v1/brochure/editions", {"colour": "red"}).status_code == 400


@pytest.mark.parametrize("url", list(LIST_QUERIES))
def test_lists_run_a_pinned_number_of_queries(edition, secretariat, django_assert_num_queries, url):
    for number in range(3):
        draft = services.edition_start_draft(actor=secretariat)
        for chapter in draft.chapters.all():
            for index in range(5):
                services.section_create(actor=secretariat, chapter=chapter, title_nl=f"Extra {number}-{index}")
        services.contact_create(actor=secretariat, edition=draft, country="BE", organisation_nl="DAO", phone="+32")
        services.edition_publish(actor=secretariat, edition=draft)
    client = _client("liaison.nl")
    with django_assert_num_queries(LIST_QUERIES[url]):
        first = client.get(url)
    assert first.status_code == 200 and first.json()["count"] >= 4
    with django_assert_num_queries(CACHED_LIST_QUERIES):
        assert client.get(url).json() == first.json()


def test_contacts_are_data_filtered_by_country(edition):
    client = _client("operator.be")
    rows = client.get("/api/v1/brochure/contacts", {"lang": "en"}).json()["results"]
    assert rows == [
        {
            "key": rows[0]["key"],
            "edition": 1,
            "position": 1,
            "country": "NL",
            "organisation": "National Operational Coordination Centre (LOCC)",
            "service": "Control room",
            "phone": "+31 79 000 00 00",
            "secure_email": "locc@politie.example",
            "hours": "24/7",
            "notes": "",
            "language": "en",
            "is_fallback": False,
        }
    ]
    assert client.get("/api/v1/brochure/contacts", {"country": "BE"}).json()["count"] == 0


def test_editions_list_says_which_is_the_latest(edition, secretariat):
    draft = services.edition_start_draft(actor=secretariat)
    services.edition_update(actor=secretariat, edition=draft, notes_en="Knokke added", notes_nl="Knokke toegevoegd")
    services.edition_publish(actor=secretariat, edition=draft)
    rows = _client("chief.be").get("/api/v1/brochure/editions", {"lang": "en"}).json()["results"]
    assert [(row["number"], row["is_latest"], row["sections"]) for row in rows] == [(2, True, 3), (1, False, 3)]
    assert rows[0]["notes"] == "Knokke added"
