"""Brochures for the tests, written through the services as the secretariat writes them."""

from datetime import date

from apps.accounts.models import User
from apps.brochure import services
from apps.brochure.models import Edition


def user(username: str) -> User:
    return User.objects.get(username=username)


def four(prefix: str, **overrides) -> dict:
    """``{"title_nl": "<prefix> nl", ...}``-style values for one field in the four languages."""
    name, text = prefix.split(":", 1)
    values = {f"{name}_{code}": f"{text} ({code})" for code in ("nl", "fr", "de", "en")}
    values.update(overrides)
    return values


SECTIONS = [
    (
        "Grensoverschrijdende achtervolging",
        [
            {
                "title_nl": "Achtervolging over de grens",
                "title_fr": "Poursuite transfrontalière",
                "title_de": "Grenzüberschreitende Nacheile",
                "title_en": "Cross-border hot pursuit",
                "body_nl": "Bij achtervolgingen mag de politie de grens over zonder voorafgaande toestemming.",
                "body_fr": "Lors des poursuites, la police peut franchir la frontière sans autorisation préalable.",
                "body_de": "Bei der Nacheile darf die Polizei die Grenze ohne vorherige Zustimmung überschreiten.",
                "body_en": "In hot pursuits the police may cross the border without prior consent.",
                "tags": ["pursuit"],
                "countries": ["BE", "NL", "LU"],
            },
            {
                "title_nl": "Observatie",
                "title_fr": "Observation",
                "title_de": "Observation",
                "title_en": "Observation",
                "body_nl": "Een observatie mag over de grens worden voortgezet.",
                "body_fr": "Une observation peut être poursuivie de l'autre côté de la frontière.",
                "body_de": "Eine Observation darf jenseits der Grenze fortgesetzt werden.",
                "body_en": "An observation may be continued across the border.",
                "tags": ["observation"],
                "countries": ["NL"],
            },
        ],
    ),
    (
        "Gezamenlijke patrouilles",
        [
            {
                "title_nl": "Gemengde patrouilles in Knokke",
                "title_fr": "Patrouilles mixtes à Knokke",
                "title_de": "Gemischte Streifen in Knokke",
                "title_en": "Joint patrols in Knokke",
                "body_nl": "Nederlandse en Belgische agenten patrouilleren samen.",
                "body_fr": "Des policiers néerlandais et belges patrouillent ensemble.",
                "body_de": "Niederländische und belgische Beamte gehen gemeinsam Streife.",
                "body_en": "Dutch and Belgian officers patrol together.",
                "tags": ["patrols"],
                "countries": ["BE", "NL"],
            },
        ],
    ),
]


def build_draft(*, actor: User, content=SECTIONS) -> Edition:
    """A new draft filled with ``content``: [(chapter title (nl), [section fields, ...]), ...]."""
    draft = services.edition_start_draft(actor=actor)
    for chapter_title, sections in content:
        chapter = services.chapter_create(
            actor=actor,
            edition=draft,
            title_nl=chapter_title,
            title_fr=f"{chapter_title} (fr)",
            title_de=f"{chapter_title} (de)",
            title_en=f"{chapter_title} (en)",
        )
        for fields in sections:
            services.section_create(actor=actor, chapter=chapter, **fields)
    services.contact_create(
        actor=actor,
        edition=draft,
        country="NL",
        organisation_nl="Landelijk Operationeel Coördinatiecentrum (LOCC)",
        organisation_en="National Operational Coordination Centre (LOCC)",
        service_nl="Meldkamer",
        service_en="Control room",
        phone="+31 79 000 00 00",
        secure_email="locc@politie.example",
        hours_nl="24/7",
        hours_en="24/7",
    )
    return draft


def publish(*, actor: User, content=SECTIONS, published_on=date(2026, 3, 2)) -> Edition:
    draft = build_draft(actor=actor, content=content)
    return services.edition_publish(actor=actor, edition=draft, published_on=published_on)
