"""Demo data of the liaison network: about sixty invented liaison officers of Belgium and the Netherlands at real
embassies and missions (Latin America, Europe, Africa, the Middle East, Asia), the liaison bureaux at Europol, a
joint Benelux desk pilot in Quito, the priority countries of the cocaine flows, and the two coordinators.

The two demo liaison officers (``liaison.be``, ``liaison.nl``) get their records here; the other officers have no
portal account (only those who log in need one: their coordinator keeps and confirms their records), and the
coordinators ``coordinator.be`` and ``coordinator.nl`` are made through the accounts services. Dates are counted
from the day of loading, so the network is current whenever the demo is loaded. Safe to load twice: what exists
(a desk by its place, an officer by name, a posting by officer and desk) is left alone.
"""

import unicodedata
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from apps.accounts.choices import Role
from apps.accounts.models import Organisation, User
from apps.accounts.services import user_upsert

from . import services
from .caching import NETWORK
from .models import Absence, Desk, LiaisonOfficer, Posting, PriorityCountry

COORDINATORS = [
    (
        "coordinator.be",
        "FEDPOL",
        "Annelies",
        "Claes",
        "nl",
        "LO coordinator, Directorate of International Police Cooperation (CGI)",
    ),
    ("coordinator.nl", "POLNL", "Joost", "Visser", "nl", "LO coordinator, International Affairs (DLIO)"),
]

# How a desk is named in the four languages: (run by, kind) → templates taking the city's name in that language.
DESK_NAMES = {
    ("BE", "embassy"): {
        "nl": "Belgische ambassade in {city}",
        "fr": "Ambassade de Belgique à {city}",
        "de": "Belgische Botschaft in {city}",
        "en": "Embassy of Belgium in {city}",
    },
    ("NL", "embassy"): {
        "nl": "Nederlandse ambassade in {city}",
        "fr": "Ambassade des Pays-Bas à {city}",
        "de": "Niederländische Botschaft in {city}",
        "en": "Embassy of the Netherlands in {city}",
    },
    ("BE", "consulate"): {
        "nl": "Belgisch consulaat-generaal in {city}",
        "fr": "Consulat général de Belgique à {city}",
        "de": "Belgisches Generalkonsulat in {city}",
        "en": "Consulate General of Belgium in {city}",
    },
    ("NL", "consulate"): {
        "nl": "Nederlands consulaat-generaal in {city}",
        "fr": "Consulat général des Pays-Bas à {city}",
        "de": "Niederländisches Generalkonsulat in {city}",
        "en": "Consulate General of the Netherlands in {city}",
    },
    ("BNL", "embassy"): {
        "nl": "Gezamenlijke Benelux-desk (pilot), Nederlandse ambassade in {city}",
        "fr": "Bureau Benelux commun (projet pilote), ambassade des Pays-Bas à {city}",
        "de": "Gemeinsamer Benelux-Schalter (Pilotprojekt), Niederländische Botschaft in {city}",
        "en": "Joint Benelux desk (pilot), Embassy of the Netherlands in {city}",
    },
    ("BE", "international"): {
        "nl": "Belgisch verbindingsbureau bij Europol",
        "fr": "Bureau de liaison belge auprès d'Europol",
        "de": "Belgisches Verbindungsbüro bei Europol",
        "en": "Belgian liaison bureau at Europol",
    },
    ("NL", "international"): {
        "nl": "Nederlands verbindingsbureau bij Europol",
        "fr": "Bureau de liaison néerlandais auprès d'Europol",
        "de": "Niederländisches Verbindungsbüro bei Europol",
        "en": "Dutch liaison bureau at Europol",
    },
}

