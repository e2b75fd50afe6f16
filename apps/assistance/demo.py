"""Demo requests around real Benelux events, in every state of the procedure (idempotent).

Today is 2026-11-23 in the demo; dates are relative to now where it matters. People are the
invented demo users of the accounts app.
"""

import datetime
from zoneinfo import ZoneInfo

from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from apps.accounts.models import Organisation, User
from apps.events.models import Event
from apps.notifications.models import Notification
from apps.notifications.services import notification_deliver, notification_send_emails

from . import caching, reference_data, services
from .models import (
    AssistanceRequest,
    Attachment,
    HandlingCode,
    LegalBasis,
    RequestedCountry,
    ResourceType,
    StatusChange,
)

BRUSSELS = ZoneInfo("Europe/Brussels")


def _at(year, month, day, hour=8):
    return datetime.datetime(year, month, day, hour, tzinfo=BRUSSELS)


def _event(title_en):
    """The demo calendar's event of that English title (the events app loads its demo data first)."""
    return Event.objects.filter(title_en=title_en).order_by("pk").first()


def _soon(days, hour=7):
    now = timezone.localtime(timezone.now(), BRUSSELS)
    return (now + datetime.timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)


def _line(code, quantity, **extra):
    return {"resource_type": ResourceType.objects.get(code=code), "quantity": quantity, **extra}


