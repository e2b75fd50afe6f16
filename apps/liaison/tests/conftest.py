import pytest
from django.utils import translation

from apps.accounts.choices import Role
from apps.accounts.models import Organisation
from apps.accounts.services import user_upsert
from apps.liaison.choices import DeskOperator

from .factories import DeskFactory, OfficerFactory, user


@pytest.fixture(autouse=True)
def english():
    """Service-level refusals are read in English here (the pages and the API speak the user's language)."""
    with translation.override("en"):
        yield


@pytest.fixture
def people(demo):
    """The demo people, the two coordinators, and the records of the two demo liaison officers."""
    for username, short_name, first, last in (
        ("coordinator.be", "FEDPOL", "Annelies", "Claes"),
        ("coordinator.nl", "POLNL", "Joost", "Visser"),
    ):
        user_upsert(
            username=username,
            organisation=Organisation.objects.get(short_name=short_name),
            roles=[Role.LIAISON_COORDINATOR],
            password="demo-password-2026",
            first_name=first,
            last_name=last,
            preferred_language="en",
        )
    return {
        "koen": OfficerFactory(user=user("liaison.be"), first_name="Koen", last_name="Peeters", sending_country="BE"),
        "sanne": OfficerFactory(user=user("liaison.nl"), first_name="Sanne", last_name="Bakker", sending_country="NL"),
    }


@pytest.fixture
def bogota(db):
    return DeskFactory(name_en="Embassy of Belgium in Bogotá", country="CO", city="Bogotá", run_by=DeskOperator.BELGIUM)


@pytest.fixture
def brasilia(db):
    return DeskFactory(
        name_en="Embassy of the Netherlands in Brasília", country="BR", city="Brasília", run_by=DeskOperator.NETHERLANDS
    )


@pytest.fixture
def europol(db):
    return DeskFactory(
        name_en="Liaison bureaux at Europol",
        kind="international",
        country="NL",
        city="The Hague",
        run_by=DeskOperator.BENELUX,
        covers_host_country=False,
    )


@pytest.fixture
def network(people, bogota, brasilia, europol):
    """Koen in Bogotá (accredited to Panama and Venezuela), Sanne in Brasília, colleagues without accounts, a
    priority country without coverage (Ecuador)."""
    from datetime import date

    from .factories import AbsenceFactory, AccreditationFactory, PostingFactory, PriorityCountryFactory

    koen = PostingFactory(officer=people["koen"], desk=bogota, starts_on=date(2024, 9, 1), focus_areas=["drugs"])
    AccreditationFactory(posting=koen, country="PA")
    AccreditationFactory(posting=koen, country="VE")
    PostingFactory(
        officer=people["sanne"], desk=brasilia, starts_on=date(2023, 8, 1), focus_areas=["drugs", "cybercrime"]
    )
    colleague = OfficerFactory(first_name="Marie", last_name="Dubois", sending_country="BE", languages=["fr", "pt"])
    PostingFactory(officer=colleague, desk=europol, starts_on=date(2022, 1, 1), focus_areas=["terrorism"])
    AbsenceFactory(officer=people["koen"], starts_on=date(2026, 12, 20), ends_on=date(2027, 1, 5), backup=colleague)
    for code in ("CO", "BR", "EC"):
        PriorityCountryFactory(country=code, reason_en="Cocaine flows")
    return {"koen": koen}
