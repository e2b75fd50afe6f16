"""The brochure, or one chapter, as a PDF in one of the four languages, with a table of contents.

Drawn with ReportLab in the portal's embedded DejaVu Sans (``apps.core.pdf``). A section's body is its sanitised
HTML (``markup.py``: a short list of tags), turned into ReportLab paragraphs, lists and tables here; a section
missing in the language is printed in the original, with the same marker as on the pages. The contents list
gets its page numbers from a second pass (``multiBuild``). A PDF of a published edition never changes: it is
cached per edition, chapter and language until the brochure changes.
"""

import functools
from html.parser import HTMLParser
from io import BytesIO
from xml.sax.saxutils import escape, quoteattr

from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import BaseDocTemplate, PageTemplate
from reportlab.platypus.frames import Frame
from reportlab.platypus.tableofcontents import TableOfContents

from apps.core.caching import answer_key, cached
from apps.core.pdf import FONT, FONT_BOLD, register_fonts

from . import selectors
from .caching import BROCHURE
from .choices import MemberCountry, Tag

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 20 * mm
INK = colors.HexColor("#1b1b1b")
MUTED = colors.HexColor("#555555")
ACCENT = colors.HexColor("#003d7a")
RULE = colors.HexColor("#9aa5b1")
PDF_CACHE_SECONDS = 60 * 60


@functools.cache
def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13, textColor=INK, spaceAfter=4)
    return {
        "body": body,
        "muted": ParagraphStyle("muted", parent=body, fontSize=8, leading=10, textColor=MUTED),
        "marker": ParagraphStyle("marker", parent=body, fontSize=8, leading=10, textColor=colors.HexColor("#8a5a00")),
        "cover": ParagraphStyle("cover", parent=body, fontName=FONT_BOLD, fontSize=24, leading=30, textColor=ACCENT),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=13, leading=18, textColor=MUTED),
        "toc_title": ParagraphStyle("toc_title", parent=body, fontName=FONT_BOLD, fontSize=16, leading=20),
        "chapter": ParagraphStyle(
            "chapter", parent=body, fontName=FONT_BOLD, fontSize=16, leading=20, textColor=ACCENT, spaceAfter=8
        ),
        "section": ParagraphStyle(
            "section",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=12,
            leading=15,
            spaceBefore=10,
            spaceAfter=3,
            keepWithNext=1,
        ),
        "h3": ParagraphStyle("h3", parent=body, fontName=FONT_BOLD, fontSize=10.5, leading=13, keepWithNext=1),
        "quote": ParagraphStyle("quote", parent=body, leftIndent=12, textColor=MUTED),
        "code": ParagraphStyle("code", parent=body, fontSize=8.5, leading=11, leftIndent=8),
        "toc0": ParagraphStyle("toc0", parent=body, fontName=FONT_BOLD, fontSize=10, leading=14),
        "toc1": ParagraphStyle("toc1", parent=body, fontSize=9, leading=12, leftIndent=14),
    }