def _scenarios():
    treaty_2018 = LegalBasis.objects.get(code="benelux-police-treaty-2018")
    treaty_2004 = LegalBasis.objects.get(code="benelux-police-treaty-2004")
    h1 = HandlingCode.objects.get(code="H1")
    h2 = HandlingCode.objects.get(code="H2")
    return [
        {
            "by": "operator.be",
            "to": ["NL"],
            "state": "closed",
            "fields": {
                "kind": "assistance",
                "title": "Formula 1 Belgian Grand Prix 2026 at Spa-Francorchamps",
                "event": _event("Formula 1 – Belgian Grand Prix"),
                "operational_context": "About 380,000 visitors over three days; traffic and crowd management on "
                "the access roads and camp sites, searches at the gates.",
                "place": "Circuit de Spa-Francorchamps, Stavelot",
                "start": _at(2026, 7, 24, 6),
                "end": _at(2026, 7, 26, 22),
                "urgency": "routine",
                "legal_basis": treaty_2004,
                "handling_code": h1,
                "operational_control": "Police zone Stavelot-Malmedy, event commander",
                "command": "Dutch National Police, unit commander of the mounted unit",
            },
            "lines": [
                _line("mounted-unit", 12, muster_point="Circuit, paddock gate 4", substitutes="Public-order unit"),
                _line("dog-explosives", 4, muster_point="Circuit, media centre"),
                _line("dog-drugs", 2, muster_point="Camp site Blanchimont"),
            ],
        },
        {
            "by": "operator.lu",
            "to": ["BE"],
            "state": "completed",
            "loan_item": ("FEDPOL", "WA-2"),
            "fields": {
                "kind": "loan",
                "title": "Water cannon for the National Day celebrations in Luxembourg City",
                "event": _event("Luxembourg National Day"),
                "operational_context": "Eve of the National Day: fireworks and large crowds in the city centre; "
                "a water cannon in reserve for public order.",
                "place": "Luxembourg City, Kirchberg",
                "start": _at(2026, 6, 22, 12),
                "end": _at(2026, 6, 24, 12),
                "urgency": "routine",
                "legal_basis": treaty_2004,
                "handling_code": h1,
                "operational_control": "Grand-Ducal Police, Direction centrale de police administrative",
                "command": "Belgian Federal Police, crew commander of the water cannon",
            },
            "lines": [_line("water-cannon", 1, muster_point="Centre d'intervention Luxembourg, Kirchberg")],
        },
        {
            "by": "operator.be",
            "to": ["NL"],
            "state": "acknowledged",
            "fields": {
                "kind": "assistance",
                "title": "Joint summer patrols in Knokke-Heist 2027",
                "operational_context": "Many Dutch visitors on the coast in July and August; Dutch officers "
                "patrol in mixed teams with Belgian colleagues of the local police.",
                "place": "Knokke-Heist, seafront and Zoute",
                "start": _at(2027, 7, 1, 10),
                "end": _at(2027, 8, 31, 22),
                "urgency": "routine",
                "legal_basis": treaty_2018,
                "handling_code": h1,
                "operational_control": "Police zone Knokke-Heist",
                "command": "Dutch National Police, unit Zeeland-West-Brabant",
            },
            "lines": [_line("patrol-officers", 6, muster_point="Police station Knokke-Heist")],
        },
        {
            "by": "operator.be",
            "to": ["NL", "LU"],
            "state": "answered",
            "fields": {
                "kind": "both",
                "title": "Farmers' demonstration in Brussels, European quarter",
                "event": _event("Farmers' demonstration at the European institutions"),
                "operational_context": "Farmers' unions announce a demonstration with some 1,000 tractors around "
                "the Council of the EU; risk of blockades and fires.",
                "place": "Brussels, Place du Luxembourg and rue de la Loi",
                "start": _soon(10, 5),
                "end": _soon(10, 23),
                "urgency": "urgent",
                "legal_basis": treaty_2004,
                "handling_code": h2,
                "operational_control": "Police zone Brussels-Capital Ixelles, event commander",
                "command": "Sending units' commanders",
            },
            "lines": [
                _line("public-order-unit", 4, substitutes="Mounted units"),
                _line("water-cannon", 2, muster_point="Brussels, Etterbeek barracks"),
            ],
        },
        {
            "by": "operator.nl",
            "to": ["BE"],
            "state": "submitted",
            "fields": {
                "kind": "assistance",
                "title": "Drone teams for King's Day 2027 in Maastricht",
                "event": _event("King's Day"),
                "operational_context": "King's Day with the Royal Family in Maastricht; drone teams to watch the "
                "route along the Maas.",
                "place": "Maastricht",
                "start": _at(2027, 4, 27, 6),
                "end": _at(2027, 4, 27, 20),
                "urgency": "urgent",
                "legal_basis": treaty_2018,
                "handling_code": h2,
                "operational_control": "Police unit Limburg",
                "command": "Belgian Federal Police, aviation support",
            },
            "lines": [_line("drone-team", 2, muster_point="Police station Maastricht, Prins Bisschopsingel")],
        },
        {
            "by": "operator.be",
            "to": ["NL"],
            "state": "in_progress",
            "fields": {
                "kind": "assistance",
                "title": "Explosives dogs for the Winter Wonders Christmas market",
                "operational_context": "Plaisirs d'Hiver in the centre of Brussels; raised threat level, searches "
                "of the market and the stages.",
                "place": "Brussels, Sainte-Catherine and Grand-Place",
                "start": _soon(-2, 10),
                "end": _soon(30, 23),
                "urgency": "urgent",
                "legal_basis": treaty_2018,
                "handling_code": h2,
                "operational_control": "Police zone Brussels-Capital Ixelles",
                "command": "Dutch National Police, dog-handler team leader",
            },
            "lines": [_line("dog-explosives", 3)],
        },
        {
            "by": "operator.nl",
            "to": ["BE"],
            "state": "accepted",
            "fields": {
                "kind": "assistance",
                "title": "High-risk football match PSV – Club Brugge in Eindhoven",
                "operational_context": "UEFA match with about 2,500 away supporters; Belgian spotters and a "
                "public-order unit accompany the supporters across the border.",
                "place": "Eindhoven, Philips Stadion",
                "start": _soon(16, 14),
                "end": _soon(16, 23),
                "urgency": "routine",
                "legal_basis": treaty_2018,
                "handling_code": h1,
                "operational_control": "Police unit Oost-Brabant",
                "command": "Belgian Federal Police, public-order unit commander",
            },
            "lines": [_line("public-order-unit", 1), _line("traffic-unit", 8, muster_point="Hazeldonk border post")],
        },
        {
            "by": "operator.lu",
            "to": ["NL"],
            "state": "cancelled",
            "cancel_reason": "The race was moved and no longer needs outside support.",
            "fields": {
                "kind": "assistance",
                "title": "Mounted unit for the ING Night Marathon Luxembourg",
                "operational_context": "Night marathon through the city.",
                "place": "Luxembourg City",
                "start": _at(2027, 5, 8, 16),
                "end": _at(2027, 5, 9, 2),
                "urgency": "routine",
                "legal_basis": treaty_2004,
                "handling_code": h1,
                "operational_control": "Grand-Ducal Police",
                "command": "Dutch National Police",
            },
            "lines": [_line("mounted-unit", 4)],
        },
        {
            "by": "operator.lu",
            "to": ["BE"],
            "state": "draft",
            "fields": {
                "kind": "assistance",
                "title": "Tracking dogs for the Mullerthal search exercise",
                "operational_context": "",
                "place": "Mullerthal",
                "urgency": "routine",
            },
            "lines": [_line("dog-tracking", 2)],
        },
    ]


