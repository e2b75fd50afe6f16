"""The brochure for the benchmark: ten published editions of 300 sections each, in four languages.

A brochure does not grow with the years as requests do, so its size does not follow ``scale``: ten editions of a
brochure of 300 sections (twelve chapters of 25) with 15 contact points, each edition a copy of the one before in
which some twenty sections were rewritten, as the secretariat's editions are. Bulk inserts (no audit history:
load-test data), reproducible from the seed; each body is rendered once (``Section.render``) however many editions
carry it.

``URLS``: the reader's pages, search (p95 under 50 ms) and the API lists, for every role.
"""

import random
import uuid
from collections.abc import Callable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .caching import BROCHURE
from .choices import LANGUAGES, MemberCountry, Tag
from .models import Chapter, ContactEntry, Edition, Section

EDITIONS = 10
CHAPTERS = 12
SECTIONS_PER_CHAPTER = 25
CONTACTS = 15
REWRITTEN_PER_EDITION = 20
BATCH = 2_000

WORDS = {
    "nl": [
        "achtervolging",
        "achtervolgingen",
        "grens",
        "politie",
        "observatie",
        "meldkamer",
        "patrouille",
        "bijstand",
        "verdachte",
        "voertuig",
        "verzoek",
        "gastland",
        "toestemming",
        "informatie",
        "contactpunt",
        "verbindingsofficier",
        "evenement",
        "waterkanon",
        "politiehond",
        "nummerplaat",
        "gegevens",
        "verdrag",
        "onderzoek",
        "eenheid",
        "begeleiding",
        "agent",
        "aanhouding",
        "kust",
        "snelweg",
        "station",
    ],
    "fr": [
        "poursuite",
        "poursuites",
        "frontière",
        "police",
        "observation",
        "salle",
        "contrôle",
        "patrouille",
        "assistance",
        "suspect",
        "véhicule",
        "demande",
        "autorisation",
        "information",
        "contact",
        "officier",
        "liaison",
        "événement",
        "autopompe",
        "chien",
        "plaque",
        "données",
        "traité",
        "enquête",
        "unité",
        "escorte",
        "policier",
        "arrestation",
        "côte",
        "autoroute",
        "gare",
    ],
    "de": [
        "Nacheile",
        "Grenze",
        "Polizei",
        "Observation",
        "Leitstelle",
        "Streife",
        "Unterstützung",
        "Verdächtiger",
        "Fahrzeug",
        "Ersuchen",
        "Gaststaat",
        "Zustimmung",
        "Information",
        "Kontaktstelle",
        "Verbindungsbeamter",
        "Veranstaltung",
        "Wasserwerfer",
        "Polizeihund",
        "Kennzeichen",
        "Daten",
        "Vertrag",
        "Ermittlung",
        "Einheit",
        "Begleitung",
        "Beamter",
        "Festnahme",
        "Küste",
        "Autobahn",
        "Bahnhof",
    ],
    "en": [
        "pursuit",
        "pursuits",
        "border",
        "police",
        "observation",
        "control",
        "room",
        "patrol",
        "assistance",
        "suspect",
        "vehicle",
        "request",
        "host",
        "consent",
        "information",
        "contact",
        "liaison",
        "officer",
        "event",
        "water",
        "cannon",
        "dog",
        "plate",
        "data",
        "treaty",
        "investigation",
        "unit",
        "escort",
        "arrest",
        "coast",
        "motorway",
        "station",
    ],
}
GLUE = {
    "nl": ("De", "van de", "meldt", "bij de", "en"),
    "fr": ("La", "de la", "signale", "à la", "et"),
    "de": ("Die", "der", "meldet", "bei der", "und"),
    "en": ("The", "of the", "reports", "to the", "and"),
}


# The chapters keep their keys from edition to edition, and the bench's are the same whatever the seed: the
# measured addresses are known without asking the database.
CHAPTER_KEYS = [uuid.uuid5(uuid.NAMESPACE_URL, f"benelux-portal-bench/brochure/chapter/{n}") for n in range(CHAPTERS)]

URLS = [
    ("contents", "/brochure/", "*"),
    ("chapter", f"/brochure/chapters/{CHAPTER_KEYS[0]}/", "*"),
    ("contact points", "/brochure/contacts/", "*"),
    ("what changed", "/brochure/changes/", "*"),
    ("search page", "/brochure/search/?q=achtervolging", "*", 50),
    ("whole brochure pdf", f"/brochure/editions/{EDITIONS}/brochure.pdf?lang=fr", "*"),
    ("offline reader copy", "/brochure/reader/edition.json?lang=de", "*"),
    ("api search", "/api/v1/brochure/search?q=poursuite&lang=fr", "*", 50),
    ("api search, falling back", "/api/v1/brochure/search?q=Nacheile&lang=en", "*", 50),
    ("api sections", "/api/v1/brochure/sections?lang=de", "*"),
    ("api editions", "/api/v1/brochure/editions", "*"),
    ("api contacts", "/api/v1/brochure/contacts", "*"),
]


def _sentence(rng: random.Random, code: str) -> str:
    words = WORDS[code]
    the, of, reports, to, and_ = GLUE[code]
    return (
        f"{the} {rng.choice(words)} {of} {rng.choice(words)} {reports} {rng.choice(words)} {to} "
        f"{rng.choice(words)} {and_} {rng.choice(words)}."
    )


