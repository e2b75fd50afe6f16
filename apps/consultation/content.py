"""The minutes of a meeting as plain data: what the minutes page and the PDF show, and what publishing keeps.

``minutes_content`` reads the meeting's record as it is now (in six queries, whatever its size): the facts,
attendance, the agenda with each item's notes (and the action points carried into the standing item), the
decisions and the action points. Publishing stores exactly this in a ``MinutesVersion``, so a published version
shows, and prints, what was published, whatever changes afterwards. Translated texts are kept in every language
(``{"nl": ..., "fr": ...}``) and picked for each reader (``i18n.pick``). ``for_display`` turns the stored dates
back into dates for the templates.
"""

from datetime import date, datetime

from django.db.models import Prefetch

from .choices import OPEN_ACTION_STATUSES, ActionStatus, AttendanceKind, AttendanceStatus, ItemKind, MeetingFormat
from .i18n import LANGUAGES, values_of
from .models import (
    ActionPoint,
    AgendaDocument,
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    Minutes,
    choice_label,
)

FORMAT_VERSION = 1


def _organisation(organisation) -> dict | None:
    if organisation is None:
        return None
    return {
        "id": organisation.pk,
        "short_name": organisation.short_name,
        "country": organisation.country.code if organisation.country_id else None,  # None: a joint Benelux body
        "name": values_of(organisation, "name"),
    }


def _action_point(point: ActionPoint) -> dict:
    return {
        "id": point.pk,
        "title": values_of(point, "title"),
        "description": values_of(point, "description"),
        "owner_organisation": _organisation(point.owner_organisation),
        "owner_name": point.owner_name,
        "due_date": point.due_date.isoformat() if point.due_date else None,
        "status": point.status,
        "status_note": point.status_note,
        "item_position": point.agenda_item.position if point.agenda_item_id and point.agenda_item else None,
    }


def attendance_row(row: Attendance) -> dict:
    """One person of the attendance list (with organisation and whom they represent loaded)."""
    return {
        "id": row.pk,
        "kind": row.kind,
        "status": row.status,
        "name": row.name,
        "function": row.function,
        "organisation": _organisation(row.organisation),
        "represents": row.represents.name if row.represents_id else "",
    }


def minutes_content(*, meeting: Meeting, minutes: Minutes) -> dict:
    """The meeting's record as it is now; ``meeting`` comes with its body and chairing country."""
    carried = Prefetch(
        "carried_action_points",
        queryset=ActionPoint.objects.select_related("owner_organisation__country", "agenda_item").order_by(
            "due_date", "pk"
        ),
    )
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .order_by("position")
        .prefetch_related(carried, Prefetch("documents", queryset=AgendaDocument.objects.order_by("pk")))
    )
    attendance = list(
        Attendance.objects.filter(meeting=meeting)
        .select_related("organisation__country", "represents")
        .order_by("kind", "name", "pk")
    )
    decisions = list(
        Decision.objects.filter(meeting=meeting).select_related("body", "topic", "agenda_item").order_by("number")
    )
    points = list(
        ActionPoint.objects.filter(meeting=meeting)
        .select_related("owner_organisation__country", "agenda_item")
        .order_by("pk")
    )
    return {
        "format": FORMAT_VERSION,
        "meeting": {
            "id": meeting.pk,
            "body": {"code": meeting.body.code, "name": values_of(meeting.body, "name")},
            "starts_at": meeting.starts_at.isoformat(),
            "ends_at": meeting.ends_at.isoformat(),
            "format": meeting.format,
            "place": meeting.place,
            "online_link": meeting.online_link,
            "language": meeting.language,
            "chair_country": (
                {"code": meeting.chair_country.code, "name": values_of(meeting.chair_country, "name")}
                if meeting.chair_country_id
                else None
            ),
            "chair_name": meeting.chair_name,
        },
        "revision": minutes.revision,
        "summary": minutes.summary,
        "attendance": [attendance_row(row) for row in attendance],
        "items": [
            {
                "id": item.pk,
                "position": item.position,
                "kind": item.kind,
                "title": values_of(item, "title"),
                "description": values_of(item, "description"),
                "presenter": item.presenter,
                "documents": [{"title": document.title, "url": document.url} for document in item.documents.all()],
                "notes": item.notes,
                "action_points": (
                    [_action_point(point) for point in item.carried_action_points.all()]
                    if item.kind == ItemKind.ACTION_POINTS
                    else []
                ),
            }
            for item in items
        ],
        "decisions": [
            {
                "id": decision.pk,
                "reference": decision.reference,
                "title": values_of(decision, "title"),
                "text": values_of(decision, "text"),
                "language": decision.language,
                "topic": values_of(decision.topic, "name") if decision.topic_id else None,
                "item_position": decision.agenda_item.position if decision.agenda_item_id else None,
            }
            for decision in decisions
        ],
        "action_points": [_action_point(point) for point in points],
    }


def _date(value):
    return date.fromisoformat(value) if isinstance(value, str) and value else value


def _datetime(value):
    return datetime.fromisoformat(value) if isinstance(value, str) and value else value


def _points_for_display(points: list[dict], today: date | None) -> list[dict]:
    shown = []
    for point in points:
        due = _date(point.get("due_date"))
        shown.append(
            {
                **point,
                "due_date": due,
                "status_label": choice_label(ActionStatus, point.get("status")),
                "overdue": bool(today and due and due < today and point.get("status") in OPEN_ACTION_STATUSES),
            }
        )
    return shown


def attendance_for_display(rows: list[dict]) -> list[dict]:
    return [
        {
            **row,
            "kind_label": choice_label(AttendanceKind, row["kind"]),
            "status_label": choice_label(AttendanceStatus, row["status"]),
        }
        for row in rows
    ]


def for_display(content: dict, *, today: date | None = None) -> dict:
    """A copy of ``content`` with its dates as dates, for the templates (and the PDF)."""
    meeting = dict(content["meeting"])
    meeting["starts_at"] = _datetime(meeting["starts_at"])
    meeting["ends_at"] = _datetime(meeting["ends_at"])
    items = [{**item, "action_points": _points_for_display(item["action_points"], today)} for item in content["items"]]
    attendance = attendance_for_display(content["attendance"])
    return {
        **content,
        "meeting": meeting,
        "format_label": choice_label(MeetingFormat, meeting["format"]),
        "items": items,
        "attendance": attendance,
        "action_points": _points_for_display(content["action_points"], today),
        "present": [row for row in attendance if row["status"] == AttendanceStatus.PRESENT],
        "not_present": [row for row in attendance if row["status"] != AttendanceStatus.PRESENT],
        "languages": LANGUAGES,
    }
