"""The consultation part in the permission grid (see apps/core/grid.py).

The rule (issue 17): the secretariat edits everything; the members of a body (the police chiefs of its member
organisations) read its meetings, its published agenda and its published minutes; everyone else sees only the
published decisions of the bodies whose decisions are public (the Strategic Consultation); drafts are invisible
outside the secretariat. The API writes for the secretariat only.

The samples of a country C belong to a body made for the grid whose only member is C's police service: C's chief is
its member, the other countries' chiefs are not. So each kind of object is asked by a member, by non-members and by
the secretariat (a joint body of no country: three of its people). A body with public decisions (as the Strategic
Consultation) gives the decision that every logged-in person reads.

- a planned meeting (agenda in preparation, minutes a draft, a draft decision and action point): the secretariat
  and C's chief see it; the others get a 404. Its agenda, attendance and minutes are the secretariat's to edit: C's
  chief, who sees the meeting, is refused (403); its draft decision and action point, and the draft minutes' PDF,
  exist for the secretariat only (404);
- a held meeting (agenda and minutes published): C's chief reads the minutes, their versions and PDFs; its
  decisions and action points are published: C's chief reads them, and is refused their changes (403);
- a published decision of a body whose decisions are public: everyone logged in reads it; only the secretariat
  changes it.

Administrators (of the secretariat's organisation, but without its role) are not members of any body: the rule gives
them nothing here, and the app gives them nothing (``permissions.can_edit`` is the secretariat's role).

Work programmes, objectives and activities (issue 18): everyone logged in reads them (the chiefs' dashboard, the
programmes, an objective, an activity with its history, the timeline, the progress reports and the API lists); the
secretariat keeps the programmes, objectives and activities (403 to every other role); the members of an activity's
lead post its progress updates, and so does the secretariat (403 to everyone else, the working-group members of the
other countries included). The samples of a country C: a programme of a body made for the grid, an objective of it,
and an activity of it led by C's working group (the organisation of C's working-group member), with one update.
"""

from datetime import UTC, date, datetime, timedelta

from apps.accounts.choices import Role
from apps.core.grid import HIDDEN, OK, REDIRECT_WITH_ERROR, REFUSED, Check, Route, Sample, everyone, only

STARTS = datetime(2031, 3, 12, 9, tzinfo=UTC)
SECRETARIAT = Role.SECRETARIAT


def _member(who, made) -> bool:
    return who.role == Role.POLICE_CHIEF and who.country == made.country


def _sees(who, made) -> bool:
    return who.role == SECRETARIAT or _member(who, made)


def reads(who, made) -> str:
    """The meeting (or what belongs to it) as its members read it."""
    return OK if _sees(who, made) else HIDDEN


def edits(who, made) -> str:
    """A change of something the person sees: the secretariat's alone."""
    if not _sees(who, made):
        return HIDDEN
    return OK if who.role == SECRETARIAT else REFUSED


def drafts(who, made) -> str:
    """A draft (decision, action point, the minutes before publication): the secretariat's alone; it does not exist
    for anyone else."""
    return OK if who.role == SECRETARIAT else HIDDEN


def public(who, made) -> str:
    """A published decision of a body whose decisions are public: everyone reads it."""
    return OK


def public_edit(who, made) -> str:
    return OK if who.role == SECRETARIAT else REFUSED


def stays(who, made) -> str:
    """What stays on record (a held meeting): refused to everyone who sees it, the secretariat included."""
    return REFUSED if _sees(who, made) else HIDDEN


# Refused with a 403 (who may not edit), or sent back with the reason (the secretariat, when the record forbids it).
REFUSED_ANYHOW = frozenset({403, REDIRECT_WITH_ERROR})


# The samples, through the services -----------------------------------------------------------------------------------


def _body(world, country, *, public_decisions=False):
    from .services import body_upsert

    code = f"GRID-{'PUB-' if public_decisions else ''}{country}"
    return body_upsert(
        actor=world.person(SECRETARIAT, country).user,
        code=code,
        names=dict.fromkeys(("nl", "fr", "de", "en"), f"Grid consultation {code}"),
        decisions_public=public_decisions,
        organisations=[world.person(Role.POLICE_CHIEF, country).user.organisation],
    )


