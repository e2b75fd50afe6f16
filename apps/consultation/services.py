"""Writes of the consultation part: meetings, agenda, attendance, minutes, decisions and action points.

Every write is the secretariat's (``permissions.require_editor``), runs in one transaction (a refusal saves nothing)
and names its actor in the audit history. A meeting's record (agenda, attendance, notes, decisions, new action
points) changes only while its minutes are a draft (``permissions.content_refusal``); the minutes' row is locked
for every such change, so that a change and a step of the minutes (approve, publish) never cross. Minutes are saved
with the ``lock_version`` the editor started from: a save from an older one is refused (optimistic locking), and
nothing is overwritten.

Publishing the agenda notifies the police chiefs of the body's member organisations (``apps.notifications``), in
their own language; publishing it again says what changed. Publishing the minutes keeps a dated, locked version
(``content.minutes_content``) and publishes the meeting's decisions and action points.

A write that sends no signal (``update``, ``bulk_create``) moves the cached answers' version on itself.
"""

from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from apps.accounts.choices import Role
from apps.accounts.models import Organisation, User
from apps.core.errors import ApplicationError
from apps.core.text import multi_line, single_line
from apps.notifications import params as notification_params
from apps.notifications import recipients
from apps.notifications.services import notify

from . import selectors
from .caching import CONSULTATION
from .choices import (
    ActionStatus,
    AttendanceKind,
    AttendanceStatus,
    ItemKind,
    MeetingFormat,
    next_status,
)
from .content import minutes_content
from .i18n import LANGUAGES
from .models import (
    ActionPoint,
    AgendaDocument,
    AgendaItem,
    Attendance,
    Body,
    Decision,
    Meeting,
    Membership,
    Minutes,
    MinutesVersion,
    Topic,
    reference,
)
from .permissions import action_refusal, content_refusal, require_editor

FIRST_YEAR, LAST_YEAR = 1900, 2199
MEETING_FIELDS = (
    "body",
    "starts_at",
    "ends_at",
    "format",
    "place",
    "online_link",
    "language",
    "chair_country",
    "chair_name",
)
TITLE_MAX = 300
STANDING_ITEM_TITLE = gettext_noop("Open action points of earlier meetings")
TEXT_MAX = 20_000


def _translated_names(*fields: str) -> list[str]:
    return [f"{field}_{code}" for field in fields for code in LANGUAGES]


ITEM_TRANSLATED = _translated_names("title", "description")
DECISION_TRANSLATED = _translated_names("title", "text")
ACTION_TRANSLATED = _translated_names("title", "description")


# --- helpers -------------------------------------------------------------------------------------------------------


def _audit(obj, actor):
    """Name the actor in the audit history row of the next save or delete (django-simple-history's way)."""
    obj._history_user = actor
    return obj


def _save(obj, actor, **kwargs) -> None:
    _audit(obj, actor).save(**kwargs)


def _refuse(message, errors=None):
    raise ApplicationError(message, errors or {})


def _lock_minutes(meeting) -> Minutes:
    """Lock the meeting's minutes for this transaction (every change to its record takes this lock first)."""
    return Minutes.objects.select_for_update().get(meeting_id=meeting.pk)


def _require_content_editable(meeting) -> Minutes:
    minutes = _lock_minutes(meeting)
    refusal = content_refusal(minutes)
    if refusal is not None:
        raise refusal
    return minutes


def _clean_line(value, *, field: str, errors: dict, max_length: int = 200, required: bool = False) -> str:
    text = (value or "").strip() if isinstance(value, str) else ("" if value is None else str(value))
    if text != single_line(text):
        errors.setdefault(field, []).append(_("Remove the control characters (such as line breaks) from this text."))
    elif len(text) > max_length:
        errors.setdefault(field, []).append(_("Keep it to at most %(count)s characters.") % {"count": max_length})
    elif required and not text:
        errors.setdefault(field, []).append(_("This field is required."))
    return text


def _clean_text(value, *, field: str, errors: dict, max_length: int = TEXT_MAX) -> str:
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n").strip() if isinstance(value, str) else ""
    if text != multi_line(text):
        errors.setdefault(field, []).append(_("Remove the control characters from this text."))
    elif len(text) > max_length:
        errors.setdefault(field, []).append(_("Keep it to at most %(count)s characters.") % {"count": max_length})
    return text


def _apply_translated(obj, values: dict, *, lines: tuple[str, ...], texts: tuple[str, ...], errors: dict) -> None:
    """Set the translated fields given (``title_fr`` ...), cleaned; an empty one is stored as empty (None)."""
    for name, value in values.items():
        field = name.rsplit("_", 1)[0]
        if field in lines:
            cleaned = _clean_line(value, field=name, errors=errors, max_length=TITLE_MAX)
        elif field in texts:
            cleaned = _clean_text(value, field=name, errors=errors)
        else:
            raise TypeError(f"not a translated field: {name}")
        setattr(obj, name, cleaned or None)


def _split(fields: dict, translated: list[str]) -> tuple[dict, dict]:
    own = {name: value for name, value in fields.items() if name in translated}
    rest = {name: value for name, value in fields.items() if name not in translated}
    return own, rest


