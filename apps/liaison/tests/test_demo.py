import pytest

from apps.liaison import demo as liaison_demo
from apps.liaison.models import Absence, Accreditation, Desk, LiaisonOfficer, Posting
from apps.liaison.selectors import coverage_statuses, status_of, today

pytestmark = pytest.mark.django_db


def _counts():
    return [model.objects.count() for model in (Desk, LiaisonOfficer, Posting, Accreditation, Absence)] + [
        model.history.count() for model in (Desk, LiaisonOfficer, Posting, Accreditation, Absence)
    ]


def test_demo_network_loads_twice_without_change(demo):
    liaison_demo.load()
    first = _counts()
    liaison_demo.load()
    assert _counts() == first
    assert 55 <= LiaisonOfficer.objects.count() <= 65
    assert Desk.objects.filter(run_by="BNL", is_pilot=True, country="EC").exists()
    assert Desk.objects.filter(kind="international", country="NL").count() == 2


def test_demo_gives_the_demo_officers_their_records_and_the_coordinators_their_log_ins(demo, login):
    liaison_demo.load()
    koen = LiaisonOfficer.objects.get(user__username="liaison.be")
    assert koen.postings.filter(desk__country="CO").exists()
    assert LiaisonOfficer.objects.get(user__username="liaison.nl").sending_country == "NL"
    response = login("coordinator.nl").get("/liaison/stale/")
    assert response.status_code == 200 and "Smeets" in response.content.decode()
    assert "Maes" not in response.content.decode()  # a Belgian stale record is the Belgian coordinator's


def test_demo_covers_the_cocaine_source_countries_and_shows_gaps(demo):
    liaison_demo.load()
    statuses = coverage_statuses(day=today())
    assert {status_of(code, statuses.get(code)) for code in ("CO", "BR", "EC", "PE")} == {"resident"}
    assert status_of("CI", statuses.get("CI")) == "none"
    assert status_of("VE", statuses.get("VE")) == "accredited"
