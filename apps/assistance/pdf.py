"""One assistance request as a PDF, laid out as the Benelux assistance and cooperation form.

What the control rooms fax or mail today, printed from the portal in the reader's language (the active
one), with dates and times in that language's format and in Brussels time. Drawn with ReportLab (pure
Python) in DejaVu Sans, vendored in ``apps/core/fonts/`` and embedded (as a subset) in every file, so that é, ë, ü
and ß print the same everywhere and nothing is fetched at run time. The request's handling code heads
and foots every page, as classified documents do; the footer says who printed it, when, and "page X of Y".

Give ``request_pdf`` the object of ``selectors.request_get_for_user`` (which prefetches lines, answers,
bookings and history); it loads the little the request page does not show (who acknowledged, who booked,
the linked event) in at most three more queries, so that a PDF costs the same number of queries whatever
the number of lines, answers, bookings or history rows.
"""

import functools
from io import BytesIO
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpResponse
from django.utils import formats, timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from apps.core.pdf import FONT, FONT_BOLD, register_fonts
from apps.events.selectors import event_visible_to

from .models import (
    AssistanceRequest,
    Booking,
    EquipmentItem,
    Message,
    RequestedCountry,
    RequestedResource,
    StatusChange,
)

BRUSSELS = ZoneInfo("Europe/Brussels")
NONE = "–"

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
TOP_MARGIN = 30 * mm
BOTTOM_MARGIN = 26 * mm
WIDTH = PAGE_WIDTH - 2 * MARGIN

INK = colors.HexColor("#1b1b1b")
MUTED = colors.HexColor("#555555")
ACCENT = colors.HexColor("#003d7a")
RULE = colors.HexColor("#9aa5b1")
SHADE = colors.HexColor("#eef1f5")
MARKING = colors.HexColor("#a00000")


@functools.cache
def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=11.5, textColor=INK)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=7.5, leading=9.5),
        "muted": ParagraphStyle("muted", parent=body, fontSize=7.5, leading=9.5, textColor=MUTED),
        "label": ParagraphStyle("label", parent=body, fontName=FONT_BOLD, fontSize=7.5, leading=9.5, textColor=MUTED),
        "head": ParagraphStyle("head", parent=body, fontName=FONT_BOLD, fontSize=7.5, leading=9.5, textColor=INK),
        "form": ParagraphStyle("form", parent=body, fontName=FONT_BOLD, fontSize=9, leading=12, textColor=ACCENT),
        "reference": ParagraphStyle("reference", parent=body, fontName=FONT_BOLD, fontSize=18, leading=22),
        "title": ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=13, leading=16, spaceAfter=4),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=10.5,
            leading=13,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "h3": ParagraphStyle(
            "h3", parent=body, fontName=FONT_BOLD, fontSize=9.5, leading=12, spaceBefore=6, spaceAfter=2, keepWithNext=1
        ),
    }


def _text(value, style: str = "body") -> Paragraph:
    """A paragraph of plain text (escaped; line breaks kept; a dash when empty) that wraps and splits."""
    text = str(value).strip() if value not in (None, "") else ""
    markup = escape(text).replace("\r\n", "\n").replace("\n", "<br/>") if text else NONE
    return Paragraph(markup, _styles()[style])


def _label(model, field: str) -> str:
    """The field's verbose name, as the forms show it (already translated in the catalogues)."""
    return capfirst(str(model._meta.get_field(field).verbose_name))


def _when(value) -> str:
    """A date and time in the reader's format, in Brussels time."""
    if value is None:
        return NONE
    return formats.date_format(timezone.localtime(value, BRUSSELS), "SHORT_DATETIME_FORMAT")


def _period(start, end) -> str:
    if start is None and end is None:
        return NONE
    return f"{_when(start)} – {_when(end)}"


def _person(user) -> str:
    return str(user) if user is not None else NONE