def _has_text(obj, field: str) -> bool:
    return any((getattr(obj, f"{field}_{code}") or "").strip() for code in LANGUAGES)


def _check_moment(value, field: str, errors: dict) -> None:
    if not isinstance(value, datetime):
        errors.setdefault(field, []).append(_("Give a date and time."))
    elif timezone.is_naive(value):
        errors.setdefault(field, []).append(_("Give the time with its time zone."))
    elif not FIRST_YEAR <= value.year <= LAST_YEAR:
        errors.setdefault(field, []).append(
            _("Give a date between %(first)s and %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )


def _check_url(value: str, field: str, errors: dict) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    try:
        URLValidator(schemes=["https", "http"])(value)
    except ValidationError:
        errors.setdefault(field, []).append(_("Give a web address starting with https://."))
    if len(value) > 500:
        errors.setdefault(field, []).append(_("Keep it to at most %(count)s characters.") % {"count": 500})
    return value


def _local_date(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def _when(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


# --- bodies and topics (reference data: the admin keeps them; the demo loads them) ---------------------------------


@transaction.atomic
def body_upsert(
    *,
    actor,
    code: str,
    names: dict[str, str],
    descriptions: dict[str, str] | None = None,
    decisions_public: bool = False,
    organisations=(),
) -> Body:
    """Create or bring up to date a body and its member organisations; an unchanged body writes no history."""
    values = {
        "decisions_public": decisions_public,
        **{f"name_{code_}": text for code_, text in names.items()},
        **{f"description_{code_}": text for code_, text in (descriptions or {}).items()},
    }
    body = Body.objects.filter(code=code).first() or Body(code=code)
    changed = body.pk is None or any(getattr(body, field) != value for field, value in values.items())
    if changed:
        for field, value in values.items():
            setattr(body, field, value)
        _save(body, actor)
    present = set(body.memberships.values_list("organisation_id", flat=True))
    for organisation in organisations:
        if organisation.pk not in present:
            _save(Membership(body=body, organisation=organisation), actor)
    return body


@transaction.atomic
def topic_upsert(*, actor, code: str, names: dict[str, str]) -> Topic:
    values = {f"name_{code_}": text for code_, text in names.items()}
    topic = Topic.objects.filter(code=code).first() or Topic(code=code)
    if topic.pk is None or any(getattr(topic, field) != value for field, value in values.items()):
        for field, value in values.items():
            setattr(topic, field, value)
        _save(topic, actor)
    return topic


# --- meetings ------------------------------------------------------------------------------------------------------


def _apply_meeting(meeting: Meeting, fields: dict) -> None:
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    errors: dict[str, list[str]] = {}
    for name, value in fields.items():
        if name in ("place", "chair_name"):
            value = _clean_line(value, field=name, errors=errors)
        elif name == "online_link":
            value = _check_url(value, name, errors)
        setattr(meeting, name, value)
    if meeting.body_id is None:
        errors.setdefault("body", []).append(_("Choose the consultation body."))
    for name in ("starts_at", "ends_at"):
        _check_moment(getattr(meeting, name), name, errors)
    if "starts_at" not in errors and "ends_at" not in errors and meeting.ends_at <= meeting.starts_at:
        errors["ends_at"] = [_("The meeting must end after it starts.")]
    if meeting.format not in MeetingFormat.values:
        errors.setdefault("format", []).append(_("Choose in person, digital or hybrid."))
    if meeting.format in (MeetingFormat.IN_PERSON, MeetingFormat.HYBRID) and not meeting.place:
        errors.setdefault("place", []).append(_("Give the place of a meeting in person."))
    if meeting.format in (MeetingFormat.ONLINE, MeetingFormat.HYBRID) and not meeting.online_link:
        errors.setdefault("online_link", []).append(_("Give the link to join a digital meeting."))
    if meeting.language not in LANGUAGES:
        errors.setdefault("language", []).append(_("Choose Dutch, French, German or English."))
    if errors:
        raise ApplicationError(_("The meeting was not saved: please correct the marked fields."), errors)


def _invite_members(meeting: Meeting, actor) -> None:
    """The attendance list of a new meeting: the police chiefs of the body's member organisations (an organisation
    without one in the portal is listed by its name, for the secretariat to name the person)."""
    organisations = list(
        Organisation.objects.filter(consultation_memberships__body_id=meeting.body_id).select_related("country")
    )
    chiefs = list(
        User.objects.filter(organisation__in=organisations, is_active=True, groups__name=Role.POLICE_CHIEF).order_by(
            "last_name", "first_name", "pk"
        )
    )
    for organisation in organisations:
        people = [user for user in chiefs if user.organisation_id == organisation.pk]
        for person in people or [None]:
            row = Attendance(
                meeting=meeting,
                kind=AttendanceKind.MEMBER,
                organisation=organisation,
                user=person,
                name=(person.get_full_name() or person.username) if person else organisation.name,
                function=person.job_title if person else "",
            )
            _save(row, actor)


@transaction.atomic
def meeting_create(*, actor, **fields) -> Meeting:
    """Plan a meeting: its minutes (a draft), the invitation of the members, and the standing item of the body's
    open action points."""
    require_editor(actor)
    meeting = Meeting(created_by=actor, language=fields.get("language") or settings.LANGUAGE_CODE)
    _apply_meeting(meeting, fields)
    _save(meeting, actor)
    _save(Minutes(meeting=meeting, updated_by=actor), actor)
    _invite_members(meeting, actor)
    _carry_action_points(meeting, actor)
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, actor, **fields) -> Meeting:
    require_editor(actor)
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related("body").get(pk=meeting.pk)
    if "body" in fields and fields["body"] is not None and fields["body"].pk != meeting.body_id:
        _refuse(
            _("A meeting stays with its body: plan a new meeting for the other body."),
            {"body": [_("A meeting cannot move to another body.")]},
        )
    fields.pop("body", None)
    _apply_meeting(meeting, fields)
    _save(meeting, actor)
    return meeting


@transaction.atomic
def meeting_delete(*, meeting: Meeting, actor) -> None:
    """Remove a meeting planned by mistake: never one with published minutes or decisions."""
    require_editor(actor)
    minutes = _lock_minutes(meeting)
    if minutes.versions.exists() or meeting.decisions.exists():
        _refuse(_("This meeting has decisions or published minutes: it stays on record."))
    meeting = Meeting.objects.select_for_update(of=("self",)).get(pk=meeting.pk)
    for item in meeting.agenda_items.all():
        _audit(item, actor).delete()
    for point in meeting.action_points.all():
        _audit(point, actor).delete()
    # Substitutes before the members they represent (whom they would follow in a cascade, unaudited).
    for row in sorted(meeting.attendances.all(), key=lambda row: row.represents_id is None):
        _audit(row, actor).delete()
    _audit(meeting, actor).delete()


# --- agenda --------------------------------------------------------------------------------------------------------


def _next_position(meeting) -> int:
    return (AgendaItem.objects.filter(meeting=meeting).aggregate(last=Max("position"))["last"] or 0) + 1


def _renumber(meeting, ordered_ids: list[int], actor) -> None:
    """Give the items of the meeting the positions 1, 2, ... in the order of ``ordered_ids`` (the unique position
    is checked at commit, so items may swap)."""
    items = {item.pk: item for item in AgendaItem.objects.filter(meeting=meeting)}
    for position, pk in enumerate(ordered_ids, start=1):
        item = items[pk]
        if item.position != position:
            item.position = position
            _save(item, actor, update_fields=["position", "updated_at"])


def _item_values(item: AgendaItem, fields: dict) -> None:
    own, rest = _split(fields, ITEM_TRANSLATED)
    unknown = set(rest) - {"presenter"}
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    errors: dict[str, list[str]] = {}
    _apply_translated(item, own, lines=("title",), texts=("description",), errors=errors)
    if "presenter" in rest:
        item.presenter = _clean_line(rest["presenter"], field="presenter", errors=errors)
    if not _has_text(item, "title"):
        errors.setdefault("title", []).append(_("Give the title in at least one language."))
    if errors:
        raise ApplicationError(_("The agenda item was not saved: please correct the marked fields."), errors)


@transaction.atomic
def agenda_item_create(*, meeting: Meeting, actor, **fields) -> AgendaItem:
    """Add an item at the end of the agenda."""
    require_editor(actor)
    _require_content_editable(meeting)
    item = AgendaItem(meeting=meeting, position=_next_position(meeting))
    _item_values(item, fields)
    _save(item, actor)
    return item


@transaction.atomic
def agenda_item_update(*, item: AgendaItem, actor, meeting: Meeting | None = None, **fields) -> AgendaItem:
    """Change an item's texts and presenter; an item never moves into another meeting."""
    require_editor(actor)
    if meeting is not None and meeting.pk != item.meeting_id:
        _refuse(
            _("An agenda item cannot be moved into another meeting: add a new item to that meeting's agenda."),
            {"meeting": [_("An agenda item stays in its meeting.")]},
        )
    _require_content_editable(item.meeting)
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    _item_values(item, fields)
    _save(item, actor)
    return item


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem, actor) -> None:
    require_editor(actor)
    meeting = item.meeting
    _require_content_editable(meeting)
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    for document in item.documents.all():
        _audit(document, actor).delete()
    _audit(item, actor).delete()
    remaining = list(AgendaItem.objects.filter(meeting=meeting).order_by("position").values_list("pk", flat=True))
    _renumber(meeting, remaining, actor)


@transaction.atomic
def agenda_reorder(*, meeting: Meeting, actor, item_ids: list) -> list[int]:
    """Put the meeting's items in the order of ``item_ids`` (each of its items once, no other)."""
    require_editor(actor)
    _require_content_editable(meeting)
    current = list(
        AgendaItem.objects.select_for_update().filter(meeting=meeting).order_by("position").values_list("pk", flat=True)
    )
    try:
        wanted = [int(pk) for pk in item_ids]
    except (TypeError, ValueError):
        wanted = None
    if wanted is None or len(wanted) != len(set(wanted)):
        _refuse(_("Give each item of the agenda once."), {"items": [_("Give each item of the agenda once.")]})
    foreign = [pk for pk in wanted if pk not in current]
    if foreign:
        _refuse(
            _("An agenda item cannot be moved into another meeting: only this meeting's items can be reordered."),
            {"items": [_("Not an item of this meeting: %(ids)s.") % {"ids": ", ".join(map(str, foreign))}]},
        )
    if sorted(wanted) != sorted(current):
        _refuse(_("Give each item of the agenda once."), {"items": [_("Give each item of the agenda once.")]})
    _renumber(meeting, wanted, actor)
    return wanted


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, actor, direction: str) -> list[int]:
    """Move an item one place up or down; the new order of the meeting's items."""
    if direction not in ("up", "down"):
        _refuse(_("Move an item up or down."))
    order = list(
        AgendaItem.objects.filter(meeting_id=item.meeting_id).order_by("position").values_list("pk", flat=True)
    )
    index = order.index(item.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(order):
        order[index], order[other] = order[other], order[index]
    return agenda_reorder(meeting=item.meeting, actor=actor, item_ids=order)


@transaction.atomic
def agenda_document_add(*, item: AgendaItem, actor, title: str, url: str) -> AgendaDocument:
    require_editor(actor)
    _require_content_editable(item.meeting)
    errors: dict[str, list[str]] = {}
    title = _clean_line(title, field="title", errors=errors, required=True)
    url = _check_url(url, "url", errors)
    if not url and "url" not in errors:
        errors["url"] = [_("Give the document's address.")]
    if errors:
        raise ApplicationError(_("The document was not added: please correct the marked fields."), errors)
    document = AgendaDocument(item=item, title=title, url=url)
    _save(document, actor)
    return document


@transaction.atomic
def agenda_document_remove(*, document: AgendaDocument, actor) -> None:
    require_editor(actor)
    _require_content_editable(document.item.meeting)
    _audit(document, actor).delete()


def _carry_action_points(meeting: Meeting, actor) -> AgendaItem | None:
    """The standing item of the body's open action points of earlier meetings, made or brought up to date."""
    points = list(selectors.action_points_to_carry(meeting=meeting))
    item = selectors.standing_item_of(meeting=meeting)
    if item is None:
        if not points:
            return None
        item = AgendaItem(meeting=meeting, position=_next_position(meeting), kind=ItemKind.ACTION_POINTS)
        for code in LANGUAGES:
            with translation.override(code):
                setattr(item, f"title_{code}", _(STANDING_ITEM_TITLE))
        _save(item, actor)
    current = set(item.carried_action_points.values_list("pk", flat=True))
    if current != {point.pk for point in points}:
        item.carried_action_points.set(points)  # m2m_changed moves the cached version on
    return item


@transaction.atomic
def agenda_carry_action_points(*, meeting: Meeting, actor) -> AgendaItem | None:
    """Bring the standing item of open action points up to date (also done when the agenda is published)."""
    require_editor(actor)
    _require_content_editable(meeting)
    return _carry_action_points(meeting, actor)


def agenda_snapshot_of(items) -> list[dict]:
    """The agenda as the members were told of it (items with documents and carried action points prefetched:
    ``selectors.agenda_items_of``)."""
    return [
        {
            "id": item.pk,
            "position": item.position,
            "title": {code: getattr(item, f"title_{code}") or "" for code in LANGUAGES},
            "description": {code: getattr(item, f"description_{code}") or "" for code in LANGUAGES},
            "presenter": item.presenter,
            "documents": [[document.title, document.url] for document in item.documents.all()],
            "action_points": sorted(point.pk for point in item.carried_action_points.all()),
        }
        for item in items
    ]


def agenda_changes(before: list[dict], after: list[dict]) -> dict:
    """What changed between two published agendas: numbers of items added, removed, changed and moved, and the
    (new) numbers of the items concerned."""
    old = {row["id"]: row for row in before}
    new = {row["id"]: row for row in after}
    added = [row["position"] for row in after if row["id"] not in old]
    removed = [row for row in before if row["id"] not in new]
    compared = ("title", "description", "presenter", "documents", "action_points")
    changed = [
        row["position"]
        for row in after
        if row["id"] in old and any(row.get(key) != old[row["id"]].get(key) for key in compared)
    ]
    kept_before = [row["id"] for row in before if row["id"] in new]
    kept_after = [row["id"] for row in after if row["id"] in old]
    moved = [new[pk]["position"] for index, pk in enumerate(kept_after) if kept_before[index] != pk]
    return {
        "added": len(added),
        "removed": len(removed),
        "changed": len(changed),
        "moved": len(moved),
        "items": sorted(set(added) | set(changed) | set(moved)),
    }


def _member_recipients(meeting) -> list[dict]:
    """The police chiefs of the body's member organisations."""
    organisation_ids = meeting.body.memberships.values_list("organisation_id", flat=True)
    return [recipients.organisation(pk, roles=[Role.POLICE_CHIEF]) for pk in organisation_ids]


@transaction.atomic
def agenda_publish(*, meeting: Meeting, actor) -> dict | None:
    """Publish the agenda to the body's members (notified in their own language, with a link to the meeting);
    published again, the notification says what changed. The changes (None at the first publication)."""
    require_editor(actor)
    _require_content_editable(meeting)
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related("body").get(pk=meeting.pk)
    _carry_action_points(meeting, actor)
    snapshot = agenda_snapshot_of(selectors.agenda_items_of(meeting=meeting))
    if not snapshot:
        _refuse(_("An empty agenda cannot be published: add its items first."))
    # The body by its name and the date in each reader's language (apps/notifications/params.py).
    params = {
        "body": notification_params.names(meeting.body),
        "date": notification_params.day(_local_date(meeting.starts_at)),
    }
    changes = None
    if meeting.agenda_published_at is None:
        kind = "consultation.agenda_published"
        message = gettext_noop("The agenda of the %(body)s meeting of %(date)s is published.")
    else:
        changes = agenda_changes(meeting.agenda_published, snapshot)
        if not (changes["added"] or changes["removed"] or changes["changed"] or changes["moved"]):
            _refuse(_("The agenda has not changed since it was published: there is nothing to announce."))
        kind = "consultation.agenda_changed"
        message = gettext_noop(
            "The agenda of the %(body)s meeting of %(date)s has changed: %(added)s added, %(removed)s removed, "
            "%(changed)s changed, %(moved)s moved (items concerned: %(items)s)."
        )
        params.update(
            {
                "added": changes["added"],
                "removed": changes["removed"],
                "changed": changes["changed"],
                "moved": changes["moved"],
                "items": ", ".join(map(str, changes["items"])) or "–",
            }
        )
    meeting.agenda_published = snapshot
    meeting.agenda_published_at = timezone.now()
    meeting.agenda_revision += 1
    _save(meeting, actor)
    notify(
        kind=kind,
        target=meeting,
        recipients=_member_recipients(meeting),
        message=message,
        params=params,
        url=meeting.get_absolute_url(),
        actor=actor,
    )
    return changes


# --- attendance ----------------------------------------------------------------------------------------------------


def _person_values(fields: dict, errors: dict) -> dict:
    values = {
        "name": _clean_line(fields.get("name"), field="name", errors=errors),
        "function": _clean_line(fields.get("function"), field="function", errors=errors),
        "organisation": fields.get("organisation"),
        "user": fields.get("user"),
    }
    if values["user"] is not None and not values["name"]:
        values["name"] = values["user"].get_full_name() or values["user"].username
    if values["organisation"] is None and values["user"] is not None and values["user"].organisation_id:
        values["organisation"] = values["user"].organisation
    if not values["name"] and "name" not in errors:
        errors["name"] = [_("Give the person's name.")]
    return values


@transaction.atomic
def attendance_set(*, meeting: Meeting, actor, statuses: dict) -> None:
    """Record who was present, excused or absent (``{attendance id: status}``); a member represented by a
    substitute cannot be present."""
    require_editor(actor)
    _require_content_editable(meeting)
    rows = {row.pk: row for row in Attendance.objects.select_for_update().filter(meeting=meeting)}
    represented = {row.represents_id for row in rows.values() if row.represents_id}
    errors: dict[str, list[str]] = {}
    for key, status in statuses.items():
        try:
            pk = int(key)
        except (TypeError, ValueError):
            pk = None
        row = rows.get(pk)
        if row is None:
            errors.setdefault("attendance", []).append(_("Not someone on this meeting's list: %(id)s.") % {"id": key})
            continue
        if status not in AttendanceStatus.values:
            errors.setdefault(f"status-{pk}", []).append(_("Choose present, excused or absent."))
        elif status == AttendanceStatus.PRESENT and pk in represented:
            errors.setdefault(f"status-{pk}", []).append(
                _("%(name)s is represented by a substitute: remove the substitute before marking them present.")
                % {"name": row.name}
            )
    if errors:
        raise ApplicationError(_("The attendance was not saved: please correct the marked rows."), errors)
    for pk, status in statuses.items():
        row = rows[int(pk)]
        if row.status != status:
            row.status = status
            _save(row, actor, update_fields=["status"])


@transaction.atomic
def attendance_add(*, meeting: Meeting, actor, kind: str, status: str = "", **fields) -> Attendance:
    """Add a member or a guest (e.g. the Deputy Secretary-General of the Benelux) to the meeting's list."""
    require_editor(actor)
    _require_content_editable(meeting)
    if kind not in (AttendanceKind.MEMBER, AttendanceKind.GUEST):
        _refuse(_("Add a substitute with the person they represent."))
    errors: dict[str, list[str]] = {}
    values = _person_values(fields, errors)
    status = status or (AttendanceStatus.PRESENT if kind == AttendanceKind.GUEST else AttendanceStatus.INVITED)
    if status not in AttendanceStatus.values:
        errors.setdefault("status", []).append(_("Choose present, excused or absent."))
    if errors:
        raise ApplicationError(_("The person was not added: please correct the marked fields."), errors)
    row = Attendance(meeting=meeting, kind=kind, status=status, **values)
    _save(row, actor)
    return row


@transaction.atomic
def attendance_add_substitute(*, meeting: Meeting, actor, represents: Attendance, **fields) -> Attendance:
    """A substitute who represents an absent member (present in their place); the member is marked absent if
    nothing was recorded for them yet."""
    require_editor(actor)
    _require_content_editable(meeting)
    errors: dict[str, list[str]] = {}
    member = Attendance.objects.select_for_update().filter(pk=getattr(represents, "pk", None)).first()
    if member is None or member.meeting_id != meeting.pk or member.kind != AttendanceKind.MEMBER:
        errors["represents"] = [_("Choose a member of this meeting.")]
    elif member.status == AttendanceStatus.PRESENT:
        errors["represents"] = [
            _("%(name)s is present: a substitute represents only an absent or excused member.") % {"name": member.name}
        ]
    elif Attendance.objects.filter(represents=member).exists():
        errors["represents"] = [_("%(name)s is already represented by a substitute.") % {"name": member.name}]
    values = _person_values(fields, errors)
    if errors:
        raise ApplicationError(_("The substitute was not added: please correct the marked fields."), errors)
    if values["organisation"] is None:
        values["organisation"] = member.organisation
    if member.status == AttendanceStatus.INVITED:
        member.status = AttendanceStatus.ABSENT
        _save(member, actor, update_fields=["status"])
    row = Attendance(
        meeting=meeting, kind=AttendanceKind.SUBSTITUTE, status=AttendanceStatus.PRESENT, represents=member, **values
    )
    try:
        with transaction.atomic():
            _save(row, actor)
    except IntegrityError as error:  # a colleague added a substitute for the same member at the same moment
        raise ApplicationError(
            _("%(name)s is already represented by a substitute.") % {"name": member.name},
            {"represents": [_("%(name)s is already represented by a substitute.") % {"name": member.name}]},
        ) from error
    return row


@transaction.atomic
def attendance_remove(*, attendance: Attendance, actor) -> None:
    require_editor(actor)
    _require_content_editable(attendance.meeting)
    for substitute in Attendance.objects.filter(represents=attendance):
        _audit(substitute, actor).delete()
    _audit(attendance, actor).delete()


# --- minutes -------------------------------------------------------------------------------------------------------


def _conflict(minutes: Minutes) -> ApplicationError:
    who = str(minutes.updated_by) if minutes.updated_by_id else _("someone")
    message = _(
        "%(name)s saved these minutes at %(time)s, after you opened them. Your changes were not saved, so that "
        "neither of you loses work: they are still in the form below. Copy them, reload the page to see the "
        "current minutes, and add your changes again."
    ) % {"name": who, "time": _when(minutes.updated_at)}
    return ApplicationError(message, {"lock_version": [message]})


def _check_lock(minutes: Minutes, lock_version) -> None:
    try:
        given = int(lock_version)
    except (TypeError, ValueError):
        given = None
    if given != minutes.lock_version:
        raise _conflict(minutes)


@transaction.atomic
def minutes_save(*, meeting: Meeting, actor, lock_version, summary: str | None = None, notes: dict | None = None):
    """Save the minutes' notes (``{agenda item id: text}``) and general notes, if nobody saved them since the
    ``lock_version`` the editor started from."""
    require_editor(actor)
    minutes = _lock_minutes(meeting)
    _check_lock(minutes, lock_version)
    refusal = content_refusal(minutes)
    if refusal is not None:
        raise refusal
    items = {item.pk: item for item in AgendaItem.objects.select_for_update().filter(meeting=meeting)}
    errors: dict[str, list[str]] = {}
    cleaned = {}
    for key, text in (notes or {}).items():
        try:
            pk = int(key)
        except (TypeError, ValueError):
            pk = None
        if pk not in items:
            errors.setdefault("notes", []).append(_("Not an item of this meeting's agenda: %(id)s.") % {"id": key})
            continue
        cleaned[pk] = _clean_text(text, field=f"notes-{pk}", errors=errors)
    if summary is not None:
        summary = _clean_text(summary, field="summary", errors=errors)
    if errors:
        raise ApplicationError(_("The minutes were not saved: please correct the marked fields."), errors)
    for pk, text in cleaned.items():
        item = items[pk]
        if item.notes != text:
            item.notes = text
            _save(item, actor, update_fields=["notes", "updated_at"])
    if summary is not None:
        minutes.summary = summary
    minutes.lock_version += 1
    minutes.updated_by = actor
    _save(minutes, actor)
    return minutes


def _transition(action: str, *, meeting: Meeting, actor, lock_version=None) -> Minutes:
    minutes = _lock_minutes(meeting)
    refusal = action_refusal(actor, minutes, action)
    if refusal is not None:
        raise refusal
    if lock_version is not None:
        _check_lock(minutes, lock_version)
    minutes.status = next_status(action, minutes.status)
    minutes.lock_version += 1
    minutes.updated_by = actor
    return minutes


@transaction.atomic
def minutes_approve(*, meeting: Meeting, actor, lock_version=None) -> Minutes:
    """The text is settled (by the body or its chair): nothing changes until it is published or reopened."""
    minutes = _transition("approve", meeting=meeting, actor=actor, lock_version=lock_version)
    minutes.approved_at = timezone.now()
    _save(minutes, actor)
    return minutes


@transaction.atomic
def minutes_reopen(*, meeting: Meeting, actor, lock_version=None) -> Minutes:
    minutes = _transition("reopen", meeting=meeting, actor=actor, lock_version=lock_version)
    minutes.approved_at = None
    _save(minutes, actor)
    return minutes


@transaction.atomic
def minutes_publish(*, meeting: Meeting, actor, lock_version=None, correction_note: str = "") -> MinutesVersion:
    """Publish approved minutes: a dated, locked version for the members (and, with them, the meeting's decisions
    and action points)."""
    minutes = _transition("publish", meeting=meeting, actor=actor, lock_version=lock_version)
    errors: dict[str, list[str]] = {}
    note = _clean_text(correction_note, field="correction_note", errors=errors, max_length=2000)
    if errors:
        raise ApplicationError(_("The minutes were not published: please correct the marked fields."), errors)
    now = timezone.now()
    meeting = Meeting.objects.select_related("body", "chair_country").get(pk=meeting.pk)
    minutes.published_at = now
    _save(minutes, actor)
    version = MinutesVersion(
        minutes=minutes,
        number=minutes.revision,
        published_at=now,
        published_by=actor,
        correction_note=note if minutes.revision > 1 else "",
        content=minutes_content(meeting=meeting, minutes=minutes),
    )
    _save(version, actor)
    for model in (Decision, ActionPoint):
        for row in model.objects.select_for_update().filter(meeting=meeting, published_at__isnull=True):
            row.published_at = now
            _save(row, actor, update_fields=["published_at", "updated_at"])
    return version


@transaction.atomic
def minutes_correct(*, meeting: Meeting, actor, lock_version=None) -> Minutes:
    """Reopen published minutes as their next version; what was published stays as it was until the correction is
    published in turn."""
    minutes = _transition("correct", meeting=meeting, actor=actor, lock_version=lock_version)
    minutes.revision += 1
    minutes.approved_at = None
    _save(minutes, actor)
    return minutes


MINUTES_ACTIONS = {
    "approve": minutes_approve,
    "reopen": minutes_reopen,
    "publish": minutes_publish,
    "correct": minutes_correct,
}


# --- decisions -----------------------------------------------------------------------------------------------------


def _next_number(body_id: int, year: int) -> int:
    last = Decision.objects.filter(body_id=body_id, year=year).aggregate(last=Max("number"))["last"]
    return (last or 0) + 1


def _number_taken(body: Body, year: int, number: int) -> ApplicationError:
    message = _(
        "Decision number %(reference)s is already taken: choose another number (the next free one is %(next)s)."
    ) % {
        "reference": reference(body.code, year, number),
        "next": _next_number(body.pk, year),
    }
    return ApplicationError(message, {"number": [message]})


def _check_item(agenda_item, meeting, errors: dict) -> None:
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        errors.setdefault("agenda_item", []).append(_("Choose an item of this meeting's agenda."))


def _check_number(number, errors: dict):
    if number in (None, ""):
        return None
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= 9999:
        errors.setdefault("number", []).append(_("Give a number from 1 to 9999."))
        return None
    return number


@transaction.atomic
def decision_create(
    *,
    meeting: Meeting,
    actor,
    language: str,
    number: int | None = None,
    topic: Topic | None = None,
    agenda_item: AgendaItem | None = None,
    **translated,
) -> Decision:
    """Record a decision adopted at the meeting; numbered in its body's year (the next free number unless one is
    given, which must be free)."""
    require_editor(actor)
    _require_content_editable(meeting)
    own, rest = _split(translated, DECISION_TRANSLATED)
    if rest:
        raise TypeError(f"not editable: {sorted(rest)}")
    # One decision numbered at a time per body: the body's row is the lock.
    body = Body.objects.select_for_update().get(pk=meeting.body_id)
    decision = Decision(body=body, meeting=meeting, year=_local_date(meeting.starts_at).year, topic=topic)
    errors: dict[str, list[str]] = {}
    _apply_translated(decision, own, lines=("title",), texts=("text",), errors=errors)
    if language not in LANGUAGES:
        errors.setdefault("language", []).append(_("Choose Dutch, French, German or English."))
    elif not (getattr(decision, f"title_{language}") and getattr(decision, f"text_{language}")):
        errors.setdefault(f"text_{language}", []).append(
            _("Give the title and the text in the language the decision was adopted in.")
        )
    decision.language = language
    _check_item(agenda_item, meeting, errors)
    decision.agenda_item = agenda_item
    number = _check_number(number, errors)
    if errors:
        raise ApplicationError(_("The decision was not saved: please correct the marked fields."), errors)
    if number is None:
        number = _next_number(body.pk, decision.year)
    elif Decision.objects.filter(body=body, year=decision.year, number=number).exists():
        raise _number_taken(body, decision.year, number)
    decision.number = number
    try:
        with transaction.atomic():
            _save(decision, actor)
    except IntegrityError as error:
        raise _number_taken(body, decision.year, number) from error
    return decision


@transaction.atomic
def decision_update(*, decision: Decision, actor, **fields) -> Decision:
    """Change a decision. Once published, the text adopted (in its language) and its number are fixed: only the
    translations and the topic change."""
    require_editor(actor)
    decision = Decision.objects.select_for_update(of=("self",)).select_related("body", "meeting").get(pk=decision.pk)
    own, rest = _split(fields, DECISION_TRANSLATED)
    unknown = set(rest) - {"language", "number", "topic", "agenda_item"}
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    errors: dict[str, list[str]] = {}
    if decision.published_at is not None:
        fixed = {f"title_{decision.language}", f"text_{decision.language}"}
        trying = [
            name for name in fixed & set(own) if (own[name] or "").strip() != (getattr(decision, name) or "").strip()
        ]
        for name, value in rest.items():
            if name == "topic":
                continue
            current = getattr(decision, f"{name}_id" if name == "agenda_item" else name)
            given = getattr(value, "pk", value)
            if given != current:
                trying.append(name)
        if trying:
            message = _(
                "Decision %(reference)s is published: the text adopted and its number are fixed. Add or correct its "
                "translations, or record a new decision."
            ) % {"reference": decision.reference}
            raise ApplicationError(message, {name: [message] for name in trying})
    else:
        _require_content_editable(decision.meeting)
    _apply_translated(decision, own, lines=("title",), texts=("text",), errors=errors)
    if "language" in rest:
        decision.language = rest["language"]
    if decision.language not in LANGUAGES:
        errors.setdefault("language", []).append(_("Choose Dutch, French, German or English."))
    elif not (getattr(decision, f"title_{decision.language}") and getattr(decision, f"text_{decision.language}")):
        errors.setdefault(f"text_{decision.language}", []).append(
            _("Give the title and the text in the language the decision was adopted in.")
        )
    if "topic" in rest:
        decision.topic = rest["topic"]
    if "agenda_item" in rest:
        _check_item(rest["agenda_item"], decision.meeting, errors)
        decision.agenda_item = rest["agenda_item"]
    number = _check_number(rest.get("number"), errors) if "number" in rest else None
    if errors:
        raise ApplicationError(_("The decision was not saved: please correct the marked fields."), errors)
    if number is not None and number != decision.number:
        if Decision.objects.filter(body=decision.body, year=decision.year, number=number).exists():
            raise _number_taken(decision.body, decision.year, number)
        decision.number = number
    try:
        with transaction.atomic():
            _save(decision, actor)
    except IntegrityError as error:
        raise _number_taken(decision.body, decision.year, decision.number) from error
    return decision


@transaction.atomic
def decision_delete(*, decision: Decision, actor) -> None:
    require_editor(actor)
    if decision.published_at is not None:
        _refuse(_("A published decision stays in the register: record a new decision that changes it."))
    _require_content_editable(decision.meeting)
    _audit(decision, actor).delete()


# --- action points -------------------------------------------------------------------------------------------------

ACTION_FIELDS = {"owner_organisation", "owner_name", "due_date", "status", "status_note", "agenda_item"}


def _action_values(point: ActionPoint, fields: dict, *, meeting: Meeting) -> None:
    own, rest = _split(fields, ACTION_TRANSLATED)
    unknown = set(rest) - ACTION_FIELDS
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    errors: dict[str, list[str]] = {}
    _apply_translated(point, own, lines=("title",), texts=("description",), errors=errors)
    for name, value in rest.items():
        if name in ("owner_name", "status_note"):
            value = _clean_line(value, field=name, errors=errors, max_length=300 if name == "status_note" else 200)
        setattr(point, name, value)
    if not _has_text(point, "title"):
        errors.setdefault("title", []).append(_("Give the title in at least one language."))
    if point.owner_organisation_id is None and not point.owner_name:
        errors.setdefault("owner_organisation", []).append(_("Name the owner: an organisation or a person."))
    if point.status not in ActionStatus.values:
        errors.setdefault("status", []).append(_("Choose open, in progress, done or cancelled."))
    if point.due_date is not None and not (
        isinstance(point.due_date, date) and FIRST_YEAR <= point.due_date.year <= LAST_YEAR
    ):
        errors.setdefault("due_date", []).append(
            _("Give a date between %(first)s and %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    if "agenda_item" in rest:
        _check_item(rest["agenda_item"], meeting, errors)
    if errors:
        raise ApplicationError(_("The action point was not saved: please correct the marked fields."), errors)


@transaction.atomic
def action_point_create(*, meeting: Meeting, actor, **fields) -> ActionPoint:
    """An action point agreed at the meeting: owner (organisation or person), due date, status."""
    require_editor(actor)
    _require_content_editable(meeting)
    point = ActionPoint(body_id=meeting.body_id, meeting=meeting)
    _action_values(point, fields, meeting=meeting)
    _save(point, actor)
    return point


@transaction.atomic
def action_point_update(*, action_point: ActionPoint, actor, meeting: Meeting | None = None, **fields) -> ActionPoint:
    """Follow an action point up (status, progress, due date, owner) or correct its texts; at any time."""
    require_editor(actor)
    point = ActionPoint.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=action_point.pk)
    if meeting is not None and meeting.pk != point.meeting_id:
        _refuse(
            _("An action point stays with the meeting that agreed it."),
            {"meeting": [_("An action point stays with the meeting that agreed it.")]},
        )
    _action_values(point, fields, meeting=point.meeting)
    _save(point, actor)
    return point


@transaction.atomic
def action_point_delete(*, action_point: ActionPoint, actor) -> None:
    require_editor(actor)
    if action_point.published_at is not None:
        _refuse(_("A published action point stays on record: mark it cancelled instead."))
    _require_content_editable(action_point.meeting)
    _audit(action_point, actor).delete()


def bump() -> None:
    """Move the cached answers on after a write that sends no signal."""
    CONSULTATION.bump()
