"""The Benelux almanac: the directory of every liaison officer at post and every desk, as a PDF and as a spreadsheet,
in the reader's language (the active one: country names, focus areas, languages, headings).

Officers are listed by host country (by its name in the reader's language), then by name, each with their desk,
function, the countries they are accredited to, focus areas, languages, the day their record was last confirmed
and, for police users only, their contact details. The desks follow. Both files are made from the same rows
(``rows``: four queries whatever the size of the network). The PDF is drawn with ReportLab in the portal's
vendored DejaVu Sans (``apps.core.pdf``), one table per country so that a long almanac lays out quickly; the
spreadsheet is written with XlsxWriter in constant-memory mode.
"""

import functools
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from xml.sax.saxutils import escape

import xlsxwriter
from django.db.models import Exists, OuterRef
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django_countries import countries
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from apps.core.pdf import FONT, FONT_BOLD, register_fonts

from . import permissions, selectors
from .choices import DeskKind, DeskOperator, FocusArea, SendingCountry, language_name
from .models import Desk, Posting

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NONE = "–"
INK = colors.HexColor("#1b1b1b")
ACCENT = colors.HexColor("#003d7a")
RULE = colors.HexColor("#9aa5b1")
SHADE = colors.HexColor("#eef1f5")


@dataclass
class Row:
    host_country: str
    host_country_name: str
    name: str
    sending_country: str
    desk: str
    city: str
    function: str
    accredited: str
    focus: str
    languages: str
    email: str
    phone: str
    mobile: str
    confirmed: str


def _day(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else NONE


def rows(*, user, day: date) -> list[Row]:
    """Every officer at post on ``day`` (one row per running posting), sorted by host country and name."""
    contacts = permissions.can_see_contacts(user)
    running = Posting.objects.filter(selectors.running_on(day), officer_id=OuterRef("pk"))
    officers = selectors.with_current_postings(
        selectors.officer_list_visible_to(user=user).filter(Exists(running)), day=day
    )
    focus_labels = dict(FocusArea.choices)
    sending = dict(SendingCountry.choices)
    found = []
    for officer in officers:
        for posting in officer.current_postings:
            code = posting.desk.country.code
            found.append(
                Row(
                    host_country=code,
                    host_country_name=str(countries.name(code)),
                    name=f"{officer.last_name}, {officer.first_name}" + (f" ({officer.rank})" if officer.rank else ""),
                    sending_country=str(sending.get(officer.sending_country, officer.sending_country)),
                    desk=posting.desk.name,
                    city=posting.desk.city,
                    function=posting.function,
                    accredited=", ".join(
                        sorted(str(countries.name(row.country.code)) for row in posting.accreditations.all())
                    ),
                    focus=", ".join(str(focus_labels.get(value, value)) for value in posting.focus_areas),
                    languages=", ".join(language_name(code) for code in officer.languages),
                    email=officer.email if contacts else "",
                    phone=officer.phone if contacts else "",
                    mobile=officer.mobile if contacts else "",
                    confirmed=_day(timezone.localdate(officer.confirmed_at)) if officer.confirmed_at else NONE,
                )
            )
    found.sort(key=lambda row: (row.host_country_name, row.name))
    return found


def desk_rows() -> list[list[str]]:
    kinds, operators = dict(DeskKind.choices), dict(DeskOperator.choices)
    desks = sorted(Desk.objects.filter(is_active=True), key=lambda desk: (str(desk.country.name), desk.city, desk.pk))
    return [
        [
            desk.name,
            str(kinds.get(desk.kind, desk.kind)),
            str(operators.get(desk.run_by, desk.run_by)),
            str(desk.country.name),
            desk.city,
            desk.address,
            _("yes") if desk.is_pilot else "",
        ]
        for desk in desks
    ]


def _headings(contacts: bool) -> list[str]:
    headings = [
        _("Name"),
        _("Sending country"),
        _("Desk"),
        _("City"),
        _("Function"),
        _("Also accredited to"),
        _("Focus areas"),
        _("Languages"),
    ]
    if contacts:
        headings += [_("Secure e-mail address"), _("Office telephone"), _("Mobile telephone")]
    return [*headings, _("Last confirmed")]


def _values(row: Row, contacts: bool) -> list[str]:
    values = [row.name, row.sending_country, row.desk, row.city, row.function, row.accredited, row.focus, row.languages]
    if contacts:
        values += [row.email, row.phone, row.mobile]
    return [*values, row.confirmed]


def _desk_headings() -> list[str]:
    return [_("Desk"), _("Kind"), _("Run by"), _("Country"), _("City"), _("Address"), _("Pilot project")]


# PDF -------------------------------------------------------------------------------------------------------------


@functools.cache
def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=7, leading=8.5, textColor=INK)
    return {
        "body": body,
        "head": ParagraphStyle("head", parent=body, fontName=FONT_BOLD),
        "title": ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=16, leading=20, spaceAfter=4),
        "lead": ParagraphStyle("lead", parent=body, fontSize=9, leading=12, spaceAfter=8),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=10,
            leading=13,
            textColor=ACCENT,
            spaceBefore=8,
            spaceAfter=3,
        ),
    }