EQUIPMENT = [
    ("BE", "FEDPOL", "WA-1", "water-cannon", "Water cannon WA-1"),
    ("BE", "FEDPOL", "WA-2", "water-cannon", "Water cannon WA-2"),
    ("BE", "FEDPOL", "AV-1", "armoured-vehicle", "Armoured vehicle Dingo AV-1"),
    ("NL", "POLNL", "WAW-3", "water-cannon", "Waterwerper WAW-3"),
    ("NL", "POLNL", "HEK-12", "crowd-barrier", "Mobile barrier set HEK-12"),
    ("LU", "PGD", "BAR-1", "crowd-barrier", "Mobile barrier set BAR-1"),
]

STEPS = ["draft", "submitted", "acknowledged", "answered", "accepted", "in_progress", "completed", "closed"]


def _user(username):
    return User.objects.select_related("organisation__country").get(username=username)


@transaction.atomic
def _play(scenario, items):
    actor = _user(scenario["by"])
    existing = AssistanceRequest.objects.filter(
        title=scenario["fields"]["title"], requesting_organisation=actor.organisation
    ).first()
    if existing is not None:
        event = scenario["fields"].get("event")
        if event is not None and existing.event_id is None:  # demo data of before requests named their event
            existing.event = event
            existing.save(update_fields=["event", "updated_at"])
        return
    fields = dict(scenario["fields"])
    # A request of a period that is over by the time the demo is loaded is on file as what it then is: an
    # after-the-fact record (the portal is new; such requests were made by e-mail and are entered afterwards).
    end = fields.get("end")
    fields["after_the_fact"] = scenario["state"] != "draft" and end is not None and end <= timezone.now()
    request = services.request_create(
        actor=actor, requested_countries=scenario["to"], lines=scenario["lines"], **fields
    )
    state = scenario["state"]
    target = STEPS.index(state) if state in STEPS else 2
    answerers = [_user(f"operator.{code.lower()}") for code in scenario["to"]]
    if target >= 1:
        services.request_submit(request=request, actor=actor)
    if target >= 2:
        for answerer in answerers:
            services.request_acknowledge(request=request, actor=answerer)
        _as_long_as_in_practice(request, scenario)
    if target >= 2:
        services.message_send(
            request=request,
            actor=answerers[0],
            body="We are checking availability and will answer within the deadline.",
        )
    booking = None
    if target >= 3:
        if scenario.get("loan_item"):
            booking = services.booking_create(request=request, item=items[scenario["loan_item"]], actor=answerers[0])
        for index, answerer in enumerate(answerers):
            decisions = []
            for line in request.lines.all():
                partial = index == 1 and line.quantity > 1
                decisions.append(
                    {
                        "line": line.pk,
                        "decision": "partially" if partial else "approved",
                        "offered_quantity": line.quantity // 2 if partial else line.quantity,
                        "conditions": "Meals and lodging provided by the requesting country.",
                        "cost_arrangement": "requesting" if scenario["fields"]["kind"] != "assistance" else "sending",
                    }
                )
            services.request_respond(request=request, actor=answerer, decisions=decisions)
    if target >= 4:
        services.request_accept(request=request, actor=actor, accepted_countries=scenario["to"])
    if target >= 5:
        services.request_start(request=request, actor=actor)
    if target >= 6:
        services.request_complete(request=request, actor=actor)
        if booking:
            services.booking_return(booking=booking, actor=answerers[0], condition="good")
    if target >= 7:
        services.request_close(request=request, actor=actor, note="Evaluated at the next control-room meeting.")
    if state == "cancelled":
        services.request_cancel(request=request, actor=actor, reason=scenario["cancel_reason"])


# How long the requested control rooms took to acknowledge, in minutes (one per requested country, in turn).
ACKNOWLEDGED_AFTER = [35, 140, 20, 75, 290, 50, 15, 110]