# Cities whose names differ between the languages: {city: {language: name}}.
CITY_NAMES = {
    "Mexico City": {"nl": "Mexico-Stad", "fr": "Mexico", "de": "Mexiko-Stadt", "en": "Mexico City"},
    "Brasília": {"nl": "Brasilia", "fr": "Brasilia", "de": "Brasília", "en": "Brasília"},
    "Bogotá": {"nl": "Bogotá", "fr": "Bogota", "de": "Bogotá", "en": "Bogotá"},
    "Rome": {"nl": "Rome", "fr": "Rome", "de": "Rom", "en": "Rome"},
    "Warsaw": {"nl": "Warschau", "fr": "Varsovie", "de": "Warschau", "en": "Warsaw"},
    "Bucharest": {"nl": "Boekarest", "fr": "Bucarest", "de": "Bukarest", "en": "Bucharest"},
    "Belgrade": {"nl": "Belgrado", "fr": "Belgrade", "de": "Belgrad", "en": "Belgrade"},
    "London": {"nl": "Londen", "fr": "Londres", "de": "London", "en": "London"},
    "Istanbul": {"nl": "Istanboel", "fr": "Istanbul", "de": "Istanbul", "en": "Istanbul"},
    "Beijing": {"nl": "Peking", "fr": "Pékin", "de": "Peking", "en": "Beijing"},
    "New Delhi": {"nl": "New Delhi", "fr": "New Delhi", "de": "Neu-Delhi", "en": "New Delhi"},
    "Washington": {"nl": "Washington", "fr": "Washington", "de": "Washington", "en": "Washington"},
    "Pretoria": {"nl": "Pretoria", "fr": "Pretoria", "de": "Pretoria", "en": "Pretoria"},
}


def _table(text: str) -> list[tuple]:
    """The officers" table below as tuples: lists where a column holds several words, None for "-"."""
    rows = []
    for line in text.strip().splitlines():
        cells = [cell.strip() for cell in line.split("|")]
        account, country, first, last, rank, languages, desk, years, focus, accredited, confirmed = cells
        rows.append(
            (
                None if account == "-" else account,
                country,
                first,
                last,
                rank,
                languages.split(),
                desk,
                int(years),
                focus.split(),
                [] if accredited == "-" else accredited.split(),
                None if confirmed == "-" else int(confirmed),
            )
        )
    return rows


