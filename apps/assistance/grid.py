"""Assistance and loan requests in the permission grid (see apps/core/grid.py).

The samples of a country S are requests filed by S's control room asking the next country (BE → NL → LU → BE), one in
each state of the procedure. Who is who for such a request:

- the filing operator (S's control room): sees it from its draft on, edits the draft, files, accepts, starts,
  completes, closes or cancels it; uploads and deletes its attachments;
- the asked operator (the next country's control room): sees it once filed, acknowledges, answers, lends equipment
  and records its return, writes messages and attaches documents;
- the chiefs of both countries and the Benelux secretariat (a joint body of no country, which sees the requests of
  the three): read it, its PDF and its attachments;
- everyone else (the third country, liaison officers and their coordinators, working-group members, administrators):
  it does not exist for them (404), nor does a draft for anyone but its filing operator, who alone deletes it.

The equipment registry (who reads it, who keeps each item) is described where its routes are declared.

A step refused to someone who sees the request is a 403 on the pages that are not theirs, the API's documented 400
(the services' refusal, "You may not do this with this request"), or on the request page the form sent back with
that message.
"""

from datetime import datetime, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.accounts.choices import Role
from apps.core.grid import (
    HIDDEN,
    OK,
    REDIRECT_WITH_ERROR,
    REFUSED,
    Check,
    Route,
    Sample,
    everyone,
    next_country,
    only,
)

FILER, ASKED, CHIEF, SECRETARIAT = "filing operator", "asked operator", "chief involved", "secretariat"
# The samples' period began yesterday and runs for a month: a request in progress can be completed (not before its
# period has begun), lent equipment has been handed over (its return can be recorded), and the requests can be filed
# (their period has not ended).
PERIOD = timedelta(days=30)


def _start() -> datetime:
    return (timezone.now() - timedelta(days=1)).replace(minute=0, second=0, microsecond=0)


PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
)


def _relation(who, made) -> str | None:
    filing, asked = made.country, next_country(made.country)
    if who.role == Role.OPERATOR:
        return {filing: FILER, asked: ASKED}.get(who.country)
    if who.role == Role.POLICE_CHIEF and who.country in (filing, asked):
        return CHIEF
    if who.role == Role.SECRETARIAT:
        return SECRETARIAT
    return None


def by(*relations, draft=False):
    """OK for these relations to the request, REFUSED for the others who see it, HIDDEN for the rest."""

    def expect(who, made) -> str:
        relation = _relation(who, made)
        if relation is None or (draft and relation != FILER):
            return HIDDEN
        return OK if relation in relations else REFUSED

    return expect


seen = by(FILER, ASKED, CHIEF, SECRETARIAT)


# The equipment registry: every operator reads the three countries' registry, and so do the chiefs, the secretariat
# and the administrators; for the others (liaison officers and their coordinators, working-group members) it is a page
# of a role they do not have (403), and its items do not exist (404). The operators of an item's country keep it
# (change, retire, reinstate, record returns), and the administrators keep every item.
REGISTRY_READERS = (Role.OPERATOR, Role.POLICE_CHIEF, Role.SECRETARIAT, Role.ADMINISTRATOR)


def registry(who, made=None) -> str:
    return OK if who.role in REGISTRY_READERS else REFUSED


def registry_keepers(who, made=None) -> str:
    """Registering an item (of one's own country): operators and administrators."""
    return OK if who.role in (Role.OPERATOR, Role.ADMINISTRATOR) else REFUSED


def item_read(who, made) -> str:
    return OK if who.role in REGISTRY_READERS else HIDDEN


def item_keep(who, made) -> str:
    """An item of ``made.country``: its country's operators and the administrators; refused to the other readers."""
    if who.role not in REGISTRY_READERS:
        return HIDDEN
    if who.role == Role.ADMINISTRATOR or (who.role == Role.OPERATOR and who.country == made.country):
        return OK
    return REFUSED


