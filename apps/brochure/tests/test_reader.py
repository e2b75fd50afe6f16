import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from apps.brochure import services

pytestmark = pytest.mark.django_db

URLS = [
    "brochure:reader",
    "brochure:reader_sw",
    "brochure:reader_manifest",
    "brochure:reader_edition",
    "brochure:reader_latest",
]


@pytest.mark.parametrize("name", URLS)
def test_reader_asks_anonymous_visitors_to_log_in_hides_from_accounts_of_no_organisation_opens_to_readers(
    edition, outsider, login, name
):
    url = reverse(name)
    assert Client().get(url).status_code == 302
    assert login("outsider").get(url).status_code == 404
    assert login("operator.be").get(url).status_code == 200


def test_reader_page_is_installable_and_has_no_inline_script(edition, login):
    body = login("operator.be", language="fr").get(reverse("brochure:reader")).content.decode()
    assert 'rel="manifest"' in body and "/static/brochure/reader.js" in body
    assert "<script>" not in body and "style=" not in body
    manifest = login("operator.be", language="fr").get(reverse("brochure:reader_manifest"))
    assert manifest["Content-Type"] == "application/manifest+json"
    data = manifest.json()
    assert data["start_url"] == data["scope"] == "/brochure/reader/"
    assert data["display"] == "standalone"
    assert {icon["sizes"] for icon in data["icons"]} == {"192x192", "512x512"}


def test_service_worker_is_served_from_the_readers_folder_with_what_it_keeps(edition, login):
    response = login("operator.be").get(reverse("brochure:reader_sw"))
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/brochure/reader/"
    assert "no-cache" in response["Cache-Control"]
    first_line, source = response.content.decode().split("\n", 1)
    config = json.loads(first_line.removeprefix("self.BROCHURE_READER = ").rstrip(";"))
    assert "/brochure/reader/" in config["precache"] and "/static/brochure/reader.js" in config["precache"]
    assert 'addEventListener("fetch"' in source


def test_reader_copy_is_the_latest_edition_in_the_chosen_language_with_the_contacts(
    edition, secretariat, login, django_assert_num_queries
):
    draft = services.edition_start_draft(actor=secretariat)
    section = draft.sections.get(title_en="Observation")
    services.section_update(actor=secretariat, section=section, title_de="", body_de="")
    client = login("chief.lu")
    client.get(reverse("home"))
    copy = client.get(reverse("brochure:reader_edition"), {"lang": "de"}).json()
    assert copy["edition"]["number"] == 1  # the draft is not the reader's
    services.edition_publish(actor=secretariat, edition=draft)
    # Two-factor devices (2), the latest edition, its chapters and sections, its contact points.
    with django_assert_num_queries(2 + 4):
        copy = client.get(reverse("brochure:reader_edition"), {"lang": "de"}).json()
    assert copy["edition"]["number"] == 2 and copy["language"] == "de"
    sections = [section for chapter in copy["chapters"] for section in chapter["sections"]]
    observation = next(row for row in sections if row["key"] == str(section.key))
    assert observation["is_fallback"] and observation["language"] == "nl" and observation["title"] == "Observatie"
    assert copy["contacts"][0]["phone"] == "+31 79 000 00 00"
    assert copy["fetched_at"]
    # Then from the cache: the latest edition only.
    with django_assert_num_queries(2 + 1):
        again = client.get(reverse("brochure:reader_edition"), {"lang": "de"})
    assert again["Content-Type"] == "application/json"
    kept = again.json()
    assert kept.pop("fetched_at") >= copy.pop("fetched_at")
    assert kept == copy
    with django_assert_num_queries(2 + 1):
        latest = client.get(reverse("brochure:reader_latest")).json()
    assert latest == {"number": 2, "published_on": timezone.localdate().isoformat()}
