"""The progress report of a work programme, as the chiefs forward it: a PDF (ReportLab, the portal's DejaVu Sans)
and a spreadsheet (XlsxWriter), in the reader's language.

Both are made from ``report_data`` (five queries, whatever the size of the programme): its objectives with their
progress and status, each activity with its lead, dates, status as shown (late worked out from the due date),
progress and latest update, and (in the spreadsheet) the whole history of updates. A report is kept in the cache
for everyone who asks for the same programme in the same language on the same day, until any consultation data
changes (``cached_report``).
"""

from io import BytesIO
from xml.sax.saxutils import escape

import xlsxwriter
from django.http import HttpResponse
from django.utils import formats, timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph, SimpleDocTemplate, Spacer

from apps.core import caching as caching_core
from apps.core.pdf import FONT, register_fonts

from . import selectors
from .caching import CONSULTATION
from .choices import ProgressStatus
from .i18n import pick, values_of
from .models import Objective, ProgressUpdate
from .pdf import MUTED, NONE, RULE, Writer

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REPORT_SECONDS = 10 * 60
PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN = 14 * mm
WIDTH = PAGE_WIDTH - 2 * MARGIN
LATEST_TEXT_MAX = 400


def report_data(programme, *, today, history: bool) -> dict:
    """The programme's objectives (each with ``rows``: its activities, each with ``latest`` update), and with
    ``history`` every update, oldest first."""
    objectives = list(
        Objective.objects.filter(programme=programme).select_related("owner_body").order_by("number", "pk")
    )
    activities = list(selectors.activities_of_objectives(objectives))
    selectors.decorate(activities, today=today)
    selectors.objectives_with_activities(objectives, activities, today=today)
    latest = selectors.latest_updates(activity.pk for activity in activities)
    by_pk = {objective.pk: objective for objective in objectives}
    for activity in activities:
        activity.objective = by_pk[activity.objective_id]
        activity.latest = latest.get(activity.pk)
    updates = []
    if history:
        updates = list(
            ProgressUpdate.objects.filter(activity__objective__programme=programme)
            .select_related("author__organisation", "activity__objective")
            .order_by("activity__objective__number", "activity__number", "created_at", "pk")
        )
    counts = {status: 0 for status, _label in ProgressStatus.choices}
    for activity in activities:
        counts[activity.shown] += 1
    return {"objectives": objectives, "activities": activities, "updates": updates, "counts": counts}


def _text(obj, field: str) -> str:
    return pick(values_of(obj, field)).text


