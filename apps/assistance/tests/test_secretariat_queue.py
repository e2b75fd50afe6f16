"""The Benelux secretariat's queue (issue 16): a joint body of no country, asked nothing and filing nothing, it sees
the open requests of the three countries, under a title that says so, and reads them only."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext

from apps.assistance import permissions, selectors
from apps.core.lists import safe_filename

from .factories import user

pytestmark = pytest.mark.django_db

TITLES = {
    "nl": "Openstaande verzoeken van de drie landen",
    "fr": "Demandes ouvertes des trois pays",
    "de": "Offene Ersuchen der drei Staaten",
    "en": "Open requests of the three countries",
}


@pytest.fixture
def requests_of_each_country(make_request):
    return {
        "BE": make_request(by="operator.be", to=("NL",), status="submitted", title="Cup final Brussels"),
        "NL": make_request(by="operator.nl", to=("LU",), status="acknowledged", title="King's Day Maastricht"),
        "LU": make_request(by="operator.lu", to=("BE",), status="submitted", title="National Day Luxembourg"),
        "closed": make_request(by="operator.nl", to=("BE",), status="closed", title="Carnival Maastricht"),
        "draft": make_request(by="operator.be", to=("LU",), title="Draft of Belgium"),
    }


def test_secretariat_queue_holds_the_open_requests_of_every_country(requests_of_each_country):
    queue = selectors.operator_queue(user=user("secretariat"))
    assert not queue["awaiting"]
    assert {request.title for request in queue["mine"]} == {
        "Cup final Brussels",
        "King's Day Maastricht",
        "National Day Luxembourg",
    }
    assert [request.title for request in queue["other"]] == ["Carnival Maastricht"]


@pytest.mark.parametrize("language", sorted(TITLES))
def test_secretariat_queue_says_it_holds_the_three_countries(requests_of_each_country, login, language):
    body = login("secretariat", language=language).get(reverse("assistance:index")).content.decode()
    assert TITLES[language] in body
    for title in ("Cup final Brussels", "King's Day Maastricht", "National Day Luxembourg"):
        assert title.replace("'", "&#x27;") in body
    assert "Draft of Belgium" not in body


def test_operator_queue_still_says_your_country(requests_of_each_country, login):
    body = login("operator.be", language="en").get(reverse("assistance:index")).content.decode()
    assert "Your country's open requests" in body
    assert TITLES["en"] not in body


def test_secretariat_reads_every_country_request_and_takes_no_step(requests_of_each_country):
    secretariat = user("secretariat")
    for code in ("BE", "NL", "LU"):
        request = selectors.request_get_for_user(user=secretariat, pk=requests_of_each_country[code].pk)
        assert permissions.available_actions(secretariat, request) == []
        assert not permissions.can_write_message(secretariat, request)
    assert not permissions.can_create(secretariat)


@pytest.mark.parametrize("language", sorted(TITLES))
def test_secretariat_filters_the_queue_of_the_three_countries_not_of_my_country(
    requests_of_each_country, login, language
):
    client = login("secretariat", language=language)
    body = client.get(reverse("assistance:index")).content.decode()
    with translation.override(language):
        mine, awaiting = gettext("My country's open requests"), gettext("Awaiting my country's acknowledgement")
    assert mine.replace("'", "&#x27;") not in body
    assert f'<option value="mine">{TITLES[language]}</option>' in body
    assert f'<option value="awaiting">{awaiting}</option>'.replace("'", "&#x27;") not in body

    export = client.get(reverse("assistance:index"), {"queue": "mine", "export": "csv"})
    with translation.override(language):
        name = gettext("Open requests of the three countries")
    assert export["Content-Disposition"] == content_disposition_header(True, safe_filename(name, "csv"))
    rows = b"".join(export.streaming_content).decode("utf-8-sig").splitlines()
    assert len(rows) == 4  # the heading and the three open requests


def test_operator_filters_the_queue_of_my_country(requests_of_each_country, login):
    body = login("operator.be", language="en").get(reverse("assistance:index")).content.decode()
    assert '<option value="mine">My country&#x27;s open requests</option>' in body
