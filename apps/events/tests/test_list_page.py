"""The calendar's dates as the browser's pickers send them (a bad one is said, not silently replaced), and the list
view sorted by its columns and exported to CSV and Excel."""

import csv
import io
import re
import zipfile
from datetime import datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from .factories import BRUSSELS, EventFactory, country, organisation

pytestmark = pytest.mark.django_db

NOT_UNDERSTOOD = "was not understood"
TODAY = datetime(2026, 12, 5, 12, tzinfo=BRUSSELS)


@pytest.fixture
def events(demo):
    """Three events in December 2026, and one in January."""
    return [
        EventFactory(
            title_en="Christmas market",
            kind="festival",
            country=country("BE"),
            organiser=organisation("DAO"),
            starts_at=datetime(2026, 12, 18, 10, tzinfo=BRUSSELS),
            risk_level="low",
        ),
        EventFactory(
            title_en="Ajax – Feyenoord",
            kind="sports",
            country=country("NL"),
            organiser=organisation("LOCC"),
            starts_at=datetime(2026, 12, 13, 14, tzinfo=BRUSSELS),
            risk_level="critical",
            assistance_expected=True,
        ),
        EventFactory(
            title_en='=HYPERLINK("http://evil")',
            kind="concert",
            country=country("LU"),
            organiser=organisation("CIN"),
            starts_at=datetime(2026, 12, 9, 20, tzinfo=BRUSSELS),
            risk_level="medium",
        ),
        EventFactory(
            title_en="New Year's dive",
            kind="festival",
            country=country("NL"),
            organiser=organisation("LOCC"),
            starts_at=datetime(2027, 1, 1, 12, tzinfo=BRUSSELS),
        ),
    ]


@pytest.mark.parametrize(
    ("view", "value", "shown"),
    [
        ("events:index", "2027-01", "January 2027"),  # a month picker
        ("events:index", "2027-01-19", "January 2027"),  # a date picker
        ("events:week", "2026-W50", "Week of 7 December to 13 December 2026"),  # a week picker
        ("events:week", "2026-12-09", "Week of 7 December to 13 December 2026"),
    ],
)
def test_month_and_week_accept_what_the_browsers_pickers_send(events, login, view, value, shown):
    body = login("operator.be", language="en").get(reverse(view), {"date": value}).content.decode()
    assert shown in body
    assert NOT_UNDERSTOOD not in body


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize("view", ["events:index", "events:week"])
@pytest.mark.parametrize("value", ["2026-13-01", "tomorrow", "2026-02-30", "9999-01-01", "2026-W60"])
def test_a_bad_month_or_week_is_said_and_this_period_shown(events, login, view, value):
    client = login("operator.be", language="en")
    client.get(reverse(view))  # the page of today is in the cache: a message must not come from there, nor go there
    body = client.get(reverse(view), {"date": value}).content.decode()
    assert f"The date “{value}” {NOT_UNDERSTOOD}" in body
    assert "Ajax – Feyenoord" in body if view == "events:index" else "7 December to 13 December" not in body
    assert NOT_UNDERSTOOD not in client.get(reverse(view)).content.decode()
    other = login("operator.nl", language="en").get(reverse(view), {"date": "2026-12-01"})
    assert NOT_UNDERSTOOD not in other.content.decode()


def test_month_and_week_offer_a_date_picker_that_keeps_the_filters(events, login):
    body = login("operator.be", language="en").get(reverse("events:index"), {"date": "2026-12-01", "kind": "sports"})
    html = body.content.decode()
    assert '<input id="goto-date" type="date" name="date" value="2026-12-01"' in html
    assert '<input type="hidden" name="kind" value="sports">' in html


def test_a_bad_day_of_the_list_is_said(events, login):
    body = login("operator.be", language="en").get(reverse("events:list"), {"from": "01/12/2026"}).content.decode()
    assert f"The date “01/12/2026” {NOT_UNDERSTOOD}" in body


def _titles(html: str) -> list[str]:
    wanted = ["Christmas market", "Ajax – Feyenoord", "=HYPERLINK", "New Year&#x27;s dive"]
    found = sorted((html.find(title), title) for title in wanted if title in html)
    return [title for _position, title in found]


DECEMBER = {"from": "2026-12-01", "to": "2026-12-31"}


def test_list_sorts_by_its_columns_and_keeps_the_sort_in_its_links(events, login):
    client = login("operator.be", language="en")
    assert _titles(client.get(reverse("events:list"), DECEMBER).content.decode()) == [
        "=HYPERLINK",
        "Ajax – Feyenoord",
        "Christmas market",
    ]
    by_risk = client.get(reverse("events:list"), {**DECEMBER, "sort": "-risk"}).content.decode()
    assert _titles(by_risk) == ["Ajax – Feyenoord", "=HYPERLINK", "Christmas market"]
    assert 'aria-sort="descending"' in by_risk
    assert "sort=-risk" in re.search(r'rel="next"[^>]* href="([^"]*)"', by_risk)[1]  # the next period, sorted alike
    assert "export=csv" in by_risk and "sort=-risk&amp;export=csv" in by_risk
    by_country = client.get(reverse("events:list"), {**DECEMBER, "sort": "country"}).content.decode()
    assert _titles(by_country) == ["Christmas market", "=HYPERLINK", "Ajax – Feyenoord"]  # BE, LU, NL