def lent_item_return(who, made) -> str:
    """The booking of a loan that ``made.country`` asked of the next country: the lender's operators record the
    return of its item."""
    if who.role not in REGISTRY_READERS:
        return HIDDEN
    return OK if who.role == Role.OPERATOR and who.country == next_country(made.country) else REFUSED


# The samples: one request of each country in each state, through the services -------------------------------------


def _request(world, country, *, kind="assistance", status="draft"):
    from django.apps import apps as django_apps

    from . import reference_data, services
    from .models import HandlingCode, LegalBasis, ResourceType

    reference_data.load(django_apps)  # once a transactional test has flushed the catalogue, it is back
    filer = world.person(Role.OPERATOR, country).user
    start = _start()
    asked = world.person(Role.OPERATOR, next_country(country)).user
    code = "water-cannon" if kind == "loan" else "public-order-unit"
    request = services.request_create(
        actor=filer,
        kind=kind,
        title=f"Grid sample of {country}: {status}",
        operational_context="A large event near the border.",
        place="Border crossing",
        start=start,
        end=start + PERIOD,
        legal_basis=LegalBasis.objects.get(code="benelux-police-treaty-2018"),
        handling_code=HandlingCode.objects.get(code="H1"),
        operational_control="Local police zone",
        command="Sending unit commander",
        requested_countries=[next_country(country)],
        lines=[{"resource_type": ResourceType.objects.get(code=code), "quantity": 2, "muster_point": "Gate 4"}],
    )
    steps = ["draft", "submitted", "acknowledged", "answered", "accepted", "in_progress", "completed"]
    target = steps.index(status)
    if target >= 1:
        services.request_submit(request=request, actor=filer)
    if target >= 2:
        services.request_acknowledge(request=request, actor=asked)
    if target >= 3:
        items = [_equipment(world, next_country(country)).pk] if kind == "loan" else []
        decisions = [
            {"line": line.pk, "decision": "approved", "offered_quantity": line.quantity} for line in request.lines.all()
        ]
        services.request_respond(request=request, actor=asked, decisions=decisions, items=items)
    if target >= 4:
        services.request_accept(request=request, actor=filer, accepted_countries=[next_country(country)])
    if target >= 5:
        services.request_start(request=request, actor=filer)
    if target >= 6:
        services.request_complete(request=request, actor=filer)
    request.refresh_from_db()
    return request


def _equipment(world, country):
    from . import services
    from .models import ResourceType

    administrator = world.person(Role.ADMINISTRATOR, country).user
    return services.equipment_item_upsert(
        actor=administrator,
        organisation=world.person(Role.POLICE_CHIEF, country).user.organisation,
        identifier=f"GRID-WC-{country}",
        resource_type=ResourceType.objects.get(code="water-cannon"),
        name="Water cannon",
    )


def _spare(world, country):
    """An item of the country's police service that no request books: it can be retired."""
    from . import services
    from .models import ResourceType

    return services.equipment_item_upsert(
        actor=world.person(Role.ADMINISTRATOR, country).user,
        organisation=world.person(Role.POLICE_CHIEF, country).user.organisation,
        identifier=f"GRID-WC-SPARE-{country}",
        resource_type=ResourceType.objects.get(code="water-cannon"),
        name="Spare water cannon",
    )


def _retired(world, country):
    from . import services
    from .models import ResourceType

    item = services.equipment_item_upsert(
        actor=world.person(Role.ADMINISTRATOR, country).user,
        organisation=world.person(Role.POLICE_CHIEF, country).user.organisation,
        identifier=f"GRID-WC-OLD-{country}",
        resource_type=ResourceType.objects.get(code="water-cannon"),
        name="Old water cannon",
    )
    return services.equipment_item_retire(actor=world.person(Role.ADMINISTRATOR, country).user, item=item)


def _attachment(world, country):
    from . import services

    request = _request(world, country, status="submitted")
    return services.attachment_add(
        actor=world.person(Role.OPERATOR, country).user,
        request=request,
        file=SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf"),
    )