def _meeting(world, country, *, public_decisions=False):
    """A planned meeting of the country's body with two agenda items (the second with a document), a guest, a draft
    decision and a draft action point."""
    from . import services

    actor = world.person(SECRETARIAT, country).user
    meeting = services.meeting_create(
        actor=actor,
        body=_body(world, country, public_decisions=public_decisions),
        starts_at=STARTS,
        ends_at=STARTS + timedelta(hours=3),
        format="in_person",
        place="Benelux Secretariat-General, Brussels",
        language="en",
    )
    for title in ("Cross-border radio communication", "ANPR data exchange"):
        item = services.agenda_item_create(meeting=meeting, actor=actor, title_en=title, description_en="")
    services.agenda_document_add(item=item, actor=actor, title="Note", url="https://docs.example/anpr.pdf")
    services.attendance_add(meeting=meeting, actor=actor, kind="guest", name="Deputy Secretary-General")
    services.decision_create(
        meeting=meeting, actor=actor, language="en", title_en="ANPR exchange", text_en="The chiefs agree."
    )
    services.action_point_create(
        meeting=meeting, actor=actor, title_en="Draft the ANPR protocol", owner_name="Working group ANPR"
    )
    return meeting


def _held(world, country, *, public_decisions=False):
    """A meeting whose agenda and minutes are published (with its decision and action point)."""
    from . import services

    actor = world.person(SECRETARIAT, country).user
    meeting = _meeting(world, country, public_decisions=public_decisions)
    services.agenda_publish(meeting=meeting, actor=actor)
    services.minutes_approve(meeting=meeting, actor=actor)
    services.minutes_publish(meeting=meeting, actor=actor)
    meeting.refresh_from_db()
    return meeting


def _planned(world, country):
    return _meeting(world, country)


def _bare(world, country):
    """A meeting just planned, with nothing recorded yet: the secretariat may still remove it."""
    from . import services

    return services.meeting_create(
        actor=world.person(SECRETARIAT, country).user,
        body=_body(world, country),
        starts_at=STARTS,
        ends_at=STARTS + timedelta(hours=3),
        format="online",
        online_link="https://meet.example/grid",
        language="en",
    )


def _item(world, country):
    return _meeting(world, country).agenda_items.order_by("position").last()


def _document(world, country):
    return _item(world, country).documents.get()


def _guest(world, country):
    return _meeting(world, country).attendances.get(kind="guest")


def _draft_decision(world, country):
    return _meeting(world, country).decisions.get()


def _draft_point(world, country):
    return _meeting(world, country).action_points.get()


def _decision(world, country):
    return _held(world, country).decisions.get()


def _point(world, country):
    return _held(world, country).action_points.get()


def _public_decision(world, country):
    return _held(world, country, public_decisions=True).decisions.get()


PLANNED = Sample("planned meeting", _planned)
BARE = Sample("meeting with nothing recorded", _bare)
HELD = Sample("meeting with published minutes", _held)
ITEM = Sample("agenda item", _item)
DOCUMENT = Sample("agenda document", _document)
GUEST = Sample("guest on the attendance list", _guest)
DRAFT_DECISION = Sample("draft decision", _draft_decision)
DRAFT_POINT = Sample("draft action point", _draft_point)
DECISION = Sample("published decision", _decision)
POINT = Sample("published action point", _point)
PUBLIC_DECISION = Sample("published decision of a public body", _public_decision)


def _item_kwargs(item):
    return {"pk": item.meeting_id, "item_pk": item.pk}


def _meeting_of(obj):
    return {"meeting_pk": obj.pk}


# The bodies that make a change succeed for the secretariat ----------------------------------------------------------


def _country(who) -> str:
    return who.country or "BE"


def _meeting_form(who, made=None) -> dict:
    from .models import Body

    return {
        "body": Body.objects.get(code=f"GRID-{_country(who)}").pk,
        "starts_at": "2031-09-18T10:00",
        "ends_at": "2031-09-18T13:00",
        "format": "online",
        "online_link": "https://meet.example/sop",
        "language": "en",
    }