def _body(rng: random.Random, code: str) -> str:
    paragraphs = [
        " ".join(_sentence(rng, code) for _ in range(rng.randrange(2, 5))) for _ in range(rng.randrange(2, 4))
    ]
    if rng.random() < 0.3:
        paragraphs.append("\n".join(f"- {_sentence(rng, code)}" for _ in range(3)))
    return "\n\n".join(paragraphs)


class _Rendered:
    """Each body's HTML and text, worked out once."""

    def __init__(self):
        self.known: dict[tuple, Section] = {}

    def apply(self, section: Section, bodies: dict) -> None:
        key = tuple(bodies[code] for code in LANGUAGES)
        done = self.known.get(key)
        if done is None:
            done = Section(**{f"body_{code}": bodies[code] for code in LANGUAGES})
            done.render()
            self.known[key] = done
        for code in LANGUAGES:
            setattr(section, f"body_{code}", bodies[code])
            setattr(section, f"body_html_{code}", getattr(done, f"body_html_{code}"))
            setattr(section, f"body_text_{code}", getattr(done, f"body_text_{code}"))


@transaction.atomic
def generate(*, scale: float, seed: int, log: Callable[[str], None]) -> dict[str, int]:
    rng = random.Random(f"brochure-{seed}")
    rendered = _Rendered()
    first_day = timezone.localdate() - timedelta(days=365 * EDITIONS // 2)
    chapters = [
        {
            "key": CHAPTER_KEYS[number],
            "titles": {code: f"{rng.choice(WORDS[code]).capitalize()} {number + 1}" for code in LANGUAGES},
        }
        for number in range(CHAPTERS)
    ]
    sections = [
        {
            "key": uuid.UUID(int=rng.getrandbits(128)),
            "chapter": number // SECTIONS_PER_CHAPTER,
            "position": number % SECTIONS_PER_CHAPTER + 1,
            "titles": {code: f"{' '.join(rng.sample(WORDS[code], 3)).capitalize()}" for code in LANGUAGES},
            "bodies": {code: _body(rng, code) for code in LANGUAGES},
            "tags": sorted(rng.sample(Tag.values, rng.randrange(1, 3)), key=Tag.values.index),
            "countries": sorted(rng.sample(MemberCountry.values, rng.randrange(1, 4)), key=MemberCountry.values.index),
        }
        for number in range(CHAPTERS * SECTIONS_PER_CHAPTER)
    ]
    contacts = [
        {
            "key": uuid.UUID(int=rng.getrandbits(128)),
            "country": MemberCountry.values[number % 3],
            "names": {code: f"{rng.choice(WORDS[code]).capitalize()} {number + 1}" for code in LANGUAGES},
            "phone": f"+3{2 + number % 3} 555 {number:02d} {rng.randrange(100):02d}",
        }
        for number in range(CONTACTS)
    ]
    counts = {"brochure.Edition": 0, "brochure.Chapter": 0, "brochure.Section": 0, "brochure.ContactEntry": 0}
    last_number = (
        Edition.objects.filter(status="published").order_by("-number").values_list("number", flat=True).first() or 0
    )
    for index in range(EDITIONS):
        number = last_number + index + 1
        if index:
            for section in rng.sample(sections, REWRITTEN_PER_EDITION):
                section["bodies"] = {code: _body(rng, code) for code in LANGUAGES}
        published_on = first_day + timedelta(days=index * 365 // 2)
        edition = Edition.objects.bulk_create(
            [
                Edition(
                    number=number,
                    status="published",
                    published_on=published_on,
                    published_at=timezone.now(),
                    **{f"notes_{code}": f"{GLUE[code][0]} {number}" for code in LANGUAGES},
                )
            ]
        )[0]
        made = Chapter.objects.bulk_create(
            [
                Chapter(
                    edition=edition,
                    key=chapter["key"],
                    position=position + 1,
                    **{f"title_{c}": t for c, t in chapter["titles"].items()},
                )
                for position, chapter in enumerate(chapters)
            ]
        )
        rows = []
        for facts in sections:
            section = Section(
                edition=edition,
                chapter=made[facts["chapter"]],
                key=facts["key"],
                position=facts["position"],
                tags=facts["tags"],
                countries=facts["countries"],
                **{f"title_{code}": title for code, title in facts["titles"].items()},
            )
            rendered.apply(section, facts["bodies"])
            rows.append(section)
        Section.objects.bulk_create(rows, batch_size=BATCH)
        ContactEntry.objects.bulk_create(
            [
                ContactEntry(
                    edition=edition,
                    key=facts["key"],
                    position=position + 1,
                    country=facts["country"],
                    phone=facts["phone"],
                    secure_email=f"contact{position + 1}@police.example",
                    **{f"organisation_{code}": name for code, name in facts["names"].items()},
                    **{f"hours_{code}": "24/7" for code in LANGUAGES},
                )
                for position, facts in enumerate(contacts)
            ]
        )
        counts["brochure.Edition"] += 1
        counts["brochure.Chapter"] += len(made)
        counts["brochure.Section"] += len(rows)
        counts["brochure.ContactEntry"] += len(contacts)
        log(f"brochure: edition {number} of {published_on}: {len(rows)} sections in four languages")
    BROCHURE.bump()  # bulk inserts send no signals: cached pages, searches, PDFs and API answers are obsolete
    return counts
