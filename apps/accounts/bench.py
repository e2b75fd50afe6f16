"""Ten years of accounts data for the benchmark (issue 6): 2,000 users in about 40 organisations.

Bulk inserts, reproducible from the seed, no audit history rows (load-test data, not a record of changes).
Every bench user's username starts with ``bench-`` (``bench-operator-0001``) and logs in with
``BENCH_PASSWORD`` and a code of their authenticator app (a confirmed TOTP device, as production requires);
the load run logs in as the first users of each role.

``URLS`` lists the pages and API lists of this app that ``make bench`` measures. Every app may declare its
own in its ``bench.py``: ``(name, path, role)`` or ``(name, path, role, p95 target in ms)``, where role is
an ``apps.accounts.choices.Role`` value, ``"*"`` (the ten clients use sessions of every role in turn) or
``"anonymous"`` (no session); path may be a function without arguments that the load run calls once the data
is there (to name a generated object or secret), returning the path or None to leave the row out.
"""

import random
from collections.abc import Callable

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from .choices import OrganisationKind, Role
from .demo import COUNTRIES, ORGANISATIONS
from .models import Organisation, User
from .services import country_upsert, organisation_upsert

USERNAME_PREFIX = "bench-"
BENCH_PASSWORD = "bench-password-2026"
USERS = 2_000
BATCH = 5_000

URLS = [
    ("dashboard", "/", "*"),
    ("profile", "/accounts/profile/", "*"),
    ("api me", "/api/v1/me", "*"),
    ("api organisations", "/api/v1/organisations", "*"),
    ("api countries", "/api/v1/countries", "*"),
]

# Real services beside the ten of the demo data: (country, short name, kind, name).
MORE_ORGANISATIONS = [
    ("BE", "PJF-ANT", OrganisationKind.POLICE_SERVICE, "Federale Gerechtelijke Politie Antwerpen"),
    ("BE", "PJF-BXL", OrganisationKind.POLICE_SERVICE, "Police judiciaire fédérale de Bruxelles"),
    ("BE", "PJF-LIE", OrganisationKind.POLICE_SERVICE, "Police judiciaire fédérale de Liège"),
    ("BE", "PJF-LIM", OrganisationKind.POLICE_SERVICE, "Federale Gerechtelijke Politie Limburg"),
    ("BE", "PZ-ANT", OrganisationKind.POLICE_SERVICE, "Politiezone Antwerpen"),
    ("BE", "PZ-GENT", OrganisationKind.POLICE_SERVICE, "Politiezone Gent"),
    ("BE", "ZP-BXL", OrganisationKind.POLICE_SERVICE, "Zone de police Bruxelles-Capitale Ixelles"),
    ("BE", "ZP-LIE", OrganisationKind.POLICE_SERVICE, "Zone de police de Liège"),
    ("BE", "CIC-LIM", OrganisationKind.CONTROL_ROOM, "CIC Limburg"),
    # Benelux working groups: joint bodies, of no single country.
    (None, "WG-TRAIN", OrganisationKind.WORKING_GROUP, "Benelux-werkgroep Opleiding"),
    (None, "WG-RADIO", OrganisationKind.WORKING_GROUP, "Benelux-werkgroep Grensoverschrijdende radiocommunicatie"),
    (None, "WG-ANPR", OrganisationKind.WORKING_GROUP, "Benelux-werkgroep ANPR"),
    ("NL", "EH-AMS", OrganisationKind.POLICE_SERVICE, "Politie Eenheid Amsterdam"),
    ("NL", "EH-RTM", OrganisationKind.POLICE_SERVICE, "Politie Eenheid Rotterdam"),
    ("NL", "EH-DH", OrganisationKind.POLICE_SERVICE, "Politie Eenheid Den Haag"),
    ("NL", "EH-LIM", OrganisationKind.POLICE_SERVICE, "Politie Eenheid Limburg"),
    ("NL", "EH-ZWB", OrganisationKind.POLICE_SERVICE, "Politie Eenheid Zeeland-West-Brabant"),
    ("NL", "EH-OB", OrganisationKind.POLICE_SERVICE, "Politie Eenheid Oost-Brabant"),
    ("NL", "EH-ON", OrganisationKind.POLICE_SERVICE, "Politie Eenheid Oost-Nederland"),
    ("NL", "KMAR", OrganisationKind.POLICE_SERVICE, "Koninklijke Marechaussee"),
    ("NL", "MK-LIM", OrganisationKind.CONTROL_ROOM, "Meldkamer Limburg"),
    ("NL", "MK-ZWB", OrganisationKind.CONTROL_ROOM, "Meldkamer Zuidwest"),
    ("LU", "RP-CAP", OrganisationKind.POLICE_SERVICE, "Région de police Capitale"),
    ("LU", "RP-NORD", OrganisationKind.POLICE_SERVICE, "Région de police Nord"),
    ("LU", "RP-SO", OrganisationKind.POLICE_SERVICE, "Région de police Sud-Ouest"),
    ("LU", "RP-CE", OrganisationKind.POLICE_SERVICE, "Région de police Centre-Est"),
    ("LU", "SPJ", OrganisationKind.POLICE_SERVICE, "Service de police judiciaire"),
    ("FR", "GN", OrganisationKind.POLICE_SERVICE, "Gendarmerie nationale"),
    ("DE", "POL-NRW", OrganisationKind.POLICE_SERVICE, "Polizei Nordrhein-Westfalen"),
    ("DE", "POL-RP", OrganisationKind.POLICE_SERVICE, "Polizei Rheinland-Pfalz"),
]

