"""Bodies, meetings and their record for the tests, written through the services (as the secretariat)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from apps.accounts.models import Organisation, User
from apps.consultation import services
from apps.consultation.models import Body, Membership, Topic

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
