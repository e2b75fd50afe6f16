"""Reference data every installation needs: legal bases, the resource catalogue, handling codes, deadlines.

Loaded by migration 0002 and again (idempotently) by the demo data and the tests, which may flush tables.
"""

import datetime

LEGAL_BASES = [
    (
        "benelux-police-treaty-2018",
        datetime.date(2023, 10, 1),
        {
            "en": "Benelux Police Treaty (Brussels, 23 July 2018)",
            "nl": "Benelux-politieverdrag (Brussel, 23 juli 2018)",
            "fr": "Traité de police Benelux (Bruxelles, 23 juillet 2018)",
            "de": "Benelux-Polizeivertrag (Brüssel, 23. Juli 2018)",
        },
    ),
    (
        "benelux-police-treaty-2004",
        datetime.date(2006, 5, 1),
        {
            "en": "Treaty on cross-border police intervention (Luxembourg, 8 June 2004)",
            "nl": "Verdrag inzake grensoverschrijdend politieel optreden (Luxemburg, 8 juni 2004)",
            "fr": "Traité en matière d'intervention policière transfrontalière (Luxembourg, 8 juin 2004)",
            "de": "Vertrag über grenzüberschreitendes polizeiliches Einschreiten (Luxemburg, 8. Juni 2004)",
        },
    ),
    (
        "prum-decision-2008",
        datetime.date(2008, 8, 26),
        {
            "en": "Council Decision 2008/615/JHA (Prüm), article 18: assistance at mass gatherings",
            "nl": "Besluit 2008/615/JBZ van de Raad (Prüm), artikel 18: bijstand bij massabijeenkomsten",
            "fr": "Décision 2008/615/JAI du Conseil (Prüm), article 18 : assistance lors de rassemblements de masse",
            "de": "Ratsbeschluss 2008/615/JI (Prüm), Artikel 18: Unterstützung bei Massenveranstaltungen",
        },
    ),
    (
        "other-agreement",
        None,
        {
            "en": "Other agreement (state it in the operational context)",
            "nl": "Andere overeenkomst (vermeld in de operationele context)",
            "fr": "Autre accord (à préciser dans le contexte opérationnel)",
            "de": "Andere Vereinbarung (im Einsatzkontext angeben)",
        },
    ),
]