def _grid(rows, widths, *, header: bool = True, zebra: bool = True) -> Table:
    """A table whose cells wrap, whose rows may split over pages and whose header repeats on each page."""
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, splitInRow=1, hAlign="LEFT")
    style = [
        ("FONT", (0, 0), (-1, -1), FONT, 8),  # cells are paragraphs; this keeps ReportLab off Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
    elif zebra:
        style.append(("BACKGROUND", (0, 0), (0, -1), SHADE))
    table.setStyle(TableStyle(style))
    return table


def _facts(pairs) -> Table:
    """Label / value rows, as on the paper form."""
    rows = [[_text(label, "label"), value if isinstance(value, Paragraph) else _text(value)] for label, value in pairs]
    return _grid(rows, [46 * mm, WIDTH - 46 * mm], header=False)


def _heading(text: str) -> list:
    # Never a heading alone at the foot of a page: it keeps with what follows, and needs room for a few lines.
    return [CondPageBreak(30 * mm), Paragraph(escape(text), _styles()["h2"])]


def _kept(title: str, blocks: list[list]) -> list:
    """A section of blocks each kept on one page; the section's heading goes with the first block."""
    first, *rest = blocks
    return [CondPageBreak(30 * mm), KeepTogether([Paragraph(escape(title), _styles()["h2"]), *first])] + [
        KeepTogether(block) for block in rest
    ]


def _marking(request) -> str:
    code = request.handling_code
    if code is None:
        return _("Handling code: none given")
    return f"{code.code} – {code.name}"


def _contact(request) -> Paragraph:
    person = request.contact_person
    if person is None:
        return _text(None)
    details = [str(person)] + [value for value in (person.job_title, person.phone, person.email) if value]
    return _text(" · ".join(details))


def _event(request) -> Paragraph:
    event = request.visible_event
    if event is None:
        return _text(None)
    return _text(f"{event.title}\n{event.place} · {_period(event.starts_at, event.ends_at)}")


def _requested_countries(request) -> list:
    rows = [
        [
            _text(_("Country"), "head"),
            _text(_label(RequestedCountry, "acknowledged_at"), "head"),
            _text(_label(RequestedCountry, "acknowledged_by"), "head"),
        ]
    ]
    for row in request.requested.all():
        rows.append(
            [
                _text(f"{row.country} ({row.country.code})"),
                _text(_when(row.acknowledged_at) if row.acknowledged_at else _("Not yet acknowledged")),
                _text(_person(row.acknowledged_by) if row.acknowledged_by_id else None),
            ]
        )
    if len(rows) == 1:
        return [_text(None)]
    return [_grid(rows, [60 * mm, 50 * mm, WIDTH - 110 * mm])]


def _lines(lines) -> list:
    if not lines:
        return [_text(_("No resources requested yet."))]
    widths = [8 * mm, 32 * mm, 19 * mm, 29 * mm, 30 * mm, 27 * mm, WIDTH - 145 * mm]
    rows = [
        [
            _text("#", "head"),
            _text(_("Resource type"), "head"),
            _text(_("Quantity"), "head"),
            _text(_label(RequestedResource, "substitutes"), "head"),
            _text(_("Period"), "head"),
            _text(_label(RequestedResource, "muster_point"), "head"),
            _text(_label(RequestedResource, "notes"), "head"),
        ]
    ]
    for number, line in enumerate(lines, start=1):
        rows.append(
            [
                _text(number, "small"),
                _text(line.resource_type.name, "small"),
                _text(line.resource_type.counted(line.quantity), "small"),
                _text(line.substitutes, "small"),
                _text(_period(line.start, line.end) if line.start or line.end else _("As the request"), "small"),
                _text(line.muster_point, "small"),
                _text(line.notes, "small"),
            ]
        )
    return [_grid(rows, widths)]


def _answers(responses, numbers: dict[int, tuple[int, RequestedResource]]) -> list[list]:
    """One block per country: its heading stays with its table (a table longer than a page still splits)."""
    if not responses:
        return [[_text(_("No country has answered yet."))]]
    blocks = []
    widths = [8 * mm, 36 * mm, 24 * mm, 22 * mm, WIDTH - 130 * mm, 40 * mm]
    for response in responses:
        head = f"{response.country} ({response.country.code}): {response.get_decision_display()}"
        summary = [
            _("Answered by %(person)s on %(date)s")
            % {"person": _person(response.responded_by), "date": _when(response.responded_at)},
            _("Offer: %(decision)s") % {"decision": response.get_offer_decision_display()},
        ]
        if response.offer_decided_at:
            summary.append(
                _("decided by %(person)s on %(date)s")
                % {"person": _person(response.offer_decided_by), "date": _when(response.offer_decided_at)}
            )
        block = [Paragraph(escape(head), _styles()["h3"]), _text(" · ".join(summary), "muted")]
        if response.note:
            block.append(_text(response.note))
        rows = [
            [
                _text("#", "head"),
                _text(_("Resource type"), "head"),
                _text(_("Decision"), "head"),
                _text(_("Offered quantity"), "head"),
                _text(_("Conditions"), "head"),
                _text(_("Cost arrangement"), "head"),
            ]
        ]
        for answer in sorted(response.lines.all(), key=lambda answer: numbers.get(answer.line_id, (0, None))[0]):
            number, line = numbers.get(answer.line_id, (None, None))
            rows.append(
                [
                    _text(number, "small"),
                    _text(line.resource_type.name if line else None, "small"),
                    _text(answer.get_decision_display(), "small"),
                    _text(
                        line.resource_type.counted(answer.offered_quantity) if line else answer.offered_quantity,
                        "small",
                    ),
                    _text(answer.conditions, "small"),
                    _text(answer.get_cost_arrangement_display(), "small"),
                ]
            )
        blocks.append([*block, Spacer(1, 2 * mm), _grid(rows, widths)])
    return blocks


def _bookings(bookings) -> list:
    if not bookings:
        return [_text(_("No equipment booked."))]
    rows = [
        [
            _text(_label(Booking, "item"), "head"),
            _text(_label(EquipmentItem, "organisation"), "head"),
            _text(_("Period"), "head"),
            _text(_("Status"), "head"),
        ]
    ]
    for booking in bookings:
        if booking.is_cancelled:
            state = _label(Booking, "is_cancelled")
        elif booking.returned_at:
            state = _("Returned on %(date)s: %(condition)s") % {
                "date": _when(booking.returned_at),
                "condition": booking.get_return_condition_display(),
            }
            if booking.return_notes:
                state = f"{state}\n{booking.return_notes}"
        else:
            state = _("Booked by %(person)s on %(date)s") % {
                "person": _person(booking.booked_by),
                "date": _when(booking.booked_at),
            }
        rows.append(
            [
                _text(f"{booking.item.name} ({booking.item.identifier})", "small"),
                _text(booking.item.organisation.short_name, "small"),
                _text(_period(booking.period.lower, booking.period.upper), "small"),
                _text(state, "small"),
            ]
        )
    return [_grid(rows, [50 * mm, 24 * mm, 46 * mm, WIDTH - 120 * mm])]


def _history(changes) -> list:
    if not changes:
        return [_text(_("Not filed yet."))]
    rows = [
        [
            _text(_label(StatusChange, "at"), "head"),
            _text(_label(StatusChange, "actor"), "head"),
            _text(_("From → to"), "head"),
            _text(_label(StatusChange, "note"), "head"),
        ]
    ]
    for change in changes:
        actor = _person(change.actor)
        if change.country_id:
            actor = f"{actor} ({change.country.code})"
        rows.append(
            [
                _text(_when(change.at), "small"),
                _text(actor, "small"),
                _text(f"{change.get_from_status_display()} → {change.get_to_status_display()}", "small"),
                _text(change.note, "small"),
            ]
        )
    return [_grid(rows, [34 * mm, 42 * mm, 50 * mm, WIDTH - 126 * mm])]


def _messages(thread) -> list:
    """The conversation between the control rooms, oldest first: who wrote, for which service, when, and what."""
    if not thread:
        return [_text(_("No messages."))]
    rows = [
        [
            _text(_label(Message, "created_at"), "head"),
            _text(_label(Message, "author"), "head"),
            _text(_label(Message, "body"), "head"),
        ]
    ]
    for message in thread:
        rows.append(
            [
                _text(_when(message.created_at), "small"),
                _text(f"{_person(message.author)} ({message.organisation.short_name})", "small"),
                _text(message.body, "small"),
            ]
        )
    return [_grid(rows, [30 * mm, 44 * mm, WIDTH - 74 * mm])]


def _load(request, user) -> None:
    """What the PDF shows beyond the request page, for all rows at once (nothing already loaded is fetched).

    The linked event is printed only for a reader who may see it in the calendar, as on the request page."""
    prefetch_related_objects(
        [request],
        "requested__acknowledged_by",
        "bookings__booked_by",
        Prefetch("messages", queryset=Message.objects.select_related("author", "organisation"), to_attr="thread"),
    )
    request.visible_event = event_visible_to(user=user, pk=request.event_id)


def _story(request) -> list:
    """The form, top to bottom, as flowables."""
    styles = _styles()
    lines = list(request.lines.all())
    numbers = {line.pk: (number, line) for number, line in enumerate(lines, start=1)}
    responses = list(request.responses.all())
    organisation = request.requesting_organisation
    story = [
        Paragraph(escape(_("Benelux assistance and cooperation request")), styles["form"]),
        Paragraph(escape(request.reference or _("Draft")), styles["reference"]),
        Paragraph(escape(request.title), styles["title"]),
        _text(
            " · ".join(
                [
                    f"{_('Status')}: {request.get_status_display()}",
                    f"{_('Urgency')}: {request.get_urgency_display()}",
                    *([_("After-the-fact record")] if request.after_the_fact else []),
                    _("Times are Brussels time."),
                ]
            ),
            "muted",
        ),
        *_heading(_("The request")),
        _facts(
            [
                (_("Reference"), request.reference or _("Draft")),
                (_label(AssistanceRequest, "kind"), request.get_kind_display()),
                (_("Status"), request.get_status_display()),
                (_("Requesting organisation"), f"{organisation} ({organisation.country.code})"),
                (_("Contact person"), _contact(request)),
                (_label(AssistanceRequest, "event"), _event(request)),
                (_("Title"), request.title),
                (_("Place"), request.place),
                (_("Period"), _period(request.start, request.end)),
                (
                    _label(AssistanceRequest, "after_the_fact"),
                    _("Yes: filed after the assistance was given") if request.after_the_fact else _("No"),
                ),
                (_("Urgency"), request.get_urgency_display()),
                (_("Legal basis"), request.legal_basis.name if request.legal_basis_id else None),
                (_("Handling code"), _marking(request) if request.handling_code_id else None),
                (_label(AssistanceRequest, "submitted_at"), _when(request.submitted_at)),
                (_("Acknowledge by"), _when(request.acknowledge_by)),
            ]
        ),
        *_heading(_("Requested countries")),
        *_requested_countries(request),
        *_heading(_("Operational context")),
        _text(request.operational_context),
        *_heading(_("Requested resources")),
        *_lines(lines),
        *_kept(_("Answers of the requested countries"), _answers(responses, numbers)),
        *_heading(_("Operational control and command")),
        _facts(
            [
                (_("Operational control"), request.operational_control),
                (_("Command"), request.command),
            ]
        ),
        *_heading(_("Booked equipment")),
        *_bookings(list(request.bookings.all())),
    ]
    if request.cancel_reason:
        story += [*_heading(_label(AssistanceRequest, "cancel_reason")), _text(request.cancel_reason)]
    story += [*_heading(_("Messages")), *_messages(request.thread)]
    story += [*_heading(_("History")), *_history(list(request.status_changes.all()))]
    return story


def _page_canvas(
    *, marking: str, header_left: str, header_right: str, printed: str, page_label: str, watermark: str = ""
):
    """A canvas that draws the header and footer once the number of pages is known, and ``watermark`` (a draft's
    "DRAFT") across every page."""

    class FormCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):  # noqa: N802 (ReportLab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _banner(self, y: float) -> None:
            """The handling code, centred, boxed, in red: at the top and the foot of every page."""
            self.setFont(FONT_BOLD, 9)
            text = marking
            while self.stringWidth(text, FONT_BOLD, 9) > WIDTH - 8 * mm and len(text) > 4:
                text = text[:-2].rstrip() + "…"
            width = self.stringWidth(text, FONT_BOLD, 9) + 8 * mm
            self.setStrokeColor(MARKING)
            self.setFillColor(MARKING)
            self.setLineWidth(1)
            self.rect((PAGE_WIDTH - width) / 2, y - 2 * mm, width, 6 * mm, stroke=1, fill=0)
            self.drawCentredString(PAGE_WIDTH / 2, y, text)

        def _watermark(self) -> None:
            """Large, light and diagonal, under nothing: a draft printed or forwarded is never taken for a request."""
            self.saveState()
            self.setFillColor(MARKING, alpha=0.14)
            size = 96
            while self.stringWidth(watermark, FONT_BOLD, size) > PAGE_HEIGHT * 0.8 and size > 24:
                size -= 4
            self.setFont(FONT_BOLD, size)
            self.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
            self.rotate(55)
            self.drawCentredString(0, -size / 3, watermark)
            self.restoreState()

        def _decorate(self, total: int) -> None:
            if watermark:
                self._watermark()
            self.saveState()
            self._banner(PAGE_HEIGHT - 12 * mm)
            self.setFillColor(MUTED)
            self.setFont(FONT, 7.5)
            self.drawString(MARGIN, PAGE_HEIGHT - 20 * mm, header_left)
            self.setFont(FONT_BOLD, 7.5)
            self.drawRightString(PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 20 * mm, header_right)
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN, PAGE_HEIGHT - 22 * mm, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 22 * mm)
            self.line(MARGIN, 19 * mm, PAGE_WIDTH - MARGIN, 19 * mm)
            self.setFont(FONT, 7.5)
            self.drawString(MARGIN, 15 * mm, printed)
            self.drawRightString(
                PAGE_WIDTH - MARGIN, 15 * mm, page_label % {"number": self._pageNumber, "total": total}
            )
            self._banner(8 * mm)
            self.restoreState()

    return FormCanvas