def _date(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else NONE


def _status(value: str) -> str:
    return str(ProgressStatus(value).label)


def _title(programme) -> str:
    return f"{_text(programme, 'title')} ({programme.years})"


def _summary(counts: dict) -> str:
    return " · ".join(f"{label}: {counts[status]}" for status, label in ProgressStatus.choices)


def _latest(activity) -> str:
    update = activity.latest
    if update is None:
        return NONE
    text = update.text if len(update.text) <= LATEST_TEXT_MAX else update.text[: LATEST_TEXT_MAX - 1] + "…"
    return f"{_date(timezone.localtime(update.created_at).date())}: {text}"


# PDF --------------------------------------------------------------------------------------------------------------


def pdf(programme, *, today) -> bytes:
    """The progress report as a PDF (A4 landscape) in the active language."""
    register_fonts()
    language = translation.get_language()
    data = report_data(programme, today=today, history=False)
    write = Writer(language)
    title = _("Progress report")
    subtitle = f"{_title(programme)} · {_text(programme.body, 'name')}"
    story = [
        Paragraph(escape(title), write.styles["title"]),
        Paragraph(escape(subtitle), write.styles["subtitle"]),
        write.text(_("As of %(date)s") % {"date": formats.date_format(today, "DATE_FORMAT")}, "muted"),
        write.text(_summary(data["counts"]), "muted"),
        Spacer(0, 3 * mm),
    ]
    shares = [7, 30, 13, 8, 8, 9, 5, 40]
    widths = [WIDTH * share / sum(shares) for share in shares]
    headings = [_("No."), _("Activity"), _("Lead"), _("Start"), _("Due"), _("Status"), "%", _("Latest update")]
    for objective in data["objectives"]:
        story += [
            CondPageBreak(30 * mm),
            Paragraph(escape(f"{objective.number}. {_text(objective, 'title')}"), write.styles["h2"]),
            write.text(
                " · ".join(
                    [
                        _("Owner: %(body)s") % {"body": objective.owner_body.code},
                        _("Target date: %(date)s") % {"date": _date(objective.target_date)},
                        _("Status: %(status)s") % {"status": _status(objective.shown)},
                        _("Progress: %(percent)s %%") % {"percent": objective.progress}
                        if objective.progress is not None
                        else _("No activities"),
                    ]
                ),
                "muted",
            ),
        ]
        if not objective.rows:
            continue
        rows = [[write.text(heading, "head") for heading in headings]]
        for activity in objective.rows:
            rows.append(
                [
                    write.text(activity.reference, "small"),
                    write.text(_text(activity, "title"), "small"),
                    write.text(f"{activity.lead.short_name} ({activity.lead.country_code_label})", "small"),
                    write.text(_date(activity.starts_on), "small"),
                    write.text(_date(activity.due_on), "small"),
                    write.text(_status(activity.shown), "small"),
                    write.text(str(activity.progress), "small"),
                    write.text(_latest(activity), "small"),
                ]
            )
        story.append(write.grid(rows, widths))
    if not data["objectives"]:
        story.append(write.text(_("This work programme has no objectives yet.")))
    header = f"{title} · {_title(programme)}"
    page_label = _("Page %(number)s")

    def decorate(canvas, document):
        canvas.saveState()
        canvas.setFillColor(MUTED)
        canvas.setFont(FONT, 7.5)
        canvas.drawString(MARGIN, PAGE_HEIGHT - 10 * mm, header)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, 12 * mm, PAGE_WIDTH - MARGIN, 12 * mm)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, 8 * mm, page_label % {"number": canvas.getPageNumber()})
        canvas.restoreState()

    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=14 * mm,
        bottomMargin=16 * mm,
        title=header,
        author=_("Benelux Secretariat-General"),
        creator="Benelux Police Cooperation Portal",
        lang=language,
        initialFontName=FONT,
    )
    document.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()


# Spreadsheet ------------------------------------------------------------------------------------------------------