def _as_long_as_in_practice(request, scenario) -> None:
    """A demo request is filed and acknowledged within the same second; in practice a control room acknowledges
    after minutes or hours. The filing (its time, its deadline and its history entry) is moved back, and each
    acknowledgement put that long after it, so that the statistics show the times of practice, not zero."""
    rows = list(RequestedCountry.objects.filter(request=request).order_by("country__code"))
    offset = len(scenario["fields"]["title"])
    delays = [
        datetime.timedelta(minutes=ACKNOWLEDGED_AFTER[(offset + index) % len(ACKNOWLEDGED_AFTER)])
        for index in range(len(rows))
    ]
    request.refresh_from_db(fields=["submitted_at", "acknowledge_by"])
    shift = max(delays)
    submitted = request.submitted_at - shift
    AssistanceRequest.objects.filter(pk=request.pk).update(
        submitted_at=submitted, acknowledge_by=request.acknowledge_by - shift
    )
    StatusChange.objects.filter(request=request, action="submit").update(at=submitted)
    for row, delay in zip(rows, delays, strict=True):
        RequestedCountry.objects.filter(pk=row.pk).update(acknowledged_at=submitted + delay)
        StatusChange.objects.filter(request=request, action="acknowledge", country_id=row.country_id).update(
            at=submitted + delay
        )
    caching.bump()  # updates send no signal
    request.refresh_from_db()


def load() -> None:
    reference_data.load(django_apps)
    items = {}
    administrator = _user("admin")  # keeps the equipment registry
    for code, short, identifier, type_code, name in EQUIPMENT:
        organisation = Organisation.objects.get(country__code=code, short_name=short)
        items[(short, identifier)] = services.equipment_item_upsert(
            actor=administrator,
            organisation=organisation,
            identifier=identifier,
            resource_type=ResourceType.objects.get(code=type_code),
            name=name,
        )
    for scenario in _scenarios():
        _play(scenario, items)
    _attach_plans()
    _deliver_notifications()


def _deliver_notifications() -> None:
    """Put what the demo's steps notified into the inboxes now (no worker runs while the demo loads; delivery is
    idempotent if one does): every entry is about a request of the demo, and links to it. The e-mails that delivery
    queues (urgent requests reach the operators by e-mail too) are sent now as well: no task was queued for them, and
    the delivery monitoring would show them waiting until the sweep resent them, half an hour later."""
    pending = Notification.objects.filter(
        delivered_at__isnull=True, content_type=ContentType.objects.get_for_model(AssistanceRequest)
    ).values_list("pk", flat=True)
    for notification_id in list(pending):
        queued = notification_deliver(notification_id=notification_id)
        if queued and queued["email"]:
            notification_send_emails(notification_id=notification_id, final_attempt=True)


# Operational plans attached to two open requests: (requesting operator, request title, file name, plan lines).
PLANS = [
    (
        "operator.be",
        "Farmers' demonstration in Brussels, European quarter",
        "Operational plan - farmers' demonstration Brussels.pdf",
        [
            "Operational plan: farmers' demonstration, European quarter, Brussels",
            "Operational control: Police zone Brussels Capital Ixelles, event commander",
            "06:00 Muster of the supporting units at the Heizel/Heysel car park C",
            "07:00 Briefing; radio on the Benelux talk group, handover of maps",
            "08:00 Positions around Rond-point Schuman and rue de la Loi",
            "Tractor routes and holding areas: see the annexed map (to follow)",
        ],
    ),
    (
        "operator.nl",
        "Drone teams for King's Day 2027 in Maastricht",
        "Operational plan - King's Day Maastricht 2027.pdf",
        [
            "Operational plan: King's Day 2027, Maastricht",
            "Operational control: Police Limburg, district Maastricht, event commander",
            "Drone teams: flight zones Vrijthof, Maasboulevard and Markt",
            "No-fly windows during the royal visit, coordinated with the air traffic control",
            "Live images to the command post at the police station Prins Bisschopsingel",
        ],
    ),
]


def _pdf_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def plan_pdf(lines: list[str]) -> bytes:
    """A small, valid one-page PDF with the given lines of text (Helvetica, Latin-1)."""
    text = "BT /F1 12 Tf 56 780 Td 16 TL " + " ".join(f"({_pdf_text(line)}) '" for line in lines) + " ET"
    stream = text.encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _attach_plans() -> None:
    for username, title, file_name, lines in PLANS:
        actor = _user(username)
        request = AssistanceRequest.objects.filter(title=title, requesting_organisation=actor.organisation).first()
        if request is None or Attachment.objects.filter(request=request, original_name=file_name).exists():
            continue
        services.attachment_add(
            actor=actor,
            request=request,
            file=ContentFile(plan_pdf(lines), name=file_name),
            description="Operational plan (draft for the briefing)",
        )
