"""The liaison officer network in the permission grid (see apps/core/grid.py).

The rule (issue 19): a liaison officer edits only their own record; a coordinator edits their own country's records;
everyone logged in reads the network: coverage, the map, the directory, the almanac, officers, postings and desks
(contact details only police users: a matter of what a page shows, checked by the app's own tests). Administrators
(superusers) may do everything a coordinator does, in both countries (``permissions.py``).

Belgium and the Netherlands post liaison officers; Luxembourg has none of its own. The samples:

- an officer of BE and of NL, each the record of that country's liaison officer in the grid (``liaison.be``,
  ``liaison.nl``); the sample "of LU" is a Belgian officer without a portal account (as most officers are), which
  only the Belgian coordinators (and administrators) keep, and confirm for;
- a posting and an absence of each of those officers;
- a desk run by BE, one run by NL, and (for LU) a joint Benelux desk, which the coordinators of both countries keep.

A Luxembourg coordinator (a Grand-Ducal Police officer given the role) coordinates nobody: Luxembourg sends no
officers, so the role gives them nothing beyond what every police officer may do.

Whoever may not change a record they see (every record is seen by everyone logged in) is refused with a 403; a
coordinator's page (new officer, new desk, stale records) is refused to the others with a 403.
"""

from datetime import timedelta

from django.utils import timezone

from apps.accounts.choices import Role
from apps.core.grid import OK, REFUSED, Check, Route, Sample, everyone

SENDING = ("BE", "NL")
COORDINATOR = Role.LIAISON_COORDINATOR


def _today():
    return timezone.localdate()


def _coordinates(who, country: str) -> bool:
    """A coordinator of ``country``'s officers, or an administrator (of every country)."""
    return who.role == Role.ADMINISTRATOR or (who.role == COORDINATOR and who.country == country)


def _is_coordinator(who) -> bool:
    return who.role == Role.ADMINISTRATOR or (who.role == COORDINATOR and who.country in SENDING)


def coordinators(who, made=None) -> str:
    """A coordinator's page: new officers and desks, the stale records of their country."""
    return OK if _is_coordinator(who) else REFUSED


def _officer_of(made):
    obj = made.obj
    return getattr(obj, "officer", obj)


def keeps(who, made) -> str:
    """The officer themself, or a coordinator of the officer's sending country."""
    officer = _officer_of(made)
    own = officer.user_id is not None and officer.user_id == who.user.pk
    return OK if own or _coordinates(who, officer.sending_country) else REFUSED


def confirms(who, made) -> str:
    """The officer confirms their own record; a coordinator confirms for an officer who has no portal account."""
    officer = made.obj
    if officer.user_id is not None:
        return OK if officer.user_id == who.user.pk else REFUSED
    return OK if _coordinates(who, officer.sending_country) else REFUSED


def keeps_desk(who, made) -> str:
    """A country's coordinators keep its desks; both countries' the joint Benelux desks."""
    run_by = made.obj.run_by
    if who.role == Role.ADMINISTRATOR:
        return OK
    return OK if who.role == COORDINATOR and who.country in SENDING and run_by in (who.country, "BNL") else REFUSED


# The samples, through the services -----------------------------------------------------------------------------------


def _desk(world, country):
    from .models import Desk
    from .services import desk_create

    run_by = country if country in SENDING else "BNL"
    name = f"Grid desk {run_by}"
    found = Desk.objects.filter(name_en=name).first()
    if found is not None:
        return found
    return desk_create(
        actor=world.person(COORDINATOR, "BE" if run_by == "BNL" else run_by).user,
        kind="embassy",
        run_by=run_by,
        country="CO",
        city="Bogotá",
        name_en=name,
        is_active=True,
    )


def _officer(world, country):
    """The record of the country's liaison officer (BE, NL); for LU, a Belgian officer without an account."""
    from .models import LiaisonOfficer
    from .services import officer_create

    last_name = f"Grid {country}"
    found = LiaisonOfficer.objects.filter(last_name=last_name).first()
    if found is not None:
        return found
    sending = country if country in SENDING else "BE"
    account = {"user": world.person(Role.LIAISON_OFFICER, country).user} if country in SENDING else {}
    return officer_create(
        actor=world.person(COORDINATOR, sending).user,
        first_name="Officer",
        last_name=last_name,
        sending_country=sending,
        email=f"grid.{country.lower()}@police.example",
        phone="+32 2 000 00 00",
        **account,
    )


def _posting(world, country):
    from .services import posting_create

    officer = _officer(world, country)
    found = officer.postings.first()
    if found is not None:
        return found
    return posting_create(
        actor=world.person(COORDINATOR, officer.sending_country).user,
        officer=officer,
        desk=_desk(world, country),
        function="Police liaison officer",
        starts_on=_today() - timedelta(days=365),
        ends_on=_today() + timedelta(days=300),
        focus_areas=["drugs"],
        accredited_countries=["EC"],
    )


def _absence(world, country):
    from .services import absence_create

    officer = _posting(world, country).officer
    return absence_create(
        actor=world.person(COORDINATOR, officer.sending_country).user,
        officer=officer,
        starts_on=_today() + timedelta(days=10),
        ends_on=_today() + timedelta(days=20),
        note="Leave",
    )