# Share of the users per role (the rest are police officers without a role of the portal), and the kinds of
# organisation each role works in. Operators come first: other generators give the first users most work.
ROLE_SHARES = [
    (Role.OPERATOR, 0.25, {OrganisationKind.CONTROL_ROOM}),
    (Role.POLICE_CHIEF, 0.01, {OrganisationKind.POLICE_SERVICE}),
    (Role.SECRETARIAT, 0.02, {OrganisationKind.SECRETARIAT}),
    (Role.LIAISON_OFFICER, 0.15, {OrganisationKind.POLICE_SERVICE}),
    (Role.WORKING_GROUP_MEMBER, 0.15, {OrganisationKind.WORKING_GROUP}),
    (Role.ADMINISTRATOR, 0.005, {OrganisationKind.SECRETARIAT}),
    (Role.LIAISON_COORDINATOR, 0.005, {OrganisationKind.POLICE_SERVICE}),
    (None, 0.41, {OrganisationKind.POLICE_SERVICE}),
]

# The chiefs of the Strategic Consultation lead Belgian, Dutch and Luxembourg services; liaison-officer coordinators
# work in the services of the member countries.
MEMBER_COUNTRIES_ONLY = {Role.POLICE_CHIEF, Role.LIAISON_COORDINATOR}

FIRST_NAMES = {
    "BE": ["Lies", "Koen", "Sofie", "Pieter", "Nathalie", "Jérôme", "Amélie", "Wouter", "Inès", "Thomas"],
    "NL": ["Sanne", "Bram", "Marloes", "Daan", "Fleur", "Joris", "Anouk", "Ruben", "Iris", "Sem"],
    "LU": ["Tom", "Carine", "Luc", "Sarah", "Pol", "Anne", "Marc", "Lynn", "Gilles", "Nadine"],
    "FR": ["Julien", "Camille", "Nicolas", "Claire", "Hugo", "Léa"],
    "DE": ["Jonas", "Katrin", "Lukas", "Miriam", "Felix", "Anja"],
}
LAST_NAMES = {
    "BE": ["Peeters", "Janssens", "Maes", "Dubois", "Lambert", "Wouters", "Claes", "Lemaire", "Goossens", "Dupont"],
    "NL": ["de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos"],
    "LU": ["Schmit", "Muller", "Weber", "Hoffmann", "Wagner", "Kieffer", "Thill", "Reuter", "Schiltz", "Kremer"],
    "FR": ["Martin", "Bernard", "Petit", "Durand", "Leroy", "Moreau"],
    "DE": ["Müller", "Schmidt", "Schneider", "Fischer", "Becker", "Hoffmann"],
}
JOINT_BODY_SEAT = "BE"
LANGUAGES = {"BE": ["nl", "fr", "nl", "fr", "de"], "NL": ["nl"], "LU": ["fr", "de"], "FR": ["fr"], "DE": ["de"]}
JOB_TITLES = {
    Role.OPERATOR: "Duty officer",
    Role.POLICE_CHIEF: "Chief of police",
    Role.SECRETARIAT: "Policy officer",
    Role.LIAISON_OFFICER: "Liaison officer",
    Role.WORKING_GROUP_MEMBER: "Working-group member",
    Role.ADMINISTRATOR: "Portal administrator",
    Role.LIAISON_COORDINATOR: "Liaison-officer coordinator",
    None: "Police officer",
}