# code, category, loanable, names (en, nl, fr, de), unit (en, nl, fr, de), unit of one (en, nl, fr, de), and the
# largest quantity a request line may ask (more is a typing error: a platoon is some 30 officers)
RESOURCE_TYPES = [
    (
        "public-order-unit",
        "personnel",
        False,
        ("Public-order unit", "ME-peloton / hycap-eenheid", "Unité de maintien de l'ordre", "Einsatzhundertschaft"),
        ("platoons", "pelotons", "pelotons", "Züge"),
        ("platoon", "peloton", "peloton", "Zug"),
        50,
    ),
    (
        "mounted-unit",
        "animals",
        False,
        ("Mounted unit", "Bereden eenheid", "Unité à cheval", "Reiterstaffel"),
        ("riders with horses", "ruiters met paard", "cavaliers avec chevaux", "Reiter mit Pferd"),
        ("rider with horse", "ruiter met paard", "cavalier avec cheval", "Reiter mit Pferd"),
        100,
    ),
    (
        "dog-explosives",
        "animals",
        False,
        (
            "Dog-handler team, explosives dog",
            "Hondengeleider met explosievenhond",
            "Maître-chien avec chien détecteur d'explosifs",
            "Diensthundeführer mit Sprengstoffspürhund",
        ),
        ("teams", "teams", "équipes", "Teams"),
        ("team", "team", "équipe", "Team"),
        50,
    ),
    (
        "dog-drugs",
        "animals",
        False,
        (
            "Dog-handler team, drugs dog",
            "Hondengeleider met drugshond",
            "Maître-chien avec chien détecteur de drogues",
            "Diensthundeführer mit Rauschgiftspürhund",
        ),
        ("teams", "teams", "équipes", "Teams"),
        ("team", "team", "équipe", "Team"),
        50,
    ),
    (
        "dog-tracking",
        "animals",
        False,
        (
            "Dog-handler team, tracking dog",
            "Hondengeleider met speurhond",
            "Maître-chien avec chien pisteur",
            "Diensthundeführer mit Fährtenhund",
        ),
        ("teams", "teams", "équipes", "Teams"),
        ("team", "team", "équipe", "Team"),
        50,
    ),
    (
        "dog-public-order",
        "animals",
        False,
        (
            "Dog-handler team, public-order dog",
            "Hondengeleider met surveillancehond",
            "Maître-chien avec chien d'intervention",
            "Diensthundeführer mit Schutzhund",
        ),
        ("teams", "teams", "équipes", "Teams"),
        ("team", "team", "équipe", "Team"),
        50,
    ),
    (
        "water-cannon",
        "equipment",
        True,
        ("Water cannon", "Waterwerper", "Autopompe", "Wasserwerfer"),
        ("vehicles", "voertuigen", "véhicules", "Fahrzeuge"),
        ("vehicle", "voertuig", "véhicule", "Fahrzeug"),
        20,
    ),
    (
        "armoured-vehicle",
        "equipment",
        True,
        ("Armoured vehicle", "Gepantserd voertuig", "Véhicule blindé", "Sonderwagen"),
        ("vehicles", "voertuigen", "véhicules", "Fahrzeuge"),
        ("vehicle", "voertuig", "véhicule", "Fahrzeug"),
        20,
    ),
    (
        "drone-team",
        "personnel",
        False,
        ("Drone team", "Droneteam", "Équipe drone", "Drohnenteam"),
        ("teams", "teams", "équipes", "Teams"),
        ("team", "team", "équipe", "Team"),
        20,
    ),
    (
        "traffic-unit",
        "personnel",
        False,
        (
            "Traffic unit (motorcycles)",
            "Verkeerseenheid (motoren)",
            "Unité de circulation (motos)",
            "Verkehrseinheit (Kräder)",
        ),
        ("officers", "agenten", "agents", "Beamte"),
        ("officer", "agent", "agent", "Beamter"),
        200,
    ),
    (
        "patrol-officers",
        "personnel",
        False,
        (
            "Patrol officers (joint patrols)",
            "Agenten voor gemengde patrouilles",
            "Agents pour patrouilles mixtes",
            "Beamte für gemeinsame Streifen",
        ),
        ("officers", "agenten", "agents", "Beamte"),
        ("officer", "agent", "agent", "Beamter"),
        500,
    ),
    (
        "special-intervention",
        "personnel",
        False,
        (
            "Special intervention unit",
            "Speciale interventie-eenheid",
            "Unité spéciale d'intervention",
            "Spezialeinheit",
        ),
        ("teams", "teams", "équipes", "Teams"),
        ("team", "team", "équipe", "Team"),
        20,
    ),
    (
        "crowd-barrier",
        "equipment",
        True,
        ("Mobile barriers", "Mobiele hekken", "Barrières mobiles", "Mobile Sperrgitter"),
        ("sets", "sets", "lots", "Sätze"),
        ("set", "set", "lot", "Satz"),
        200,
    ),
    (
        "specialised-equipment",
        "equipment",
        True,
        (
            "Specialised equipment (state it)",
            "Gespecialiseerd materieel (vermelden)",
            "Équipement spécialisé (à préciser)",
            "Spezialausrüstung (angeben)",
        ),
        ("items", "stuks", "pièces", "Stück"),
        ("item", "stuk", "pièce", "Stück"),
        100,
    ),
]

