"""Ten years of consultation data for the benchmark: about 20 bodies, two meetings a year each (and the next one),
2,000 decisions and 10,000 action points at scale 1.0; the Strategic Consultation's meetings with 40 agenda items and
30 people on the attendance list; its work programmes of four years over the ten (the running one of 50 objectives
and 500 activities at scale 1.0, as each), with a progress update every few months on every activity (about 20,000),
led by the working groups and services. Bulk inserts (no audit history rows: load-test data, not a record of
changes), reproducible from the seed; the minutes of past meetings are published (their versions made by
``content.minutes_content``, as publishing makes them). Runs after apps/accounts/bench.py.

``URLS``: what ``make bench`` measures (see apps/accounts/bench.py), each with the 150 ms p95 target of issues 17 and
18: the start page, meetings, the Strategic Consultation's latest meeting (for a member and for the secretariat), the
decision register (whole and searched), the action points, the objectives dashboard (whole and by country), the
running programme's timeline, and every API list; the progress reports (PDF and spreadsheet: built in under 5 s, then
kept) with a 5 s target.
"""

import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from apps.accounts.choices import OrganisationKind, Role
from apps.accounts.models import Country, Organisation

from .caching import CONSULTATION
from .choices import ActionStatus, AttendanceKind, AttendanceStatus, MinutesStatus
from .content import minutes_content
from .models import (
    ActionPoint,
    Activity,
    AgendaItem,
    Attendance,
    Body,
    Decision,
    Meeting,
    Membership,
    Minutes,
    MinutesVersion,
    Objective,
    Programme,
    ProgressUpdate,
    Topic,
    WorkingGroup,
)

BRUSSELS = ZoneInfo("Europe/Brussels")
BODIES = 20
DECISIONS = 2_000
ACTION_POINTS = 10_000
YEARS = 10
SOP_ITEMS, SOP_ATTENDEES = 40, 30
ITEMS, ATTENDEES = 12, 10
BATCH = 5_000
P95_MS = 150
REPORT_P95_MS = 5_000
OBJECTIVES = 50  # per programme, at scale 1.0
ACTIVITIES = 10  # per objective
PROGRAMME_YEARS = 4

TOPICS = [
    ("treaty", "Benelux-politieverdrag", "Traité Benelux de police", "Benelux-Polizeivertrag", "Benelux Police Treaty"),
    ("training", "Opleiding", "Formation", "Ausbildung", "Training"),
    ("control-rooms", "Meldkamers", "Salles de contrôle", "Leitstellen", "Control rooms"),
    ("drugs", "Drugs", "Drogues", "Drogen", "Drugs"),
    ("cybercrime", "Cybercriminaliteit", "Cybercriminalité", "Cyberkriminalität", "Cybercrime"),
    ("liaison", "Verbindingsofficieren", "Officiers de liaison", "Verbindungsbeamte", "Liaison officers"),
]
SUBJECTS = [
    ("gezamenlijke opleiding", "la formation commune", "die gemeinsame Ausbildung", "joint training"),
    ("grensoverschrijdende achtervolging", "la poursuite transfrontalière", "die Nacheile", "cross-border pursuit"),
    ("uitwisseling van ANPR-gegevens", "l'échange de données ANPR", "den ANPR-Datenaustausch", "ANPR data exchange"),
    ("radioverbindingen", "les liaisons radio", "die Funkverbindungen", "radio links"),
    ("verbindingsofficieren", "les officiers de liaison", "die Verbindungsbeamten", "liaison officers"),
    ("drugstoerisme", "le tourisme de la drogue", "den Drogentourismus", "drug tourism"),
    ("cybercriminaliteit", "la cybercriminalité", "die Cyberkriminalität", "cybercrime"),
    (
        "bijstand bij evenementen",
        "l'assistance lors d'événements",
        "die Unterstützung bei Großereignissen",
        "assistance at events",
    ),
]


def _latest_sop_meeting() -> Meeting | None:
    return (
        Meeting.objects.filter(body__code="SOP", starts_at__lt=timezone.now(), minutes__status=MinutesStatus.PUBLISHED)
        .order_by("-starts_at")
        .first()
    )


def _meeting_path() -> str | None:
    meeting = _latest_sop_meeting()
    return f"/consultation/meetings/{meeting.pk}/" if meeting else None


def _agenda_items_path() -> str | None:
    meeting = _latest_sop_meeting()
    return f"/api/v1/meetings/{meeting.pk}/agenda-items" if meeting else None


def _last_year() -> int:
    return timezone.localdate().year - 1


def _running_programme() -> Programme | None:
    year = timezone.localdate().year
    return Programme.objects.filter(body__code="SOP", start_year__lte=year, end_year__gte=year).first()