# Desks: key, run by, kind, country, city, address.
DESKS = [
    ("be-bogota", "BE", "embassy", "CO", "Bogotá", "Calle 26 # 4A-45, Bogotá"),
    ("be-lima", "BE", "embassy", "PE", "Lima", "Av. Angamos Oeste 380, Miraflores, Lima"),
    ("be-mexico", "BE", "embassy", "MX", "Mexico City", "Alfredo Musset 41, Polanco, Mexico City"),
    ("be-brasilia", "BE", "embassy", "BR", "Brasília", "SES Av. das Nações, Qd. 809, Lote 32, Brasília"),
    ("be-santodomingo", "BE", "embassy", "DO", "Santo Domingo", ""),
    ("be-madrid", "BE", "embassy", "ES", "Madrid", "Paseo de la Castellana 18, Madrid"),
    ("be-rome", "BE", "embassy", "IT", "Rome", "Via dei Monti Parioli 49, Rome"),
    ("be-bucharest", "BE", "embassy", "RO", "Bucharest", ""),
    ("be-tirana", "BE", "embassy", "AL", "Tirana", ""),
    ("be-belgrade", "BE", "embassy", "RS", "Belgrade", ""),
    ("be-istanbul", "BE", "consulate", "TR", "Istanbul", ""),
    ("be-rabat", "BE", "embassy", "MA", "Rabat", "6 Avenue de Marrakech, Rabat"),
    ("be-kinshasa", "BE", "embassy", "CD", "Kinshasa", ""),
    ("be-dakar", "BE", "embassy", "SN", "Dakar", ""),
    ("be-abudhabi", "BE", "embassy", "AE", "Abu Dhabi", ""),
    ("be-beirut", "BE", "embassy", "LB", "Beirut", ""),
    ("be-bangkok", "BE", "embassy", "TH", "Bangkok", "Sathorn Square, 98 North Sathorn Road, Bangkok"),
    ("be-beijing", "BE", "embassy", "CN", "Beijing", ""),
    ("be-newdelhi", "BE", "embassy", "IN", "New Delhi", ""),
    ("be-europol", "BE", "international", "NL", "The Hague", "Eisenhowerlaan 73, The Hague"),
    ("nl-brasilia", "NL", "embassy", "BR", "Brasília", "SES Av. das Nações, Qd. 801, Lote 05, Brasília"),
    ("nl-bogota", "NL", "embassy", "CO", "Bogotá", "Carrera 13 # 93-40, Bogotá"),
    ("nl-panama", "NL", "embassy", "PA", "Panama City", ""),
    ("nl-mexico", "NL", "embassy", "MX", "Mexico City", ""),
    ("nl-buenosaires", "NL", "embassy", "AR", "Buenos Aires", ""),
    ("nl-paramaribo", "NL", "embassy", "SR", "Paramaribo", "Van Roseveltkade 5, Paramaribo"),
    ("nl-santodomingo", "NL", "embassy", "DO", "Santo Domingo", ""),
    ("nl-madrid", "NL", "embassy", "ES", "Madrid", ""),
    ("nl-london", "NL", "embassy", "GB", "London", "38 Hyde Park Gate, London"),
    ("nl-warsaw", "NL", "embassy", "PL", "Warsaw", ""),
    ("nl-istanbul", "NL", "consulate", "TR", "Istanbul", ""),
    ("nl-sofia", "NL", "embassy", "BG", "Sofia", ""),
    ("nl-rabat", "NL", "embassy", "MA", "Rabat", ""),
    ("nl-abuja", "NL", "embassy", "NG", "Abuja", ""),
    ("nl-nairobi", "NL", "embassy", "KE", "Nairobi", ""),
    ("nl-pretoria", "NL", "embassy", "ZA", "Pretoria", ""),
    ("nl-dubai", "NL", "consulate", "AE", "Dubai", ""),
    ("nl-amman", "NL", "embassy", "JO", "Amman", ""),
    ("nl-bangkok", "NL", "embassy", "TH", "Bangkok", ""),
    ("nl-jakarta", "NL", "embassy", "ID", "Jakarta", ""),
    ("nl-beijing", "NL", "embassy", "CN", "Beijing", ""),
    ("nl-washington", "NL", "embassy", "US", "Washington", "4200 Linnean Avenue NW, Washington"),
    ("nl-europol", "NL", "international", "NL", "The Hague", "Eisenhowerlaan 73, The Hague"),
    ("bnl-quito", "BNL", "embassy", "EC", "Quito", "Av. 12 de Octubre 1942, Quito"),
]

