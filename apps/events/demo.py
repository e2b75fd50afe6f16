"""Demo data of the event calendar: real events and places of the three countries, over this year and the next.

Loaded after the accounts demo (its organisations and people). Safe to load twice: an event that exists
already (same English title and organiser) is left alone, so a second run writes nothing.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.easter import easter
from django.db import transaction
from django.utils import timezone

from apps.accounts.models import Country, Organisation, User

from .models import Event, TrainingRegistration
from .services import event_create, event_update, training_registration_save

BRUSSELS = "Europe/Brussels"
AMSTERDAM = "Europe/Amsterdam"
LUXEMBOURG = "Europe/Luxembourg"


def _at(day: date, hour: int, minute: int, zone: str) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(zone))


def _last_weekday(year: int, month: int, weekday: int) -> date:
    """The last Monday (0) … Sunday (6) of a month."""
    day = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def _next_weekday(start: date, weekday: int) -> date:
    return start + timedelta(days=(weekday - start.weekday()) % 7)


def _titles(nl: str, fr: str, de: str, en: str) -> dict:
    return {"title_nl": nl, "title_fr": fr, "title_de": de, "title_en": en}


def _descriptions(nl: str, fr: str, de: str, en: str) -> dict:
    return {"description_nl": nl, "description_fr": fr, "description_de": de, "description_en": en}


def _places(nl: str, fr: str, de: str, en: str) -> dict:
    return {"place_nl": nl, "place_fr": fr, "place_de": de, "place_en": en}


def _events(today: date) -> list[dict]:
    year = today.year
    # The next European Council in Brussels: a Thursday and Friday about four weeks from now.
    summit = _next_weekday(today + timedelta(days=24), 3)
    spring_summit = _next_weekday(date(year + 1, 3, 15), 3)
    ash_wednesday = {y: easter(y) - timedelta(days=46) for y in (year, year + 1)}
    training_nl = _next_weekday(today + timedelta(days=15), 1)
    training_be = _next_weekday(date(year + 1, 3, 8), 1)
    training_lu = _next_weekday(date(year + 1, 5, 10), 2)
    grand_prix = _last_weekday(year, 7, 4)  # the Friday of the last weekend of July
    border_action = _next_weekday(today + timedelta(days=10), 3)
    return [
        {
            **_titles("Koningsdag", "Fête du Roi (Koningsdag)", "Königstag (Koningsdag)", "King's Day"),
            **_descriptions(
                "Nationale feestdag met vrijmarkten, concerten en het bezoek van de koninklijke familie aan een "
                "gemeente. Drukte in Amsterdam en alle grote steden; valt 27 april op een zondag, dan is het "
                "feest op zaterdag 26 april.",
                "Fête nationale avec marchés libres, concerts et visite de la famille royale dans une commune. "
                "Forte affluence à Amsterdam et dans les grandes villes.",
                "Nationalfeiertag mit Flohmärkten, Konzerten und dem Besuch der königlichen Familie in einer "
                "Gemeinde. Großer Andrang in Amsterdam und allen Großstädten.",
                "National holiday with street markets, concerts and the royal family's visit to one town. "
                "Crowds in Amsterdam and every large city; when 27 April is a Sunday the holiday moves to "
                "Saturday 26 April.",
            ),
            "kind": "royal_state",
            "country": "NL",
            "organiser": ("NL", "POLNL"),
            **_places(
                "Binnenstad van Amsterdam en heel Nederland",
                "Centre d'Amsterdam et l'ensemble des Pays-Bas",
                "Amsterdamer Innenstadt und die ganzen Niederlande",
                "Amsterdam city centre and throughout the Netherlands",
            ),
            "starts_at": _at(date(year, 4, 27), 7, 0, AMSTERDAM),
            "ends_at": _at(date(year, 4, 28), 0, 0, AMSTERDAM),
            "time_zone": AMSTERDAM,
            "expected_attendance": 700000,
            "risk_level": "high",
            "assistance_expected": True,
            "recurrence_rule": "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=27",
        },
        {
            **_titles(
                "Formule 1 – Grote Prijs van België",
                "Formule 1 – Grand Prix de Belgique",
                "Formel 1 – Großer Preis von Belgien",
                "Formula 1 – Belgian Grand Prix",
            ),
            **_descriptions(
                "Raceweekend op het circuit van Spa-Francorchamps: zware verkeersdruk op de E40/E42 en de "
                "N62, campings rond het circuit. Nederlandse en Luxemburgse ondersteuning voor verkeer en "
                "openbare orde. Data volgen de FIA-kalender.",
                "Week-end de course au circuit de Spa-Francorchamps : forte pression sur l'E40/E42 et la N62, "
                "campings autour du circuit. Appui néerlandais et luxembourgeois pour la circulation et "
                "l'ordre public. Dates selon le calendrier de la FIA.",
                "Rennwochenende auf dem Circuit de Spa-Francorchamps: starker Verkehr auf E40/E42 und N62, "
                "Campingplätze rund um die Strecke. Niederländische und luxemburgische Unterstützung für "
                "Verkehr und öffentliche Ordnung. Termine nach dem FIA-Kalender.",
                "Race weekend at the Circuit de Spa-Francorchamps: heavy traffic on the E40/E42 and the N62, "
                "camp sites around the circuit. Dutch and Luxembourg support for traffic and public order. "
                "Dates follow the FIA calendar.",
            ),
            "kind": "sports",
            "country": "BE",
            "organiser": ("BE", "FEDPOL"),
            **_places(
                "Circuit van Spa-Francorchamps, Stavelot",
                "Circuit de Spa-Francorchamps, Stavelot",
                "Circuit de Spa-Francorchamps, Stablo",
                "Circuit de Spa-Francorchamps, Stavelot",
            ),
            "starts_at": _at(grand_prix, 8, 0, BRUSSELS),
            "ends_at": _at(grand_prix + timedelta(days=2), 20, 0, BRUSSELS),
            "time_zone": BRUSSELS,
            "expected_attendance": 380000,
            "risk_level": "high",
            "assistance_expected": True,
            "recurrence_rule": "FREQ=YEARLY;BYMONTH=7;BYDAY=FR;BYSETPOS=-1",
        },
        {
            **_titles(
                "Boerenbetoging bij de Europese instellingen",
                "Manifestation d'agriculteurs aux institutions européennes",
                "Bauernprotest bei den europäischen Institutionen",
                "Farmers' demonstration at the European institutions",
            ),
            **_descriptions(
                "Europese landbouworganisaties betogen met tractoren tijdens de Europese Raad. Tractoren uit "
                "Nederland en Luxemburg rijden via de E19, E40 en E411 naar Brussel.",
                "Les organisations agricoles européennes manifestent avec des tracteurs pendant le Conseil "
                "européen. Des tracteurs des Pays-Bas et du Luxembourg rejoignent Bruxelles par l'E19, l'E40 "
                "et l'E411.",
                "Europäische Landwirtschaftsverbände demonstrieren mit Traktoren während des Europäischen "
                "Rates. Traktoren aus den Niederlanden und Luxemburg fahren über E19, E40 und E411 nach Brüssel.",
                "European farmers' organisations demonstrate with tractors during the European Council. "
                "Tractors from the Netherlands and Luxembourg drive to Brussels on the E19, E40 and E411.",
            ),
            "kind": "demonstration",
            "country": "BE",
            "organiser": ("BE", "DAO"),
            **_places(
                "Schumanplein en Wetstraat, Brussel",
                "Rond-point Schuman et rue de la Loi, Bruxelles",
                "Rond-point Schuman und Rue de la Loi, Brüssel",
                "Rond-point Schuman and Rue de la Loi, Brussels",
            ),
            "starts_at": _at(summit, 7, 0, BRUSSELS),
            "ends_at": _at(summit, 19, 0, BRUSSELS),
            "time_zone": BRUSSELS,
            "expected_attendance": 10000,
            "risk_level": "critical",
            "assistance_expected": True,
        },
        {
            **_titles("Europese Raad", "Conseil européen", "Europäischer Rat", "European Council summit"),
            **_descriptions(
                "Top van de staats- en regeringsleiders van de EU in het Europagebouw. Veiligheidsperimeter "
                "rond de Wetstraat en het Schumanplein.",
                "Sommet des chefs d'État ou de gouvernement de l'UE au bâtiment Europa. Périmètre de sécurité "
                "autour de la rue de la Loi et du rond-point Schuman.",
                "Gipfel der Staats- und Regierungschefs der EU im Europa-Gebäude. Sicherheitsbereich rund um "
                "die Rue de la Loi und den Schuman-Kreisverkehr.",
                "Summit of the EU heads of state or government in the Europa building. Security perimeter "
                "around Rue de la Loi and Schuman roundabout.",
            ),
            "kind": "summit",
            "country": "BE",
            "organiser": ("BE", "FEDPOL"),
            **_places(
                "Europagebouw, Wetstraat 155, Brussel",
                "Bâtiment Europa, rue de la Loi 155, Bruxelles",
                "Europa-Gebäude, Rue de la Loi 155, Brüssel",
                "Europa building, Rue de la Loi 155, Brussels",
            ),
            "starts_at": _at(summit, 9, 0, BRUSSELS),
            "ends_at": _at(summit + timedelta(days=1), 20, 0, BRUSSELS),
            "time_zone": BRUSSELS,
            "expected_attendance": 4000,
            "risk_level": "high",
            "assistance_expected": False,
        },
        {
            **_titles(
                "Europese Raad (voorjaar)",
                "Conseil européen (printemps)",
                "Europäischer Rat (Frühjahr)",
                "European Council summit (spring)",
            ),
            "kind": "summit",
            "country": "BE",
            "organiser": ("BE", "FEDPOL"),
            **_places(
                "Europagebouw, Wetstraat 155, Brussel",
                "Bâtiment Europa, rue de la Loi 155, Bruxelles",
                "Europa-Gebäude, Rue de la Loi 155, Brüssel",
                "Europa building, Rue de la Loi 155, Brussels",
            ),
            "starts_at": _at(spring_summit, 9, 0, BRUSSELS),
            "ends_at": _at(spring_summit + timedelta(days=1), 20, 0, BRUSSELS),
            "time_zone": BRUSSELS,
            "expected_attendance": 4000,
            "risk_level": "high",
            "assistance_expected": False,
        },
        {
            **_titles(
                "Voorbereiding Europese Raad – alleen Belgische diensten",
                "Préparation du Conseil européen – services belges uniquement",
                "Vorbereitung Europäischer Rat – nur belgische Dienste",
                "European Council preparation briefing – Belgian services only",
            ),
            **_descriptions(
                "Operationele briefing van DAO met de lokale politiezone Brussel-Hoofdstad-Elsene.",
                "Briefing opérationnel de la DAO avec la zone de police Bruxelles-Capitale-Ixelles.",
                "Operative Besprechung der DAO mit der Polizeizone Brüssel-Hauptstadt-Ixelles.",
                "Operational briefing of DAO with the Brussels-Capital-Ixelles police zone.",
            ),
            "kind": "other",
            "country": "BE",
            "organiser": ("BE", "FEDPOL"),
            **_places(
                "Federale Politie, Koningsstraat 202A, Brussel",
                "Police fédérale, rue Royale 202A, Bruxelles",
                "Föderale Polizei, Rue Royale 202A, Brüssel",
                "Federal Police, Rue Royale 202A, Brussels",
            ),
            "starts_at": _at(summit - timedelta(days=2), 14, 0, BRUSSELS),
            "ends_at": _at(summit - timedelta(days=2), 16, 0, BRUSSELS),
            "time_zone": BRUSSELS,
            "risk_level": "medium",
            "visibility": "country",
        },
        {
            **_titles(
                "Nationale feestdag van Luxemburg",
                "Fête nationale luxembourgeoise",
                "Luxemburger Nationalfeiertag",
                "Luxembourg National Day",
            ),
            **_descriptions(
                "Fakkeloptocht en vuurwerk op de avond van 22 juni, Te Deum en militaire parade op 23 juni.",
                "Retraite aux flambeaux et feu d'artifice le soir du 22 juin, Te Deum et défilé militaire le 23 juin.",
                "Fackelzug und Feuerwerk am Abend des 22. Juni, Te Deum und Militärparade am 23. Juni.",
                "Torchlight procession and fireworks on the evening of 22 June, Te Deum and military parade "
                "on 23 June.",
            ),
            "kind": "royal_state",
            "country": "LU",
            "organiser": ("LU", "PGD"),
            **_places(
                "Centrum van Luxemburg-Stad (Place Guillaume II, Avenue de la Liberté)",
                "Centre de Luxembourg-Ville (place Guillaume II, avenue de la Liberté)",
                "Innenstadt von Luxemburg (Place Guillaume II, Avenue de la Liberté)",
                "Luxembourg City centre (Place Guillaume II, Avenue de la Liberté)",
            ),
            "starts_at": _at(date(year, 6, 22), 18, 0, LUXEMBOURG),
            "ends_at": _at(date(year, 6, 23), 23, 0, LUXEMBOURG),
            "time_zone": LUXEMBOURG,
            "expected_attendance": 100000,
            "risk_level": "medium",
            "assistance_expected": True,
            "recurrence_rule": "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=22",
        },
        *[
            {
                **_titles(
                    f"Carnaval in Maastricht {carnival_year}",
                    f"Carnaval de Maastricht {carnival_year}",
                    f"Karneval in Maastricht {carnival_year}",
                    f"Carnival of Maastricht {carnival_year}",
                ),
                "kind": "festival",
                "country": "NL",
                "organiser": ("NL", "POLNL"),
                **_places(
                    "Vrijthof en binnenstad, Maastricht",
                    "Vrijthof et centre-ville, Maastricht",
                    "Vrijthof und Innenstadt, Maastricht",
                    "Vrijthof and city centre, Maastricht",
                ),
                "starts_at": _at(ash_wednesday[carnival_year] - timedelta(days=3), 11, 11, AMSTERDAM),
                "ends_at": _at(ash_wednesday[carnival_year], 0, 0, AMSTERDAM),
                "time_zone": AMSTERDAM,
                "expected_attendance": 150000,
                "risk_level": "medium",
                "assistance_expected": True,
            }
            for carnival_year in (year, year + 1)
        ],
        {
            **_titles(
                f"Carnaval van Binche {year + 1}",
                f"Carnaval de Binche {year + 1}",
                f"Karneval von Binche {year + 1}",
                f"Carnival of Binche {year + 1}",
            ),
            "kind": "festival",
            "country": "BE",
            "organiser": ("BE", "FEDPOL"),
            **_places(
                "Grote Markt, Binche",
                "Grand-Place, Binche",
                "Grand-Place, Binche",
                "Grand-Place, Binche",
            ),
            "starts_at": _at(ash_wednesday[year + 1] - timedelta(days=3), 8, 0, BRUSSELS),
            "ends_at": _at(ash_wednesday[year + 1], 2, 0, BRUSSELS),
            "time_zone": BRUSSELS,
            "expected_attendance": 80000,
            "risk_level": "medium",
            "assistance_expected": False,
        },
        {
            **_titles(
                "Zonder zorgen de grens over: grensoverschrijdende achtervolging",
                "Zonder zorgen de grens over : poursuite transfrontalière",
                "Zonder zorgen de grens over: grenzüberschreitende Nacheile",
                "Zonder zorgen de grens over: cross-border pursuit",
            ),
            **_descriptions(
                "Gezamenlijke training over achtervolging en observatie onder het Benelux-politieverdrag.",
                "Formation commune sur la poursuite et l'observation selon le traité de police Benelux.",
                "Gemeinsame Schulung zu Nacheile und Observation nach dem Benelux-Polizeivertrag.",
                "Joint training on pursuit and observation under the Benelux Police Treaty.",
            ),
            "kind": "training",
            "country": "NL",
            "organiser": ("NL", "POLNL"),
            **_places(
                "Politieacademie, Arnhemseweg 348, Apeldoorn",
                "Académie de police (Politieacademie), Arnhemseweg 348, Apeldoorn",
                "Polizeiakademie (Politieacademie), Arnhemseweg 348, Apeldoorn",
                "Police Academy (Politieacademie), Arnhemseweg 348, Apeldoorn",
            ),
            "starts_at": _at(training_nl, 9, 0, AMSTERDAM),
            "ends_at": _at(training_nl + timedelta(days=1), 16, 30, AMSTERDAM),
            "time_zone": AMSTERDAM,
            "expected_attendance": 40,
            "risk_level": "low",
            "registrations": [("BE", "operator.be", 8, "Inspecteur Claes"), ("LU", "operator.lu", 4, "Adjudant Weber")],
        },
        {
            **_titles(
                "Zonder zorgen de grens over: openbare orde bij grote evenementen",
                "Zonder zorgen de grens over : ordre public lors de grands événements",
                "Zonder zorgen de grens over: öffentliche Ordnung bei Großveranstaltungen",
                "Zonder zorgen de grens over: public order at large events",
            ),
            "kind": "training",
            "country": "BE",
            "organiser": ("BE", "FEDPOL"),
            **_places(
                "PIVO – Provinciaal Instituut voor Vorming, Asse",
                "PIVO – Institut provincial de formation, Asse",
                "PIVO – Provinzielles Ausbildungsinstitut, Asse",
                "PIVO – Provincial Training Institute, Asse",
            ),
            "starts_at": _at(training_be, 9, 0, BRUSSELS),
            "ends_at": _at(training_be, 17, 0, BRUSSELS),
            "time_zone": BRUSSELS,
            "expected_attendance": 60,
            "risk_level": "low",
            "registrations": [("NL", "operator.nl", 12, "Brigadier de Vries")],
        },
        {
            **_titles(
                "Zonder zorgen de grens over: samenwerking tussen meldkamers",
                "Zonder zorgen de grens over : coopération entre salles de contrôle",
                "Zonder zorgen de grens over: Zusammenarbeit der Leitstellen",
                "Zonder zorgen de grens over: control-room cooperation",
            ),
            "kind": "training",
            "country": "LU",
            "organiser": ("LU", "PGD"),
            **_places(
                "Cité policière Grand-Duc Henri, Luxemburg-Kalchesbruck",
                "Cité policière Grand-Duc Henri, Luxembourg-Kalchesbruck",
                "Cité policière Grand-Duc Henri, Luxemburg-Kalchesbruck",
                "Grand Duke Henri police headquarters (Cité policière), Luxembourg-Kalchesbruck",
            ),
            "starts_at": _at(training_lu, 9, 0, LUXEMBOURG),
            "ends_at": _at(training_lu, 16, 0, LUXEMBOURG),
            "time_zone": LUXEMBOURG,
            "expected_attendance": 30,
            "risk_level": "low",
        },
        {
            **_titles(
                "Gezamenlijke actie tegen drugsrunners bij Hazeldonk",
                "Action commune contre les « drugsrunners » à Hazeldonk",
                "Gemeinsame Aktion gegen Drogenkuriere bei Hazeldonk",
                "Joint action against drug runners at Hazeldonk",
            ),
            **_descriptions(
                "Controles op de A16/E19 en de parallelwegen aan beide kanten van de grens bij Hazeldonk en Meer, "
                "met de Belgische politie (Hazeldonk-overleg). Alleen voor Nederland en België.",
                "Contrôles sur l'A16/E19 et les routes parallèles des deux côtés de la frontière à Hazeldonk et "
                "Meer, avec la police belge (concertation de Hazeldonk). Réservé aux Pays-Bas et à la Belgique.",
                "Kontrollen auf der A16/E19 und den Parallelstraßen beiderseits der Grenze bei Hazeldonk und Meer, "
                "mit der belgischen Polizei (Hazeldonk-Konsultation). Nur für die Niederlande und Belgien.",
                "Checks on the A16/E19 and the parallel roads on both sides of the border at Hazeldonk and Meer, "
                "with the Belgian police (Hazeldonk consultation). For the Netherlands and Belgium only.",
            ),
            "kind": "other",
            "country": "NL",
            "organiser": ("NL", "POLNL"),
            **_places(
                "Grensovergang Hazeldonk (A16/E19), Breda",
                "Passage frontière de Hazeldonk (A16/E19), Breda",
                "Grenzübergang Hazeldonk (A16/E19), Breda",
                "Border crossing Hazeldonk (A16/E19), Breda",
            ),
            "starts_at": _at(border_action, 18, 0, AMSTERDAM),
            "ends_at": _at(border_action + timedelta(days=1), 2, 0, AMSTERDAM),
            "time_zone": AMSTERDAM,
            "risk_level": "medium",
            "assistance_expected": True,
            "visibility": "partners",
            "shared_with": ["BE"],
        },
    ]


@transaction.atomic
def load() -> None:
    secretariat = User.objects.get(username="secretariat")
    countries = {country.code: country for country in Country.objects.all()}
    organisations = {
        (org.country.code if org.country_id else None, org.short_name): org
        for org in Organisation.objects.select_related("country")
    }
    today = timezone.localdate()
    for spec in _events(today):
        spec = dict(spec)
        registrations = spec.pop("registrations", [])
        organiser = organisations[spec.pop("organiser")]
        spec["country"] = countries[spec["country"]]
        if "shared_with" in spec:
            spec["shared_with"] = [countries[code] for code in spec["shared_with"]]
        event = Event.objects.filter(title_en=spec["title_en"], organiser=organiser).first()
        if event is None:
            event = event_create(actor=secretariat, organiser=organiser, **spec)
        elif not all(getattr(event, f"place_{code}") for code in ("nl", "fr", "de", "en")):
            # Loaded before places were translated: give them in every language.
            places = {name: value for name, value in spec.items() if name.startswith("place_")}
            event = event_update(event=event, actor=secretariat, **places)
        for code, username, participants, contact in registrations:
            if not TrainingRegistration.objects.filter(event=event, country__code=code).exists():
                training_registration_save(
                    actor=User.objects.get(username=username),
                    event=event,
                    participants=participants,
                    contact_name=contact,
                )