def test_a_sort_the_list_does_not_know_is_said(events, login):
    body = login("operator.be", language="en").get(reverse("events:list"), {**DECEMBER, "sort": "password"})
    assert "The list cannot be sorted by “password”" in body.content.decode()
    assert _titles(body.content.decode())[0] == "=HYPERLINK"


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def test_list_exports_what_it_shows_sorted_filtered_and_guarded(events, login, django_assert_num_queries):
    client = login("operator.be", language="fr")
    with django_assert_num_queries(EXPORT_QUERIES):
        response = client.get(reverse("events:list"), {**DECEMBER, "sort": "-risk", "export": "csv"})
        rows = _csv(response)
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="') and disposition.endswith('.csv"') and disposition.isascii()
    assert rows[0][:3] == ["Début", "Fin", "Événement"]
    assert [row[2] for row in rows[1:]] == ["Ajax – Feyenoord", '\'=HYPERLINK("http://evil")', "Christmas market"]
    assert rows[1][6] == "Critique" and rows[1][7] == "oui"
    filtered = _csv(client.get(reverse("events:list"), {**DECEMBER, "country": "NL", "export": "csv"}))
    assert [row[2] for row in filtered[1:]] == ["Ajax – Feyenoord"]


# Two-factor devices (2), the events of the period (an operator reads no consultation's meetings): never from the
# cache, whatever the number of rows.
EXPORT_QUERIES = 3


def test_list_export_runs_a_constant_number_of_queries(events, login, django_assert_num_queries):
    client = login("operator.be", language="en")
    for index in range(30):
        EventFactory(
            title_en=f"Match {index}",
            country=country("BE"),
            organiser=organisation("DAO"),
            starts_at=datetime(2026, 12, 1, 9, tzinfo=BRUSSELS) + timedelta(hours=index),
        )
    with django_assert_num_queries(EXPORT_QUERIES):
        rows = _csv(client.get(reverse("events:list"), {**DECEMBER, "export": "csv"}))
    assert len(rows) == 1 + 33


def test_list_exports_to_excel(events, login):
    response = login("operator.be", language="en").get(reverse("events:list"), {**DECEMBER, "export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    with zipfile.ZipFile(io.BytesIO(response.content)) as book:
        strings = book.read("xl/sharedStrings.xml").decode()
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert "Ajax – Feyenoord" in strings and "Risk level" in strings and "<f>" not in sheet


def test_export_shows_only_what_the_reader_may_see(restricted_nl_event, login):
    period = {"from": "2026-11-01", "to": "2026-11-30", "export": "csv"}
    belgian = _csv(login("operator.be", language="en").get(reverse("events:list"), period))
    dutch = _csv(login("operator.nl", language="en").get(reverse("events:list"), period))
    assert len(belgian) == 1
    assert [row[2] for row in dutch[1:]] == ["Closed NL operation briefing"]


def test_anonymous_export_is_sent_to_log_in(events, client):
    response = client.get(reverse("events:list"), {**DECEMBER, "export": "csv"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("value", ["xyz", "pdf", "CSV"])
def test_an_export_format_the_list_does_not_know_is_said_and_the_list_shown(events, login, value):
    response = login("operator.be", language="en").get(reverse("events:list"), {**DECEMBER, "export": value})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert f"The list cannot be exported as “{value}”: choose CSV or Excel." in body
    assert _titles(body) == ["=HYPERLINK", "Ajax – Feyenoord", "Christmas market"]


@pytest.mark.parametrize("value", ["2026-13", "2026-12-32", "2026-W54", "-1", "<script>"])
def test_a_bad_period_of_the_list_is_said_and_the_list_shown(events, login, value):
    response = login("operator.be", language="en").get(reverse("events:list"), {"from": value, "to": value})
    assert response.status_code == 200
    body = response.content.decode()
    assert NOT_UNDERSTOOD in body
    assert "“<script>”" not in body  # the value is said, escaped


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({**DECEMBER, "sort": "password"}, "The list cannot be sorted by “password”"),
        ({"from": "2026-13", "to": "2026-12-31"}, "The date “2026-13” was not understood"),
        ({"from": "2026-12-31", "to": "2026-12-01"}, "The end of the period was before its start"),
        ({**DECEMBER, "country": "XX"}, "Some filters were not understood"),
    ],
)
def test_an_export_of_an_address_not_understood_is_not_made_the_page_says_why(events, login, query, message):
    client = login("operator.be", language="en")
    response = client.get(reverse("events:list"), {**query, "export": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert message in response.content.decode()
    assert message not in client.get(reverse("events:list")).content.decode()  # said once, not kept for later