class _BodyToFlowables(HTMLParser):
    """The sanitised HTML of a section body as ReportLab flowables (paragraphs, list items, tables)."""

    INLINE = {"strong": "b", "em": "i"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.flowables = []
        self.buffer: list[str] = []
        self.style = "body"
        self.lists: list[list] = []  # [kind, counter]
        self.bullet = None
        self.table: list[list[str]] | None = None
        self.cell: list[str] | None = None

    def _target(self) -> list[str]:
        return self.cell if self.cell is not None else self.buffer

    def _flush(self) -> None:
        text = "".join(self.buffer).strip()
        self.buffer = []
        if not text:
            return
        style = _styles()[self.style]
        if self.lists:
            style = ParagraphStyle(
                "li", parent=style, leftIndent=14 * len(self.lists), bulletIndent=14 * len(self.lists) - 10
            )
            self.flowables.append(Paragraph(text, style, bulletText=self.bullet))
        else:
            self.flowables.append(Paragraph(text, style))

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("p", "h3", "h4", "h5", "h6", "blockquote", "pre"):
            self._flush()
            self.style = {"p": "body", "blockquote": "quote", "pre": "code"}.get(tag, "h3")
        elif tag in ("ul", "ol"):
            self._flush()
            self.lists.append([tag, int(attributes.get("start") or 1) - 1])
        elif tag == "li":
            self._flush()
            if self.lists:
                kind = self.lists[-1]
                kind[1] += 1
                self.bullet = "•" if kind[0] == "ul" else f"{kind[1]}."
        elif tag == "br":
            self._target().append("<br/>")
        elif tag in self.INLINE:
            self._target().append(f"<{self.INLINE[tag]}>")
        elif tag == "a" and attributes.get("href"):
            self._target().append(f"<a href={quoteattr(attributes['href'])} color='#003d7a'><u>")
        elif tag == "table":
            self._flush()
            self.table = []
        elif tag == "tr" and self.table is not None:
            self.table.append([])
        elif tag in ("td", "th") and self.table is not None:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("p", "h3", "h4", "h5", "h6", "blockquote", "pre", "li"):
            self._flush()
            self.style = "body"
        elif tag in ("ul", "ol"):
            self._flush()
            if self.lists:
                self.lists.pop()
        elif tag in self.INLINE:
            self._target().append(f"</{self.INLINE[tag]}>")
        elif tag == "a":
            self._target().append("</u></a>")
        elif tag in ("td", "th") and self.table is not None and self.cell is not None:
            if self.table:
                self.table[-1].append(Paragraph("".join(self.cell).strip() or "&nbsp;", _styles()["body"]))
            self.cell = None
        elif tag == "table" and self.table is not None:
            rows = [row for row in self.table if row]
            width = max((len(row) for row in rows), default=0)
            if width:
                rows = [row + [""] * (width - len(row)) for row in rows]
                table = Table(rows, colWidths=[(PAGE_WIDTH - 2 * MARGIN) / width] * width, hAlign="LEFT")
                table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
                self.flowables.append(table)
            self.table = None

    def handle_data(self, data):
        if self.table is not None and self.cell is None:
            return
        self._target().append(escape(data.replace("\n", " ") if self.style != "code" else data).replace("\n", "<br/>"))


def body_flowables(html: str) -> list:
    parser = _BodyToFlowables()
    parser.feed(html or "")
    parser.close()
    parser._flush()
    return parser.flowables


class _Document(BaseDocTemplate):
    """Pages with a footer, and the chapters and sections reported to the table of contents."""

    def __init__(self, buffer, *, footer: str, **kwargs):
        super().__init__(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN + 6 * mm,
            **kwargs,
        )
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.footer = footer
        self.page_label = _("Page %(number)s")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._decorate)])

    def _decorate(self, canvas, document):
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(MUTED)
        canvas.setStrokeColor(RULE)
        canvas.line(MARGIN, MARGIN, PAGE_WIDTH - MARGIN, MARGIN)
        canvas.drawString(MARGIN, MARGIN - 4 * mm, self.footer)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, MARGIN - 4 * mm, self.page_label % {"number": document.page})
        canvas.restoreState()

    def afterFlowable(self, flowable):
        level = getattr(flowable, "toc_level", None)
        if level is not None:
            key = getattr(flowable, "toc_key", None)
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.getPlainText(), key, level=level, closed=level > 0)
            self.notify("TOCEntry", (level, flowable.getPlainText(), self.page, key))


def _heading(text: str, style: str, level: int, key: str) -> Paragraph:
    paragraph = Paragraph(escape(text), _styles()[style])
    paragraph.toc_level = level
    paragraph.toc_key = key
    return paragraph


