"""Demo data of the consultation part (idempotent): the consultation bodies of Benelux police cooperation, and
meetings of them.

- The June 2022 meeting of the Strategic Consultation at the Benelux Secretariat-General in Brussels, chaired by
  Luxembourg, with a Belgian substitute for the absent Belgian member and the Deputy Secretary-General as a guest:
  its agenda, minutes, the decision adopting the assistance and cooperation form, and action points.
- A digital meeting in November 2020, whose open action point is carried into the June 2022 agenda.
- A Hazeldonk consultation meeting in January 2021.
- The next Strategic Consultation, in June 2027, its agenda published.

Real institutions and places; the people are invented (the demo users of the accounts app, and a few names).
A meeting that exists already (same body and start) is left as it is: a second run changes nothing.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db import transaction

from apps.accounts.models import Country, Organisation, User

from . import services
from .models import Attendance, Meeting, Minutes

BRUSSELS = ZoneInfo("Europe/Brussels")
SG_PLACE = "Benelux Secretariat-General, Rue de la Régence 39, 1000 Brussels"


def _org(code: str | None, short: str) -> Organisation:
    """The organisation of this country and short name (``code`` None: a joint Benelux body)."""
    if code is None:
        return Organisation.objects.get(country__isnull=True, short_name=short)
    return Organisation.objects.get(country__code=code, short_name=short)


def _t(nl: str, fr: str, de: str, en: str, field: str = "title") -> dict:
    return {f"{field}_nl": nl, f"{field}_fr": fr, f"{field}_de": de, f"{field}_en": en}


BODIES = [
    (
        "SOP",
        {
            "nl": "Strategisch Overleg Politie",
            "fr": "Concertation stratégique Police",
            "de": "Strategische Konsultation Polizei",
            "en": "Strategic Consultation Police",
        },
        {
            "nl": "De korpschefs van de drie landen; het hoogste ambtelijke orgaan van de Benelux-politiesamenwerking.",
            "fr": "Les chefs de police des trois pays ; l'organe officiel le plus élevé de la coopération policière "
            "Benelux.",
            "de": "Die Polizeichefs der drei Länder; das höchste amtliche Gremium der Benelux-Polizeizusammenarbeit.",
            "en": "The police chiefs of the three countries; the highest official body of Benelux police cooperation.",
        },
        True,
        [("BE", "FEDPOL"), ("NL", "POLNL"), ("LU", "PGD"), (None, "BNL-SG")],
    ),
    (
        "HAZ",
        {
            "nl": "Hazeldonk-overleg",
            "fr": "Concertation de Hazeldonk",
            "de": "Hazeldonk-Konsultation",
            "en": "Hazeldonk consultation",
        },
        {
            "nl": "Drugstoerisme langs de A16/E19: België, Nederland, Luxemburg en Frankrijk.",
            "fr": "Le tourisme de la drogue le long de l'A16/E19 : Belgique, Pays-Bas, Luxembourg et France.",
            "de": "Drogentourismus entlang der A16/E19: Belgien, Niederlande, Luxemburg und Frankreich.",
            "en": "Drug tourism along the A16/E19: Belgium, the Netherlands, Luxembourg and France.",
        },
        False,
        [("BE", "FEDPOL"), ("NL", "POLNL"), ("LU", "PGD"), ("FR", "PN")],
    ),
    (
        "SEN",
        {
            "nl": "Senningen-overleg",
            "fr": "Concertation de Senningen",
            "de": "Senninger Konsultation",
            "en": "Senningen consultation",
        },
        {
            "nl": "De ministers van Binnenlandse Zaken en Justitie van de drie landen.",
            "fr": "Les ministres de l'Intérieur et de la Justice des trois pays.",
            "de": "Die Innen- und Justizminister der drei Länder.",
            "en": "The ministers of the interior and of justice of the three countries.",
        },
        False,
        [("BE", "FEDPOL"), ("NL", "POLNL"), ("LU", "PGD")],
    ),
    (
        "NBR",
        {
            "nl": "Overleg met de buurlanden",
            "fr": "Concertation avec les pays voisins",
            "de": "Konsultation mit den Nachbarländern",
            "en": "Neighbour consultation",
        },
        {},
        False,
        [("BE", "FEDPOL"), ("NL", "POLNL"), ("LU", "PGD"), ("DE", "BPOL"), ("FR", "PN")],
    ),
    (
        "RCH",
        {
            "nl": "Benelux-rechercheoverleg",
            "fr": "Concertation Benelux des services de recherche",
            "de": "Benelux-Konsultation der Kriminalpolizei",
            "en": "Benelux detectives' consultation",
        },
        {},
        False,
        [("BE", "FEDPOL"), ("NL", "POLNL"), ("LU", "PGD")],
    ),
]

TOPICS = [
    (
        "treaty",
        {
            "nl": "Benelux-politieverdrag",
            "fr": "Traité Benelux de police",
            "de": "Benelux-Polizeivertrag",
            "en": "Benelux Police Treaty",
        },
    ),
    (
        "assistance",
        {
            "nl": "Bijstand en bruikleen",
            "fr": "Assistance et prêt",
            "de": "Unterstützung und Leihe",
            "en": "Assistance and loans",
        },
    ),
    ("training", {"nl": "Opleiding", "fr": "Formation", "de": "Ausbildung", "en": "Training"}),
    (
        "liaison",
        {
            "nl": "Verbindingsofficieren",
            "fr": "Officiers de liaison",
            "de": "Verbindungsbeamte",
            "en": "Liaison officers",
        },
    ),
    ("control-rooms", {"nl": "Meldkamers", "fr": "Salles de contrôle", "de": "Leitstellen", "en": "Control rooms"}),
    ("drugs", {"nl": "Drugs", "fr": "Drogues", "de": "Drogen", "en": "Drugs"}),
    (
        "cybercrime",
        {"nl": "Cybercriminaliteit", "fr": "Cybercriminalité", "de": "Cyberkriminalität", "en": "Cybercrime"},
    ),
]


def _at(year, month, day, hour, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BRUSSELS)


def _existing(body, starts_at) -> Meeting | None:
    return Meeting.objects.filter(body=body, starts_at=starts_at).first()


def _items(meeting, secretariat, items) -> list:
    created = []
    for titles, presenter, _notes in items:
        created.append(services.agenda_item_create(meeting=meeting, actor=secretariat, presenter=presenter, **titles))
    services.minutes_save(
        meeting=meeting,
        actor=secretariat,
        lock_version=Minutes.objects.get(meeting=meeting).lock_version,
        notes={item.pk: notes for item, (_titles, _presenter, notes) in zip(created, items, strict=True)},
    )
    return created


def _statuses(meeting, secretariat, present: set[str], excused: set[str] = frozenset()) -> None:
    statuses = {}
    for row in Attendance.objects.filter(meeting=meeting, kind="member"):
        if row.name in present:
            statuses[row.pk] = "present"
        elif row.name in excused:
            statuses[row.pk] = "excused"
        elif row.status == "invited":
            statuses[row.pk] = "absent"
    services.attendance_set(meeting=meeting, actor=secretariat, statuses=statuses)


def _seat_to_person(meeting, secretariat, organisation, name: str, function: str) -> None:
    """The secretariat's seat (listed by the organisation's name) is taken by a named person."""
    seat = Attendance.objects.filter(meeting=meeting, kind="member", organisation=organisation, user=None).first()
    if seat is not None:
        services.attendance_remove(attendance=seat, actor=secretariat)
    services.attendance_add(
        meeting=meeting,
        actor=secretariat,
        kind="member",
        status="present",
        name=name,
        function=function,
        organisation=organisation,
    )


def _publish(meeting, secretariat) -> None:
    services.minutes_approve(meeting=meeting, actor=secretariat)
    services.minutes_publish(meeting=meeting, actor=secretariat)


def _november_2020(sop, secretariat, topics) -> None:
    starts_at = _at(2020, 11, 24, 14)
    if _existing(sop, starts_at):
        return
    meeting = services.meeting_create(
        actor=secretariat,
        body=sop,
        starts_at=starts_at,
        ends_at=_at(2020, 11, 24, 16),
        format="online",
        place="",
        online_link="https://vc.benelux-police.example/sop-2020-11",
        language="nl",
        chair_country=Country.objects.get(code="NL"),
        chair_name="Marloes van Dijk",
    )
    items = _items(
        meeting,
        secretariat,
        [
            (
                _t(
                    "COVID-19 en de politiesamenwerking aan de grenzen",
                    "La COVID-19 et la coopération policière aux frontières",
                    "COVID-19 und die Polizeizusammenarbeit an den Grenzen",
                    "COVID-19 and police cooperation at the borders",
                ),
                "NL",
                "De drie landen lichten de controles aan de binnengrenzen toe; afspraken over het melden van "
                "grenscontroles aan de buurlanden.",
            ),
            (
                _t(
                    "Stand van de ratificatie van het Benelux-politieverdrag",
                    "État de la ratification du Traité Benelux de police",
                    "Stand der Ratifizierung des Benelux-Polizeivertrags",
                    "Ratification of the Benelux Police Treaty",
                ),
                "Benelux Secretariaat-Generaal",
                "De parlementaire behandeling loopt in de drie landen.",
            ),
            (
                _t(
                    "De Benelux-informatiebrochure",
                    "La brochure d'information Benelux",
                    "Die Benelux-Informationsbroschüre",
                    "The Benelux information brochure",
                ),
                "Benelux Secretariaat-Generaal",
                "Een bijgewerkte versie wordt voorbereid, ook digitaal.",
            ),
        ],
    )
    _statuses(meeting, secretariat, {"Jean-Marc Delvaux", "Marloes van Dijk", "Tom Kieffer"})
    _seat_to_person(meeting, secretariat, _org(None, "BNL-SG"), "Sophie Lambrechts", "Secretariaat")
    services.decision_create(
        meeting=meeting,
        actor=secretariat,
        language="nl",
        topic=topics["treaty"],
        agenda_item=items[1],
        **_t(
            "Voorbereiding van de inwerkingtreding van het verdrag",
            "Préparation de l'entrée en vigueur du traité",
            "Vorbereitung des Inkrafttretens des Vertrags",
            "Preparing the Treaty's entry into force",
        ),
        **_t(
            "belast de werkgroepen met de voorbereiding van de uitvoering van het nieuwe Benelux-politieverdrag.",
            "charge les groupes de travail de préparer la mise en œuvre du nouveau Traité Benelux de police.",
            "beauftragt die Arbeitsgruppen mit der Vorbereitung der Umsetzung des neuen Benelux-Polizeivertrags.",
            "instructs the working groups to prepare the implementation of the new Benelux Police Treaty.",
            field="text",
        ),
    )
    services.action_point_create(
        meeting=meeting,
        actor=secretariat,
        agenda_item=items[2],
        owner_organisation=_org(None, "BNL-SG"),
        due_date=date(2021, 6, 30),
        status="in_progress",
        status_note="Ontwerp van de digitale versie in bespreking.",
        **_t(
            "De informatiebrochure bijwerken en digitaliseren",
            "Mettre à jour et numériser la brochure d'information",
            "Die Informationsbroschüre aktualisieren und digitalisieren",
            "Update and digitise the information brochure",
        ),
    )
    services.agenda_publish(meeting=meeting, actor=secretariat)
    _publish(meeting, secretariat)


def _hazeldonk_2021(haz, secretariat, topics) -> None:
    starts_at = _at(2021, 1, 19, 10)
    if _existing(haz, starts_at):
        return
    meeting = services.meeting_create(
        actor=secretariat,
        body=haz,
        starts_at=starts_at,
        ends_at=_at(2021, 1, 19, 12, 30),
        format="hybrid",
        place="Breda, near the Hazeldonk border crossing (A16/E19)",
        online_link="https://vc.benelux-police.example/hazeldonk-2021-01",
        language="nl",
        chair_country=Country.objects.get(code="BE"),
        chair_name="Jean-Marc Delvaux",
    )
    items = _items(
        meeting,
        secretariat,
        [
            (
                _t(
                    "Drugstoerisme langs de A16/E19: beeld 2020",
                    "Le tourisme de la drogue le long de l'A16/E19 : bilan 2020",
                    "Drogentourismus entlang der A16/E19: Lagebild 2020",
                    "Drug tourism along the A16/E19: the 2020 picture",
                ),
                "Politie Nederland",
                "Minder verkeer door de coronamaatregelen, maar de handel verschuift naar koeriers.",
            ),
            (
                _t(
                    "Gezamenlijke controleacties",
                    "Actions de contrôle communes",
                    "Gemeinsame Kontrollaktionen",
                    "Joint control operations",
                ),
                "Police nationale",
                "Vier gezamenlijke acties in 2021, met de Franse politie.",
            ),
        ],
    )
    _statuses(meeting, secretariat, {"Jean-Marc Delvaux", "Marloes van Dijk", "Tom Kieffer"})
    services.decision_create(
        meeting=meeting,
        actor=secretariat,
        language="nl",
        topic=topics["drugs"],
        agenda_item=items[1],
        **_t(
            "Gezamenlijke controleacties in 2021",
            "Actions de contrôle communes en 2021",
            "Gemeinsame Kontrollaktionen 2021",
            "Joint control operations in 2021",
        ),
        **_t(
            "besluit tot vier gezamenlijke controleacties langs de A16/E19 in 2021.",
            "décide de quatre actions de contrôle communes le long de l'A16/E19 en 2021.",
            "beschließt vier gemeinsame Kontrollaktionen entlang der A16/E19 im Jahr 2021.",
            "decides on four joint control operations along the A16/E19 in 2021.",
            field="text",
        ),
    )
    services.action_point_create(
        meeting=meeting,
        actor=secretariat,
        agenda_item=items[1],
        owner_organisation=_org("FR", "PN"),
        due_date=date(2021, 3, 31),
        status="done",
        **_t(
            "Kalender van de controleacties opstellen",
            "Établir le calendrier des actions de contrôle",
            "Den Kalender der Kontrollaktionen aufstellen",
            "Draw up the calendar of the control operations",
        ),
    )
    services.agenda_publish(meeting=meeting, actor=secretariat)
    _publish(meeting, secretariat)


JUNE_2022_ITEMS = [
    (
        _t(
            "Ontwikkelingen in de drie landen en de crisis in Oekraïne",
            "Évolutions dans les trois pays et la crise en Ukraine",
            "Entwicklungen in den drei Ländern und die Krise in der Ukraine",
            "Developments in the three countries and the crisis in Ukraine",
        ),
        "Police grand-ducale",
        "Tour de table : accueil des réfugiés, sécurisation des lieux sensibles, échange d'informations sur "
        "les sanctions.",
    ),
    (
        _t(
            "Uitvoering van het nieuwe Benelux-politieverdrag",
            "Mise en œuvre du nouveau Traité Benelux de police",
            "Umsetzung des neuen Benelux-Polizeivertrags",
            "Implementation of the new Benelux Police Treaty",
        ),
        "Secrétariat général Benelux",
        "Le formulaire d'assistance et de coopération est présenté; il est adopté (décision SOP-2022-03).",
    ),
    (
        _t(
            "Gezamenlijke opleidingscycli",
            "Cycles de formation communs",
            "Gemeinsame Ausbildungszyklen",
            "Joint training cycles",
        ),
        "Politie Nederland",
        "Le cycle « zonder zorgen de grens over » est prolongé; deux sessions par an.",
    ),
    (
        _t(
            "De post van verbindingsofficier in Colombia",
            "Le poste d'officier de liaison en Colombie",
            "Der Posten des Verbindungsbeamten in Kolumbien",
            "The liaison-officer post in Colombia",
        ),
        "Politie Nederland",
        "Les Pays-Bas proposent un poste commun à Bogotá, ouvert aux dossiers belges et luxembourgeois.",
    ),
    (
        _t(
            "Grensoverschrijdende telecommunicatie",
            "Télécommunication transfrontalière",
            "Grenzüberschreitende Telekommunikation",
            "Cross-border telecommunication",
        ),
        "Police fédérale",
        "Essais de l'interconnexion des réseaux radio en cours.",
    ),
    (
        _t(
            "Nieuwe werkwijze tussen de meldkamers bij grensoverschrijdende achtervolgingen",
            "Nouvelle méthode de travail entre les salles de contrôle pour les poursuites transfrontalières",
            "Neue Arbeitsweise zwischen den Leitstellen bei grenzüberschreitender Nacheile",
            "A new working method between control rooms for cross-border pursuits",
        ),
        "Police fédérale",
        "La méthode est approuvée (décision SOP-2022-02).",
    ),
    (
        _t("Cybercriminaliteit", "Cybercriminalité", "Cyberkriminalität", "Cybercrime"),
        "Police fédérale",
        "Proposition d'un réseau commun d'expertise, à préparer pour la prochaine réunion.",
    ),
]


def _june_2022(sop, secretariat, topics) -> None:
    starts_at = _at(2022, 6, 14, 10)
    if _existing(sop, starts_at):
        return
    meeting = services.meeting_create(
        actor=secretariat,
        body=sop,
        starts_at=starts_at,
        ends_at=_at(2022, 6, 14, 13),
        format="in_person",
        place=SG_PLACE,
        language="fr",
        chair_country=Country.objects.get(code="LU"),
        chair_name="Tom Kieffer",
    )
    items = _items(meeting, secretariat, JUNE_2022_ITEMS)
    services.agenda_publish(meeting=meeting, actor=secretariat)

    # The Belgian member is absent, represented by a substitute of the Belgian Federal Police.
    _statuses(meeting, secretariat, {"Marloes van Dijk", "Tom Kieffer"})
    delvaux = Attendance.objects.get(meeting=meeting, kind="member", name="Jean-Marc Delvaux")
    services.attendance_add_substitute(
        meeting=meeting,
        actor=secretariat,
        represents=delvaux,
        name="Hilde Verstraeten",
        function="Directrice de la coopération policière internationale",
        organisation=_org("BE", "FEDPOL"),
    )
    _seat_to_person(meeting, secretariat, _org(None, "BNL-SG"), "Sophie Lambrechts", "Secrétariat")
    services.attendance_add(
        meeting=meeting,
        actor=secretariat,
        kind="guest",
        name="Alain Mertens",
        function="Secrétaire général adjoint de l'Union Benelux",
        organisation=_org(None, "BNL-SG"),
    )

    services.decision_create(
        meeting=meeting,
        actor=secretariat,
        language="fr",
        topic=topics["training"],
        agenda_item=items[2],
        **_t(
            "Gezamenlijke opleidingscycli 2022-2023",
            "Cycles de formation communs 2022-2023",
            "Gemeinsame Ausbildungszyklen 2022-2023",
            "Joint training cycles 2022-2023",
        ),
        **_t(
            "keurt de gezamenlijke opleidingscycli 2022-2023 goed, met twee sessies per jaar.",
            "approuve les cycles de formation communs 2022-2023, à raison de deux sessions par an.",
            "billigt die gemeinsamen Ausbildungszyklen 2022-2023 mit zwei Lehrgängen pro Jahr.",
            "approves the joint training cycles 2022-2023, with two sessions a year.",
            field="text",
        ),
    )
    # Translated into Dutch only so far: German and English readers see the French original, marked.
    services.decision_create(
        meeting=meeting,
        actor=secretariat,
        language="fr",
        topic=topics["control-rooms"],
        agenda_item=items[5],
        title_fr="Méthode de travail des salles de contrôle pour les poursuites transfrontalières",
        title_nl="Werkwijze van de meldkamers bij grensoverschrijdende achtervolgingen",
        text_fr="approuve la nouvelle méthode de travail entre les salles de contrôle nationales pour les "
        "poursuites transfrontalières.",
        text_nl="keurt de nieuwe werkwijze tussen de nationale meldkamers bij grensoverschrijdende achtervolgingen "
        "goed.",
    )
    services.decision_create(
        meeting=meeting,
        actor=secretariat,
        language="fr",
        number=3,
        topic=topics["assistance"],
        agenda_item=items[1],
        title_fr="Formulaire d'assistance et de coopération",
        title_nl="Formulier voor bijstand en samenwerking",
        title_en="Form for assistance and cooperation",
        text_fr="adopte le formulaire d'assistance et de coopération entre les partenaires Benelux.",
        text_nl="stelt het formulier voor bijstand en samenwerking tussen de Beneluxpartners vast.",
        text_en="adopts the form for assistance and cooperation between the Benelux partners.",
    )
    for organisation, due, status, note, titles in [
        (
            _org(None, "BNL-SG"),
            date(2022, 9, 30),
            "done",
            "Envoyé le 12 septembre 2022.",
            _t(
                "Het vastgestelde formulier aan de nationale meldkamers bezorgen",
                "Diffuser le formulaire adopté aux salles de contrôle nationales",
                "Das angenommene Formular an die nationalen Leitstellen verteilen",
                "Circulate the adopted form to the national control rooms",
            ),
        ),
        (
            _org("NL", "POLNL"),
            date(2022, 11, 15),
            "open",
            "",
            _t(
                "Verslag over de invulling van de post in Colombia",
                "Rapport sur le pourvoi du poste en Colombie",
                "Bericht über die Besetzung des Postens in Kolumbien",
                "Report on filling the post in Colombia",
            ),
        ),
        (
            _org("LU", "PGD"),
            date(2022, 12, 31),
            "in_progress",
            "Premier essai réussi entre ASTRID et RENITA.",
            _t(
                "Test van de grensoverschrijdende radioverbindingen",
                "Essai des liaisons radio transfrontalières",
                "Test der grenzüberschreitenden Funkverbindungen",
                "Test of the cross-border radio links",
            ),
        ),
        (
            _org("BE", "FEDPOL"),
            date(2023, 3, 31),
            "open",
            "",
            _t(
                "Voorstel voor een gezamenlijk expertisenetwerk cybercriminaliteit",
                "Proposition d'un réseau commun d'expertise en cybercriminalité",
                "Vorschlag für ein gemeinsames Expertennetz Cyberkriminalität",
                "Proposal for a joint cybercrime expertise network",
            ),
        ),
    ]:
        services.action_point_create(
            meeting=meeting,
            actor=secretariat,
            owner_organisation=organisation,
            due_date=due,
            status=status,
            status_note=note,
            **titles,
        )
    _publish(meeting, secretariat)


def _june_2027(sop, secretariat) -> None:
    starts_at = _at(2027, 6, 8, 10)
    if _existing(sop, starts_at):
        return
    meeting = services.meeting_create(
        actor=secretariat,
        body=sop,
        starts_at=starts_at,
        ends_at=_at(2027, 6, 8, 13),
        format="hybrid",
        place=SG_PLACE,
        online_link="https://vc.benelux-police.example/sop-2027-06",
        language="nl",
        chair_country=Country.objects.get(code="NL"),
        chair_name="Marloes van Dijk",
    )
    for titles, presenter in [
        (
            _t(
                "Evaluatie van de eerste jaren van het Benelux-politieverdrag",
                "Évaluation des premières années du Traité Benelux de police",
                "Bewertung der ersten Jahre des Benelux-Polizeivertrags",
                "Evaluation of the first years of the Benelux Police Treaty",
            ),
            "Benelux Secretariaat-Generaal",
        ),
        (
            _t(
                "Uitwisseling van ANPR-gegevens",
                "Échange de données ANPR",
                "Austausch von ANPR-Daten",
                "ANPR data exchange",
            ),
            "Politie Nederland",
        ),
    ]:
        services.agenda_item_create(meeting=meeting, actor=secretariat, presenter=presenter, **titles)
    services.agenda_publish(meeting=meeting, actor=secretariat)


@transaction.atomic
def load() -> None:
    administrator = User.objects.get(username="admin")
    secretariat = User.objects.get(username="secretariat")
    bodies = {}
    for code, names, descriptions, public, members in BODIES:
        bodies[code] = services.body_upsert(
            actor=administrator,
            code=code,
            names=names,
            descriptions=descriptions,
            decisions_public=public,
            organisations=[_org(country, short) for country, short in members],
        )
    topics = {code: services.topic_upsert(actor=administrator, code=code, names=names) for code, names in TOPICS}
    _november_2020(bodies["SOP"], secretariat, topics)
    _hazeldonk_2021(bodies["HAZ"], secretariat, topics)
    _june_2022(bodies["SOP"], secretariat, topics)
    _june_2027(bodies["SOP"], secretariat)
