"""The event calendar in the permission grid (see apps/core/grid.py).

The sample of a country is a joint training visible to that country only, organised by its police service: its people
see it, the others' do not, except the Benelux secretariat, which sees every country's events and reads (only) those a
country keeps to itself. A second sample of a country is a joint training shared with the next country (BE with NL,
NL with LU, LU with BE): the people of both see it, the third country's do not (404). Operators, the secretariat and
members of police services (chiefs, liaison officers and their coordinators) add events; the people of a member
country register it for trainings they see (the secretariat, a joint body of no country, has none to register); the
organiser's organisation changes and deletes an event, and the secretariat those shared with every partner (a partner
country's police service sees a shared event but does not change it: 403). Working-group members and administrators
(of a working group or the secretariat, no police service) only read.
"""

from datetime import UTC, datetime, timedelta

from apps.accounts.choices import Role
from apps.core.grid import HIDDEN, OK, REFUSED, Check, Route, Sample, everyone, next_country, only

from .choices import EventKind, Visibility

# Members of police services are the chiefs, the liaison officers and their coordinators.
POLICE_SERVICE = (Role.POLICE_CHIEF, Role.LIAISON_OFFICER, Role.LIAISON_COORDINATOR)
ADDING = (Role.OPERATOR, Role.SECRETARIAT, *POLICE_SERVICE)
# The people of the police service that organises the sample (as its chief made it), besides the secretariat.
ORGANISER = POLICE_SERVICE
STARTS = datetime(2031, 5, 12, 8, tzinfo=UTC)


def _training(world, country, **sharing):
    from .selectors import event_list_visible_to
    from .services import event_create

    chief = world.person(Role.POLICE_CHIEF, country).user
    event = event_create(
        actor=chief,
        title_en=f"Joint public-order training {country}",
        kind=EventKind.TRAINING,
        country=chief.organisation.country,
        place="Training centre",
        starts_at=STARTS,
        ends_at=STARTS + timedelta(days=2),
        time_zone="Europe/Brussels",
        **(sharing or {"visibility": Visibility.ORGANISER_COUNTRY}),
    )
    return event_list_visible_to(user=chief).get(pk=event.pk)


def _shared_training(world, country):
    from apps.accounts.models import Country

    partner = Country.objects.get(code=next_country(country))
    return _training(world, country, visibility=Visibility.PARTNERS, shared_with=[partner])


def _feed_token(world, country):
    from .services import feed_token_get_or_create

    return feed_token_get_or_create(user=world.person(Role.OPERATOR, country).user)


TRAINING = Sample("restricted training", _training)
SHARED = Sample("training shared with the next country", _shared_training)
FEED = Sample("calendar feed address", _feed_token)


def _sees(who, made) -> bool:
    if who.role == Role.SECRETARIAT:
        return True
    if made.obj.visibility == Visibility.PARTNERS:
        return who.country in (made.country, next_country(made.country))
    return who.country == made.country


def _reads(who, made) -> str:
    return OK if _sees(who, made) else HIDDEN


def _changes(who, made) -> str:
    """The organiser's people; the secretariat reads a country's restricted event and does not change it."""
    if not _sees(who, made):
        return HIDDEN
    return OK if who.role in ORGANISER and who.country == made.country else REFUSED


def _registers(who, made) -> str:
    if not _sees(who, made):
        return HIDDEN
    return OK if who.role in ADDING and who.country is not None else REFUSED


def _form(who, made=None) -> dict:
    return {
        "title_en": "Cycling classic",
        "kind": EventKind.SPORTS,
        "country": who.country or "BE",
        "place_en": "Market square",
        "starts_at": "2031-06-01T09:00",
        "ends_at": "2031-06-01T18:00",
        "time_zone": "Europe/Brussels",
        "risk_level": "medium",
        "visibility": Visibility.ALL_PARTNERS,
    }


def _json(who, made=None) -> dict:
    return {
        "title_en": "Cycling classic",
        "kind": EventKind.SPORTS,
        "country": who.country or "BE",
        "place": "Market square",
        "starts_at": "2031-06-01T09:00:00+02:00",
        "ends_at": "2031-06-01T18:00:00+02:00",
        "time_zone": "Europe/Brussels",
    }


def _registration(who, made) -> dict:
    return {"participants": 4, "contact_name": "Duty desk", "contact_email": "desk@police.example", "note": ""}


ROUTES = [
    Route("events:index", [Check("GET", everyone)]),
    Route("events:week", [Check("GET", everyone)]),
    Route("events:list", [Check("GET", everyone)]),
    # The list's exports: its own address with ``?export=``, as the list (holding only what the reader may see).
    *[
        Route("events:list", [Check("GET", everyone)], label=f"export {query}", query=query)
        for query in ("export=csv", "from=2031-05-01&to=2031-05-31&sort=-risk&export=xlsx")
    ],
    Route("events:create", [Check("GET", only(*ADDING)), Check("POST", only(*ADDING), _form, ok=302)]),
    Route("events:detail", [Check("GET", _reads)], TRAINING),
    Route("events:edit", [Check("GET", _changes), Check("POST", _changes, _form, ok=302)], TRAINING),
    Route("events:delete", [Check("POST", _changes, ok=302)], TRAINING),
    Route("events:register", [Check("POST", _registers, _registration, ok=302)], TRAINING),
    Route("events:ics", [Check("GET", _reads)], TRAINING),
    # Shared with chosen partner countries: seen in the organiser's country and the next, a 404 in the third.
    Route("events:detail", [Check("GET", _reads)], SHARED, label="shared"),
    Route("events:edit", [Check("GET", _changes)], SHARED, label="shared"),
    Route("events:register", [Check("POST", _registers, _registration, ok=302)], SHARED, label="shared"),
    Route("events:ics", [Check("GET", _reads)], SHARED, label="shared"),
    Route(
        "events:feed_settings",
        [Check("GET", everyone), Check("POST", everyone, lambda who, made: {"action": "create"}, ok=302)],
    ),
    # The secret address is the credential: whoever has it reads the feed, without logging in.
    Route("events:feed", [Check("GET", everyone)], FEED, kwargs=lambda token: {"key": token.key}, public=True),
    Route(
        "events-api:event-list",
        [Check("GET", everyone), Check("POST", only(*ADDING), _json, ok=201, json=True)],
    ),
    Route("events-api:feed", [Check("GET", everyone)]),
    Route(
        "events-api:event-detail",
        [
            Check("GET", _reads),
            Check("PUT", _changes, _json, json=True),
            Check("PATCH", _changes, lambda who, made: {"place": "Sports hall"}, json=True),
            Check("DELETE", _changes, ok=204),
        ],
        TRAINING,
    ),
    Route("events-api:event-detail", [Check("GET", _reads)], SHARED, label="shared"),
]