def _meeting_json(who, made=None) -> dict:
    return {
        "body": f"GRID-{_country(who)}",
        "starts_at": "2031-09-18T10:00:00+02:00",
        "ends_at": "2031-09-18T13:00:00+02:00",
        "format": "online",
        "online_link": "https://meet.example/sop",
    }


def _item_form(who, made=None) -> dict:
    return {"title_en": "Joint training", "presenter": "Grand-Ducal Police"}


def _item_ids(who, made) -> dict:
    return {"items": list(made.obj.agenda_items.order_by("-position").values_list("pk", flat=True))}


def _minutes_form(who, made) -> dict:
    return {"lock_version": made.obj.minutes.lock_version, "summary": "The chiefs met."}


def _decision_form(who, made=None) -> dict:
    return {"language": "en", "title_en": "Joint training", "text_en": "The chiefs agree on a joint training."}


def _action_form(who, made=None) -> dict:
    return {"title_en": "Plan the joint training", "owner_name": "Working group training", "status": "open"}


def _planned_meeting_id(who) -> int:
    from .models import Meeting

    return Meeting.objects.filter(body__code=f"GRID-{_country(who)}", minutes__status="draft").order_by("pk").first().pk


def _decision_json(who, made=None) -> dict:
    return {"meeting": _planned_meeting_id(who), **_decision_form(who)}


def _action_json(who, made=None) -> dict:
    return {"meeting": _planned_meeting_id(who), **_action_form(who)}


def _form_step(expect, data=None):
    """A page's form that does its work (302) for those allowed, and is refused with a 403 to the others."""
    return Check("POST", expect, data, ok=302)