DESK = Sample("desk", _desk)
OFFICER = Sample("liaison officer", _officer)
POSTING = Sample("posting", _posting)
ABSENCE = Sample("absence", _absence)


# The bodies that make a change succeed for those allowed -----------------------------------------------------------


def _officer_form(who, made=None) -> dict:
    data = {"first_name": "Eva", "last_name": "Janssens", "sending_country": who.country or "BE", "phone": "+32 2"}
    if data["sending_country"] not in SENDING:
        data["sending_country"] = "BE"
    return data


def _record_form(who, made) -> dict:
    officer = made.obj
    data = {"first_name": officer.first_name, "last_name": officer.last_name, "rank": "Commissioner"}
    # A coordinator's form also holds the sending country and the account, which stay as they are.
    data["sending_country"] = officer.sending_country
    if officer.user_id is not None:
        data["user"] = officer.user.username
    return data


def _posting_form(who, made) -> dict:
    posting = made.obj if hasattr(made.obj, "desk_id") else None
    if posting is None:  # a new posting of the officer, after their current one
        return {"desk": _desk_of(made).pk, "starts_on": (_today() + timedelta(days=400)).isoformat()}
    return {
        "desk": posting.desk_id,
        "function": "Deputy liaison officer",
        "starts_on": posting.starts_on.isoformat(),
        "ends_on": posting.ends_on.isoformat(),
        "focus_areas": ["drugs"],
    }


def _desk_of(made):
    from .models import Desk

    return Desk.objects.filter(name_en__startswith="Grid desk").order_by("pk").first()


def _absence_form(who, made) -> dict:
    absence = made.obj if hasattr(made.obj, "backup_id") else None
    if absence is None:
        starts = _today() + timedelta(days=40)
        return {"starts_on": starts.isoformat(), "ends_on": (starts + timedelta(days=5)).isoformat()}
    return {"starts_on": absence.starts_on.isoformat(), "ends_on": absence.ends_on.isoformat(), "note": "Training"}


def _desk_form(who, made=None) -> dict:
    run_by = made.obj.run_by if made else (who.country if who.country in SENDING else "BNL")
    return {
        "kind": "embassy",
        "run_by": run_by,
        "country": "PE",
        "city": "Lima",
        "name_en": "Embassy in Lima",
        "covers_host_country": "on",
        "is_active": "on",
    }


def _changes(expect, data):
    """The page of a change: its form (GET) and the change (POST, a redirect to the record when done)."""
    return [Check("GET", expect), Check("POST", expect, data, ok=302)]


ROUTES = [
    # Pages everyone logged in reads.
    Route("liaison:index", [Check("GET", everyone)]),
    Route("liaison:coverage", [Check("GET", everyone)], kwargs=lambda obj: {"code": "CO"}),
    Route("liaison:directory", [Check("GET", everyone)]),
    Route("liaison:almanac_pdf", [Check("GET", everyone)]),
    Route("liaison:almanac_xlsx", [Check("GET", everyone)]),
    Route("liaison:desks", [Check("GET", everyone)]),
    # "My posting": the officer's own record (a redirect to it), or how to get one.
    Route("liaison:mine", [Check("GET", everyone, ok=frozenset({200, 302}))]),
    Route("liaison:officer", [Check("GET", everyone)], OFFICER),
    Route("liaison:desk", [Check("GET", everyone)], DESK),
    # The coordinators' pages.
    Route("liaison:stale", [Check("GET", coordinators)]),
    Route("liaison:officer_create", _changes(coordinators, _officer_form)),
    Route("liaison:desk_create", _changes(coordinators, _desk_form)),
    # A record: its officer and their coordinators.
    Route("liaison:officer_edit", _changes(keeps, _record_form), OFFICER),
    Route("liaison:officer_confirm", [Check("POST", confirms, ok=302)], OFFICER),
    Route("liaison:posting_create", _changes(keeps, _posting_form), OFFICER),
    Route("liaison:posting_edit", _changes(keeps, _posting_form), POSTING),
    Route("liaison:posting_delete", [Check("POST", keeps, ok=302)], POSTING),
    Route("liaison:absence_create", _changes(keeps, _absence_form), OFFICER),
    Route("liaison:absence_edit", _changes(keeps, _absence_form), ABSENCE),
    Route("liaison:absence_delete", [Check("POST", keeps, ok=302)], ABSENCE),
    Route("liaison:desk_edit", _changes(keeps_desk, _desk_form), DESK),
    # The API reads the network (records are kept on the pages).
    Route("liaison-api:officer-list", [Check("GET", everyone)]),
    Route("liaison-api:officer-detail", [Check("GET", everyone)], OFFICER),
    Route("liaison-api:posting-list", [Check("GET", everyone)]),
    Route("liaison-api:posting-detail", [Check("GET", everyone)], POSTING),
    Route("liaison-api:coverage-list", [Check("GET", everyone)]),
    Route("liaison-api:coverage-detail", [Check("GET", everyone)], kwargs=lambda obj: {"iso": "CO"}),
]
