import io
import time
from datetime import date

import pytest
from pypdf import PdfReader

from apps.liaison import almanac

from .factories import AccreditationFactory, DeskFactory, OfficerFactory, PostingFactory, user

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_almanac_pdf_lists_officers_by_host_country_in_the_readers_language(login, network, people):
    response = login("operator.be", language="de").get("/liaison/almanac.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="benelux-almanac-')
    text = _pdf_text(response.content)
    assert "Kolumbien" in text and "Peeters, Koen" in text and "Panama" in text
    assert "Brasilien" in text and "Bakker, Sanne" in text
    assert "Drogen" in text or "Drugs" in text
    assert people["koen"].email in text.replace("\n", "")  # a narrow column may wrap it


def test_almanac_shows_contact_details_to_police_users_only(login, network, people):
    text = _pdf_text(login("secretariat").get("/liaison/almanac.pdf").content).replace("\n", "")
    assert "Peeters, Koen" in text and people["koen"].email not in text


def test_almanac_spreadsheet_has_officers_and_desks(login, network, people):
    from zipfile import ZipFile

    response = login("operator.nl", language="fr").get("/liaison/almanac.xlsx")
    assert response["Content-Type"] == almanac.XLSX_TYPE
    with ZipFile(io.BytesIO(response.content)) as archive:
        strings = archive.read("xl/sharedStrings.xml").decode()
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/sheet")]
    assert len(sheets) == 2
    assert "Colombie" in strings and "Peeters, Koen" in strings and people["koen"].email in strings
    assert "Embassy of the Netherlands in Brasília" in strings


def test_a_name_that_looks_like_a_formula_stays_text(login, network):
    OfficerFactory(last_name="=HYPERLINK(1)")
    officer = OfficerFactory(last_name="=SUM(A1)")
    PostingFactory(officer=officer, desk=DeskFactory(country="PE", city="Lima"), starts_on=date(2025, 1, 1))
    from zipfile import ZipFile

    content = login("operator.nl").get("/liaison/almanac.xlsx").content
    with ZipFile(io.BytesIO(content)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet


def test_almanac_of_a_thousand_officers_builds_in_under_ten_seconds(people):
    desks = [
        DeskFactory(country=code, city=f"City {code}") for code in ("CO", "BR", "EC", "PE", "MA", "TR", "TH", "ZA")
    ]
    officers = OfficerFactory.create_batch(1000)
    postings = [
        PostingFactory.build(officer=officer, desk=desks[number % len(desks)], starts_on=date(2025, 1, 1))
        for number, officer in enumerate(officers)
    ]
    from apps.liaison.models import Accreditation, Posting

    Posting.objects.bulk_create(postings)
    Accreditation.objects.bulk_create(
        [AccreditationFactory.build(posting=posting, country="PA", starts_on=posting.starts_on) for posting in postings]
    )
    reader = user("operator.be")
    started = time.monotonic()
    content = almanac.pdf(user=reader, day=date(2026, 6, 1))
    pdf_seconds = time.monotonic() - started
    started = time.monotonic()
    sheet = almanac.xlsx(user=reader, day=date(2026, 6, 1))
    xlsx_seconds = time.monotonic() - started
    assert len(PdfReader(io.BytesIO(content)).pages) > 10 and sheet
    assert pdf_seconds < 10 and xlsx_seconds < 10, (pdf_seconds, xlsx_seconds)