HANDLING_CODES = [
    (
        "H0",
        ("No restriction", "Geen beperking", "Aucune restriction", "Keine Einschränkung"),
        (
            "May be used for any police purpose.",
            "Mag voor elk politiedoel worden gebruikt.",
            "Peut être utilisé à toute fin policière.",
            "Darf für jeden polizeilichen Zweck verwendet werden.",
        ),
    ),
    (
        "H1",
        (
            "Not in judicial proceedings without permission",
            "Niet in gerechtelijke procedures zonder toestemming",
            "Pas dans une procédure judiciaire sans autorisation",
            "Nicht ohne Zustimmung in Gerichtsverfahren",
        ),
        (
            "Not to be used as evidence without the provider's permission.",
            "Niet als bewijs gebruiken zonder toestemming van de verstrekker.",
            "Ne pas utiliser comme preuve sans l'autorisation du fournisseur.",
            "Ohne Zustimmung des Absenders nicht als Beweismittel verwenden.",
        ),
    ),
    (
        "H2",
        (
            "Not to be disseminated without permission",
            "Niet verder verspreiden zonder toestemming",
            "Ne pas diffuser sans autorisation",
            "Ohne Zustimmung nicht weitergeben",
        ),
        (
            "Not to be passed on to anyone else without the provider's permission.",
            "Niet aan derden doorgeven zonder toestemming van de verstrekker.",
            "Ne pas transmettre à des tiers sans l'autorisation du fournisseur.",
            "Ohne Zustimmung des Absenders nicht an Dritte weitergeben.",
        ),
    ),
    (
        "H3",
        (
            "Restricted: conditions stated",
            "Beperkt: voorwaarden vermeld",
            "Restreint : conditions indiquées",
            "Eingeschränkt: Bedingungen angegeben",
        ),
        (
            "Other restrictions apply, as stated in the request.",
            "Andere beperkingen gelden, zoals in het verzoek vermeld.",
            "D'autres restrictions s'appliquent, comme indiqué dans la demande.",
            "Weitere Einschränkungen gelten, wie im Ersuchen angegeben.",
        ),
    ),
]

DEADLINES = [("immediate", 1), ("urgent", 8), ("routine", 168)]
LANGS = ("en", "nl", "fr", "de")


def _upsert(model, lookup: dict, values: dict) -> None:
    """Create, or update only what differs, so that a second load writes nothing (no history rows).

    The untranslated base columns (``name``, ...) are only set on creation: at run time
    modeltranslation maps them to the active language, so they are not compared.
    """
    # Only the fields the model has at this point of the migrations (0002 loads an older model than the last).
    known = {field.name for field in model._meta.get_fields()}
    values = {field: value for field, value in values.items() if field in known}
    instance, created = model.objects.get_or_create(**lookup, defaults=values)
    base = {"name", "unit", "unit_one", "description"}
    changed = [field for field, value in values.items() if field not in base and getattr(instance, field) != value]
    if not created and changed:
        for field in changed:
            setattr(instance, field, values[field])
        instance.save(update_fields=changed)


def load(apps) -> None:
    """Create or update the reference data (idempotent); ``apps`` is an app registry."""
    LegalBasis = apps.get_model("assistance", "LegalBasis")
    ResourceType = apps.get_model("assistance", "ResourceType")
    HandlingCode = apps.get_model("assistance", "HandlingCode")
    AnswerDeadline = apps.get_model("assistance", "AnswerDeadline")
    for code, in_force, names in LEGAL_BASES:
        _upsert(
            LegalBasis,
            {"code": code},
            {
                "in_force_from": in_force,
                "name": names["en"],
                **{f"name_{lang}": names[lang] for lang in LANGS},
            },
        )
    for code, category, loanable, names, units, units_of_one, max_per_line in RESOURCE_TYPES:
        values = {
            "category": category,
            "is_loanable": loanable,
            "name": names[0],
            "unit": units[0],
            "unit_one": units_of_one[0],
            "max_per_line": max_per_line,
        }
        values.update({f"name_{lang}": name for lang, name in zip(LANGS, names, strict=True)})
        values.update({f"unit_{lang}": unit for lang, unit in zip(LANGS, units, strict=True)})
        values.update({f"unit_one_{lang}": unit for lang, unit in zip(LANGS, units_of_one, strict=True)})
        _upsert(ResourceType, {"code": code}, values)
    for code, names, descriptions in HANDLING_CODES:
        values = {"name": names[0], "description": descriptions[0]}
        values.update({f"name_{lang}": name for lang, name in zip(LANGS, names, strict=True)})
        values.update({f"description_{lang}": text for lang, text in zip(LANGS, descriptions, strict=True)})
        _upsert(HandlingCode, {"code": code}, values)
    for urgency, hours in DEADLINES:
        _upsert(AnswerDeadline, {"urgency": urgency}, {"hours": hours})
