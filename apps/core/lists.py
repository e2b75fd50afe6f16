"""Lists that sort by their columns and export to CSV and Excel; shared by the apps' list pages.

Sorting: ``?sort=column`` (ascending) or ``?sort=-column`` (descending), the column one of the list's own
``Column``s (a whitelist: anything else is not understood, and the page says so). ``Sorting.order_by()`` gives the
database ordering (with the primary key last, so that paging is stable); lists whose rows exist only in Python
(occurrences of recurring events, aggregated figures) sort with ``Sorting.sort_rows()``. ``Sorting.headers()`` gives
each column's link and ``aria-sort`` for ``parts/sort_head.html``; the page's other parameters are kept, the page
number is not.

Exports: ``?export=csv`` or ``?export=xlsx`` on the list's own address, so that an export is permission-checked,
filtered and sorted exactly as the list. ``export_response`` writes the rows (all pages, at most ``EXPORT_MAX_ROWS``,
then a row saying the export was cut short), headers in the reader's language, under a safe file name. CSV is
streamed as the rows are read; a cell of text that a spreadsheet would take for a formula (``=``, ``+``, ``-``,
``@``, a tab or a carriage return first) is prefixed with an apostrophe (OWASP's advice against CSV injection).
The Excel file (XlsxWriter) writes every text as text, never as a formula, number or link.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import xlsxwriter
from django.contrib import messages
from django.db.models import F, OrderBy
from django.http import HttpResponse, QueryDict, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _

EXPORT_FORMATS = ("csv", "xlsx")
EXPORT_MAX_ROWS = 10_000
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The parameters of a list's address that are not its filters.
LIST_PARAMETERS = ("page", "sort", "export")


# Sorting ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column of a list: ``key`` is its name in ``?sort=`` and in the export; ``label`` its heading;
    ``order`` the database ordering of its ascending sort (field names or expressions; empty: not sortable by
    the database); ``value`` what a row of a Python-sorted list is sorted by (None last, in either direction)."""

    key: str
    label: Any
    order: tuple = ()
    value: Callable[[Any], Any] | None = None


class Sorting:
    """The sort a list was asked for (``?sort=``), among its ``columns``."""

    def __init__(self, columns: Sequence[Column], value: str | None, *, default: str = ""):
        self.columns = {column.key: column for column in columns}
        self.asked = (value or "").strip()
        self.valid = True
        key, descending = self._parse(self.asked)
        if key is None:
            self.valid = not self.asked
            key, descending = self._parse(default)
        self.key = key
        self.descending = descending

    def _parse(self, value: str) -> tuple[str | None, bool]:
        descending = value.startswith("-")
        key = value[1:] if descending else value
        return (key, descending) if key in self.columns else (None, False)

    @property
    def asked_for(self) -> bool:
        """Whether a valid sort was asked for (rather than the list's default)."""
        return bool(self.asked) and self.valid

    @property
    def value(self) -> str:
        """The sort as it goes into an address (``-start``), or "" for the list's own order."""
        if self.key is None:
            return ""
        return f"-{self.key}" if self.descending else self.key

    def order_by(self, *, tie_breaker: str = "pk") -> list:
        """The database ordering of the sort (empty when none applies), with ``tie_breaker`` last."""
        if self.key is None:
            return []
        ordering = []
        for part in self.columns[self.key].order:
            expression = F(part) if isinstance(part, str) else part
            if isinstance(expression, OrderBy):
                expression = expression.expression
            ordering.append(expression.desc() if self.descending else expression.asc())
        return [*ordering, F(tie_breaker).desc() if self.descending else F(tie_breaker).asc()]

    def sort_rows(self, rows: list) -> list:
        """``rows`` sorted in Python by the column's ``value`` (stable; empty values last in both directions)."""
        if self.key is None or self.columns[self.key].value is None:
            return rows
        value = self.columns[self.key].value
        present = [row for row in rows if value(row) not in (None, "")]
        missing = [row for row in rows if value(row) in (None, "")]
        present.sort(key=value, reverse=self.descending)
        return present + missing

    def headers(self, query: QueryDict, *, base: str = "") -> list[dict]:
        """Each column's heading: its label, the address that sorts by it (ascending, or descending when it is
        already sorted ascending), and its ``aria-sort`` ("ascending", "descending" or "")."""
        kept = query.copy()
        for name in LIST_PARAMETERS:
            kept.pop(name, None)
        headers = []
        for key, column in self.columns.items():
            sortable = bool(column.order) or column.value is not None
            state = ""
            if key == self.key and self.asked_for:
                state = "descending" if self.descending else "ascending"
            target = f"-{key}" if state == "ascending" else key
            link = kept.copy()
            link["sort"] = target
            headers.append(
                {
                    "key": key,
                    "label": column.label,
                    "href": f"{base}?{link.urlencode()}" if sortable else "",
                    "sort": state,
                }
            )
        return headers


def query_without(query: QueryDict, *names: str) -> str:
    """``query`` without these parameters, as a query string (for the links of a paged list)."""
    kept = query.copy()
    for name in names:
        kept.pop(name, None)
    return kept.urlencode()


def query_only(query: QueryDict, *names: str) -> QueryDict:
    """``query`` with only these parameters."""
    kept = query.copy()
    for name in list(kept):
        if name not in names:
            kept.pop(name)
    return kept


# Export ----------------------------------------------------------------------------------------------------------