# Officers: account, country, first name, last name, rank, languages, desk, years at post so far, focus areas,
# accredited countries, days since the record was last confirmed ("-": none).
OFFICERS = _table(
    """
liaison.be | BE | Koen | Peeters | Chief inspector | nl fr en es | be-bogota | 2 | drugs money_laundering | VE CR | 12
liaison.nl | NL | Sanne | Bakker | Inspector | nl en pt es | nl-brasilia | 1 | drugs cybercrime | PY UY | 30
- | BE | Isabelle | Lambert | Commissioner | fr nl es en | be-lima | 3 | drugs organised_crime | BO | 40
- | BE | Thomas | Wouters | Chief inspector | nl fr es | be-mexico | 1 | drugs firearms | GT HN SV | 70
- | BE | Nathalie | Dupont | Commissioner | fr pt en | be-brasilia | 2 | drugs money_laundering | AR | 15
- | BE | Wouter | Claes | Chief inspector | nl fr es en | be-santodomingo | 2 | drugs trafficking | HT JM | 200
- | BE | Jérôme | Lemaire | Commissioner | fr es en | be-madrid | 4 | drugs fugitives | PT AD | 20
- | BE | Amélie | Goossens | Inspector | nl fr it en | be-rome | 1 | organised_crime money_laundering | MT SM VA | 55
- | BE | Pieter | Janssens | Chief inspector | nl en ro | be-bucharest | 2 | trafficking smuggling | MD BG | 90
- | BE | Inès | Dubois | Commissioner | fr nl en | be-tirana | 1 | drugs organised_crime | MK ME | 10
- | BE | Sofie | Maes | Chief inspector | nl en de | be-belgrade | 3 | firearms organised_crime | BA HR | 300
- | BE | Lies | Van den Broeck | Chief inspector | nl en tr | be-istanbul | 2 | terrorism smuggling | GE AZ | 25
- | BE | Youssef | El Amrani | Commissioner | fr nl ar en | be-rabat | 2 | drugs terrorism | DZ TN MR | 35
- | BE | Marc | Lejeune | Commissioner | fr en sw | be-kinshasa | 3 | trafficking environment | CG RW BI | 60
- | BE | Claire | Renard | Chief inspector | fr en | be-dakar | 1 | drugs smuggling | GM GN GW ML | 5
- | BE | Bart | Hermans | Chief inspector | nl en ar | be-abudhabi | 2 | money_laundering drugs | OM QA BH | 45
- | BE | Sarah | Haddad | Chief inspector | fr ar en | be-beirut | 1 | terrorism firearms | SY CY | 250
- | BE | Dirk | Verstraeten | Commissioner | nl en th | be-bangkok | 3 | child_abuse drugs | LA KH MM VN | 18
- | BE | Hélène | Mertens | Commissioner | fr nl en zh-hans | be-beijing | 2 | cybercrime vehicle_crime | MN | 80
- | BE | Rudi | Desmet | Chief inspector | nl en hi | be-newdelhi | 1 | cybercrime smuggling | NP BD LK | 28
- | BE | Katrien | Smets | Commissioner | nl fr de en | be-europol | 3 | terrorism cybercrime | - | 14
- | BE | François | Leclercq | Chief inspector | fr nl en | be-europol | 1 | drugs money_laundering | - | 6
- | BE | Annick | Peters | Chief inspector | nl fr en | be-europol | 2 | trafficking child_abuse | - | 190
- | NL | Daan | de Jong | Inspector | nl es en | nl-bogota | 2 | drugs money_laundering | VE | 22
- | NL | Fleur | van der Meer | Chief inspector | nl es en | nl-panama | 3 | drugs money_laundering | CR NI | 33
- | NL | Ruben | Smit | Inspector | nl es en | nl-mexico | 1 | drugs firearms | GT BZ | 65
- | NL | Iris | Mulder | Inspector | nl es en | nl-buenosaires | 2 | drugs fugitives | CL UY | 110
- | NL | Joris | Meijer | Chief inspector | nl en | nl-paramaribo | 2 | drugs smuggling | GY TT | 8
- | NL | Anouk | Visser | Inspector | nl es en | nl-santodomingo | 1 | drugs trafficking | PR CU | 48
- | NL | Sem | Bos | Inspector | nl es en | nl-madrid | 3 | drugs organised_crime | PT | 19
- | NL | Lotte | Hendriks | Chief inspector | nl en | nl-london | 2 | cybercrime child_abuse | IE | 75
- | NL | Bram | de Vries | Inspector | nl en pl de | nl-warsaw | 1 | trafficking vehicle_crime | LT LV EE | 12
- | NL | Emre | Yilmaz | Inspector | nl tr en | nl-istanbul | 2 | drugs smuggling | IQ | 27
- | NL | Milan | Jansen | Inspector | nl en ro | nl-sofia | 1 | trafficking smuggling | MK RO | 210
- | NL | Noor | Benali | Inspector | nl ar fr en | nl-rabat | 2 | drugs terrorism | MR | 41
- | NL | Thijs | van den Berg | Chief inspector | nl en | nl-abuja | 2 | trafficking drugs | GH BJ | 95
- | NL | Eva | Kok | Inspector | nl en sw | nl-nairobi | 3 | drugs environment | TZ UG ET | 17
- | NL | Lars | Dekker | Inspector | nl en | nl-pretoria | 1 | drugs money_laundering | MZ NA BW | 50
- | NL | Yara | Haddou | Inspector | nl ar en | nl-dubai | 2 | money_laundering fugitives | SA KW | 9
- | NL | Tim | Brouwer | Chief inspector | nl en ar | nl-amman | 1 | terrorism smuggling | IQ IL | 38
- | NL | Julia | Vermeer | Inspector | nl en th | nl-bangkok | 2 | child_abuse drugs | MY KH | 26
- | NL | Stijn | Willems | Inspector | nl en id | nl-jakarta | 3 | drugs child_abuse | PH TL | 185
- | NL | Femke | de Wit | Chief inspector | nl en zh-hans | nl-beijing | 1 | cybercrime drugs | KR | 44
- | NL | Pim | Vos | Inspector | nl en es | nl-washington | 2 | cybercrime child_abuse | CA | 21
- | NL | Maartje | Koster | Chief inspector | nl en de | nl-europol | 2 | drugs organised_crime | - | 11
- | NL | Gijs | Hoekstra | Inspector | nl en fr | nl-europol | 1 | terrorism cybercrime | - | 3
- | NL | Esther | Prins | Inspector | nl en | nl-europol | 3 | smuggling trafficking | - | 150
- | NL | Roel | Kuipers | Chief inspector | nl es en | bnl-quito | 1 | drugs money_laundering | PE | 16
- | BE | Elise | Van Damme | Chief inspector | nl fr es en | bnl-quito | 1 | drugs organised_crime | BO | 16
- | BE | Ward | Michiels | Inspector | nl es en | be-bogota | 1 | drugs | EC | 37
- | BE | Chloé | Martin | Inspector | fr es en | be-lima | 1 | drugs money_laundering | - | 52
- | BE | Stefan | Jacobs | Inspector | nl de tr en | be-istanbul | 1 | drugs organised_crime | - | 23
- | BE | Laura | De Smet | Inspector | nl fr ar en | be-rabat | 1 | smuggling | - | 205
- | BE | Olivier | Simon | Inspector | fr en es | be-santodomingo | 1 | drugs | PR | 31
- | NL | Niels | van Dam | Inspector | nl pt en | nl-brasilia | 2 | drugs money_laundering | - | 13
- | NL | Sophie | Bosman | Inspector | nl es en | nl-mexico | 2 | cybercrime money_laundering | - | 58
- | NL | Kevin | Peters | Inspector | nl es en | nl-madrid | 1 | fugitives drugs | AD | 29
- | NL | Mila | Schouten | Inspector | nl en th | nl-bangkok | 1 | trafficking | LA | 47
- | NL | Hugo | Jacobs | Inspector | nl en | nl-paramaribo | 1 | drugs | - | 7
- | NL | Lisa | Smeets | Inspector | nl en tr | nl-istanbul | 1 | terrorism | GE | 196
"""
)