ROUTES = [
    # Pages: the lists show each person what they may read.
    Route("consultation:index", [Check("GET", everyone)]),
    Route("consultation:meetings", [Check("GET", everyone)]),
    Route("consultation:decisions", [Check("GET", everyone)]),
    Route("consultation:action_points", [Check("GET", everyone)]),
    Route(
        "consultation:meeting_create", [Check("GET", only(SECRETARIAT)), _form_step(only(SECRETARIAT), _meeting_form)]
    ),
    Route("consultation:meeting", [Check("GET", reads)], PLANNED),
    Route("consultation:meeting", [Check("GET", reads)], HELD, label="held"),
    Route("consultation:meeting_ics", [Check("GET", reads)], PLANNED),
    Route("consultation:meeting_edit", [Check("GET", edits), _form_step(edits, _meeting_form)], PLANNED),
    Route("consultation:meeting_delete", [_form_step(edits)], BARE),
    # A meeting with decisions or published minutes stays on record: the secretariat is sent back with the reason,
    # its member refused.
    Route("consultation:meeting_delete", [Check("POST", stays, refused=REFUSED_ANYHOW)], HELD, label="held"),
    Route("consultation:agenda", [Check("GET", edits), _form_step(edits, _item_form)], PLANNED),
    Route("consultation:agenda_publish", [_form_step(edits)], PLANNED),
    Route("consultation:agenda_carry", [_form_step(edits)], PLANNED),
    Route("consultation:agenda_order", [Check("POST", edits, _item_ids, json=True)], PLANNED),
    Route(
        "consultation:agenda_item",
        [Check("GET", edits), _form_step(edits, _item_form)],
        ITEM,
        kwargs=_item_kwargs,
    ),
    Route(
        "consultation:agenda_move",
        [_form_step(edits, lambda who, made: {"direction": "up"})],
        ITEM,
        kwargs=_item_kwargs,
    ),
    Route("consultation:agenda_item_delete", [_form_step(edits)], ITEM, kwargs=_item_kwargs),
    Route(
        "consultation:agenda_document_delete",
        [_form_step(edits)],
        DOCUMENT,
        kwargs=lambda document: {
            "pk": document.item.meeting_id,
            "item_pk": document.item_id,
            "document_pk": document.pk,
        },
    ),
    Route(
        "consultation:attendance",
        [
            Check("GET", edits),
            _form_step(edits, lambda who, made: {"action": "guest", "name": "Liaison officer", "kind": "guest"}),
        ],
        PLANNED,
    ),
    Route(
        "consultation:attendance_delete",
        [_form_step(edits)],
        GUEST,
        kwargs=lambda row: {"pk": row.meeting_id, "row_pk": row.pk},
    ),
    # The members read the minutes as published (a page saying they are not yet, before); the secretariat writes them.
    Route("consultation:minutes", [Check("GET", reads), _form_step(edits, _minutes_form)], PLANNED),
    Route("consultation:minutes", [Check("GET", reads)], HELD, label="held"),
    Route("consultation:minutes_pdf", [Check("GET", drafts)], PLANNED, label="draft"),
    Route("consultation:minutes_pdf", [Check("GET", reads)], HELD),
    Route(
        "consultation:minutes_version",
        [Check("GET", reads)],
        HELD,
        kwargs=lambda meeting: {"pk": meeting.pk, "number": 1},
    ),
    Route(
        "consultation:minutes_version_pdf",
        [Check("GET", reads)],
        HELD,
        kwargs=lambda meeting: {"pk": meeting.pk, "number": 1},
    ),
    Route(
        "consultation:minutes_step",
        [_form_step(edits, lambda who, made: {"lock_version": made.obj.minutes.lock_version})],
        PLANNED,
        kwargs=lambda meeting: {"pk": meeting.pk, "action": "approve"},
    ),
    Route(
        "consultation:decision_create",
        [Check("GET", edits), _form_step(edits, _decision_form)],
        PLANNED,
        kwargs=_meeting_of,
    ),
    Route(
        "consultation:action_point_create",
        [Check("GET", edits), _form_step(edits, _action_form)],
        PLANNED,
        kwargs=_meeting_of,
    ),
    Route("consultation:decision", [Check("GET", drafts)], DRAFT_DECISION, label="draft"),
    Route("consultation:decision", [Check("GET", reads)], DECISION),
    Route("consultation:decision", [Check("GET", public)], PUBLIC_DECISION, label="public"),
    Route(
        "consultation:decision_edit",
        [Check("GET", drafts), _form_step(drafts, _decision_form)],
        DRAFT_DECISION,
        label="draft",
    ),
    Route("consultation:decision_edit", [Check("GET", edits)], DECISION),
    Route("consultation:decision_edit", [Check("GET", public_edit)], PUBLIC_DECISION, label="public"),
    Route("consultation:decision_delete", [_form_step(drafts)], DRAFT_DECISION, label="draft"),
    # A published decision stays on record: the secretariat is sent back with the reason, the others refused.
    Route(
        "consultation:decision_delete",
        [Check("POST", lambda who, made: REFUSED, refused=REFUSED_ANYHOW)],
        PUBLIC_DECISION,
        label="public",
    ),
    Route(
        "consultation:action_point_edit",
        [Check("GET", drafts), _form_step(drafts, _action_form)],
        DRAFT_POINT,
        label="draft",
    ),
    Route("consultation:action_point_edit", [Check("GET", edits), _form_step(edits, _action_form)], POINT),
    Route("consultation:action_point_delete", [_form_step(drafts)], DRAFT_POINT, label="draft"),
    # API: reads as the pages, writes for the secretariat (403 for the others).
    Route(
        "consultation-api:meeting-list",
        [Check("GET", everyone), Check("POST", only(SECRETARIAT), _meeting_json, ok=201, json=True)],
    ),
    Route(
        "consultation-api:meeting-detail",
        [Check("GET", reads), Check("PATCH", edits, lambda who, made: {"chair_name": "The chair"}, json=True)],
        PLANNED,
    ),
    Route(
        "consultation-api:agenda-item-list",
        [Check("GET", reads), Check("POST", edits, _item_form, ok=201, json=True)],
        PLANNED,
    ),
    Route("consultation-api:agenda-order", [Check("POST", edits, _item_ids, json=True)], PLANNED),
    Route("consultation-api:agenda-publish", [Check("POST", edits, json=True)], PLANNED),
    Route(
        "consultation-api:agenda-item-detail",
        [
            Check("PATCH", edits, lambda who, made: {"presenter": "Dutch National Police"}, json=True),
            Check("DELETE", edits, ok=204),
        ],
        ITEM,
        kwargs=_item_kwargs,
    ),
    Route(
        "consultation-api:decision-list",
        [Check("GET", everyone), Check("POST", only(SECRETARIAT), _decision_json, ok=201, json=True)],
    ),
    Route(
        "consultation-api:decision-detail",
        [Check("GET", drafts), Check("PATCH", drafts, lambda who, made: {"title_fr": "Échange ANPR"}, json=True)],
        DRAFT_DECISION,
        label="draft",
    ),
    Route("consultation-api:decision-detail", [Check("GET", reads)], DECISION),
    Route(
        "consultation-api:decision-detail",
        [Check("GET", public), Check("PATCH", public_edit, lambda who, made: {"title_fr": "Échange"}, json=True)],
        PUBLIC_DECISION,
        label="public",
    ),
    Route(
        "consultation-api:action-point-list",
        [Check("GET", everyone), Check("POST", only(SECRETARIAT), _action_json, ok=201, json=True)],
    ),
    Route("consultation-api:action-point-detail", [Check("GET", drafts)], DRAFT_POINT, label="draft"),
    Route(
        "consultation-api:action-point-detail",
        [Check("GET", reads), Check("PATCH", edits, lambda who, made: {"status": "in_progress"}, json=True)],
        POINT,
    ),
]


