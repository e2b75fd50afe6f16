import pytest
from django.utils import translation

from .factories import make_body


@pytest.fixture(autouse=True)
def english():
    """Service-level refusals are read in English (the pages and the API speak each user's own language)."""
    with translation.override("en"):
        yield


@pytest.fixture
def sop(demo):
    """The Strategic Consultation: the police services of the three countries and the secretariat; its decisions
    are public."""
    return make_body(
        "SOP",
        [("BE", "FEDPOL"), ("NL", "POLNL"), ("LU", "PGD"), ("BE", "BNL-SG")],
        public=True,
        names={"en": "Strategic Consultation Police", "nl": "Strategisch Overleg Politie"},
    )


@pytest.fixture
def hazeldonk(demo):
    """The Hazeldonk consultation: the Dutch and French police only (its decisions are the members')."""
    return make_body("HAZ", [("NL", "POLNL"), ("FR", "PN")], names={"en": "Hazeldonk consultation"})


@pytest.fixture
def control_rooms(sop):
    """The Benelux working group on control-room cooperation (WG-CR), steered by the Strategic Consultation; Sanne
    Bakker (liaison.nl: a working-group member of the Dutch police) is seconded to it."""
    from .factories import make_working_group

    return make_working_group(sop, members=["liaison.nl"])


@pytest.fixture
def wg_member(control_rooms):
    """A working-group member whose organisation is the working group itself."""
    from apps.accounts.choices import Role
    from apps.accounts.tests.factories import UserFactory

    return UserFactory(
        username="wg.cr",
        first_name="Pieter",
        organisation=control_rooms.organisation,
        roles=[Role.WORKING_GROUP_MEMBER],
    )


@pytest.fixture
def programme(sop, control_rooms):
    """The Strategic Consultation's 2017–2020 work programme, without objectives yet."""
    from .factories import make_programme

    return make_programme(sop)
