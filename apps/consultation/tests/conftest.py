from datetime import UTC, date, datetime

import pytest
from django.utils import translation

from apps.consultation import services

from .factories import make_activity, make_body, make_objective, organisation, post_update, user


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


@pytest.fixture
def work(programme):
    """The 2017–2020 programme: objective 1 (the treaty, done) and objective 2 with three activities: the app (Dutch
    police, on track), radio communication (the control-room group, at risk) and the almanac (Belgian police, due in
    2019: late after it); each with an update of May 2018."""
    treaty = make_objective(programme, "Sign a new Benelux Police Treaty", target_date=date(2018, 7, 23))
    cooperation = make_objective(programme, "Optimise cross-border police cooperation")
    app = make_activity(cooperation, "The Benelux smartphone app", lead=organisation("NL", "POLNL"))
    radio = make_activity(cooperation, "Cross-border radio communication")
    almanac = make_activity(
        cooperation, "Update the Benelux almanac", lead=organisation("BE", "FEDPOL"), due_on=date(2019, 6, 30)
    )
    services.objective_update(objective=treaty, actor=user("secretariat"), status="done")
    at = datetime(2018, 5, 1, 9, tzinfo=UTC)
    post_update(app, "on_track", 40, at=at, text="The app is in the stores.")
    post_update(radio, "at_risk", 30, at=at, text="ASTRID and RENITA are not yet connected.")
    post_update(almanac, "on_track", 50, by="secretariat", at=at, text="Half of the entries checked.")
    return {"treaty": treaty, "cooperation": cooperation, "app": app, "radio": radio, "almanac": almanac}
