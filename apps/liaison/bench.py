"""Ten years of the liaison network for the benchmark: 1,000 officers at scale 1.0, each with ten years of postings
(three or four, one after the other), their accreditations and absences, at about 150 desks around the world.

Bulk inserts (no audit history rows: load-test data, not a record of changes), reproducible from the seed; the
network's version is moved on by hand afterwards (``bulk_create`` sends no signal). The first bench liaison
officers get records linked to their accounts.

``URLS``: what ``make bench`` measures (see apps/accounts/bench.py): the map of every country, one country's
coverage, the directory search, and the API lists of officers, postings and coverage, for every role.
"""

import random
from collections.abc import Callable
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django_countries import countries

from apps.accounts import bench as accounts_bench
from apps.accounts.choices import Role
from apps.accounts.models import User

from .caching import NETWORK
from .choices import LANGUAGE_CODES, DeskKind, DeskOperator, FocusArea, SendingCountry
from .demo import PRIORITIES
from .models import Absence, Accreditation, Desk, LiaisonOfficer, Posting, PriorityCountry

OFFICERS = 1_000
DESKS = 150
YEARS = 10
BATCH = 5_000
LINKED_ACCOUNTS = 20

FIRST_NAMES = {
    "BE": ["Koen", "Lies", "Sofie", "Pieter", "Nathalie", "Jérôme", "Amélie", "Wouter", "Inès", "Thomas", "Elise"],
    "NL": ["Sanne", "Bram", "Marloes", "Daan", "Fleur", "Joris", "Anouk", "Ruben", "Iris", "Sem", "Lotte"],
}
LAST_NAMES = {
    "BE": ["Peeters", "Janssens", "Maes", "Dubois", "Lambert", "Wouters", "Claes", "Lemaire", "Goossens", "Dupont"],
    "NL": ["de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos"],
}
# The desks are in the capitals of the first 150 countries that are not Benelux members, by ISO code.
CITY = "Capital"


URLS = [
    ("map", "/liaison/", "*"),
    ("coverage of a country", "/liaison/coverage/CO/", "*"),
    ("directory search", "/liaison/directory/?q=drugs", "*"),
    ("api liaison-officers", "/api/v1/liaison-officers", "*"),
    ("api postings", "/api/v1/postings", "*"),
    ("api coverage", "/api/v1/coverage", "*"),
    ("api coverage of a country", "/api/v1/coverage/CO", "*"),
]


def _desks(rng: random.Random, count: int) -> list[Desk]:
    codes = [country.code for country in sorted(countries, key=lambda country: country.code)]
    codes = [code for code in codes if code not in ("BE", "NL", "LU")]
    desks = []
    for number in range(count):
        code = codes[number % len(codes)] if number < len(codes) else rng.choice(codes)
        run_by = rng.choice(
            [DeskOperator.BELGIUM, DeskOperator.NETHERLANDS, DeskOperator.BELGIUM, DeskOperator.BENELUX]
        )
        name = f"{run_by} desk {number:03d} ({code})"
        desks.append(
            Desk(
                name=name,
                name_nl=name,
                name_fr=name,
                name_de=name,
                name_en=name,
                kind=DeskKind.EMBASSY,
                run_by=run_by,
                country=code,
                city=f"{CITY} {code}",
                is_pilot=run_by == DeskOperator.BENELUX,
            )
        )
    europol = "Liaison bureaux at Europol"
    desks.append(
        Desk(
            name=europol,
            name_en=europol,
            kind=DeskKind.INTERNATIONAL,
            run_by=DeskOperator.BENELUX,
            country="NL",
            city="The Hague",
            covers_host_country=False,
        )
    )
    return Desk.objects.bulk_create(desks, batch_size=BATCH)


@transaction.atomic
def generate(*, scale: float, seed: int, log: Callable[[str], None]) -> dict[str, int]:
    rng = random.Random(f"liaison-{seed}")
    desks = _desks(rng, max(2, round(DESKS * scale)))
    codes = [country.code for country in countries if country.code not in ("BE", "NL", "LU")]
    focus = FocusArea.values
    today = timezone.localdate()
    first_day = date(today.year - YEARS, 1, 1)
    now = timezone.now()
    accounts = list(
        User.objects.filter(username__startswith=f"{accounts_bench.USERNAME_PREFIX}{Role.LIAISON_OFFICER}-")
        .order_by("username")
        .values_list("pk", flat=True)[:LINKED_ACCOUNTS]
    )
    officers = []
    for number in range(max(1, round(OFFICERS * scale))):
        country = rng.choice(SendingCountry.values)
        officers.append(
            LiaisonOfficer(
                user_id=accounts[number] if number < len(accounts) else None,
                first_name=rng.choice(FIRST_NAMES[country]),
                last_name=f"{rng.choice(LAST_NAMES[country])}-{number:04d}",
                sending_country=country,
                rank=rng.choice(["Inspector", "Chief inspector", "Commissioner"]),
                languages=rng.sample(LANGUAGE_CODES, 3),
                email=f"lo{number:04d}@lo.{country.lower()}.police.example",
                phone=f"+32 2 555 {number:04d}",
                confirmed_at=now - timedelta(days=rng.randrange(0, 400)),
            )
        )
    LiaisonOfficer.objects.bulk_create(officers, batch_size=BATCH)
    postings = []
    for officer in officers:
        day = first_day + timedelta(days=rng.randrange(0, 400))
        while day < today:
            length = timedelta(days=rng.randrange(3 * 365, 4 * 365))
            ends_on = day + length
            postings.append(
                Posting(
                    officer=officer,
                    desk=rng.choice(desks),
                    function="Police liaison officer",
                    starts_on=day,
                    ends_on=None if ends_on > today and rng.random() < 0.5 else ends_on,
                    focus_areas=rng.sample(focus, 2),
                )
            )
            day = ends_on + timedelta(days=1)
    Posting.objects.bulk_create(postings, batch_size=BATCH)
    accreditations = []
    for posting in postings:
        for code in rng.sample(codes, rng.randrange(0, 4)):
            if code != posting.desk.country.code:
                accreditations.append(Accreditation(posting=posting, country=code, starts_on=posting.starts_on))
    Accreditation.objects.bulk_create(accreditations, batch_size=BATCH)
    absences = []
    for officer in officers:
        day = first_day + timedelta(days=rng.randrange(0, 120))
        while day < today + timedelta(days=120):
            length = rng.randrange(3, 21)
            backup = rng.choice(officers)
            absences.append(
                Absence(
                    officer=officer,
                    starts_on=day,
                    ends_on=day + timedelta(days=length - 1),
                    backup=None if backup is officer else backup,
                )
            )
            day += timedelta(days=rng.randrange(150, 250))
    Absence.objects.bulk_create(absences, batch_size=BATCH)
    priorities = [
        PriorityCountry(country=code, focus_areas=areas, reason=reasons[3], reason_en=reasons[3])
        for code, areas, reasons in PRIORITIES
        if not PriorityCountry.objects.filter(country=code).exists()
    ]
    PriorityCountry.objects.bulk_create(priorities)
    NETWORK.bump()  # bulk inserts send no signals: cached pages and API answers are obsolete
    log(
        f"liaison: {len(officers)} officers, {len(desks)} desks, {len(postings)} postings, "
        f"{len(accreditations)} accreditations, {len(absences)} absences"
    )
    return {
        "liaison.Desk": len(desks),
        "liaison.LiaisonOfficer": len(officers),
        "liaison.Posting": len(postings),
        "liaison.Accreditation": len(accreditations),
        "liaison.Absence": len(absences),
    }
