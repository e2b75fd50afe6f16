"""The queue and the lists of requests: sorted by their columns in the database, the sort kept in the page links,
exported to CSV and Excel (every page, filtered and sorted alike), date filters as the browser's pickers send them."""

import csv
import datetime
import io
import re
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.assistance import views
from apps.assistance.models import AssistanceRequest
from apps.assistance.views import PAGE_SIZE

from .factories import START, AssistanceRequestFactory, user
from .test_api import BASE, api

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafts(demo, reference_data):
    """25 drafts of the Dutch control room (more than a page), with titles and starts in opposite orders."""
    return [
        AssistanceRequestFactory(
            created_by=user("operator.nl"),
            title=f"Draft {index:02d}",
            start=START + datetime.timedelta(days=30 - index),
            end=START + datetime.timedelta(days=31 - index),
        )
        for index in range(25)
    ]


def _titles(response) -> list[str]:
    assert response.status_code == 200
    return [item.title for item in response.context["page"].object_list]


def test_operator_sorts_a_list_by_its_columns_and_the_pages_keep_the_sort(drafts, login):
    client = login("operator.nl", language="en")
    first = client.get(reverse("assistance:index"), {"status": "draft", "sort": "-title"})
    assert _titles(first) == [f"Draft {index:02d}" for index in range(24, 24 - PAGE_SIZE, -1)]
    html = first.content.decode()
    assert 'aria-sort="descending"' in html
    next_link = re.search(r'href="\?([^"]*page=2)"', html)[1].replace("&amp;", "&")
    assert "sort=-title" in next_link and "status=draft" in next_link
    second = client.get(f"{reverse('assistance:index')}?{next_link}")
    assert _titles(second) == ["Draft 04", "Draft 03", "Draft 02", "Draft 01", "Draft 00"]
    by_start = client.get(reverse("assistance:index"), {"status": "draft", "sort": "start"})
    assert _titles(by_start)[:2] == ["Draft 24", "Draft 23"]  # the earliest start first


def test_urgency_and_status_sort_in_their_own_order_not_alphabetically(make_request, login):
    make_request(status="submitted", title="Routine", urgency="routine")
    make_request(status="acknowledged", title="Immediate", urgency="immediate")
    make_request(status="answered", title="Urgent", urgency="urgent")
    client = login("operator.be", language="en")
    assert _titles(client.get(reverse("assistance:index"), {"q": "", "sort": "urgency"})) == [
        "Immediate",
        "Urgent",
        "Routine",
    ]
    assert _titles(client.get(reverse("assistance:index"), {"q": "", "sort": "-status"})) == [
        "Urgent",
        "Immediate",
        "Routine",
    ]


def test_queue_headings_open_the_whole_list_sorted(make_request, login):
    older = make_request(status="submitted", title="Older")
    newer = make_request(status="submitted", title="Newer")
    AssistanceRequest.objects.filter(pk=older.pk).update(submitted_at=timezone.now() - datetime.timedelta(hours=5))
    views.caching.bump()
    client = login("operator.be", language="en")
    queue = client.get(reverse("assistance:index")).content.decode()
    assert 'href="?queue=awaiting&amp;sort=waiting"' in queue
    waited = client.get(reverse("assistance:index"), {"queue": "awaiting", "sort": "waiting"})
    assert _titles(waited) == [older.title, newer.title]  # the longest waiting first
    assert "Waiting for" in waited.content.decode()


def test_a_sort_the_list_does_not_know_is_said_and_the_list_shown(drafts, login):
    response = login("operator.nl", language="en").get(reverse("assistance:index"), {"sort": "secret_field"})
    assert "The list cannot be sorted by “secret_field”." in response.content.decode()
    assert response.status_code == 200


@pytest.mark.parametrize("value", ["xyz", "pdf", "CSV"])
def test_an_export_format_the_list_does_not_know_is_said_and_the_list_shown(drafts, login, value):
    response = login("operator.nl", language="en").get(
        reverse("assistance:index"), {"status": "draft", "sort": "title", "export": value}
    )
    assert response["Content-Type"].startswith("text/html")
    assert _titles(response)[0] == "Draft 00"
    assert f"The list cannot be exported as “{value}”: choose CSV or Excel." in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"sort": "password", "export": "csv"}, "The list cannot be sorted by “password”."),
        ({"period_after": "31/12/2026", "export": "xlsx"}, "Enter a valid date/time."),
    ],
)
def test_an_export_of_an_address_not_understood_is_not_made_the_page_says_why(drafts, login, query, message):
    client = login("operator.nl", language="en")
    response = client.get(reverse("assistance:index"), {"status": "draft", **query})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert message in response.content.decode()
    assert message not in client.get(reverse("assistance:index")).content.decode()  # said once, not kept for later


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="') and disposition.isascii()
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def test_export_has_every_page_filtered_and_sorted_in_the_readers_language(drafts, login, django_assert_num_queries):
    client = login("operator.nl", language="fr")
    with django_assert_num_queries(EXPORT_QUERIES):
        rows = _csv(client.get(reverse("assistance:index"), {"status": "draft", "sort": "title", "export": "csv"}))
    assert rows[0][:3] == ["Référence", "Titre", "Statut"]
    assert [row[1] for row in rows[1:]] == [f"Draft {index:02d}" for index in range(25)]
    assert rows[1][0] == "Brouillon" and rows[1][2] == "Brouillon"
    assert rows[1][-1].startswith("http://testserver/assistance/")


