"""The minutes of a meeting as a PDF in the meeting's language: facts, attendance, the notes of each agenda item,
decisions and action points.

Drawn with ReportLab in the portal's DejaVu Sans (``apps.core.pdf``), from the minutes as plain data
(``content.minutes_content``): a published version prints exactly what was published, whatever changed since; the
secretariat's draft prints the record as it stands, marked as a draft on every page. Translated texts are printed in
the meeting's language, or in their original language, marked, until translated.
"""

from io import BytesIO
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from django.utils import formats, timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from apps.core.pdf import FONT, FONT_BOLD, register_fonts

from .content import for_display
from .i18n import pick

BRUSSELS = ZoneInfo("Europe/Brussels")
NONE = "–"
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
WIDTH = PAGE_WIDTH - 2 * MARGIN
INK = colors.HexColor("#1b1b1b")
MUTED = colors.HexColor("#555555")
ACCENT = colors.HexColor("#003d7a")
RULE = colors.HexColor("#9aa5b1")
SHADE = colors.HexColor("#eef1f5")
MARKING = colors.HexColor("#a00000")
LANGUAGE_NAMES = dict(settings.LANGUAGES)


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5, textColor=INK)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10),
        "muted": ParagraphStyle("muted", parent=body, fontSize=8, leading=10, textColor=MUTED),
        "head": ParagraphStyle("head", parent=body, fontName=FONT_BOLD, fontSize=8, leading=10),
        "title": ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=16, leading=20, spaceAfter=2),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=11, leading=14, textColor=ACCENT, spaceAfter=6),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=11,
            leading=14,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "h3": ParagraphStyle(
            "h3", parent=body, fontName=FONT_BOLD, fontSize=10, leading=13, spaceBefore=6, spaceAfter=2, keepWithNext=1
        ),
    }


class Writer:
    """Paragraphs and tables of the minutes, in the meeting's language."""

    def __init__(self, language: str):
        self.language = language
        self.styles = _styles()

    def text(self, value, style: str = "body") -> Paragraph:
        text = str(value).strip() if value not in (None, "") else ""
        markup = escape(text).replace("\r\n", "\n").replace("\n", "<br/>") if text else NONE
        return Paragraph(markup, self.styles[style])

    def translated_markup(self, values: dict | None) -> str:
        """A translated text in the meeting's language, or its original, marked (as Paragraph markup)."""
        shown = pick(values or {}, self.language)
        if not shown.text:
            return NONE
        markup = escape(shown.text).replace("\n", "<br/>")
        if shown.fallback:
            marker = _("original in %(language)s, not yet translated") % {"language": LANGUAGE_NAMES[shown.language]}
            markup += f' <font color="#555555" size="7.5">[{escape(marker)}]</font>'
        return markup

    def translated(self, values: dict | None, style: str = "body") -> Paragraph:
        return Paragraph(self.translated_markup(values), self.styles[style])

    def heading(self, text: str) -> list:
        return [CondPageBreak(30 * mm), Paragraph(escape(text), self.styles["h2"])]

    def grid(self, rows, widths) -> Table:
        table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), FONT, 8),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("GRID", (0, 0), (-1, -1), 0.4, RULE),
                    ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        return table


def _date(value) -> str:
    return formats.date_format(value, "DATE_FORMAT") if value else NONE


def _when(value) -> str:
    return formats.date_format(timezone.localtime(value, BRUSSELS), "DATETIME_FORMAT") if value else NONE


def _organisation(row: dict | None, write: Writer) -> str:
    if not row:
        return ""
    return f"{pick(row['name'], write.language).text} ({row['country'] or _('Benelux')})"  # no country: a joint body


