"""Bodies, meetings and their record for the tests, written through the services (as the secretariat)."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from apps.accounts.models import Organisation, User
from apps.consultation import services
from apps.consultation.caching import CONSULTATION
from apps.consultation.models import Activity, Body, Membership, Objective, ProgressUpdate, Topic

BRUSSELS = ZoneInfo("Europe/Brussels")
JUNE_2022 = datetime(2022, 6, 14, 10, 0, tzinfo=BRUSSELS)


def user(username: str) -> User:
    return User.objects.select_related("organisation__country").get(username=username)


def organisation(code: str | None, short_name: str) -> Organisation:
    """The organisation of this country and short name (``code`` None: a joint Benelux body, the secretariat)."""
    if code is None:
        return Organisation.objects.get(country__isnull=True, short_name=short_name)
    return Organisation.objects.get(country__code=code, short_name=short_name)


def make_body(code: str, members, *, public: bool = False, names: dict | None = None) -> Body:
    """A body with these member organisations ((country, short name) pairs)."""
    names = names or {"en": f"Consultation {code}"}
    body = Body.objects.create(
        code=code, decisions_public=public, **{f"name_{lang}": text for lang, text in names.items()}
    )
    for country, short_name in members:
        Membership.objects.create(body=body, organisation=organisation(country, short_name))
    return body


def make_meeting(body: Body, *, starts_at: datetime = JUNE_2022, hours: int = 4, actor=None, **fields):
    values = {
        "body": body,
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=hours),
        "format": "in_person",
        "place": "Benelux Secretariat-General, Brussels",
        "language": "en",
        **fields,
    }
    return services.meeting_create(actor=actor or user("secretariat"), **values)


def add_item(meeting, title: str, *, actor=None, **fields):
    return services.agenda_item_create(meeting=meeting, actor=actor or user("secretariat"), title_en=title, **fields)


def topic(code: str = "cooperation", name: str = "Police cooperation") -> Topic:
    found, _created = Topic.objects.get_or_create(code=code, defaults={"name_en": name})
    return found


def publish_minutes(meeting, actor=None):
    actor = actor or user("secretariat")
    services.minutes_approve(meeting=meeting, actor=actor)
    return services.minutes_publish(meeting=meeting, actor=actor)


# Work programmes, objectives and activities ----------------------------------------------------------------------


def make_working_group(body: Body, short_name: str = "WG-CR", *, members=()):
    """A working group of the accounts demo (``WG-CR``: control-room cooperation) steered by ``body``, with users
    seconded to it."""
    return services.working_group_upsert(
        actor=user("admin"),
        organisation=organisation(None, short_name),
        body=body,
        members=[user(name) for name in members],
    )


def make_programme(body: Body, start_year: int = 2017, end_year: int = 2020, *, title: str | None = None):
    return services.programme_create(
        actor=user("secretariat"),
        body=body,
        start_year=start_year,
        end_year=end_year,
        title_en=title or f"Benelux work programme {start_year}–{end_year}",
    )


def make_objective(programme, title: str = "Sign a new Benelux Police Treaty", *, target_date=None, **fields):
    return services.objective_create(
        programme=programme,
        actor=user("secretariat"),
        title_en=title,
        target_date=target_date or date(programme.end_year, 12, 31),
        **fields,
    )


def make_activity(objective, title: str = "The Benelux smartphone app", *, lead=None, starts_on=None, due_on=None, **f):
    return services.activity_create(
        objective=objective,
        actor=user("secretariat"),
        title_en=title,
        lead=lead or organisation(None, "WG-CR"),
        starts_on=starts_on or date(objective.programme.start_year, 1, 1),
        due_on=due_on or date(objective.programme.end_year, 6, 30),
        **f,
    )


def post_update(activity, status: str, progress: int, *, by: str = "liaison.nl", text: str = "Progress.", **fields):
    return services.progress_update_post(
        activity=activity, actor=user(by), text=text, status=status, progress=progress, **fields
    )


def big_programme(programme, *, objectives: int = 50, per: int = 10) -> None:
    """50 objectives of 10 activities each, an update on every activity (bulk: no signal, so the version is moved
    on by hand)."""
    leads = [organisation(None, "WG-CR"), organisation("NL", "POLNL"), organisation("LU", "PGD")]
    rows = Objective.objects.bulk_create(
        Objective(
            programme=programme,
            number=index + 1,
            title_en=f"Objective {index}",
            target_date=date(2020, 12, 31),
            owner_body=programme.body,
        )
        for index in range(objectives)
    )
    activities = Activity.objects.bulk_create(
        Activity(
            objective=objective,
            number=number + 1,
            title_en=f"Activity {objective.number}.{number + 1}",
            lead=leads[number % 3],
            starts_on=date(2017, 1, 1),
            due_on=date(2019 + number % 3, 6, 30),
            status=("on_track", "at_risk", "done", "not_started")[number % 4],
            progress=(40, 20, 100, 0)[number % 4],
            changed_at=datetime(2026, 1, 5, tzinfo=UTC),
        )
        for objective in rows
        for number in range(per)
    )
    author = user("secretariat")
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            activity=activity,
            author=author,
            created_at=datetime(2026, 1, 5, tzinfo=UTC),
            text="Progress as planned.",
            status=activity.status,
            progress=activity.progress,
            previous_status="not_started",
            previous_progress=0,
        )
        for activity in activities
    )
    CONSULTATION.bump()