# Work programmes, objectives and activities (issue 18) ----------------------------------------------------------------

WORKING_GROUP_MEMBER = Role.WORKING_GROUP_MEMBER
PROGRAMME_START = 2029
keeps = only(SECRETARIAT)


def posts_updates(who, made) -> str:
    """A progress update on an activity: the secretariat, and the members of its lead (C's working group)."""
    if who.role == SECRETARIAT or (who.role == WORKING_GROUP_MEMBER and who.country == made.country):
        return OK
    return REFUSED


def _objectives_body(world, country):
    from .services import body_upsert

    return body_upsert(
        actor=world.person(SECRETARIAT, country).user,
        code=f"GRID-OBJ-{country}",
        names=dict.fromkeys(("nl", "fr", "de", "en"), f"Grid steering body {country}"),
        organisations=[world.person(Role.POLICE_CHIEF, country).user.organisation],
    )


def _programme(world, country):
    """The country's body's 2029–2032 work programme (one per body: made once, then found)."""
    from . import services
    from .models import Programme

    body = _objectives_body(world, country)
    found = Programme.objects.filter(body=body, start_year=PROGRAMME_START).first()
    return found or services.programme_create(
        actor=world.person(SECRETARIAT, country).user,
        body=body,
        start_year=PROGRAMME_START,
        end_year=PROGRAMME_START + 3,
        title_en=f"Grid work programme {country}",
    )


def _objective(world, country):
    from . import services

    return services.objective_create(
        programme=_programme(world, country),
        actor=world.person(SECRETARIAT, country).user,
        title_en="Optimise cross-border police cooperation",
        title_fr="Optimiser la coopération policière transfrontalière",
        target_date=date(PROGRAMME_START + 3, 12, 31),
    )


def _activity(world, country):
    """An activity led by the country's working group, which reported it on track at 40 %."""
    from . import services

    lead = world.person(WORKING_GROUP_MEMBER, country).user
    activity = services.activity_create(
        objective=_objective(world, country),
        actor=world.person(SECRETARIAT, country).user,
        title_en="Cross-border radio communication",
        lead=lead.organisation,
        starts_on=date(PROGRAMME_START, 1, 1),
        due_on=date(PROGRAMME_START + 2, 6, 30),
    )
    services.progress_update_post(
        activity=activity, actor=lead, text="The test channel works.", status="on_track", progress=40
    )
    return activity