def _story(record: dict, write: Writer, *, status_line: str) -> list:
    meeting = record["meeting"]
    story = [
        Paragraph(escape(_("Minutes")), write.styles["title"]),
        Paragraph(
            escape(f"{pick(meeting['body']['name'], write.language).text} ({meeting['body']['code']})"),
            write.styles["subtitle"],
        ),
        write.text(status_line, "muted"),
        Spacer(0, 4 * mm),
    ]
    facts = [
        (
            _("Date"),
            f"{_when(meeting['starts_at'])} – {formats.time_format(timezone.localtime(meeting['ends_at'], BRUSSELS))}",
        ),
        (_("Format"), record["format_label"]),
        (_("Place"), meeting["place"] or NONE),
        (
            _("Chair"),
            ", ".join(
                part
                for part in (
                    meeting["chair_name"],
                    pick((meeting["chair_country"] or {}).get("name") or {}, write.language).text,
                )
                if part
            )
            or NONE,
        ),
    ]
    story.append(
        Table(
            [[write.text(label, "head"), write.text(value)] for label, value in facts],
            colWidths=[40 * mm, WIDTH - 40 * mm],
            hAlign="LEFT",
            style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (-1, -1), FONT, 8)],
        )
    )

    story += write.heading(_("Attendance"))
    if record["attendance"]:
        rows = [[write.text(label, "head") for label in (_("Name"), _("Organisation"), _("As"), _("Status"))]]
        for row in record["attendance"]:
            as_what = str(row["kind_label"])
            if row["represents"]:
                as_what += "\n" + _("represents %(name)s") % {"name": row["represents"]}
            name = row["name"] + (f"\n{row['function']}" if row["function"] else "")
            rows.append(
                [
                    write.text(name),
                    write.text(_organisation(row["organisation"], write) or NONE),
                    write.text(as_what),
                    write.text(str(row["status_label"])),
                ]
            )
        story.append(write.grid(rows, [50 * mm, 60 * mm, 38 * mm, WIDTH - 148 * mm]))
    else:
        story.append(write.text(_("Not recorded.")))

    if record["summary"]:
        story += write.heading(_("General notes"))
        story.append(write.text(record["summary"]))

    story += write.heading(_("Agenda and notes"))
    for item in record["items"]:
        block = [Paragraph(f"{item['position']}. {write.translated_markup(item['title'])}", write.styles["h3"])]
        if item["presenter"]:
            block.append(write.text(_("Presented by %(name)s") % {"name": item["presenter"]}, "muted"))
        block.append(write.text(item["notes"] or _("No notes.")))
        for point in item["action_points"]:
            block.append(
                write.text(
                    f"• {pick(point['title'], write.language).text} · {point['status_label']}"
                    + (f" · {_('due')} {_date(point['due_date'])}" if point["due_date"] else ""),
                    "small",
                )
            )
        story.append(KeepTogether(block[:3]))
        story += block[3:]

    story += write.heading(_("Decisions"))
    for decision in record["decisions"]:
        story.append(
            KeepTogether(
                [
                    Paragraph(
                        f"{escape(decision['reference'])} · {write.translated_markup(decision['title'])}",
                        write.styles["h3"],
                    ),
                    write.translated(decision["text"]),
                ]
            )
        )
    if not record["decisions"]:
        story.append(write.text(_("No decisions.")))

    story += write.heading(_("Action points"))
    if record["action_points"]:
        rows = [[write.text(label, "head") for label in (_("Action point"), _("Owner"), _("Due"), _("Status"))]]
        for point in record["action_points"]:
            owner = ", ".join(
                part for part in (_organisation(point["owner_organisation"], write), point["owner_name"]) if part
            )
            rows.append(
                [
                    write.translated(point["title"]),
                    write.text(owner or NONE),
                    write.text(_date(point["due_date"])),
                    write.text(str(point["status_label"])),
                ]
            )
        story.append(write.grid(rows, [72 * mm, 50 * mm, 25 * mm, WIDTH - 147 * mm]))
    else:
        story.append(write.text(_("No action points.")))
    return story


def minutes_pdf(*, content: dict, status_line: str, draft: bool, printed_by) -> bytes:
    """The minutes of ``content`` as a PDF in the meeting's language."""
    register_fonts()
    language = content["meeting"]["language"]
    with translation.override(language):
        record = for_display(content)
        write = Writer(language)
        body = f"{pick(record['meeting']['body']['name'], language).text} ({record['meeting']['body']['code']})"
        header = f"{body} · {_date(timezone.localtime(record['meeting']['starts_at'], BRUSSELS))}"
        status_line = str(status_line)
        marking = _("DRAFT – not published") if draft else ""
        printed = _("Printed by %(person)s on %(date)s") % {"person": printed_by, "date": _when(timezone.now())}
        page_label = _("Page %(number)s")

        def decorate(canvas, document):
            canvas.saveState()
            canvas.setFillColor(MUTED)
            canvas.setFont(FONT, 7.5)
            canvas.drawString(MARGIN, PAGE_HEIGHT - 14 * mm, header)
            if marking:
                canvas.setFillColor(MARKING)
                canvas.setFont(FONT_BOLD, 9)
                canvas.drawRightString(PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 14 * mm, marking)
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.5)
            canvas.line(MARGIN, PAGE_HEIGHT - 16 * mm, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 16 * mm)
            canvas.line(MARGIN, 16 * mm, PAGE_WIDTH - MARGIN, 16 * mm)
            canvas.setFillColor(MUTED)
            canvas.setFont(FONT, 7.5)
            canvas.drawString(MARGIN, 12 * mm, printed)
            canvas.drawRightString(PAGE_WIDTH - MARGIN, 12 * mm, page_label % {"number": canvas.getPageNumber()})
            canvas.restoreState()

        buffer = BytesIO()
        document = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN - 6,
            rightMargin=MARGIN - 6,
            topMargin=22 * mm,
            bottomMargin=22 * mm,
            title=f"{_('Minutes')} – {header}",
            author=_("Benelux Secretariat-General"),
            creator="Benelux Police Cooperation Portal",
            lang=language,
            initialFontName=FONT,
        )
        document.build(_story(record, write, status_line=status_line), onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()


def pdf_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, private=True, no_store=True)
    return response