def _booking(world, country):
    return _request(world, country, kind="loan", status="answered").bookings.get()


def _in(status):
    return lambda world, country: _request(world, country, status=status)


DRAFT = Sample("draft request", _in("draft"))
FILED = Sample("filed request", _in("submitted"))
ACKNOWLEDGED = Sample("acknowledged request", _in("acknowledged"))
ANSWERED = Sample("answered request", _in("answered"))
ACCEPTED = Sample("accepted request", _in("accepted"))
STARTED = Sample("request in progress", _in("in_progress"))
COMPLETED = Sample("completed request", _in("completed"))
ITEM = Sample("item of the equipment registry", _equipment)
SPARE = Sample("item of the registry that nobody booked", _spare)
RETIRED = Sample("retired item of the registry", _retired)
ATTACHMENT = Sample("attachment of a filed request", _attachment)
BOOKING = Sample("booking of lent equipment", _booking)


def _attachment_kwargs(attachment):
    return {"pk": attachment.request_id, "attachment_pk": attachment.pk}


def _api_attachment_kwargs(attachment):
    return {"pk": attachment.request_id, "attachment_id": attachment.pk}


# The bodies that make a step succeed for those allowed ---------------------------------------------------------------


def _form(who, made=None) -> dict:
    from .models import ResourceType

    return {
        "kind": "assistance",
        "title": "Crowd control at the cup final",
        "urgency": "routine",
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-0-resource_type": ResourceType.objects.get(code="public-order-unit").pk,
        "lines-0-quantity": "2",
    }


def _json(who, made=None) -> dict:
    return {"title": "Crowd control at the cup final", "lines": [{"resource_type": "public-order-unit", "quantity": 2}]}


def _answers(request) -> list[dict]:
    return [
        {"line": line.pk, "decision": "approved", "offered_quantity": line.quantity, "cost_arrangement": "tba"}
        for line in request.lines.all()
    ]


def _police_service(who):
    from apps.accounts.models import Organisation

    return Organisation.objects.get(country__code=who.country or "BE", kind="police_service", is_active=True)


def _item_form(who, made=None) -> dict:
    from .models import ResourceType

    data = {
        "resource_type": ResourceType.objects.get(code="water-cannon").pk,
        "identifier": "GRID-NEW-1",
        "name": "New water cannon",
        "condition": "good",
        "notes": "",
    }
    if made is None:  # a new item, of one's country's police service
        data["organisation"] = _police_service(who).pk
    return data


def _item_json(who, made=None) -> dict:
    return {
        "organisation": _police_service(who).pk,
        "resource_type": "water-cannon",
        "identifier": "GRID-NEW-1",
        "name": "New water cannon",
    }


def _respond_form(who, made) -> dict:
    data = {"lines-TOTAL_FORMS": "1", "lines-INITIAL_FORMS": "0", "note": ""}
    for index, answer in enumerate(_answers(made.obj)):
        data.update({f"lines-{index}-{name}": value for name, value in answer.items()})
    return data


def _accept(who, made) -> dict:
    return {"accepted_countries": [next_country(made.country)], "note": ""}