def username(role: str | None, number: int) -> str:
    """``bench-operator-0001``: the load run logs in as the first of each role."""
    return f"{USERNAME_PREFIX}{role or 'officer'}-{number:04d}"


def has_data() -> bool:
    return User.objects.filter(username__startswith=USERNAME_PREFIX).exists()


def _organisations() -> list[Organisation]:
    countries = {code: country_upsert(code=code, is_member=member, names=names) for code, member, names in COUNTRIES}
    for code, short, kind, names in ORGANISATIONS:
        organisation_upsert(country=countries.get(code), kind=kind, short_name=short, names=names)
    for code, short, kind, name in MORE_ORGANISATIONS:
        names = dict.fromkeys(("nl", "fr", "de", "en"), name)
        organisation_upsert(country=countries.get(code), kind=kind, short_name=short, names=names)
    return list(Organisation.objects.select_related("country").order_by("pk"))


def _user_counts(total: int) -> list[tuple[str | None, int, set[str]]]:
    """How many users of each role; at least one of every role, whatever the scale."""
    return [(role, max(1, round(total * share)), kinds) for role, share, kinds in ROLE_SHARES]


@transaction.atomic
def generate(*, scale: float, seed: int, log: Callable[[str], None]) -> dict[str, int]:
    rng = random.Random(seed)
    organisations = _organisations()
    by_kind: dict[str, list[Organisation]] = {}
    for organisation in organisations:
        by_kind.setdefault(organisation.kind, []).append(organisation)
    # One hash for everyone: hashing 2,000 passwords would take minutes and measure nothing.
    password = make_password(BENCH_PASSWORD, salt=f"bench{seed}")
    groups = {group.name: group.pk for group in Group.objects.filter(name__in=Role.values)}
    users, roles = [], []
    for role, count, kinds in _user_counts(round(USERS * scale)):
        candidates = [organisation for kind in sorted(kinds) for organisation in by_kind.get(kind, [])]
        if role in MEMBER_COUNTRIES_ONLY:
            candidates = [organisation for organisation in candidates if organisation.country.is_member]
        for number in range(1, count + 1):
            organisation = rng.choice(candidates)
            # The staff of the joint bodies (no country) work at the Secretariat-General in Brussels.
            code = organisation.country.code if organisation.country_id else JOINT_BODY_SEAT
            first, last = rng.choice(FIRST_NAMES[code]), rng.choice(LAST_NAMES[code])
            name = username(role, number)
            users.append(
                User(
                    username=name,
                    password=password,
                    first_name=first,
                    last_name=last,
                    email=f"{name}@bench.benelux-police.example",
                    organisation=organisation,
                    preferred_language=rng.choice(LANGUAGES[code]),
                    job_title=JOB_TITLES[role],
                    is_staff=role == Role.ADMINISTRATOR,
                    is_superuser=role == Role.ADMINISTRATOR,
                )
            )
            roles.append(role)
    User.objects.bulk_create(users, batch_size=BATCH)
    memberships = [
        User.groups.through(user_id=user.pk, group_id=groups[role])
        for user, role in zip(users, roles, strict=True)
        if role
    ]
    User.groups.through.objects.bulk_create(memberships, batch_size=BATCH)
    # Production requires two-factor: every bench user has a confirmed authenticator app.
    devices = [
        TOTPDevice(user_id=user.pk, name="Authenticator app", confirmed=True, key=rng.randbytes(20).hex())
        for user in users
    ]
    TOTPDevice.objects.bulk_create(devices, batch_size=BATCH)
    log(f"accounts: {len(users)} users in {len(organisations)} organisations")
    return {
        "accounts.Organisation": len(organisations),
        "accounts.User": len(users),
        "accounts.User_groups": len(memberships),
        "otp_totp.TOTPDevice": len(devices),
    }
