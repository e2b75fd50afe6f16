import io
import time

import pytest
from django.urls import reverse
from pypdf import PdfReader

from apps.brochure import services
from apps.brochure.models import Section
from apps.brochure.pdf import brochure_pdf

pytestmark = pytest.mark.django_db


def _text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.parametrize(
    ("language", "contents", "title"),
    [
        ("nl", "Inhoud", "Achtervolging over de grens"),
        ("fr", "Table des matières", "Poursuite transfrontalière"),
        ("de", "Inhalt", "Grenzüberschreitende Nacheile"),
        ("en", "Contents", "Cross-border hot pursuit"),
    ],
)
def test_whole_brochure_as_a_pdf_in_each_language_with_a_table_of_contents(edition, login, language, contents, title):
    response = login("operator.lu").get(reverse("brochure:edition_pdf", args=[1]), {"lang": language})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert f"benelux-brochure-1-{language}.pdf" in response["Content-Disposition"]
    text = _text(response.content)
    assert contents in text and title in text
    assert text.count(title) >= 2  # in the contents and as a heading
    assert "+31 79 000 00 00" in text  # the contact points close the brochure


def test_one_chapter_as_a_pdf(edition, login):
    chapter = edition.chapters.order_by("position").last()
    response = login("operator.lu").get(reverse("brochure:chapter_pdf", args=[1, chapter.key]), {"lang": "en"})
    text = _text(response.content)
    assert "Joint patrols in Knokke" in text and "Cross-border hot pursuit" not in text


def test_section_body_markup_survives_in_the_pdf(demo, secretariat):
    draft = services.edition_start_draft(actor=secretariat)
    chapter = services.chapter_create(actor=secretariat, edition=draft, title_nl="Opmaak")
    services.section_create(
        actor=secretariat,
        chapter=chapter,
        title_nl="Lijsten",
        body_nl=(
            "# Kop\n\n- **eerste** punt\n- tweede & <derde>\n\n1. een\n2. twee\n\n"
            "| a | b |\n|---|---|\n| c | d |\n\n> citaat"
        ),
    )
    edition = services.edition_publish(actor=secretariat, edition=draft)
    text = _text(brochure_pdf(edition=edition, language="nl"))
    for expected in ("Kop", "eerste punt", "tweede & <derde>", "1.", "citaat"):
        assert expected in text


def test_pdf_of_300_sections_in_four_languages_builds_in_under_ten_seconds(demo, secretariat):
    draft = services.edition_start_draft(actor=secretariat)
    paragraph = "Bij achtervolgingen mag de politie de grens over zonder voorafgaande toestemming. " * 6
    for number in range(10):
        chapter = services.chapter_create(actor=secretariat, edition=draft, title_nl=f"Hoofdstuk {number}")
        sections = []
        for index in range(30):
            section = Section(
                edition=draft,
                chapter=chapter,
                position=index,
                **{f"title_{code}": f"Sectie {number}.{index} ({code})" for code in ("nl", "fr", "de", "en")},
                **{f"body_{code}": f"{paragraph}\n\n- punt een\n- punt twee" for code in ("nl", "fr", "de", "en")},
            )
            section.render()
            sections.append(section)
        Section.objects.bulk_create(sections)
    edition = services.edition_publish(actor=secretariat, edition=draft)
    started = time.monotonic()
    content = brochure_pdf(edition=edition, language="fr")
    assert time.monotonic() - started < 10
    assert len(PdfReader(io.BytesIO(content)).pages) > 30


def test_pdf_is_cached_per_edition_and_language_and_runs_a_pinned_number_of_queries(
    edition, login, django_assert_num_queries
):
    client = login("operator.lu")
    client.get(reverse("home"))
    url = reverse("brochure:edition_pdf", args=[1])
    first = client.get(url, {"lang": "de"}).content
    # Two-factor devices (2) and the edition: the PDF comes from the cache until the brochure changes.
    with django_assert_num_queries(2 + 1):
        assert client.get(url, {"lang": "de"}).content == first
    assert client.get(url, {"lang": "xx"}).status_code == 200  # an unknown language: the reader's own
    assert client.get(reverse("brochure:edition_pdf", args=[7])).status_code == 404