def export_format(request) -> str | None:
    """``csv`` or ``xlsx`` when the list's address asks for an export (``?export=``), else None; an export of a
    format it does not know (``?export=pdf``) is said to the reader (a message of this request alone), and the list
    is shown."""
    value = request.GET.get("export")
    if value in EXPORT_FORMATS:
        return value
    if value:
        messages.error(
            request,
            _("The list cannot be exported as “%(value)s”: choose CSV or Excel.") % {"value": value[:40]},
        )
    return None


def export_links(query: QueryDict, *, base: str = "") -> list[dict]:
    """The links that export a list as it is shown (its filters and sort, all its pages)."""
    kept = query.copy()
    kept.pop("page", None)
    links = []
    for fmt, label in (("csv", _("CSV")), ("xlsx", _("Excel"))):
        link = kept.copy()
        link["export"] = fmt
        links.append({"format": fmt, "label": label, "href": f"{base}?{link.urlencode()}"})
    return links


def safe_filename(stem: str, extension: str, *, day: date | None = None) -> str:
    """A file name any system accepts: ``stem`` as ASCII letters, digits and hyphens, the day, the extension."""
    day = day or timezone.localdate()
    return f"{slugify(stem)[:60].strip('-') or 'export'}-{day.isoformat()}.{extension}"


def guard_cell(value: Any) -> Any:
    """A text cell that a spreadsheet would read as a formula gets an apostrophe first (CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def _local(value: datetime) -> datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return _local(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        return value
    return guard_cell(str(value))


class _Echo:
    """A file that hands back what is written to it (Django's way of streaming a CSV)."""

    def write(self, value: str) -> str:
        return value


def _capped(rows: Iterable[Sequence], limit: int) -> Iterator[tuple[Sequence | None, bool]]:
    """The rows, at most ``limit``; a last ``(None, True)`` when there were more."""
    for index, row in enumerate(rows):
        if index >= limit:
            yield None, True
            return
        yield row, False


def _capped_message(limit: int) -> str:
    return _("Only the first %(count)s rows are exported: narrow the filters to export the rest.") % {
        "count": f"{limit:,}".replace(",", "\u202f")
    }


def export_response(
    fmt: str,
    *,
    name: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence],
    limit: int = EXPORT_MAX_ROWS,
) -> HttpResponse:
    """The rows as a CSV (streamed) or Excel download named after ``name`` (in the reader's language, as the
    headings). ``rows`` may be lazy (a queryset's ``iterator()``): it is read once, row by row, and no further than
    ``limit`` and one more."""
    language = translation.get_language()
    headings = [str(column.label) for column in columns]
    if fmt == "csv":
        response = StreamingHttpResponse(_csv_lines(headings, rows, limit, language), content_type=CSV_CONTENT_TYPE)
        extension = "csv"
    elif fmt == "xlsx":
        response = HttpResponse(_xlsx(name, headings, rows, limit), content_type=XLSX_CONTENT_TYPE)
        extension = "xlsx"
    else:
        raise ValueError(f"unknown export format: {fmt}")
    response["Content-Disposition"] = content_disposition_header(True, safe_filename(name, extension))
    response["Cache-Control"] = "private, no-store"
    return response


def _csv_lines(headings: list[str], rows: Iterable[Sequence], limit: int, language: str | None) -> Iterator[str]:
    # The response is streamed after the view returned: the rows speak the reader's language all the same.
    with translation.override(language):
        writer = csv.writer(_Echo())
        yield "\ufeff"  # a byte-order mark: spreadsheet programs then read the file as UTF-8
        yield writer.writerow([guard_cell(heading) for heading in headings])
        for row, cut in _capped(rows, limit):
            if cut:
                yield writer.writerow([guard_cell(_capped_message(limit))])
                return
            yield writer.writerow([_csv_cell(value) for value in row])


def _xlsx(name: str, headings: list[str], rows: Iterable[Sequence], limit: int) -> bytes:
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        output,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
            "remove_timezone": True,
        },
    )
    sheet = workbook.add_worksheet(name[:31].translate(str.maketrans("[]:*?/\\", "       ")) or "Export")
    bold = workbook.add_format({"bold": True})
    moment = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    day = workbook.add_format({"num_format": "yyyy-mm-dd"})
    widths = [len(heading) for heading in headings]
    for column, heading in enumerate(headings):
        sheet.write_string(0, column, heading, bold)
    line = 0
    for line, (row, cut) in enumerate(_capped(rows, limit), start=1):
        if cut:
            sheet.write_string(line, 0, _capped_message(limit), bold)
            break
        for column, value in enumerate(row):
            _xlsx_cell(sheet, line, column, value, moment, day)
            if column < len(widths) and isinstance(value, str):
                widths[column] = max(widths[column], min(len(value), 60))
    for column, width in enumerate(widths):
        sheet.set_column(column, column, max(width, 10) + 2)
    sheet.freeze_panes(1, 0)
    if line:
        sheet.autofilter(0, 0, min(line, limit), max(len(headings) - 1, 0))
    workbook.close()
    return output.getvalue()


def _xlsx_cell(sheet, line: int, column: int, value: Any, moment, day) -> None:
    if value is None:
        sheet.write_blank(line, column, None)
    elif isinstance(value, bool):
        sheet.write_string(line, column, _("yes") if value else _("no"))
    elif isinstance(value, datetime):
        sheet.write_datetime(line, column, _local(value).replace(tzinfo=None), moment)
    elif isinstance(value, date):
        sheet.write_datetime(line, column, datetime.combine(value, datetime.min.time()), day)
    elif isinstance(value, int | float):
        sheet.write_number(line, column, value)
    else:
        sheet.write_string(line, column, str(value))
