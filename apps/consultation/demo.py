"""Demo data of the consultation part (idempotent): the consultation bodies of Benelux police cooperation, and
meetings of them.

- The June 2022 meeting of the Strategic Consultation at the Benelux Secretariat-General in Brussels, chaired by
  Luxembourg, with a Belgian substitute for the absent Belgian member and the Deputy Secretary-General as a guest:
  its agenda, minutes, the decision adopting the assistance and cooperation form, and action points.
- A digital meeting in November 2020, whose open action point is carried into the June 2022 agenda.
- A Hazeldonk consultation meeting in January 2021.
- The next Strategic Consultation, in June 2027, its agenda published.
- The Strategic Consultation's work programmes 2017–2020, 2021–2024 and 2025–2028, their objectives and activities
  led by four technical working groups and by the services, with their history of progress updates.

Real institutions and places; the people are invented (the demo users of the accounts app, and a few names).
A meeting that exists already (same body and start) is left as it is: a second run changes nothing.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db import transaction

from apps.accounts.models import Country, Organisation, User

from . import services
from .models import (
    ActionPoint,
    Activity,
    Attendance,
    DashboardVisit,
    Decision,
    Meeting,
    Minutes,
    Objective,
    Programme,
)

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
    load_objectives(bodies["SOP"])


# Work programmes, objectives and activities -------------------------------------------------------------------------
#
# The Strategic Consultation's 2017–2020 work programme with its two objectives and the activities of the Benelux
# work plan, in a mix of statuses with a history of updates; its 2021–2024 programme (implementing the new treaty);
# and the running 2025–2028 programme. Four technical working groups (the control-room group of the accounts demo,
# and radio communication, training and information exchange); Sanne Bakker (liaison.nl) is seconded to the
# control-room group. The updates are dated as they were reported; a programme that exists already is left as it is.

WORKING_GROUPS = [
    ("WG-CR", None, []),
    (
        "WG-RADIO",
        {
            "nl": "Benelux-werkgroep Grensoverschrijdende radiocommunicatie",
            "fr": "Groupe de travail Benelux Radiocommunication transfrontalière",
            "de": "Benelux-Arbeitsgruppe Grenzüberschreitender Funkverkehr",
            "en": "Benelux working group on cross-border radio communication",
        },
        [],
    ),
    (
        "WG-TRAIN",
        {
            "nl": "Benelux-werkgroep Opleiding",
            "fr": "Groupe de travail Benelux Formation",
            "de": "Benelux-Arbeitsgruppe Ausbildung",
            "en": "Benelux working group on training",
        },
        [],
    ),
    (
        "WG-INFO",
        {
            "nl": "Benelux-werkgroep Informatie-uitwisseling",
            "fr": "Groupe de travail Benelux Échange d'informations",
            "de": "Benelux-Arbeitsgruppe Informationsaustausch",
            "en": "Benelux working group on information exchange",
        },
        [],
    ),
]
SECONDED = {"WG-CR": ["liaison.nl"]}


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(f"{text}T10:00").replace(tzinfo=BRUSSELS)


# (number, titles, descriptions or None, lead (country, short name), start, due,
#  updates: [(date, author, status, progress, text, reason)])
PROGRAMMES = [
    {
        "years": (2017, 2020),
        "title": _t(
            "Benelux-werkplan politiesamenwerking 2017-2020",
            "Plan de travail Benelux coopération policière 2017-2020",
            "Benelux-Arbeitsplan Polizeizusammenarbeit 2017-2020",
            "Benelux work plan for police cooperation 2017–2020",
        ),
        "objectives": [
            (
                _t(
                    "Een nieuw Benelux-politieverdrag ondertekenen",
                    "Signer un nouveau Traité Benelux de police",
                    "Einen neuen Benelux-Polizeivertrag unterzeichnen",
                    "Sign a new Benelux Police Treaty",
                ),
                _t(
                    "Het verdrag van Senningen (2004) vervangen door een verdrag dat grensoverschrijdende "
                    "achtervolging, observatie en informatie-uitwisseling verruimt.",
                    "Remplacer le traité de Senningen (2004) par un traité qui élargit la poursuite, l'observation "
                    "et l'échange d'informations transfrontaliers.",
                    "Den Vertrag von Senningen (2004) durch einen Vertrag ersetzen, der Nacheile, Observation und "
                    "Informationsaustausch über die Grenze erweitert.",
                    "Replace the Senningen Treaty (2004) by a treaty widening cross-border pursuit, observation and "
                    "information exchange.",
                    field="description",
                ),
                "2018-07-23",
                "done",
                [
                    (
                        _t(
                            "Uitwisseling van ANPR-gegevens",
                            "Échange de données ANPR",
                            "Austausch von ANPR-Daten",
                            "ANPR data exchange",
                        ),
                        (None, "WG-INFO"),
                        "2017-03-01",
                        "2020-12-31",
                        [
                            (
                                "2017-06-12",
                                "secretariat",
                                "on_track",
                                10,
                                "Juridische analyse van de drie wetgevingen klaar.",
                                "",
                            ),
                            (
                                "2018-09-03",
                                "secretariat",
                                "on_track",
                                35,
                                "Het nieuwe verdrag voorziet de uitwisseling; technische werkgroep gestart.",
                                "",
                            ),
                            (
                                "2019-11-18",
                                "secretariat",
                                "at_risk",
                                45,
                                "Privacytoets in Nederland loopt vertraging op.",
                                "",
                            ),
                        ],
                    ),
                    (
                        _t(
                            "Wederzijdse toegang tot politiedatabanken",
                            "Accès mutuel aux banques de données policières",
                            "Gegenseitiger Zugriff auf Polizeidatenbanken",
                            "Mutual access to police databases",
                        ),
                        (None, "WG-INFO"),
                        "2017-06-01",
                        "2020-06-30",
                        [
                            ("2018-02-05", "secretariat", "on_track", 20, "Hit/no-hit-model gekozen.", ""),
                            (
                                "2019-10-07",
                                "secretariat",
                                "on_track",
                                70,
                                "Proefkoppeling tussen België en Luxemburg geslaagd.",
                                "",
                            ),
                        ],
                    ),
                ],
            ),
            (
                _t(
                    "De structurele en operationele grensoverschrijdende politiesamenwerking optimaliseren",
                    "Optimiser la coopération policière transfrontalière structurelle et opérationnelle",
                    "Die strukturelle und operative grenzüberschreitende Polizeizusammenarbeit optimieren",
                    "Optimise structural and operational cross-border police cooperation",
                ),
                None,
                "2020-12-31",
                "at_risk",
                [
                    (
                        _t(
                            "De Benelux-informatiebrochure actualiseren en digitaliseren",
                            "Actualiser et numériser la brochure d'information Benelux",
                            "Die Benelux-Informationsbroschüre aktualisieren und digitalisieren",
                            "Update and digitise the Benelux information brochure",
                        ),
                        (None, "BNL-SG"),
                        "2017-01-16",
                        "2019-12-31",
                        [
                            (
                                "2017-09-04",
                                "secretariat",
                                "on_track",
                                30,
                                "Hoofdstukken over achtervolging en observatie herschreven.",
                                "",
                            ),
                            (
                                "2019-05-06",
                                "secretariat",
                                "on_track",
                                80,
                                "Vertalingen in het Frans en Duits ontvangen.",
                                "",
                            ),
                            ("2019-12-02", "secretariat", "done", 100, "Digitale versie gepubliceerd.", ""),
                        ],
                    ),
                    (
                        _t(
                            "Vroegtijdige signalering van radicalisering",
                            "Signalement précoce de la radicalisation",
                            "Frühzeitige Erkennung von Radikalisierung",
                            "Early signalling of radicalisation",
                        ),
                        ("BE", "FEDPOL"),
                        "2017-09-01",
                        "2020-06-30",
                        [
                            (
                                "2018-03-12",
                                "secretariat",
                                "on_track",
                                40,
                                "Gemeenschappelijke indicatorenlijst opgesteld.",
                                "",
                            ),
                            ("2020-06-15", "secretariat", "done", 100, "Handleiding verspreid onder de wijkteams.", ""),
                        ],
                    ),
                    (
                        _t(
                            "De Benelux-smartphoneapp",
                            "L'application Benelux pour smartphone",
                            "Die Benelux-Smartphone-App",
                            "The Benelux smartphone app",
                        ),
                        ("NL", "POLNL"),
                        "2018-01-08",
                        "2020-12-31",
                        [
                            (
                                "2018-10-01",
                                "secretariat",
                                "on_track",
                                30,
                                "Prototype getest door agenten in Zeeland-West-Brabant.",
                                "",
                            ),
                            (
                                "2020-03-30",
                                "secretariat",
                                "on_track",
                                80,
                                "Beschikbaar in de app-winkels; Luxemburgse versie volgt.",
                                "",
                            ),
                        ],
                    ),
                    (
                        _t(
                            "Samenwerking tussen de meldkamers",
                            "Coopération entre les salles de contrôle",
                            "Zusammenarbeit der Leitstellen",
                            "Control-room cooperation",
                        ),
                        (None, "WG-CR"),
                        "2017-01-16",
                        "2020-12-31",
                        [
                            (
                                "2017-11-20",
                                "liaison.nl",
                                "on_track",
                                25,
                                "Contact lists of DAO, LOCC and CIN exchanged and tested.",
                                "",
                            ),
                            (
                                "2019-04-08",
                                "liaison.nl",
                                "at_risk",
                                50,
                                "The common procedure for pursuits waits for the treaty's entry into force.",
                                "",
                            ),
                            (
                                "2020-11-16",
                                "liaison.nl",
                                "done",
                                100,
                                "Working method adopted by the three control rooms.",
                                "",
                            ),
                        ],
                    ),
                    (
                        _t(
                            "Grensoverschrijdende radiocommunicatie",
                            "Radiocommunication transfrontalière",
                            "Grenzüberschreitender Funkverkehr",
                            "Cross-border radio communication",
                        ),
                        (None, "WG-RADIO"),
                        "2017-06-01",
                        "2020-12-31",
                        [
                            (
                                "2018-05-14",
                                "secretariat",
                                "on_track",
                                20,
                                "Gespreksgroepen ASTRID–C2000 gedefinieerd.",
                                "",
                            ),
                            (
                                "2020-02-10",
                                "secretariat",
                                "at_risk",
                                45,
                                "Koppeling met RENITA vraagt een nieuwe aanbesteding.",
                                "",
                            ),
                        ],
                    ),
                    (
                        _t(
                            "De bijstands- en bruikleenprocedures evalueren",
                            "Évaluer les procédures d'assistance et de prêt",
                            "Die Unterstützungs- und Leihverfahren bewerten",
                            "Evaluate the assistance and loan procedures",
                        ),
                        (None, "WG-CR"),
                        "2018-01-08",
                        "2019-12-31",
                        [
                            (
                                "2018-06-18",
                                "liaison.nl",
                                "on_track",
                                40,
                                "Twelve requests of 2017 reviewed with the control rooms.",
                                "",
                            ),
                            (
                                "2019-10-21",
                                "liaison.nl",
                                "done",
                                100,
                                "Evaluation report sent to the secretariat; a new form is proposed.",
                                "",
                            ),
                        ],
                    ),
                    (
                        _t(
                            "Gezamenlijke opleiding „Zonder zorgen de grens over”",
                            "Formation commune « Passer la frontière sans soucis »",
                            "Gemeinsame Ausbildung „Sorglos über die Grenze“",
                            "Joint training “Crossing the border without worries”",
                        ),
                        (None, "WG-TRAIN"),
                        "2017-09-01",
                        "2019-06-30",
                        [
                            (
                                "2018-01-15",
                                "secretariat",
                                "on_track",
                                30,
                                "Eerste sessie in Kerkrade, 42 deelnemers.",
                                "",
                            ),
                            ("2019-06-24", "secretariat", "done", 100, "Zesde en laatste sessie in Arlon.", ""),
                        ],
                    ),
                    (
                        _t(
                            "Symposium van de verbindingsofficieren (voorjaar 2018)",
                            "Symposium des officiers de liaison (printemps 2018)",
                            "Symposium der Verbindungsbeamten (Frühjahr 2018)",
                            "Liaison-officer symposium (spring 2018)",
                        ),
                        (None, "BNL-SG"),
                        "2017-10-02",
                        "2018-05-31",
                        [
                            ("2018-01-22", "secretariat", "on_track", 50, "Programma en sprekers vastgelegd.", ""),
                            (
                                "2018-04-26",
                                "secretariat",
                                "done",
                                100,
                                "Symposium gehouden in Brussel, 85 deelnemers.",
                                "",
                            ),
                        ],
                    ),
                    (
                        _t(
                            "De Benelux-almanak actualiseren",
                            "Actualiser l'almanach Benelux",
                            "Den Benelux-Almanach aktualisieren",
                            "Update the Benelux almanac",
                        ),
                        ("BE", "FEDPOL"),
                        "2018-01-08",
                        "2020-06-30",
                        [
                            (
                                "2018-09-17",
                                "secretariat",
                                "on_track",
                                30,
                                "Gegevens van de verbindingsofficieren opgevraagd.",
                                "",
                            ),
                            (
                                "2019-09-09",
                                "secretariat",
                                "dropped",
                                30,
                                "Vervangen door de gedeelde gids van het portaal.",
                                "",
                            ),
                        ],
                    ),
                ],
            ),
        ],
    },
    {
        "years": (2021, 2024),
        "title": _t(
            "Benelux-werkplan politiesamenwerking 2021-2024",
            "Plan de travail Benelux coopération policière 2021-2024",
            "Benelux-Arbeitsplan Polizeizusammenarbeit 2021-2024",
            "Benelux work plan for police cooperation 2021–2024",
        ),
        "objectives": [
            (
                _t(
                    "Het Benelux-politieverdrag uitvoeren",
                    "Mettre en œuvre le Traité Benelux de police",
                    "Den Benelux-Polizeivertrag umsetzen",
                    "Implement the Benelux Police Treaty",
                ),
                None,
                "2024-12-31",
                "on_track",
                [
                    (
                        _t(
                            "ANPR-gegevens uitwisselen tussen de drie landen",
                            "Échanger les données ANPR entre les trois pays",
                            "ANPR-Daten zwischen den drei Ländern austauschen",
                            "Exchange ANPR data between the three countries",
                        ),
                        (None, "WG-INFO"),
                        "2021-01-11",
                        "2024-12-31",
                        [
                            (
                                "2022-03-07",
                                "secretariat",
                                "on_track",
                                30,
                                "Technische koppeling België–Luxemburg gebouwd.",
                                "",
                            ),
                            (
                                "2024-05-13",
                                "secretariat",
                                "at_risk",
                                60,
                                "Nederlandse aansluiting wacht op de wetswijziging.",
                                "",
                            ),
                        ],
                    ),
                    (
                        _t(
                            "Hit/no-hit-toegang tot elkaars politiedatabanken",
                            "Accès hit/no-hit aux banques de données policières des partenaires",
                            "Hit/No-Hit-Zugriff auf die Polizeidatenbanken der Partner",
                            "Hit/no-hit access to each other's police databases",
                        ),
                        (None, "WG-INFO"),
                        "2021-06-01",
                        "2024-06-30",
                        [
                            (
                                "2023-10-02",
                                "secretariat",
                                "on_track",
                                75,
                                "In gebruik sinds de inwerkingtreding van het verdrag.",
                                "",
                            ),
                        ],
                    ),
                    (
                        _t(
                            "Gezamenlijke procedures voor achtervolging en observatie over de grens",
                            "Procédures communes de poursuite et d'observation transfrontalières",
                            "Gemeinsame Verfahren für Nacheile und Observation über die Grenze",
                            "Joint procedures for cross-border pursuit and observation",
                        ),
                        (None, "WG-CR"),
                        "2021-01-11",
                        "2023-10-01",
                        [
                            (
                                "2022-06-20",
                                "liaison.nl",
                                "on_track",
                                60,
                                "Working method adopted by the Strategic Consultation (June 2022).",
                                "",
                            ),
                            (
                                "2023-09-25",
                                "liaison.nl",
                                "done",
                                100,
                                "Procedures in force in the three control rooms from 1 October 2023.",
                                "",
                            ),
                            (
                                "2024-02-12",
                                "liaison.nl",
                                "on_track",
                                90,
                                "Reopened: the first evaluation asks for changes to the observation part.",
                                "The evaluation of the first months found gaps in the handover of observations.",
                            ),
                        ],
                    ),
                ],
            ),
            (
                _t(
                    "De operationele samenwerking versterken",
                    "Renforcer la coopération opérationnelle",
                    "Die operative Zusammenarbeit stärken",
                    "Strengthen operational cooperation",
                ),
                None,
                "2024-12-31",
                "on_track",
                [
                    (
                        _t(
                            "Interoperabiliteit van de radionetten ASTRID, C2000 en RENITA",
                            "Interopérabilité des réseaux radio ASTRID, C2000 et RENITA",
                            "Interoperabilität der Funknetze ASTRID, C2000 und RENITA",
                            "Interoperability of the ASTRID, C2000 and RENITA radio networks",
                        ),
                        (None, "WG-RADIO"),
                        "2021-01-11",
                        "2024-12-31",
                        [
                            (
                                "2022-11-28",
                                "secretariat",
                                "on_track",
                                40,
                                "Eerste geslaagde test tussen ASTRID en RENITA.",
                                "",
                            ),
                            (
                                "2024-10-14",
                                "secretariat",
                                "on_track",
                                90,
                                "Gespreksgroepen operationeel langs de hele grens, op één zone na.",
                                "",
                            ),
                        ],
                    ),
                    (
                        _t(
                            "Gezamenlijke opleidingscycli 2022-2023",
                            "Cycles de formation communs 2022-2023",
                            "Gemeinsame Ausbildungszyklen 2022-2023",
                            "Joint training cycles 2022–2023",
                        ),
                        (None, "WG-TRAIN"),
                        "2022-01-10",
                        "2023-12-31",
                        [
                            ("2022-10-03", "secretariat", "on_track", 50, "Twee sessies gehouden.", ""),
                            ("2023-12-11", "secretariat", "done", 100, "Vier sessies, 160 deelnemers.", ""),
                        ],
                    ),
                ],
            ),
        ],
    },
    {
        "years": (2025, 2028),
        "title": _t(
            "Benelux-werkplan politiesamenwerking 2025-2028",
            "Plan de travail Benelux coopération policière 2025-2028",
            "Benelux-Arbeitsplan Polizeizusammenarbeit 2025-2028",
            "Benelux work plan for police cooperation 2025–2028",
        ),
        "objectives": [
            (
                _t(
                    "Het Benelux-politieverdrag evalueren",
                    "Évaluer le Traité Benelux de police",
                    "Den Benelux-Polizeivertrag bewerten",
                    "Evaluate the Benelux Police Treaty",
                ),
                None,
                "2027-12-31",
                "on_track",
                [
                    (
                        _t(
                            "Evaluatieverslag over de eerste jaren van het verdrag",
                            "Rapport d'évaluation des premières années du traité",
                            "Bewertungsbericht über die ersten Jahre des Vertrags",
                            "Evaluation report on the treaty's first years",
                        ),
                        (None, "BNL-SG"),
                        "2025-01-13",
                        "2027-05-31",
                        [
                            (
                                "2025-06-16",
                                "secretariat",
                                "on_track",
                                20,
                                "Vragenlijst naar de drie korpsen verstuurd.",
                                "",
                            ),
                            (
                                "2026-10-19",
                                "secretariat",
                                "on_track",
                                45,
                                "Antwoorden van België en Luxemburg binnen.",
                                "",
                            ),
                        ],
                    ),
                    (
                        _t(
                            "ANPR-uitwisseling in dagelijks gebruik",
                            "L'échange ANPR en usage quotidien",
                            "Der ANPR-Austausch im täglichen Einsatz",
                            "ANPR exchange in daily use",
                        ),
                        (None, "WG-INFO"),
                        "2025-01-13",
                        "2026-11-30",
                        [
                            ("2025-09-08", "secretariat", "on_track", 50, "Nederland aangesloten.", ""),
                            (
                                "2026-09-14",
                                "secretariat",
                                "at_risk",
                                70,
                                "Prestaties van de koppeling onvoldoende bij grote evenementen.",
                                "",
                            ),
                        ],
                    ),
                ],
            ),
            (
                _t(
                    "De samenwerking van de meldkamers verdiepen",
                    "Approfondir la coopération des salles de contrôle",
                    "Die Zusammenarbeit der Leitstellen vertiefen",
                    "Deepen the cooperation of the control rooms",
                ),
                None,
                "2028-12-31",
                "on_track",
                [
                    (
                        _t(
                            "Gezamenlijke oefening van de drie meldkamers",
                            "Exercice commun des trois salles de contrôle",
                            "Gemeinsame Übung der drei Leitstellen",
                            "Joint exercise of the three control rooms",
                        ),
                        (None, "WG-CR"),
                        "2026-01-12",
                        "2027-03-31",
                        [
                            (
                                "2026-04-20",
                                "liaison.nl",
                                "on_track",
                                30,
                                "Scenario agreed: a large event at Spa-Francorchamps.",
                                "",
                            ),
                            ("2026-11-02", "liaison.nl", "on_track", 70, "Exercise date set for February 2027.", ""),
                        ],
                    ),
                    (
                        _t(
                            "Radiodekking langs de grens",
                            "Couverture radio le long de la frontière",
                            "Funkabdeckung entlang der Grenze",
                            "Radio coverage along the border",
                        ),
                        (None, "WG-RADIO"),
                        "2025-06-02",
                        "2027-12-31",
                        [],
                    ),
                ],
            ),
        ],
    },
]


def _working_groups(sop, administrator) -> dict[str, object]:
    from apps.accounts.choices import OrganisationKind
    from apps.accounts.services import organisation_upsert

    groups = {}
    for short_name, names, _members in WORKING_GROUPS:
        if names is not None:  # a joint Benelux body, of none of the three countries
            organisation_upsert(country=None, kind=OrganisationKind.WORKING_GROUP, short_name=short_name, names=names)
        groups[short_name] = services.working_group_upsert(
            actor=administrator,
            organisation=_org(None, short_name),
            body=sop,
            members=list(User.objects.filter(username__in=SECONDED.get(short_name, []))),
        )
    return groups


def _programme(sop, secretariat, spec) -> None:
    start, end = spec["years"]
    if Programme.objects.filter(body=sop, start_year=start).exists():
        return
    programme = services.programme_create(actor=secretariat, body=sop, start_year=start, end_year=end, **spec["title"])
    people = {user.username: user for user in User.objects.filter(username__in=["secretariat", "liaison.nl"])}
    for titles, description, target, status, activities in spec["objectives"]:
        objective = services.objective_create(
            programme=programme,
            actor=secretariat,
            target_date=_day(target),
            status=status,
            **titles,
            **(description or {}),
        )
        for activity_titles, (country, short), starts, due, updates in activities:
            activity = services.activity_create(
                objective=objective,
                actor=secretariat,
                lead=_org(country, short),
                starts_on=_day(starts),
                due_on=_day(due),
                **activity_titles,
            )
            for when, author, new_status, progress, text, reason in updates:
                services.progress_update_post(
                    activity=activity,
                    actor=people[author],
                    text=text,
                    status=new_status,
                    progress=progress,
                    reason=reason,
                    language="en" if author == "liaison.nl" else "nl",
                    at=_moment(when),
                )


def _links(secretariat) -> None:
    """The decisions and action points of the June 2022 meeting that concern activities of 2021–2024, and the items
    of the June 2027 agenda about the 2025–2028 programme (each set once)."""
    pursuit = Activity.objects.filter(title_en="Joint procedures for cross-border pursuit and observation").first()
    decision = Decision.objects.filter(
        title_fr="Méthode de travail des salles de contrôle pour les poursuites transfrontalières"
    ).first()
    if pursuit and decision and not pursuit.decisions.exists():
        services.activity_update(activity=pursuit, actor=secretariat, decisions=[decision])
    training = Activity.objects.filter(title_en="Joint training cycles 2022–2023").first()
    decision = Decision.objects.filter(title_fr="Cycles de formation communs 2022-2023").first()
    if training and decision and not training.decisions.exists():
        services.activity_update(activity=training, actor=secretariat, decisions=[decision])
    radio = Activity.objects.filter(title_en="Interoperability of the ASTRID, C2000 and RENITA radio networks").first()
    point = ActionPoint.objects.filter(title_en="Test of the cross-border radio links").first()
    if radio and point and not radio.action_points.exists():
        services.activity_update(activity=radio, actor=secretariat, action_points=[point])
    june_2027 = Meeting.objects.filter(body__code="SOP", starts_at=_at(2027, 6, 8, 10)).first()
    if june_2027 is None or june_2027.minutes.status != "draft":
        return
    evaluation = Objective.objects.filter(title_en="Evaluate the Benelux Police Treaty").first()
    anpr = Activity.objects.filter(title_en="ANPR exchange in daily use").first()
    for item in june_2027.agenda_items.filter(objective=None, activity=None):
        if item.title_en == "Evaluation of the first years of the Benelux Police Treaty" and evaluation:
            services.agenda_item_update(item=item, actor=secretariat, objective=evaluation)
        elif item.title_en == "ANPR data exchange" and anpr:
            services.agenda_item_update(item=item, actor=secretariat, activity=anpr)


def _visits() -> None:
    """The chiefs last opened the dashboard on 1 September 2026: what changed since shows on their next visit."""
    for chief in User.objects.filter(username__in=["chief.be", "chief.nl", "chief.lu"]):
        DashboardVisit.objects.get_or_create(
            user=chief, defaults={"previous_at": _at(2026, 6, 1, 9), "current_at": _at(2026, 9, 1, 9)}
        )


@transaction.atomic
def load_objectives(sop) -> None:
    administrator = User.objects.get(username="admin")
    secretariat = User.objects.get(username="secretariat")
    _working_groups(sop, administrator)
    for spec in PROGRAMMES:
        _programme(sop, secretariat, spec)
    _links(secretariat)
    _visits()