def request_pdf(*, request: AssistanceRequest, user) -> bytes:
    """The request as a PDF in the active language, printed by ``user`` now."""
    register_fonts()
    _load(request, user)
    language = translation.get_language() or "en"
    reference = request.reference or _("Draft")
    organisation = getattr(user, "organisation", None)
    who = f"{user} ({organisation.short_name})" if organisation is not None else str(user)
    printed = _("Printed by %(person)s on %(date)s") % {"person": who, "date": _when(timezone.now())}
    form_name = _("Benelux assistance and cooperation request")
    canvas = _page_canvas(
        marking=_marking(request),
        header_left=form_name,
        header_right=reference,
        printed=printed,
        page_label=_("Page %(number)s of %(total)s"),
        # A draft (also one cancelled before it was filed) was never sent: it says so across every page.
        watermark=_("DRAFT") if request.submitted_at is None else "",
    )
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        # The frame pads its content by 6 pt: the content then lines up with the header and footer.
        leftMargin=MARGIN - 6,
        rightMargin=MARGIN - 6,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=f"{reference} – {request.title}",
        author=str(request.requesting_organisation),
        subject=form_name,
        creator="Benelux Police Cooperation Portal",
        lang=language,
        initialFontName=FONT,  # no reference to a font that is not embedded
    )
    document.build(_story(request), canvasmaker=canvas)
    return buffer.getvalue()


def pdf_filename(request: AssistanceRequest) -> str:
    """``BNL-2026-0042.pdf``; a draft has no reference yet."""
    return f"{request.reference}.pdf" if request.reference else f"draft-{request.pk}.pdf"


def pdf_response(*, request: AssistanceRequest, user) -> HttpResponse:
    """The PDF as a download that no shared cache keeps (the page view and the API both answer with it)."""
    response = HttpResponse(request_pdf(request=request, user=user), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf_filename(request)}"'
    patch_cache_control(response, private=True, no_store=True)
    return response