# Earlier postings (the coverage history): officer (first, last), desk, years it lasted (it ended the day before the
# officer's current posting started).
EARLIER_POSTINGS = [
    (("Koen", "Peeters"), "be-lima", 4),
    (("Sanne", "Bakker"), "nl-panama", 4),
    (("Isabelle", "Lambert"), "be-mexico", 5),
    (("Daan", "de Jong"), "nl-santodomingo", 5),
    (("Fleur", "van der Meer"), "nl-bogota", 4),
    (("Jérôme", "Lemaire"), "be-rabat", 4),
]

# Absences: officer, days from today to the first day, length in days, backup.
ABSENCES = [
    (("Koen", "Peeters"), 20, 14, ("Daan", "de Jong"), "Annual leave"),
    (("Isabelle", "Lambert"), -3, 10, ("Elise", "Van Damme"), "Training in Brussels"),
    (("Fleur", "van der Meer"), 45, 21, ("Daan", "de Jong"), "Annual leave"),
    (("Emre", "Yilmaz"), 5, 7, ("Lies", "Van den Broeck"), "Mission to Ankara"),
    (("Youssef", "El Amrani"), 60, 14, ("Noor", "Benali"), ""),
]

# Priority countries: code, focus areas, reason in the four languages.
PRIORITIES = [
    (
        "CO",
        ["drugs"],
        (
            "Bronland van cocaïnestromen",
            "Pays source des flux de cocaïne",
            "Herkunftsland der Kokainströme",
            "Source country of cocaine flows",
        ),
    ),
    (
        "BR",
        ["drugs"],
        (
            "Doorvoer van cocaïne naar Europa",
            "Transit de cocaïne vers l'Europe",
            "Transit von Kokain nach Europa",
            "Transit of cocaine to Europe",
        ),
    ),
    (
        "EC",
        ["drugs"],
        (
            "Doorvoer van cocaïne naar Europa",
            "Transit de cocaïne vers l'Europe",
            "Transit von Kokain nach Europa",
            "Transit of cocaine to Europe",
        ),
    ),
    (
        "PE",
        ["drugs"],
        (
            "Bronland van cocaïnestromen",
            "Pays source des flux de cocaïne",
            "Herkunftsland der Kokainströme",
            "Source country of cocaine flows",
        ),
    ),
    (
        "PA",
        ["drugs", "money_laundering"],
        (
            "Doorvoerhaven en witwassen",
            "Port de transit et blanchiment",
            "Transithafen und Geldwäsche",
            "Transit port and money laundering",
        ),
    ),
    (
        "DO",
        ["drugs"],
        (
            "Doorvoer via het Caribisch gebied",
            "Transit par les Caraïbes",
            "Transit über die Karibik",
            "Transit through the Caribbean",
        ),
    ),
    (
        "MA",
        ["drugs", "terrorism"],
        (
            "Cannabis en hasj; terrorismebestrijding",
            "Cannabis et haschich ; antiterrorisme",
            "Cannabis und Haschisch; Terrorismusbekämpfung",
            "Cannabis and hashish; counter-terrorism",
        ),
    ),
    (
        "AL",
        ["drugs", "organised_crime"],
        (
            "Georganiseerde misdaad, cocaïnenetwerken",
            "Crime organisé, réseaux de cocaïne",
            "Organisierte Kriminalität, Kokainnetzwerke",
            "Organised crime, cocaine networks",
        ),
    ),
    (
        "TR",
        ["drugs", "smuggling"],
        (
            "Heroïneroute en mensensmokkel",
            "Route de l'héroïne et trafic de migrants",
            "Heroinroute und Schleusung",
            "Heroin route and migrant smuggling",
        ),
    ),
    (
        "NG",
        ["trafficking"],
        ("Mensenhandel", "Traite des êtres humains", "Menschenhandel", "Trafficking in human beings"),
    ),
    (
        "CI",
        ["drugs"],
        (
            "Doorvoer van cocaïne via West-Afrika",
            "Transit de cocaïne par l'Afrique de l'Ouest",
            "Kokaintransit über Westafrika",
            "Cocaine transit through West Africa",
        ),
    ),
    ("VE", ["drugs"], ("Doorvoer van cocaïne", "Transit de cocaïne", "Kokaintransit", "Cocaine transit")),
]