def _programme_path(suffix: str):
    def path() -> str | None:
        programme = _running_programme()
        return f"/consultation/programmes/{programme.pk}/{suffix}" if programme else None

    return path


def _updates_path() -> str | None:
    programme = _running_programme()
    activity = Activity.objects.filter(objective__programme=programme).order_by("pk").first() if programme else None
    return f"/api/v1/activities/{activity.pk}/updates" if activity else None


URLS = [
    ("start page", "/consultation/", Role.POLICE_CHIEF, P95_MS),
    ("meetings", "/consultation/meetings/", Role.POLICE_CHIEF, P95_MS),
    ("meeting page (40 items, 30 people)", _meeting_path, Role.POLICE_CHIEF, P95_MS),
    ("meeting page, secretariat", _meeting_path, Role.SECRETARIAT, P95_MS),
    ("decision register", "/consultation/decisions/", "*", P95_MS),
    ("decision register, searched", lambda: f"/consultation/decisions/?text=training&year={_last_year()}", "*", P95_MS),
    ("action points, overdue", "/consultation/action-points/?overdue=true", Role.POLICE_CHIEF, P95_MS),
    ("api meetings", "/api/v1/meetings", Role.POLICE_CHIEF, P95_MS),
    ("api agenda-items", _agenda_items_path, Role.POLICE_CHIEF, P95_MS),
    ("api decisions", "/api/v1/decisions", "*", P95_MS),
    ("api action-points", "/api/v1/action-points?status=open", Role.POLICE_CHIEF, P95_MS),
    ("objectives dashboard (500 activities)", "/consultation/objectives/", Role.POLICE_CHIEF, P95_MS),
    ("objectives dashboard, by country", "/consultation/objectives/?country=NL", Role.POLICE_CHIEF, P95_MS),
    ("timeline of the running programme", _programme_path("timeline/"), Role.POLICE_CHIEF, P95_MS),
    ("progress report pdf", _programme_path("report.pdf"), "*", REPORT_P95_MS),
    ("progress report spreadsheet", _programme_path("report.xlsx"), "*", REPORT_P95_MS),
    ("api programmes", "/api/v1/programmes", "*", P95_MS),
    ("api objectives", "/api/v1/objectives?page_size=50", Role.POLICE_CHIEF, P95_MS),
    ("api activities", "/api/v1/activities?page_size=100", "*", P95_MS),
    ("api activities, late", "/api/v1/activities?overdue=true&country=BE", Role.POLICE_CHIEF, P95_MS),
    ("api activity updates", _updates_path, Role.WORKING_GROUP_MEMBER, P95_MS),
]


def _translated(field: str, texts) -> dict:
    return {f"{field}_{code}": text for code, text in zip(("nl", "fr", "de", "en"), texts, strict=True)}


def _bodies(rng: random.Random, total: int) -> list[Body]:
    """The Strategic Consultation (every police service of the three countries and the secretariat), then other
    bodies of three to eight services each."""
    services = list(
        Organisation.objects.filter(kind=OrganisationKind.POLICE_SERVICE, is_active=True)
        .select_related("country")
        .order_by("pk")
    )
    members = [organisation for organisation in services if organisation.country.is_member]
    secretariat = list(Organisation.objects.filter(kind=OrganisationKind.SECRETARIAT).order_by("pk")[:1])
    bodies = [
        Body(
            code="SOP",
            decisions_public=True,
            **_translated(
                "name",
                (
                    "Strategisch Overleg Politie",
                    "Concertation stratégique Police",
                    "Strategische Konsultation Polizei",
                    "Strategic Consultation Police",
                ),
            ),
        )
    ]
    for index in range(1, total):
        bodies.append(
            Body(
                code=f"CB{index:02d}",
                **_translated(
                    "name",
                    (f"Overleg {index}", f"Concertation {index}", f"Konsultation {index}", f"Consultation {index}"),
                ),
            )
        )
    Body.objects.bulk_create(bodies)
    rows = [Membership(body=bodies[0], organisation=organisation) for organisation in members + secretariat]
    for body in bodies[1:]:
        for organisation in rng.sample(services, min(len(services), rng.randint(3, 8))):
            rows.append(Membership(body=body, organisation=organisation))
    Membership.objects.bulk_create(rows, batch_size=BATCH)
    return bodies