def xlsx(programme, *, today) -> bytes:
    """The progress report as a spreadsheet in the active language: the activities (one row each, with their
    objective and latest update), the objectives, and every progress update."""
    data = report_data(programme, today=today, history=True)
    buffer = BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    bold = workbook.add_format({"bold": True, "bg_color": "#EEF1F5", "text_wrap": True, "valign": "top"})
    day = workbook.add_format({"num_format": "yyyy-mm-dd", "valign": "top"})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    colours = {
        "red": workbook.add_format({"font_color": "#A4161A", "bold": True, "valign": "top"}),
        "amber": workbook.add_format({"font_color": "#8A5A00", "bold": True, "valign": "top"}),
        "green": workbook.add_format({"font_color": "#1E6B3A", "bold": True, "valign": "top"}),
        "grey": workbook.add_format({"font_color": "#4A5262", "valign": "top"}),
    }

    sheet = workbook.add_worksheet(_("Activities")[:31])
    header = [
        _("Objective"),
        _("Objective title"),
        _("No."),
        _("Activity"),
        _("Lead"),
        _("Country"),
        _("Start"),
        _("Due date"),
        _("Status"),
        _("Progress (%)"),
        _("Latest update"),
        _("Latest update text"),
    ]
    sheet.write_row(0, 0, header, bold)
    sheet.freeze_panes(1, 0)
    row = 1
    for objective in data["objectives"]:
        for activity in objective.rows:
            latest = activity.latest
            sheet.write_number(row, 0, objective.number)
            sheet.write_string(row, 1, _text(objective, "title"), wrap)
            sheet.write_string(row, 2, activity.reference)
            sheet.write_string(row, 3, _text(activity, "title"), wrap)
            sheet.write_string(row, 4, activity.lead.name, wrap)
            sheet.write_string(row, 5, activity.lead.country_code_label)
            sheet.write_datetime(row, 6, activity.starts_on, day)
            sheet.write_datetime(row, 7, activity.due_on, day)
            sheet.write_string(row, 8, _status(activity.shown), colours[activity.rag])
            sheet.write_number(row, 9, activity.progress)
            if latest is not None:
                sheet.write_datetime(row, 10, timezone.localtime(latest.created_at).date(), day)
                sheet.write_string(row, 11, latest.text, wrap)
            row += 1
    for column, width in enumerate((9, 40, 7, 45, 30, 8, 11, 11, 12, 10, 12, 60)):
        sheet.set_column(column, column, width)
    sheet.autofilter(0, 0, max(row - 1, 0), len(header) - 1)

    sheet = workbook.add_worksheet(_("Objectives")[:31])
    header = [_("No."), _("Objective"), _("Owner body"), _("Target date"), _("Status"), _("Progress (%)")]
    sheet.write_row(0, 0, header, bold)
    sheet.freeze_panes(1, 0)
    for row, objective in enumerate(data["objectives"], start=1):
        sheet.write_number(row, 0, objective.number)
        sheet.write_string(row, 1, _text(objective, "title"), wrap)
        sheet.write_string(row, 2, objective.owner_body.code)
        sheet.write_datetime(row, 3, objective.target_date, day)
        sheet.write_string(row, 4, _status(objective.shown), colours[objective.rag])
        if objective.progress is not None:
            sheet.write_number(row, 5, objective.progress)
    for column, width in enumerate((6, 60, 12, 12, 12, 12)):
        sheet.set_column(column, column, width)

    sheet = workbook.add_worksheet(_("Progress updates")[:31])
    header = [
        _("No."),
        _("Date"),
        _("Author"),
        _("Organisation"),
        _("Status before"),
        _("New status"),
        _("Progress (%)"),
        _("Progress"),
        _("Reason for going back"),
    ]
    sheet.write_row(0, 0, header, bold)
    sheet.freeze_panes(1, 0)
    for row, update in enumerate(data["updates"], start=1):
        activity = update.activity
        sheet.write_string(row, 0, f"{activity.objective.number}.{activity.number}")
        sheet.write_datetime(row, 1, timezone.localtime(update.created_at).date(), day)
        sheet.write_string(row, 2, str(update.author))
        sheet.write_string(row, 3, update.author.organisation.short_name if update.author.organisation_id else "")
        sheet.write_string(row, 4, _status(update.previous_status))
        sheet.write_string(row, 5, _status(update.status))
        sheet.write_number(row, 6, update.progress)
        sheet.write_string(row, 7, update.text, wrap)
        sheet.write_string(row, 8, update.reason, wrap)
    for column, width in enumerate((7, 11, 24, 14, 13, 13, 10, 70, 40)):
        sheet.set_column(column, column, width)
    workbook.set_properties(
        {
            "title": f"{_('Progress report')} {_title(programme)}",
            "created": timezone.localtime().replace(tzinfo=None),
        }
    )
    workbook.close()
    return buffer.getvalue()


# Delivery ---------------------------------------------------------------------------------------------------------

MAKERS = {"pdf": pdf, "xlsx": xlsx}


def cached_report(programme, kind: str, *, today) -> bytes:
    """The report of ``kind`` ("pdf" or "xlsx") in the active language, from the cache when it was made today under
    the current consultation data."""
    key = caching_core.answer_key(f"consultation:report:{kind}", [programme.pk, today.isoformat()], parts=["report"])
    return caching_core.cached(
        key, [CONSULTATION], lambda: MAKERS[kind](programme, today=today), timeout=REPORT_SECONDS
    )


def download(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, private=True, no_store=True)
    return response