# Two-factor devices (2), the rows in one query read as they are written: never from the cache, whatever their
# number.
EXPORT_QUERIES = 3


def test_export_runs_the_same_queries_for_few_and_many_rows(demo, reference_data, login, django_assert_num_queries):
    client = login("operator.nl", language="en")
    for count in (3, 40):
        while AssistanceRequest.objects.count() < count:
            AssistanceRequestFactory(created_by=user("operator.nl"))
        with django_assert_num_queries(EXPORT_QUERIES):
            rows = _csv(client.get(reverse("assistance:index"), {"status": "draft", "export": "csv"}))
        assert len(rows) == count + 1


def test_export_guards_against_formulas_and_stops_at_its_cap_with_a_message(drafts, login, monkeypatch):
    AssistanceRequestFactory(created_by=user("operator.nl"), title='=HYPERLINK("http://evil","Open")')
    monkeypatch.setattr(views, "EXPORT_MAX_ROWS", 10)
    rows = _csv(
        login("operator.nl", language="en").get(
            reverse("assistance:index"), {"status": "draft", "sort": "title", "export": "csv"}
        )
    )
    assert rows[1][1] == '\'=HYPERLINK("http://evil","Open")'
    assert len(rows) == 1 + 10 + 1
    assert rows[-1][0] == "Only the first 10 rows are exported: narrow the filters to export the rest."


def test_export_to_excel(drafts, login):
    response = login("operator.nl", language="en").get(
        reverse("assistance:index"), {"status": "draft", "export": "xlsx"}
    )
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as book:
        strings = book.read("xl/sharedStrings.xml").decode()
    assert "Draft 00" in strings and "Draft 24" in strings and "Reference" in strings


def test_export_holds_only_what_the_reader_may_see(drafts, login, client):
    rows = _csv(login("operator.be", language="en").get(reverse("assistance:index"), {"export": "csv"}))
    assert rows[1:] == []  # another control room's drafts
    anonymous = client.get(reverse("assistance:index"), {"export": "csv"})
    assert anonymous.status_code == 302 and "/accounts/" in anonymous["Location"]


def test_the_page_offers_the_exports_of_what_it_shows(drafts, login):
    html = login("operator.nl", language="en").get(reverse("assistance:index"), {"status": "draft", "sort": "title"})
    assert "status=draft&amp;sort=title&amp;export=csv" in html.content.decode()
    assert "status=draft&amp;sort=title&amp;export=xlsx" in html.content.decode()


def test_period_filters_are_date_pickers_and_take_what_they_send(make_request, login):
    make_request(status="submitted", title="In ten days")  # START is in ten days, for three days
    client = login("operator.be", language="en")
    day = (START + datetime.timedelta(days=1)).date().isoformat()
    page = client.get(reverse("assistance:index"), {"period_before": day, "period_after": day})
    assert _titles(page) == ["In ten days"]
    html = page.content.decode()
    assert f'type="date" name="period_before" value="{day}"' in html
    # The whole day counts: a period starting at any time of that day starts "on or before" it.
    start_day = START.astimezone(timezone.get_current_timezone()).date().isoformat()
    assert _titles(client.get(reverse("assistance:index"), {"period_before": start_day})) == ["In ten days"]
    before = (START - datetime.timedelta(days=1)).date().isoformat()
    assert _titles(client.get(reverse("assistance:index"), {"period_before": before})) == []
    local = (START + datetime.timedelta(hours=1)).astimezone(timezone.get_current_timezone()).strftime("%Y-%m-%dT%H:%M")
    assert _titles(client.get(reverse("assistance:index"), {"period_after": local})) == ["In ten days"]
    bad = client.get(reverse("assistance:index"), {"period_after": "31/12/2026"}).content.decode()
    assert "Enter a valid date/time." in bad


def test_api_takes_a_day_or_a_time_as_period_bounds(make_request):
    make_request(status="submitted", title="In ten days")
    client = api("operator.be")
    day = (START + datetime.timedelta(days=1)).date().isoformat()
    assert [row["title"] for row in client.get(BASE, {"period_after": day}).json()["results"]] == ["In ten days"]
    later = (START + datetime.timedelta(days=5)).date().isoformat()
    assert client.get(BASE, {"period_after": later}).json()["results"] == []
    assert client.get(BASE, {"period_after": START.isoformat()}).status_code == 200
    refused = client.get(BASE, {"period_after": "2026-02-30"})
    assert refused.status_code == 400 and "period_after" in refused.json()["errors"]