def _upload(who, made) -> dict:
    return {"file": SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf"), "description": "Plan"}


def _act(action: str):
    return lambda request: {"pk": request.pk, "action": action}


def _page_step(action, sample, expect, data=None):
    return Route(
        "assistance:act",
        [Check("POST", expect, data, ok=302, refused=REDIRECT_WITH_ERROR)],
        sample,
        kwargs=_act(action),
        label=action,
    )


def _api_step(name, sample, expect, data=None):
    return Route(f"assistance-api:request-{name}", [Check("POST", expect, data, refused=400, json=True)], sample)


ROUTES = [
    # Pages.
    Route("assistance:index", [Check("GET", everyone)]),
    Route("assistance:create", [Check("GET", only(Role.OPERATOR)), Check("POST", only(Role.OPERATOR), _form, ok=302)]),
    Route("assistance:statistics", [Check("GET", only(Role.POLICE_CHIEF, Role.SECRETARIAT, Role.OPERATOR))]),
    # The lists' exports are their own addresses with ``?export=``: asked, filtered and refused exactly as the lists
    # (what each holds is only what the reader may see: the tests of the lists).
    *[
        Route("assistance:index", [Check("GET", everyone)], label=f"export {query}", query=query)
        for query in ("export=csv", "queue=awaiting&export=xlsx", "q=&sort=-start&export=csv")
    ],
    *[
        Route(
            "assistance:statistics",
            [Check("GET", only(Role.POLICE_CHIEF, Role.SECRETARIAT, Role.OPERATOR))],
            label=f"export {query}",
            query=query,
        )
        for query in ("export=csv", "table=lent&export=xlsx")
    ],
    Route("assistance:detail", [Check("GET", seen)], FILED),
    Route("assistance:detail", [Check("GET", by(FILER, draft=True))], DRAFT, label="draft"),
    Route(
        "assistance:edit",
        [Check("GET", by(FILER, draft=True)), Check("POST", by(FILER, draft=True), _form, ok=302)],
        DRAFT,
        label="draft",
    ),
    Route("assistance:edit", [Check("GET", by())], FILED, label="filed"),
    Route("assistance:pdf", [Check("GET", seen)], FILED),
    # Its control room deletes its own draft (a draft exists for nobody else); a filed request stays on file: whoever
    # sees it is sent back with the reason.
    Route(
        "assistance:delete",
        [Check("GET", by(FILER, draft=True)), Check("POST", by(FILER, draft=True), ok=302)],
        DRAFT,
        label="draft",
    ),
    Route(
        "assistance:delete",
        [
            Check("GET", by(), refused=REDIRECT_WITH_ERROR),
            Check("POST", by(), refused=REDIRECT_WITH_ERROR),
        ],
        FILED,
        label="filed",
    ),
    # The equipment registry.
    Route("assistance:equipment", [Check("GET", registry)]),
    Route("assistance:equipment-free", [Check("GET", registry)]),
    Route(
        "assistance:equipment-create",
        [Check("GET", registry_keepers), Check("POST", registry_keepers, _item_form, ok=302)],
    ),
    Route("assistance:equipment-detail", [Check("GET", item_read)], ITEM),
    Route(
        "assistance:equipment-edit",
        [Check("GET", item_keep), Check("POST", item_keep, _item_form, ok=302)],
        ITEM,
    ),
    Route(
        "assistance:equipment-retire",
        [Check("GET", item_keep), Check("POST", item_keep, lambda who, made: {"note": "Worn out."}, ok=302)],
        SPARE,
    ),
    Route("assistance:equipment-reinstate", [Check("POST", item_keep, ok=302)], RETIRED),
    Route(
        "assistance:equipment-booking-return",
        [
            Check(
                "POST",
                lent_item_return,
                lambda who, made: {"condition": "good"},
                ok=302,
                refused=REDIRECT_WITH_ERROR,
            )
        ],
        BOOKING,
        kwargs=lambda booking: {"pk": booking.item_id, "booking_pk": booking.pk},
    ),
    Route(
        "assistance:booking-return",
        [Check("POST", by(ASKED), lambda who, made: {"condition": "good"}, ok=302, refused=REDIRECT_WITH_ERROR)],
        BOOKING,
        kwargs=lambda booking: {"pk": booking.request_id, "booking_pk": booking.pk},
    ),
    Route(
        "assistance:attachment-upload",
        [Check("POST", by(FILER, ASKED), _upload, ok=302, refused=REDIRECT_WITH_ERROR)],
        FILED,
    ),
    Route("assistance:attachment-download", [Check("GET", seen)], ATTACHMENT, kwargs=_attachment_kwargs),
    Route(
        "assistance:attachment-delete",
        [Check("POST", by(FILER), ok=302, refused=REDIRECT_WITH_ERROR)],
        ATTACHMENT,
        kwargs=_attachment_kwargs,
    ),
    _page_step("acknowledge", FILED, by(ASKED)),
    _page_step("respond", ACKNOWLEDGED, by(ASKED), _respond_form),
    _page_step("accept", ANSWERED, by(FILER), _accept),
    _page_step("start", ACCEPTED, by(FILER)),
    _page_step("complete", STARTED, by(FILER)),
    _page_step("close", COMPLETED, by(FILER)),
    _page_step("cancel", FILED, by(FILER), lambda who, made: {"reason": "The event was called off."}),
    _page_step("message", FILED, by(FILER, ASKED), lambda who, made: {"body": "Our liaison arrives at 6."}),
    # API.
    Route(
        "assistance-api:request-list",
        [Check("GET", everyone), Check("POST", only(Role.OPERATOR), _json, ok=201, refused=400, json=True)],
    ),
    Route("assistance-api:request-detail", [Check("GET", seen)], FILED),
    Route(
        "assistance-api:request-detail",
        [Check("PATCH", by(FILER, draft=True), lambda who, made: {"place": "Stadium"}, json=True)],
        DRAFT,
        label="draft",
    ),
    _api_step("submit", DRAFT, by(FILER, draft=True)),
    _api_step("acknowledge", FILED, by(ASKED)),
    _api_step("respond", ACKNOWLEDGED, by(ASKED), lambda who, made: {"lines": _answers(made.obj)}),
    _api_step("accept", ANSWERED, by(FILER), _accept),
    _api_step("start", ACCEPTED, by(FILER), lambda who, made: {"note": ""}),
    _api_step("complete", STARTED, by(FILER), lambda who, made: {"note": ""}),
    _api_step("close", COMPLETED, by(FILER), lambda who, made: {"note": ""}),
    _api_step("cancel", FILED, by(FILER), lambda who, made: {"reason": "The event was called off."}),
    Route("assistance-api:request-pdf", [Check("GET", seen)], FILED),
    Route(
        "assistance-api:request-messages",
        [
            Check("GET", seen),
            Check(
                "POST",
                by(FILER, ASKED),
                lambda who, made: {"body": "Our liaison arrives at 6."},
                ok=201,
                refused=400,
                json=True,
            ),
        ],
        FILED,
    ),
    Route(
        "assistance-api:attachment-list",
        [Check("GET", seen), Check("POST", by(FILER, ASKED), _upload, ok=201, refused=400)],
        FILED,
    ),
    Route(
        "assistance-api:attachment-detail",
        [Check("GET", seen), Check("DELETE", by(FILER), ok=204, refused=400)],
        ATTACHMENT,
        kwargs=_api_attachment_kwargs,
    ),
    # The registry's API: a list of what one may read (empty for those who may not read the registry); a change
    # refused by the services is the documented 400.
    Route(
        "assistance-api:equipment-list",
        [Check("GET", everyone), Check("POST", registry_keepers, _item_json, ok=201, refused=400, json=True)],
    ),
    Route(
        "assistance-api:equipment-detail",
        [
            Check("GET", item_read),
            Check("PATCH", item_keep, lambda who, made: {"notes": "Serviced."}, refused=400, json=True),
        ],
        ITEM,
    ),
    Route(
        "assistance-api:equipment-retire",
        [Check("POST", item_keep, lambda who, made: {"note": "Worn out."}, refused=400, json=True)],
        SPARE,
    ),
    Route(
        "assistance-api:equipment-booking-return",
        [Check("POST", lent_item_return, lambda who, made: {"condition": "good"}, refused=400, json=True)],
        BOOKING,
        kwargs=lambda booking: {"pk": booking.item_id, "booking_id": booking.pk},
    ),
]
