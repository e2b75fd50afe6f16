"""Lists that sort by their columns and export to CSV and Excel (apps/core/lists.py)."""

import csv
import io
import zipfile
from datetime import UTC, date, datetime

import pytest
from django.contrib.auth.models import Group
from django.http import QueryDict
from django.utils import translation

from apps.core.lists import Column, Sorting, export_links, export_response, guard_cell, safe_filename

COLUMNS = [
    Column("name", "Name", order=("name",), value=lambda row: row["name"]),
    Column("size", "Size", order=("id",), value=lambda row: row["size"]),
    Column("note", "Note"),
]


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+31 20 000", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_a_cell_a_spreadsheet_would_read_as_a_formula_is_prefixed(text):
    assert guard_cell(text) == f"'{text}"


@pytest.mark.parametrize("value", ["Formula 1", "", "Spa = Francorchamps", 12, None])
def test_other_cells_are_left_as_they_are(value):
    assert guard_cell(value) == value


def test_a_file_name_is_plain_ascii_with_the_day():
    name = safe_filename('Événements "du" 14/05: <script>', "csv", day=date(2026, 5, 14))
    assert name == "evenements-du-1405-script-2026-05-14.csv"
    assert safe_filename("////", "xlsx", day=date(2026, 5, 14)) == "export-2026-05-14.xlsx"


def test_a_sort_outside_the_whitelist_is_refused_and_the_default_applies():
    sorting = Sorting(COLUMNS, "password", default="name")
    assert not sorting.valid and not sorting.asked_for
    assert (sorting.key, sorting.descending) == ("name", False)
    assert Sorting(COLUMNS, "-size").value == "-size"
    assert Sorting(COLUMNS, "").valid and Sorting(COLUMNS, None).order_by() == []


@pytest.mark.django_db
def test_the_database_sorts_with_a_tie_breaker():
    Group.objects.bulk_create([Group(name=name) for name in ("b", "c", "a")])
    groups = Group.objects.filter(name__in=["a", "b", "c"])
    assert [g.name for g in groups.order_by(*Sorting(COLUMNS, "name").order_by())] == ["a", "b", "c"]
    assert [g.name for g in groups.order_by(*Sorting(COLUMNS, "-name").order_by())] == ["c", "b", "a"]


def test_rows_sorted_in_python_keep_empty_values_last_both_ways():
    rows = [{"name": "b", "size": 2}, {"name": "a", "size": None}, {"name": "c", "size": 1}]
    assert [row["name"] for row in Sorting(COLUMNS, "size").sort_rows(rows)] == ["c", "b", "a"]
    assert [row["name"] for row in Sorting(COLUMNS, "-size").sort_rows(rows)] == ["b", "c", "a"]


def test_headings_keep_the_filters_toggle_the_direction_and_drop_the_page():
    query = QueryDict("status=closed&page=3&sort=name&export=csv")
    headers = {header["key"]: header for header in Sorting(COLUMNS, "name").headers(query)}
    assert headers["name"]["sort"] == "ascending"
    assert QueryDict(headers["name"]["href"][1:]) == QueryDict("status=closed&sort=-name")
    assert QueryDict(headers["size"]["href"][1:]) == QueryDict("status=closed&sort=size")
    assert headers["size"]["sort"] == "" and headers["note"]["href"] == ""  # not sortable
    links = {link["format"]: link["href"] for link in export_links(query)}
    assert QueryDict(links["xlsx"][1:]) == QueryDict("status=closed&sort=name&export=xlsx")


def _csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def test_csv_export_is_streamed_guarded_and_capped_with_a_message():
    rows = ([f"=cmd|' /C calc'!A{n}", n, datetime(2026, 5, 14, 8, 30, tzinfo=UTC), True] for n in range(5))
    with translation.override("en"):
        response = export_response(
            "csv", name="Requests: May", columns=COLUMNS + [Column("x", "X")], rows=rows, limit=3
        )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="requests-may-')
    lines = _csv(response)
    assert lines[0] == ["Name", "Size", "Note", "X"]
    assert lines[1] == ["'=cmd|' /C calc'!A0", "0", "2026-05-14 10:30", "yes"]  # Brussels time
    assert len(lines) == 5
    assert lines[-1][0].startswith("Only the first 3 rows are exported")


def test_excel_export_writes_text_as_text_never_as_a_formula():
    rows = [["=1+2", 3, date(2026, 5, 14)], ["@SUM(A1)", None, None]]
    with translation.override("en"):
        response = export_response("xlsx", name="Events", columns=COLUMNS, rows=rows)
    assert response["Content-Disposition"].startswith('attachment; filename="events-')
    with zipfile.ZipFile(io.BytesIO(response.content)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
        strings = book.read("xl/sharedStrings.xml").decode()
    assert "<f>" not in sheet
    assert "=1+2" in strings and "@SUM(A1)" in strings and "Name" in strings
