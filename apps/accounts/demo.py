"""Demo data of the accounts app: real institutions, invented people. Safe to load twice."""

from django.conf import settings
from django.db import transaction

from .choices import OrganisationKind, Role
from .services import country_upsert, organisation_upsert, user_upsert

COUNTRIES = [
    ("BE", True, {"nl": "België", "fr": "Belgique", "de": "Belgien", "en": "Belgium"}),
    ("NL", True, {"nl": "Nederland", "fr": "Pays-Bas", "de": "Niederlande", "en": "Netherlands"}),
    ("LU", True, {"nl": "Luxemburg", "fr": "Luxembourg", "de": "Luxemburg", "en": "Luxembourg"}),
    ("FR", False, {"nl": "Frankrijk", "fr": "France", "de": "Frankreich", "en": "France"}),
    ("DE", False, {"nl": "Duitsland", "fr": "Allemagne", "de": "Deutschland", "en": "Germany"}),
]

ORGANISATIONS = [
    (
        "BE",
        "FEDPOL",
        OrganisationKind.POLICE_SERVICE,
        {
            "nl": "Federale Politie",
            "fr": "Police fédérale",
            "de": "Föderale Polizei",
            "en": "Belgian Federal Police",
        },
    ),
    (
        "BE",
        "DAO",
        OrganisationKind.CONTROL_ROOM,
        {
            "nl": "Federale Politie – Directie van de operaties van bestuurlijke politie (DAO)",
            "fr": "Police fédérale – Direction des opérations de police administrative (DAO)",
            "de": "Föderale Polizei – Direktion der verwaltungspolizeilichen Operationen (DAO)",
            "en": "Belgian Federal Police – Directorate of Administrative Police Operations (DAO)",
        },
    ),
    # Joint Benelux bodies: of none of the three countries (no country).
    (
        None,
        "BNL-SG",
        OrganisationKind.SECRETARIAT,
        {
            "nl": "Benelux Secretariaat-Generaal",
            "fr": "Secrétariat général Benelux",
            "de": "Benelux-Generalsekretariat",
            "en": "Benelux Secretariat-General",
        },
    ),
    (
        None,
        "WG-CR",
        OrganisationKind.WORKING_GROUP,
        {
            "nl": "Benelux-werkgroep Meldkamersamenwerking",
            "fr": "Groupe de travail Benelux Coopération des salles de contrôle",
            "de": "Benelux-Arbeitsgruppe Leitstellenzusammenarbeit",
            "en": "Benelux working group on control-room cooperation",
        },
    ),
    (
        "NL",
        "POLNL",
        OrganisationKind.POLICE_SERVICE,
        {
            "nl": "Politie Nederland",
            "fr": "Police nationale des Pays-Bas",
            "de": "Niederländische Polizei",
            "en": "Dutch National Police",
        },
    ),
    (
        "NL",
        "LOCC",
        OrganisationKind.CONTROL_ROOM,
        {
            "nl": "Landelijk Operationeel Coördinatiecentrum (LOCC)",
            "fr": "Centre national de coordination opérationnelle (LOCC)",
            "de": "Landesweites Operatives Koordinierungszentrum (LOCC)",
            "en": "National Operational Coordination Centre (LOCC)",
        },
    ),
    (
        "LU",
        "PGD",
        OrganisationKind.POLICE_SERVICE,
        {
            "nl": "Groothertogelijke Politie",
            "fr": "Police grand-ducale",
            "de": "Großherzogliche Polizei",
            "en": "Grand-Ducal Police of Luxembourg",
        },
    ),
    (
        "LU",
        "CIN",
        OrganisationKind.CONTROL_ROOM,
        {
            "nl": "Groothertogelijke Politie – Nationaal Interventiecentrum (CIN)",
            "fr": "Police grand-ducale – Centre d'intervention national (CIN)",
            "de": "Großherzogliche Polizei – Nationales Einsatzzentrum (CIN)",
            "en": "Grand-Ducal Police – National Intervention Centre (CIN)",
        },
    ),
    (
        "FR",
        "PN",
        OrganisationKind.POLICE_SERVICE,
        {
            "nl": "Franse Nationale Politie",
            "fr": "Police nationale",
            "de": "Französische Nationalpolizei",
            "en": "French National Police",
        },
    ),
    (
        "DE",
        "BPOL",
        OrganisationKind.POLICE_SERVICE,
        {
            "nl": "Duitse Federale Politie",
            "fr": "Police fédérale allemande",
            "de": "Bundespolizei",
            "en": "German Federal Police",
        },
    ),
]

# username, organisation (country, None for a joint body; short name), roles, first name, last name, language,
# job title
USERS = [
    ("admin", (None, "BNL-SG"), [Role.ADMINISTRATOR], "Anouk", "Verhaegen", "en", "Portal administrator"),
    (
        "secretariat",
        (None, "BNL-SG"),
        [Role.SECRETARIAT],
        "Sophie",
        "Lambrechts",
        "nl",
        "Policy officer, police cooperation",
    ),
    ("chief.be", ("BE", "FEDPOL"), [Role.POLICE_CHIEF], "Jean-Marc", "Delvaux", "fr", "Commissioner-General"),
    ("chief.nl", ("NL", "POLNL"), [Role.POLICE_CHIEF], "Marloes", "van Dijk", "nl", "Chief of Police"),
    ("chief.lu", ("LU", "PGD"), [Role.POLICE_CHIEF], "Tom", "Kieffer", "de", "Director-General"),
    ("operator.be", ("BE", "DAO"), [Role.OPERATOR], "Lies", "Wouters", "nl", "Duty officer"),
    ("operator.nl", ("NL", "LOCC"), [Role.OPERATOR], "Bram", "Jansen", "nl", "Duty officer"),
    ("operator.lu", ("LU", "CIN"), [Role.OPERATOR], "Carine", "Hoffmann", "fr", "Duty officer"),
    ("liaison.be", ("BE", "FEDPOL"), [Role.LIAISON_OFFICER], "Koen", "Peeters", "nl", "Liaison officer"),
    (
        "liaison.nl",
        ("NL", "POLNL"),
        [Role.LIAISON_OFFICER, Role.WORKING_GROUP_MEMBER],
        "Sanne",
        "Bakker",
        "en",
        "Liaison officer",
    ),
]


@transaction.atomic
def load() -> None:
    countries = {code: country_upsert(code=code, is_member=member, names=names) for code, member, names in COUNTRIES}
    organisations = {
        (code, short): organisation_upsert(country=countries.get(code), kind=kind, short_name=short, names=names)
        for code, short, kind, names in ORGANISATIONS
    }
    for username, organisation, roles, first, last, language, title in USERS:
        is_admin = Role.ADMINISTRATOR in roles
        user_upsert(
            username=username,
            organisation=organisations[organisation],
            roles=roles,
            password=settings.DEMO_PASSWORD,
            first_name=first,
            last_name=last,
            email=f"{username}@demo.benelux-police.example",
            preferred_language=language,
            job_title=title,
            is_staff=is_admin,
            is_superuser=is_admin,
        )
