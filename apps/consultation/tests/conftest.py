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
        [("BE", "FEDPOL"), ("NL", "POLNL"), ("LU", "PGD"), (None, "BNL-SG")],
        public=True,
        names={"en": "Strategic Consultation Police", "nl": "Strategisch Overleg Politie"},
    )


@pytest.fixture
def hazeldonk(demo):
    """The Hazeldonk consultation: the Dutch and French police only (its decisions are the members')."""
    return make_body("HAZ", [("NL", "POLNL"), ("FR", "PN")], names={"en": "Hazeldonk consultation"})