def _story(edition, language: str, chapter=None) -> list:
    styles = _styles()
    contents = selectors.table_of_contents(edition, language, chapter=chapter)
    date = formats.date_format(edition.published_on, "DATE_FORMAT")
    edition_line = _("Edition %(number)s of %(date)s") % {"number": edition.number, "date": date}
    story = [
        Spacer(1, 40 * mm),
        Paragraph(escape(_("Benelux information brochure")), styles["cover"]),
        Spacer(1, 4 * mm),
        Paragraph(
            escape(_("Cross-border police cooperation between Belgium, the Netherlands and Luxembourg")),
            styles["subtitle"],
        ),
        Spacer(1, 8 * mm),
        Paragraph(escape(edition_line), styles["subtitle"]),
    ]
    if chapter is not None:
        story += [Spacer(1, 4 * mm), Paragraph(escape(contents[0]["chapter"].title), styles["subtitle"])]
    toc = TableOfContents(levelStyles=[styles["toc0"], styles["toc1"]], dotsMinLevel=0)
    story += [PageBreak(), Paragraph(escape(_("Contents")), styles["toc_title"]), Spacer(1, 4 * mm), toc, PageBreak()]
    tag_labels = dict(Tag.choices)
    for number, entry in enumerate(contents):
        if number:
            story.append(CondPageBreak(60 * mm))
        story.append(_heading(entry["chapter"].title, "chapter", 0, f"c-{entry['chapter'].key}"))
        for section in entry["sections"]:
            story.append(_heading(section.title, "section", 1, f"s-{section.key}"))
            labels = [str(tag_labels.get(tag, tag)) for tag in section.tags] + list(section.countries)
            if labels:
                story.append(Paragraph(escape(" · ".join(labels)), styles["muted"]))
            if section.is_fallback:
                name = translation.get_language_info(section.language)["name_translated"]
                story.append(
                    Paragraph(
                        escape(_("Not yet available in your language: shown in %(name)s.") % {"name": name}),
                        styles["marker"],
                    )
                )
            story.extend(body_flowables(section.body_html))
    if chapter is None:
        story.extend(_contacts(edition, language))
    return story


def _contacts(edition, language: str) -> list:
    styles = _styles()
    contacts = [selectors.localise_contact(contact, language) for contact in selectors.contacts_of(edition=edition)]
    if not contacts:
        return []
    story = [PageBreak(), _heading(_("Contact points"), "chapter", 0, "contacts")]
    for code, name in MemberCountry.choices:
        rows = [contact for contact in contacts if contact.country == code]
        if not rows:
            continue
        story.append(Paragraph(escape(str(name)), styles["section"]))
        data = [
            [
                Paragraph(escape(text), styles["muted"])
                for text in (_("Organisation"), _("Telephone"), _("Secure e-mail"), _("Hours"))
            ]
        ]
        for contact in rows:
            who = escape(contact.organisation) + (f"<br/>{escape(contact.service)}" if contact.service else "")
            data.append(
                [
                    Paragraph(who, styles["body"]),
                    Paragraph(escape(contact.phone), styles["body"]),
                    Paragraph(escape(contact.secure_email or "–"), styles["body"]),
                    Paragraph(escape(contact.hours or "–"), styles["body"]),
                ]
            )
        width = PAGE_WIDTH - 2 * MARGIN
        table = Table(
            data, colWidths=[width * 0.34, width * 0.23, width * 0.28, width * 0.15], repeatRows=1, hAlign="LEFT"
        )
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(table)
    return story


def brochure_pdf(*, edition, language: str, chapter=None) -> bytes:
    """The edition (or one chapter of it) as a PDF in ``language``."""
    register_fonts()
    with translation.override(language):
        buffer = BytesIO()
        title = _("Benelux information brochure")
        footer = f"{title} · " + _("Edition %(number)s") % {"number": edition.number}
        document = _Document(
            buffer,
            footer=footer,
            title=title,
            author=_("Benelux Secretariat-General"),
            creator="Benelux Police Cooperation Portal",
            lang=language,
            initialFontName=FONT,
        )
        document.multiBuild(_story(edition, language, chapter))
    return buffer.getvalue()


def cached_pdf(*, edition, language: str, chapter=None) -> bytes:
    key = answer_key("brochure:pdf", [edition.pk, chapter.key if chapter else "-"], parts=[language])
    return cached(
        key,
        [BROCHURE],
        lambda: brochure_pdf(edition=edition, language=language, chapter=chapter),
        timeout=PDF_CACHE_SECONDS,
    )