LANGUAGES = ("nl", "fr", "de", "en")


def _names(run_by: str, kind: str, city: str) -> dict[str, str]:
    templates = DESK_NAMES[(run_by, kind)]
    return {
        f"name_{language}": templates[language].format(city=CITY_NAMES.get(city, {}).get(language, city))
        for language in LANGUAGES
    }


def _coordinators() -> dict[str, User]:
    found = {}
    for username, short_name, first, last, language, title in COORDINATORS:
        found[username[-2:].upper()] = user_upsert(
            username=username,
            organisation=Organisation.objects.get(short_name=short_name),
            roles=[Role.LIAISON_COORDINATOR],
            password=settings.DEMO_PASSWORD,
            first_name=first,
            last_name=last,
            email=f"{username}@demo.benelux-police.example",
            preferred_language=language,
            job_title=title,
        )
    return found


def _desks(coordinators: dict[str, User]) -> dict[str, Desk]:
    desks = {}
    for key, run_by, kind, country, city, address in DESKS:
        desk = Desk.objects.filter(run_by=run_by, kind=kind, country=country, city=city).first()
        if desk is None:
            actor = coordinators["NL" if run_by == "BNL" else run_by]
            desk = services.desk_create(
                actor=actor,
                run_by=run_by,
                kind=kind,
                country=country,
                city=city,
                address=address,
                is_pilot=run_by == "BNL",
                covers_host_country=kind != "international",
                is_active=True,
                **_names(run_by, kind, city),
            )
        desks[key] = desk
    return desks


