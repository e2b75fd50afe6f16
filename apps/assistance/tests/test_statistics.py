"""The statistics page: resource types and countries in the reader's language, the median time to acknowledge
computed and shown, what the figures cover, tables sorted by their columns and exported."""

import csv
import datetime
import io

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from apps.assistance import services

from .factories import user
from .test_views import STATISTICS_QUERIES, statistics_shown

pytestmark = pytest.mark.django_db

FILED = timezone.now().replace(microsecond=0) - datetime.timedelta(days=2)


@pytest.fixture
def acknowledged(make_request):
    """Two requests of the Netherlands to Belgium and Luxembourg, acknowledged after 30 and 90 minutes by Belgium,
    after 10 minutes and 3 hours by Luxembourg; and one of Belgium to the Netherlands, not acknowledged."""
    for be_minutes, lu_minutes in ((30, 10), (90, 180)):
        with time_machine.travel(FILED, tick=False):
            request = make_request(status="submitted", to=("BE", "LU"))
        with time_machine.travel(FILED + datetime.timedelta(minutes=be_minutes), tick=False):
            services.request_acknowledge(request=request, actor=user("operator.be"))
        with time_machine.travel(FILED + datetime.timedelta(minutes=lu_minutes), tick=False):
            services.request_acknowledge(request=request, actor=user("operator.lu"))
    with time_machine.travel(FILED, tick=False):
        make_request(status="submitted", by="operator.be", to=("NL",))


def _statistics(client, **query):
    return client.get(reverse("assistance:statistics"), {"year": FILED.year, **query})


def test_the_median_time_to_acknowledge_is_computed_and_shown_as_people_say_it(acknowledged, login):
    shown = statistics_shown(_statistics(login("secretariat", language="en")))
    # Belgium: 30 and 90 minutes; Luxembourg: 10 minutes and 3 hours; the Netherlands: none yet.
    assert shown["rows"]["BE"] == (1, 2, 2, "1 h 00 min")
    assert shown["rows"]["LU"] == (0, 2, 2, "1 h 35 min")
    assert shown["rows"]["NL"] == (2, 1, 0, "–")


def test_countries_and_resource_types_are_named_in_the_readers_language(make_request, login):
    make_request(status="accepted", to=("BE",))
    shown = statistics_shown(_statistics(login("chief.be", language="fr")))
    assert shown["names"]["BE"] == "Belgique"
    assert shown["names"]["mounted-unit"] == "Unité à cheval"
    page = _statistics(login("chief.be", language="de")).content.decode()
    assert "Reiterstaffel" in page and "Belgien" in page and "mounted-unit</td>" not in page


def test_the_page_says_the_figures_cover_what_the_reader_may_see(acknowledged, login):
    chief = _statistics(login("chief.nl", language="en")).content.decode()
    assert "The figures cover the requests you may see: those filed by Netherlands and those asked of it." in chief
    secretariat = _statistics(login("secretariat", language="en")).content.decode()
    assert "The figures cover every request filed between the countries" in secretariat


def test_tables_sort_by_their_columns(acknowledged, login):
    client = login("secretariat", language="en")
    assert statistics_shown(_statistics(client))["order"] == ["BE", "LU", "NL"]
    assert statistics_shown(_statistics(client, sort="-filed"))["order"] == ["NL", "BE", "LU"]
    median_first = statistics_shown(_statistics(client, sort="median"))["order"]
    assert median_first == ["BE", "LU", "NL"]  # 1 h, 1 h 35, none: the empty last
    page = _statistics(client, sort="-filed").content.decode()
    assert 'aria-sort="descending"' in page
    assert '<input type="hidden" name="sort" value="-filed">' in page  # the year's form keeps the sort
    bad = _statistics(client, sort="drop table").content.decode()
    assert "The tables cannot be sorted by “drop table”." in bad


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"year": "20x6"}, "The year “20x6” was not understood (give one from 2000 to"),
        ({"year": "1999"}, "The year “1999” was not understood"),
        ({"year": "99999999999999999999"}, "was not understood"),
        ({"export": "pdf"}, "The list cannot be exported as “pdf”: choose CSV or Excel."),
        ({"sort": "-"}, "The tables cannot be sorted by “-”."),
    ],
)
def test_a_bad_year_sort_or_export_is_said_and_the_page_shown(acknowledged, login, query, message):
    response = login("secretariat", language="en").get(reverse("assistance:statistics"), query)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert message in response.content.decode()
    assert statistics_shown(response)["rows"]  # this year's figures


@pytest.mark.parametrize(
    ("query", "message"),
    [({"year": "2O26"}, "The year “2O26” was not understood"), ({"sort": "secret"}, "cannot be sorted by “secret”")],
)
def test_an_export_of_an_address_not_understood_is_not_made_the_page_says_why(acknowledged, login, query, message):
    client = login("secretariat", language="en")
    response = client.get(reverse("assistance:statistics"), {**query, "export": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert message in response.content.decode()
    assert message not in client.get(reverse("assistance:statistics")).content.decode()


def test_an_export_of_a_table_the_page_does_not_have_gives_the_table_per_country(acknowledged, login):
    rows = _csv(_statistics(login("secretariat", language="en"), export="csv", table="secret"))
    assert rows[0][:2] == ["Country", "ISO code"]


def test_what_was_lent_sorts_by_quantity(make_request, login, line_values, reference_data):
    from .factories import resource_type

    make_request(
        status="accepted",
        to=("BE",),
        lines=[*line_values, {"resource_type": resource_type("water-cannon"), "quantity": 1}],
    )
    client = login("secretariat", language="en")
    assert statistics_shown(_statistics(client, sort="quantity"))["lent_order"] == [
        ("BE", "water-cannon"),
        ("BE", "mounted-unit"),
    ]
    assert statistics_shown(_statistics(client, sort="-quantity"))["lent_order"][0] == ("BE", "mounted-unit")


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="')
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def test_tables_export_to_csv_and_excel_in_the_readers_language(acknowledged, login, django_assert_num_queries):
    client = login("chief.be", language="fr")
    with django_assert_num_queries(STATISTICS_QUERIES - 1):  # no resource type was lent
        rows = _csv(_statistics(client, sort="-received", export="csv"))
    assert rows[0][:2] == ["Pays", "Code ISO"]
    assert [row[1] for row in rows[1:]] == ["BE", "LU", "NL"]  # 2, 2 and 1 received
    assert rows[1][5] == "1.0"  # hours
    lent = _csv(_statistics(client, export="csv", table="lent"))
    assert len(lent) == 1  # the headings: nothing was lent
    excel = _statistics(client, export="xlsx")
    assert excel["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_export_is_for_those_who_see_the_page(acknowledged, login):
    assert login("liaison.be", language="en").get(reverse("assistance:statistics"), {"export": "csv"}).status_code in (
        403,
        404,
    )
    rows = {row[1]: row for row in _csv(_statistics(login("chief.lu", language="en"), export="csv"))[1:]}
    # Only the requests Luxembourg was asked: Belgium's request to the Netherlands is not counted.
    assert (rows["NL"][2], rows["NL"][3]) == ("2", "0")
    assert (rows["BE"][2], rows["BE"][3]) == ("0", "2")


def test_the_demo_shows_times_to_acknowledge_of_practice(demo, reference_data, login):
    from apps.assistance import demo as assistance_demo

    assistance_demo.load()
    shown = statistics_shown(_statistics(login("secretariat", language="en"), year=timezone.localdate().year))
    medians = [row[3] for row in shown["rows"].values() if row[2]]
    assert medians and all(median not in ("–", "under a minute") for median in medians)
