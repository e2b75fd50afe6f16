"""The request as a PDF: what it says, in which language, to whom, and at what cost in queries."""

import datetime
import io
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext
from pypdf import PdfReader
from rest_framework.test import APIClient

from apps.accounts.tests.factories import api_token_for
from apps.assistance import pdf, selectors, services
from apps.events.tests.factories import EventFactory

from .factories import START, EquipmentItemFactory, resource_type, user

pytestmark = pytest.mark.django_db
API = "/api/v1/assistance-requests"


def in_brussels(moment: datetime.datetime, layout: str) -> str:
    """A moment as the form prints it for the reader: Brussels time, in the layout of the reader's language."""
    return moment.astimezone(ZoneInfo("Europe/Brussels")).strftime(layout)


FRENCH_DATE = "%d/%m/%Y %H:%M"  # day/month/year, 24-hour clock
GERMAN_DATE = "%d.%m.%Y %H:%M"


def text_of(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    """The text with line breaks and repeated spaces folded, so that wrapped phrases can be found."""
    return " ".join(text.split())


def api(username: str, language: str = "en") -> APIClient:
    client = APIClient()
    token = api_token_for(user(username))
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}", HTTP_ACCEPT_LANGUAGE=language)
    return client


def many_lines(count: int) -> list[dict]:
    types = ["mounted-unit", "public-order-unit", "drone-team", "traffic-unit"]
    return [
        {
            "resource_type": resource_type(types[index % len(types)]),
            "quantity": index % 10 + 1,
            "substitutes": f"Substitute {index}",
            "muster_point": f"Gate {index}",
            "notes": f"Note of line {index}",
        }
        for index in range(count)
    ]


@pytest.fixture
def answered(make_request):
    """A request asked of Belgium and Luxembourg, acknowledged and answered by both."""
    return make_request(status="answered", to=("BE", "LU"))