@transaction.atomic
def load() -> None:
    coordinators = _coordinators()
    desks = _desks(coordinators)
    today = timezone.localdate()
    now = timezone.now()
    officers = {}
    confirmations = {}
    for spec in OFFICERS:
        username, country, first, last, rank, languages, desk, years, focus, accredited, confirmed_days = spec
        coordinator = coordinators[country]
        account = User.objects.get(username=username) if username else None
        officer = (
            LiaisonOfficer.objects.filter(user=account).first()
            if account
            else LiaisonOfficer.objects.filter(first_name=first, last_name=last, sending_country=country).first()
        )
        if officer is None:
            slug = unicodedata.normalize("NFKD", f"{first}.{last}".lower().replace(" ", ""))
            slug = slug.encode("ascii", "ignore").decode()
            officer = services.officer_create(
                actor=coordinator,
                first_name=first,
                last_name=last,
                sending_country=country,
                rank=rank,
                languages=languages,
                email=f"{slug}@lo.{country.lower()}.police.example",
                phone=f"+32 2 555 {len(officers):04d}" if country == "BE" else f"+31 70 555 {len(officers):04d}",
                mobile=f"+32 470 55 {len(officers):02d} {len(officers):02d}"
                if country == "BE"
                else f"+31 6 5555 {len(officers):04d}",
                user=account,
            )
            if confirmed_days is not None:
                confirmations[officer.pk] = (now - timedelta(days=confirmed_days), account or coordinator)
        officers[(first, last)] = officer
        if not Posting.objects.filter(officer=officer, desk=desks[desk]).exists():
            services.posting_create(
                actor=coordinator,
                officer=officer,
                desk=desks[desk],
                function="Police liaison officer",
                starts_on=today.replace(day=1) - timedelta(days=365 * years),
                focus_areas=focus,
                accredited_countries=accredited,
            )
    for (first, last), desk, lasted in EARLIER_POSTINGS:
        officer = officers[(first, last)]
        if not Posting.objects.filter(officer=officer, desk=desks[desk]).exists():
            current = officer.postings.order_by("starts_on").first()
            ends_on = current.starts_on - timedelta(days=1)
            services.posting_create(
                actor=coordinators[officer.sending_country],
                officer=officer,
                desk=desks[desk],
                function="Police liaison officer",
                starts_on=ends_on - timedelta(days=365 * lasted),
                ends_on=ends_on,
                focus_areas=["drugs"],
            )
    for (first, last), offset, days, backup, note in ABSENCES:
        officer = officers[(first, last)]
        if not Absence.objects.filter(officer=officer).exists():
            services.absence_create(
                actor=coordinators[officer.sending_country],
                officer=officer,
                starts_on=today + timedelta(days=offset),
                ends_on=today + timedelta(days=offset + days - 1),
                backup=officers[backup],
                note=note,
            )
    for code, focus, reasons in PRIORITIES:
        if not PriorityCountry.objects.filter(country=code).exists():
            priority = PriorityCountry(country=code, focus_areas=focus)
            for language, reason in zip(LANGUAGES, reasons, strict=True):
                setattr(priority, f"reason_{language}", reason)
            priority.save()
    # When each new record was last confirmed (some longer than six months ago: the coordinators" stale lists). A
    # date in the past is no change anyone made: set directly, and the network's version moved on by hand.
    for pk, (confirmed_at, confirmed_by) in confirmations.items():
        LiaisonOfficer.objects.filter(pk=pk).update(confirmed_at=confirmed_at, confirmed_by=confirmed_by)
    if confirmations:
        NETWORK.bump()