def _cell(text, style="body") -> Paragraph:
    return Paragraph(escape(str(text)) if text else NONE, _styles()[style])


def _table(header: list[str], body: list[list[str]], widths: list[float]) -> Table:
    table = Table(
        [[_cell(text, "head") for text in header], *([_cell(text) for text in row] for row in body)],
        colWidths=widths,
        repeatRows=1,
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 7),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return table


def pdf(*, user, day: date) -> bytes:
    """The almanac as a PDF (A4 landscape) in the active language."""
    register_fonts()
    contacts = permissions.can_see_contacts(user)
    styles = _styles()
    buffer = BytesIO()
    title = _("Benelux almanac of liaison officers")
    document = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=14 * mm,
        title=title,
        author=_("Benelux Police Cooperation Portal"),
    )
    width = document.width
    headings = _headings(contacts)
    shares = [12, 7, 13, 7, 8, 14, 10, 9] + ([11, 8, 8] if contacts else []) + [6]
    widths = [width * share / sum(shares) for share in shares]
    found = rows(user=user, day=day)
    story = [
        Paragraph(escape(title), styles["title"]),
        Paragraph(
            escape(
                _("Liaison officers of Belgium and the Netherlands at post on %(day)s, by host country.")
                % {"day": formats.date_format(day, "DATE_FORMAT")}
            ),
            styles["lead"],
        ),
    ]
    by_country: dict[str, list[Row]] = {}
    for row in found:
        by_country.setdefault(row.host_country_name, []).append(row)
    for name, country_rows in by_country.items():
        story.append(Paragraph(escape(name), styles["h2"]))
        story.append(_table(headings, [_values(row, contacts) for row in country_rows], widths))
    if not found:
        story.append(Paragraph(escape(_("No liaison officer is at post on this day.")), styles["lead"]))
    story += [Spacer(1, 6 * mm), Paragraph(escape(_("Desks")), styles["h2"])]
    desk_shares = [24, 12, 10, 10, 9, 22, 6]
    story.append(_table(_desk_headings(), desk_rows(), [width * share / sum(desk_shares) for share in desk_shares]))

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.setFillColor(INK)
        canvas.drawString(12 * mm, 7 * mm, f"{title} · {formats.date_format(day, 'DATE_FORMAT')}")
        canvas.drawRightString(doc.pagesize[0] - 12 * mm, 7 * mm, _("Page %(number)s") % {"number": doc.page})
        canvas.restoreState()

    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


# Spreadsheet -----------------------------------------------------------------------------------------------------


def xlsx(*, user, day: date) -> bytes:
    """The almanac as a spreadsheet: one sheet of officers (with the host country's code and name), one of desks."""
    contacts = permissions.can_see_contacts(user)
    buffer = BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    bold = workbook.add_format({"bold": True, "bg_color": "#EEF1F5"})
    officers = workbook.add_worksheet(_("Liaison officers")[:31])
    header = [_("ISO code"), _("Host country"), *_headings(contacts)]
    officers.write_row(0, 0, header, bold)
    officers.freeze_panes(1, 0)
    for number, row in enumerate(rows(user=user, day=day), start=1):
        officers.write_row(number, 0, [row.host_country, row.host_country_name, *_values(row, contacts)])
    officers.set_column(0, 0, 8)
    officers.set_column(1, len(header) - 1, 22)
    officers.autofilter(0, 0, 0, len(header) - 1)
    desks = workbook.add_worksheet(_("Desks")[:31])
    desks.write_row(0, 0, _desk_headings(), bold)
    desks.freeze_panes(1, 0)
    for number, values in enumerate(desk_rows(), start=1):
        desks.write_row(number, 0, values)
    desks.set_column(0, 6, 24)
    workbook.set_properties(
        {"title": _("Benelux almanac of liaison officers"), "created": timezone.localtime().replace(tzinfo=None)}
    )
    workbook.close()
    return buffer.getvalue()