PROGRAMME = Sample("work programme", _programme)
OBJECTIVE = Sample("objective", _objective)
ACTIVITY = Sample("activity led by a working group", _activity)


def _programme_form(who, made=None) -> dict:
    from .models import Body

    return {
        "body": Body.objects.get(code=f"GRID-OBJ-{_country(who)}").pk,
        "start_year": PROGRAMME_START + 4,
        "end_year": PROGRAMME_START + 7,
        "title_en": "Grid work programme, the next one",
    }


def _programme_change(who, made) -> dict:
    return {"start_year": PROGRAMME_START, "end_year": PROGRAMME_START + 3, "title_en": "Grid work programme, renamed"}


def _objective_form(who, made=None) -> dict:
    return {"title_en": "Joint training", "target_date": f"{PROGRAMME_START + 3}-06-30", "status": "on_track"}


def _activity_form(who, made) -> dict:
    """A new activity of the objective (``made.obj``), led by a service of the sample's country; or the activity's
    own lead when it is changed."""
    from apps.accounts.models import Organisation

    from .models import Activity

    if isinstance(made.obj, Activity):
        lead = made.obj.lead_id
    else:
        lead = Organisation.objects.filter(country__code=made.country, is_active=True).order_by("pk").first().pk
    return {
        "title_en": "ANPR data exchange",
        "lead": lead,
        "starts_on": f"{PROGRAMME_START}-03-01",
        "due_on": f"{PROGRAMME_START + 1}-12-31",
    }


def _update_form(who, made) -> dict:
    return {"text": "The protocol is signed.", "status": "at_risk", "progress": 60}


ROUTES += [
    # Pages: everyone reads; the secretariat keeps programmes, objectives and activities.
    Route("consultation:dashboard", [Check("GET", everyone)]),
    Route("consultation:programmes", [Check("GET", everyone)]),
    Route("consultation:programme_create", [Check("GET", keeps), _form_step(keeps, _programme_form)]),
    Route("consultation:programme", [Check("GET", everyone)], PROGRAMME),
    Route("consultation:programme_edit", [Check("GET", keeps), _form_step(keeps, _programme_change)], PROGRAMME),
    Route("consultation:timeline", [Check("GET", everyone)], PROGRAMME),
    Route("consultation:report_pdf", [Check("GET", everyone)], PROGRAMME),
    Route("consultation:report_xlsx", [Check("GET", everyone)], PROGRAMME),
    Route(
        "consultation:objective_create",
        [Check("GET", keeps), _form_step(keeps, _objective_form)],
        PROGRAMME,
        kwargs=lambda programme: {"programme_pk": programme.pk},
    ),
    Route("consultation:objective", [Check("GET", everyone)], OBJECTIVE),
    Route("consultation:objective_edit", [Check("GET", keeps), _form_step(keeps, _objective_form)], OBJECTIVE),
    Route(
        "consultation:activity_create",
        [Check("GET", keeps), _form_step(keeps, _activity_form)],
        OBJECTIVE,
        kwargs=lambda objective: {"objective_pk": objective.pk},
    ),
    Route("consultation:activity", [Check("GET", everyone)], ACTIVITY),
    Route("consultation:activity_edit", [Check("GET", keeps), _form_step(keeps, _activity_form)], ACTIVITY),
    Route(
        "consultation:activity_update",
        [Check("GET", posts_updates), _form_step(posts_updates, _update_form)],
        ACTIVITY,
    ),
    # API: reads for everyone; the members of the lead (and the secretariat) post updates.
    Route("consultation-api:programme-list", [Check("GET", everyone)]),
    Route("consultation-api:objective-list", [Check("GET", everyone)]),
    Route("consultation-api:objective-detail", [Check("GET", everyone)], OBJECTIVE),
    Route("consultation-api:activity-list", [Check("GET", everyone)]),
    Route("consultation-api:activity-detail", [Check("GET", everyone)], ACTIVITY),
    Route(
        "consultation-api:activity-updates",
        [Check("GET", everyone), Check("POST", posts_updates, _update_form, ok=201, json=True)],
        ACTIVITY,
    ),
]