def test_pdf_shows_the_form_lines_answers_and_history(answered, login):
    response = login("operator.nl", language="en").get(reverse("assistance:pdf", args=[answered.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{answered.reference}.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    text = flat(text_of(response.content))
    assert answered.reference in text
    assert "Formula 1 Belgian Grand Prix" in text
    assert "About 380,000 visitors over three days." in text
    assert "Circuit, gate 4" in text  # the line's muster point
    assert "Belgium (BE): Approved" in text  # each country's answer
    assert "Luxembourg (LU): Approved" in text
    assert "Borne by the sending country" in text or "To be agreed" in text  # cost arrangement per line
    assert "Police zone Stavelot-Malmedy" in text  # operational control
    assert "Sending unit commander" in text  # command
    assert "H1" in text  # handling code
    assert "Printed by" in text
    assert "Page 1 of" in text


def test_handling_code_heads_and_foots_every_page(make_request, login):
    request = make_request(status="submitted", lines=many_lines(60))
    content = login("operator.nl", language="en").get(reverse("assistance:pdf", args=[request.pk])).content
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) > 1  # many lines flow over pages
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        text = flat(page.extract_text())
        assert text.count("H1 – Not in judicial proceedings without permission") >= 2, number  # header, footer
        assert f"Page {number} of {total}" in text
        assert request.reference in text
    everything = flat(text_of(content))
    assert "Note of line 0" in everything
    assert "Note of line 59" in everything


def test_long_text_wraps_and_flows_over_pages(make_request, login):
    story = "Crowd of supporters near the hairpin; stewards ask for more officers. " * 400
    request = make_request(
        status="submitted",
        operational_context=story,
        lines=[{"resource_type": resource_type("mounted-unit"), "quantity": 2, "notes": story}],
    )
    response = login("operator.nl", language="en").get(reverse("assistance:pdf", args=[request.pk]))
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) >= 4
    assert "stewards ask for more officers" in flat(reader.pages[-2].extract_text() + reader.pages[-1].extract_text())


def test_draft_gets_a_sensible_file_name(make_request, login):
    draft = make_request()
    response = login("operator.nl", language="en").get(reverse("assistance:pdf", args=[draft.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="draft-{draft.pk}.pdf"'
    assert "Draft" in text_of(response.content)


def test_french_reader_gets_french_labels_and_dates(answered, login):
    response = login("operator.be", language="fr").get(reverse("assistance:pdf", args=[answered.pk]))
    assert response.status_code == 200
    text = flat(text_of(response.content))
    with translation.override("fr"):
        expected = [
            gettext("Requested resources"),
            gettext("Operational control and command"),
            capfirst(gettext("delivery or muster point")),  # the column of the lines' muster point
            gettext("Page %(number)s of %(total)s") % {"number": 1, "total": text.count("H1 –") // 2},
        ]
    for label in expected:
        assert label in text
    assert in_brussels(answered.start, FRENCH_DATE) in text


def test_english_reader_gets_european_dates(answered, login):
    response = login("operator.be", language="en").get(reverse("assistance:pdf", args=[answered.pk]))
    text = flat(text_of(response.content))
    start = answered.start.astimezone(ZoneInfo("Europe/Brussels"))
    assert f"{start.day} {start:%b %Y, %H:%M}" in text  # "30 Dec 2026, 08:00"
    assert not re.search(r"\b\d{1,2}/\d{1,2}/\d{4}\b", text), "no month-first dates"
    assert " a.m." not in text and " p.m." not in text


def test_the_active_language_decides_the_labels(answered):
    request = selectors.request_get_for_user(user=user("operator.nl"), pk=answered.pk)
    with translation.override("de"):
        german = flat(text_of(pdf.request_pdf(request=request, user=user("operator.nl"))))
        assert gettext("Answers of the requested countries") in german
    assert in_brussels(answered.start, GERMAN_DATE) in german


def test_bookings_and_event_are_printed(make_request, login):
    operator_lu = user("operator.lu")
    event = EventFactory(
        title_en="Fête nationale – Luxembourg",
        kind="royal_state",
        country=operator_lu.organisation.country,
        place="Luxembourg City",
        starts_at=START,
        ends_at=START + datetime.timedelta(hours=8),
        organiser=operator_lu.organisation,
    )
    item = EquipmentItemFactory(name="Water cannon WA-2", identifier="WA-2")
    request = make_request(
        by="operator.lu",
        to=("BE",),
        status="acknowledged",
        kind="loan",
        title="Water cannon for the national day",
        lines=[{"resource_type": resource_type("water-cannon"), "quantity": 1, "muster_point": "Kirchberg"}],
        event=event,
    )
    services.request_respond(
        request=request,
        actor=user("operator.be"),
        decisions=[
            {"line": line.pk, "decision": "approved", "offered_quantity": 1, "conditions": "Crew of four included"}
            for line in request.lines.all()
        ],
        items=[item],
    )
    text = flat(text_of(login("operator.lu", language="en").get(reverse("assistance:pdf", args=[request.pk])).content))
    assert "Fête nationale – Luxembourg" in text
    assert "Booked by Lies Wouters" in text
    assert "Water cannon WA-2 (WA-2)" in text
    assert "Crew of four included" in text
    assert "Kirchberg" in text


def test_bookings_event_acknowledgements_and_messages_cost_four_queries_in_all(make_request, django_assert_num_queries):
    operator_lu = user("operator.lu")
    event = EventFactory(country=operator_lu.organisation.country, organiser=operator_lu.organisation)
    items = [EquipmentItemFactory() for _index in range(3)]
    request = make_request(
        by="operator.lu",
        to=("BE", "NL"),
        status="acknowledged",
        kind="loan",
        lines=[{"resource_type": resource_type("water-cannon"), "quantity": 3}],
        event=event,
    )
    services.request_respond(
        request=request,
        actor=user("operator.be"),
        decisions=[{"line": line.pk, "decision": "approved", "offered_quantity": 3} for line in request.lines.all()],
        items=items,
    )
    for body in ("Crew included?", "Yes, four.", "Thanks."):
        services.message_send(request=request, actor=user("operator.be"), body=body)
    loaded = selectors.request_get_for_user(user=operator_lu, pk=request.pk)
    with django_assert_num_queries(4), translation.override("en"):
        text = flat(text_of(pdf.request_pdf(request=loaded, user=operator_lu)))
    assert text.count("Booked by") == 3


def test_an_event_restricted_to_the_requesting_country_is_not_printed_for_the_requested_one(make_request, login):
    operator_lu = user("operator.lu")
    event = EventFactory(
        title_en="Grand-Ducal security briefing",
        country=operator_lu.organisation.country,
        organiser=operator_lu.organisation,
        visibility="country",
    )
    request = make_request(by="operator.lu", to=("BE",), status="submitted", event=event)
    url = reverse("assistance:pdf", args=[request.pk])
    assert "Grand-Ducal security briefing" in flat(text_of(login("operator.lu", language="en").get(url).content))
    assert "Grand-Ducal security briefing" not in flat(text_of(login("operator.be", language="en").get(url).content))


def test_request_page_links_to_the_pdf(answered, login):
    response = login("operator.nl", language="en").get(answered.get_absolute_url())
    assert reverse("assistance:pdf", args=[answered.pk]).encode() in response.content
    assert b"Download as PDF" in response.content


def test_markup_in_the_users_text_is_printed_as_typed(make_request, login):
    request = make_request(status="submitted", title="Dogs & <horses> </para>", place='Café "De Grens"')
    response = login("operator.nl", language="en").get(reverse("assistance:pdf", args=[request.pk]))
    assert response.status_code == 200
    text = flat(text_of(response.content))
    assert "Dogs & <horses> </para>" in text
    assert 'Café "De Grens"' in text


def test_pdf_permission_grid(make_request, login, client):
    filed = make_request(status="submitted")  # filed by NL, asked of BE
    url = reverse("assistance:pdf", args=[filed.pk])
    for username in ("operator.nl", "operator.be", "chief.be", "chief.nl", "secretariat"):
        assert login(username, language="en").get(url).status_code == 200, username
    for username in ("operator.lu", "chief.lu", "liaison.be"):
        assert login(username, language="en").get(url).status_code == 404, username
    draft = make_request()
    assert login("operator.be", language="en").get(reverse("assistance:pdf", args=[draft.pk])).status_code == 404
    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert "/accounts/" in anonymous["Location"]


def test_bad_addresses_are_404_never_500(demo, login):
    client = login("operator.nl", language="en")
    assert client.get(reverse("assistance:pdf", args=[987654])).status_code == 404
    assert client.get("/assistance/abc/pdf/").status_code == 404
    assert client.get("/assistance/99999999999999999999999/pdf/").status_code == 404
    assert api("operator.nl").get(f"{API}/987654/pdf").status_code == 404
    assert api("operator.nl").get(f"{API}/abc/pdf").status_code == 404
    assert api("operator.nl").get(f"{API}/99999999999999999999999/pdf").status_code == 404


def test_pdf_is_a_download_only(answered, login):
    url = reverse("assistance:pdf", args=[answered.pk])
    assert login("operator.nl", language="en").post(url).status_code == 405


@pytest.mark.parametrize("count", [1, 10])
def test_pdf_page_runs_a_constant_number_of_queries(make_request, login, django_assert_num_queries, count):
    request = make_request(status="answered", to=("BE", "LU"), lines=many_lines(count))
    client = login("operator.nl", language="en")
    with django_assert_num_queries(PAGE_QUERIES):
        response = client.get(reverse("assistance:pdf", args=[request.pk]))
    assert response.status_code == 200
    assert f"Note of line {count - 1}" in flat(text_of(response.content))


@pytest.mark.parametrize("count", [1, 10])
def test_pdf_of_a_loaded_request_adds_a_constant_number_of_queries(make_request, django_assert_num_queries, count):
    """Who acknowledged and who booked, and the thread, for every row at once; no query per line, answer, message or
    history row."""
    request = make_request(status="answered", to=("BE", "LU"), lines=many_lines(count))
    for index in range(count):
        services.message_send(request=request, actor=user("operator.be"), body=f"Message {index}")
    reader = user("operator.nl")
    loaded = selectors.request_get_for_user(user=reader, pk=request.pk)
    with django_assert_num_queries(2), translation.override("en"):
        pdf.request_pdf(request=loaded, user=reader)


def test_api_gives_the_pdf_to_a_control_room_system(answered):
    response = api("operator.be").get(f"{API}/{answered.pk}/pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{answered.reference}.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert answered.reference in text_of(response.content)
    asked = api("operator.be").get(f"{API}/{answered.pk}/pdf", HTTP_ACCEPT="application/pdf")
    assert asked.status_code == 200
    assert asked.content.startswith(b"%PDF")
    browser = api("operator.be").get(f"{API}/{answered.pk}/pdf", HTTP_ACCEPT="text/html,*/*;q=0.8")
    assert browser.status_code == 200
    json_only = api("operator.be").get(f"{API}/{answered.pk}/pdf", HTTP_ACCEPT="application/json")
    assert json_only.status_code == 406
    assert set(json_only.json()) == {"detail", "errors"}


def test_only_the_vendored_font_is_used_and_embedded(answered):
    loaded = selectors.request_get_for_user(user=user("operator.nl"), pk=answered.pk)
    with translation.override("en"):
        reader = PdfReader(io.BytesIO(pdf.request_pdf(request=loaded, user=user("operator.nl"))))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts.add(str(font["/BaseFont"]))
            assert "/FontFile2" in font["/FontDescriptor"], font["/BaseFont"]  # embedded TrueType
    assert fonts
    assert all(name.split("+")[-1] in ("DejaVuSans", "DejaVuSans-Bold") for name in fonts), fonts


def test_api_speaks_the_token_owners_language(answered):
    owner = user("operator.be")
    owner.preferred_language = "fr"
    owner.save(update_fields=["preferred_language"])
    text = flat(text_of(api("operator.be", language="en").get(f"{API}/{answered.pk}/pdf").content))
    assert in_brussels(answered.start, FRENCH_DATE) in text


def test_api_permission_grid(make_request):
    filed = make_request(status="submitted")  # filed by NL, asked of BE
    url = f"{API}/{filed.pk}/pdf"
    assert APIClient().get(url).status_code == 401
    for username in ("operator.nl", "operator.be", "chief.be", "chief.nl", "secretariat"):
        assert api(username).get(url).status_code == 200, username
    for username in ("operator.lu", "chief.lu"):
        assert api(username).get(url).status_code == 404, username
    refused = api("operator.lu").get(url, HTTP_ACCEPT="application/pdf")
    assert refused.status_code == 404
    assert refused["Content-Type"] == "application/json"
    assert set(refused.json()) == {"detail", "errors"}


@pytest.mark.parametrize("count", [1, 10])
def test_api_pdf_runs_a_constant_number_of_queries(make_request, django_assert_num_queries, count):
    request = make_request(status="answered", to=("BE", "LU"), lines=many_lines(count))
    client = api("operator.nl")
    with django_assert_num_queries(API_QUERIES):
        response = client.get(f"{API}/{request.pk}/pdf")
    assert response.status_code == 200


# The request and its story, and its message thread (the session, the two-factor device and the user with roles and
# organisation come from the cache).
PAGE_QUERIES = 14
API_QUERIES = 15  # token and user, roles, organisation; the request and its story (with attachments)