def _meetings(rng: random.Random, bodies: list[Body], countries: list[Country]) -> list[Meeting]:
    today = timezone.localdate()
    meetings = []
    for body in bodies:
        for year in range(today.year - YEARS + 1, today.year + 2):
            for month in (5, 11):
                day = date(year, month, rng.randint(2, 27))
                if day > today + timedelta(days=366):
                    continue
                starts_at = datetime.combine(day, time(10), tzinfo=BRUSSELS)
                meetings.append(
                    Meeting(
                        body=body,
                        starts_at=starts_at,
                        ends_at=starts_at + timedelta(hours=3),
                        format=rng.choice(("in_person", "in_person", "hybrid", "online")),
                        place="Benelux Secretariat-General, Brussels",
                        online_link="https://vc.benelux-police.example/meeting",
                        language=rng.choice(("nl", "fr")),
                        chair_country=countries[(year + (month // 6)) % len(countries)],
                        chair_name="Chair of the meeting",
                        agenda_published_at=starts_at - timedelta(days=14)
                        if day <= today + timedelta(days=14)
                        else None,
                        agenda_revision=1 if day <= today + timedelta(days=14) else 0,
                    )
                )
    Meeting.objects.bulk_create(meetings, batch_size=BATCH)
    return meetings


@transaction.atomic
def generate(*, scale: float, seed: int, log: Callable[[str], None]) -> dict[str, int]:
    rng = random.Random(f"consultation-{seed}")
    now = timezone.now()
    today = timezone.localdate()
    countries = list(Country.objects.filter(is_member=True).order_by("code"))
    topics = [Topic.objects.get_or_create(code=code, defaults=_translated("name", names))[0] for code, *names in TOPICS]
    bodies = _bodies(rng, max(2, round(BODIES * scale)))
    meetings = _meetings(rng, bodies, countries)
    past = [meeting for meeting in meetings if meeting.ends_at < now]
    log(f"consultation: {len(bodies)} bodies, {len(meetings)} meetings")

    Minutes.objects.bulk_create(
        [
            Minutes(
                meeting=meeting,
                status=MinutesStatus.PUBLISHED if meeting.ends_at < now else MinutesStatus.DRAFT,
                approved_at=meeting.ends_at + timedelta(days=30) if meeting.ends_at < now else None,
                published_at=meeting.ends_at + timedelta(days=31) if meeting.ends_at < now else None,
            )
            for meeting in meetings
        ],
        batch_size=BATCH,
    )
    organisations = {
        body.pk: list(Organisation.objects.filter(consultation_memberships__body=body).order_by("pk"))
        for body in bodies
    }
    items, people = [], []
    for meeting in meetings:
        big = meeting.body.code == "SOP"
        for position in range(1, (SOP_ITEMS if big else ITEMS) + 1):
            subject = rng.choice(SUBJECTS)
            items.append(
                AgendaItem(
                    meeting=meeting,
                    position=position,
                    presenter=rng.choice(("BE", "NL", "LU", "Benelux Secretariat-General")),
                    notes="Exchange of views; see the documents." if meeting.ends_at < now else "",
                    **_translated(
                        "title",
                        (
                            f"Punt {position}: {subject[0]}",
                            f"Point {position} : {subject[1]}",
                            f"Punkt {position}: {subject[2]}",
                            f"Item {position}: {subject[3]}",
                        ),
                    ),
                    **_translated("description", subject),
                )
            )
        members = organisations[meeting.body_id]
        for index in range(SOP_ATTENDEES if big else ATTENDEES):
            organisation = members[index % len(members)]
            people.append(
                Attendance(
                    meeting=meeting,
                    kind=AttendanceKind.MEMBER if index < len(members) else AttendanceKind.GUEST,
                    status=rng.choice((AttendanceStatus.PRESENT,) * 4 + (AttendanceStatus.EXCUSED,))
                    if meeting.ends_at < now
                    else AttendanceStatus.INVITED,
                    name=f"Participant {index + 1}",
                    function="Chief of police" if index < len(members) else "Adviser",
                    organisation=organisation,
                )
            )
    AgendaItem.objects.bulk_create(items, batch_size=BATCH)
    Attendance.objects.bulk_create(people, batch_size=BATCH)
    log(f"consultation: {len(items)} agenda items, {len(people)} people on attendance lists")

    decisions, numbers = [], {}
    for index in range(max(1, round(DECISIONS * scale))):
        meeting = rng.choice(past)
        year = timezone.localtime(meeting.starts_at).year
        number = numbers[(meeting.body_id, year)] = numbers.get((meeting.body_id, year), 0) + 1
        subject = rng.choice(SUBJECTS)
        decisions.append(
            Decision(
                body_id=meeting.body_id,
                meeting=meeting,
                year=year,
                number=number,
                language=meeting.language,
                topic=rng.choice(topics),
                published_at=meeting.ends_at + timedelta(days=31),
                **_translated(
                    "title",
                    (
                        f"Besluit {index}: {subject[0]}",
                        f"Décision {index} : {subject[1]}",
                        f"Beschluss {index}: {subject[2]}",
                        f"Decision {index}: {subject[3]}",
                    ),
                ),
                **_translated(
                    "text",
                    (
                        f"keurt {subject[0]} goed.",
                        f"approuve {subject[1]}.",
                        f"billigt {subject[2]}.",
                        f"approves {subject[3]}.",
                    ),
                ),
            )
        )
    Decision.objects.bulk_create(decisions, batch_size=BATCH)
    points = []
    for index in range(max(1, round(ACTION_POINTS * scale))):
        meeting = rng.choice(past)
        due = timezone.localtime(meeting.starts_at).date() + timedelta(days=rng.randint(30, 400))
        recent = due > today - timedelta(days=400)
        status = rng.choice(
            (ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.DONE)
            if recent
            else (ActionStatus.DONE,) * 9 + (ActionStatus.CANCELLED,)
        )
        subject = rng.choice(SUBJECTS)
        owners = organisations[meeting.body_id]
        points.append(
            ActionPoint(
                body_id=meeting.body_id,
                meeting=meeting,
                owner_organisation=rng.choice(owners),
                due_date=due,
                status=status,
                published_at=meeting.ends_at + timedelta(days=31),
                **_translated(
                    "title",
                    (
                        f"Actie {index}: {subject[0]}",
                        f"Action {index} : {subject[1]}",
                        f"Aktion {index}: {subject[2]}",
                        f"Action {index}: {subject[3]}",
                    ),
                ),
            )
        )
    ActionPoint.objects.bulk_create(points, batch_size=BATCH)
    log(f"consultation: {len(decisions)} decisions, {len(points)} action points")

    # The published version of each past meeting's minutes, as publishing makes it.
    versions = []
    for meeting in Meeting.objects.filter(pk__in=[m.pk for m in past]).select_related(
        "body", "chair_country", "minutes"
    ):
        versions.append(
            MinutesVersion(
                minutes=meeting.minutes,
                number=1,
                published_at=meeting.minutes.published_at,
                published_by_id=None,
                content=minutes_content(meeting=meeting, minutes=meeting.minutes),
            )
        )
    counts = _finish(versions, log, bodies, meetings, items, people, decisions, points)
    counts.update(_objectives(rng, scale, bodies[0], decisions, points, log))
    CONSULTATION.bump()
    return counts


def _finish(versions, log, bodies, meetings, items, people, decisions, points) -> dict[str, int]:
    from apps.accounts.models import User

    publisher = User.objects.filter(groups__name=Role.SECRETARIAT).order_by("pk").first()
    for version in versions:
        version.published_by = publisher
    MinutesVersion.objects.bulk_create(versions, batch_size=500)
    log(f"consultation: {len(versions)} published minutes")
    CONSULTATION.bump()  # bulk inserts send no signals: cached pages, lists and calendar entries are obsolete
    return {
        "consultation.Body": len(bodies),
        "consultation.Meeting": len(meetings),
        "consultation.AgendaItem": len(items),
        "consultation.Attendance": len(people),
        "consultation.Decision": len(decisions),
        "consultation.ActionPoint": len(points),
        "consultation.MinutesVersion": len(versions),
    }


# Work programmes, objectives and activities --------------------------------------------------------------------------

STATUSES = ("on_track", "on_track", "at_risk", "done", "not_started", "dropped")


def _objectives(rng: random.Random, scale: float, sop: Body, decisions, points, log) -> dict[str, int]:
    """Programmes of four years over the ten (and the running one), each of ``OBJECTIVES`` objectives of
    ``ACTIVITIES`` activities at scale 1.0, with an update every four to eight months on each activity until today;
    the working groups of the accounts bench steered by the Strategic Consultation."""
    today = timezone.localdate()
    now = timezone.now()
    groups = list(Organisation.objects.filter(kind=OrganisationKind.WORKING_GROUP).order_by("pk"))
    WorkingGroup.objects.bulk_create(
        [WorkingGroup(organisation=organisation, body=sop) for organisation in groups], ignore_conflicts=True
    )
    services = list(
        Organisation.objects.filter(kind=OrganisationKind.POLICE_SERVICE, country__is_member=True).order_by("pk")
    )
    leads = groups * 3 + services
    from apps.accounts.models import User

    authors = list(User.objects.filter(groups__name=Role.SECRETARIAT).order_by("pk")[:5]) or [None]
    members = {
        organisation_id: pk
        for pk, organisation_id in User.objects.filter(groups__name=Role.WORKING_GROUP_MEMBER)
        .order_by("pk")
        .values_list("pk", "organisation_id")
    }
    first_year = today.year - YEARS + 1
    programmes = Programme.objects.bulk_create(
        [
            Programme(
                body=sop,
                start_year=start,
                end_year=start + PROGRAMME_YEARS - 1,
                **_translated(
                    "title",
                    (
                        f"Benelux-werkplan {start}-{start + PROGRAMME_YEARS - 1}",
                        f"Plan de travail Benelux {start}-{start + PROGRAMME_YEARS - 1}",
                        f"Benelux-Arbeitsplan {start}-{start + PROGRAMME_YEARS - 1}",
                        f"Benelux work plan {start}–{start + PROGRAMME_YEARS - 1}",
                    ),
                ),
            )
            for start in range(first_year, today.year + 1, PROGRAMME_YEARS)
        ]
    )
    per_programme = max(2, round(OBJECTIVES * scale))
    objectives = Objective.objects.bulk_create(
        [
            Objective(
                programme=programme,
                number=number,
                owner_body=sop,
                target_date=date(programme.end_year, 12, 31),
                status=rng.choice(STATUSES[:4]) if programme.end_year >= today.year else "done",
                **_translated(
                    "title",
                    (
                        f"Doelstelling {number}: {subject[0]}",
                        f"Objectif {number} : {subject[1]}",
                        f"Ziel {number}: {subject[2]}",
                        f"Objective {number}: {subject[3]}",
                    ),
                ),
            )
            for programme in programmes
            for number, subject in ((n, rng.choice(SUBJECTS)) for n in range(1, per_programme + 1))
        ],
        batch_size=BATCH,
    )
    programme_of = {programme.pk: programme for programme in programmes}
    activities = []
    for objective in objectives:
        programme = programme_of[objective.programme_id]
        for number in range(1, ACTIVITIES + 1):
            starts_on = date(programme.start_year, rng.randint(1, 12), rng.randint(1, 28))
            due_on = min(starts_on + timedelta(days=rng.randint(180, 1400)), date(programme.end_year, 12, 31))
            due_on = max(due_on, starts_on)
            subject = rng.choice(SUBJECTS)
            activities.append(
                Activity(
                    objective=objective,
                    number=number,
                    lead=rng.choice(leads),
                    starts_on=starts_on,
                    due_on=due_on,
                    changed_at=now - timedelta(days=rng.randint(1, 3000)),
                    **_translated(
                        "title",
                        (
                            f"Activiteit {number}: {subject[0]}",
                            f"Activité {number} : {subject[1]}",
                            f"Aktivität {number}: {subject[2]}",
                            f"Activity {number}: {subject[3]}",
                        ),
                    ),
                )
            )
    updates = []
    for activity in activities:
        moment = datetime.combine(activity.starts_on, time(10), tzinfo=BRUSSELS) + timedelta(days=rng.randint(20, 90))
        status, progress = "not_started", 0
        while moment < now and status not in ("done", "dropped"):
            previous = (status, progress)
            progress = min(100, progress + rng.randint(5, 25))
            status = "done" if progress == 100 else rng.choice(STATUSES[:3])
            if rng.random() < 0.02:
                status = "dropped"
            updates.append(
                ProgressUpdate(
                    activity=activity,
                    author_id=members.get(activity.lead_id) or authors[0].pk,
                    created_at=moment,
                    text="De werkgroep kwam bijeen; de volgende stappen zijn afgesproken.",
                    language="nl",
                    status=status,
                    progress=progress,
                    previous_status=previous[0],
                    previous_progress=previous[1],
                )
            )
            activity.status, activity.progress, activity.changed_at = status, progress, moment
            moment += timedelta(days=rng.randint(120, 240))
    Activity.objects.bulk_create(activities, batch_size=BATCH)
    ProgressUpdate.objects.bulk_create(updates, batch_size=BATCH)
    linked = activities[::7]
    chosen = rng.sample(decisions, min(len(decisions), len(linked)))
    links = [
        Activity.decisions.through(activity_id=activity.pk, decision_id=decision.pk)
        for activity, decision in zip(linked, chosen, strict=False)
    ]
    Activity.decisions.through.objects.bulk_create(links, batch_size=BATCH)
    log(
        f"consultation: {len(programmes)} work programmes, {len(objectives)} objectives, {len(activities)} activities, "
        f"{len(updates)} progress updates"
    )
    return {
        "consultation.Programme": len(programmes),
        "consultation.Objective": len(objectives),
        "consultation.Activity": len(activities),
        "consultation.ProgressUpdate": len(updates),
    }
