"""A notification names bodies (countries, organisations, consultation bodies) and dates in each reader's language."""

from datetime import date

import pytest
from django.utils.translation import gettext_noop

from apps.accounts.models import Country, Organisation
from apps.notifications import params
from apps.notifications.models import Notification

pytestmark = pytest.mark.django_db

FILED = gettext_noop("Request %(reference)s was filed by %(country)s")
AGENDA = gettext_noop("The agenda of the %(body)s meeting of %(date)s is published.")


def _notification(message: str, values: dict) -> Notification:
    return Notification.objects.create(kind="test.params", message=message, params=values)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "Verzoek BNL-2026-0001 is ingediend door Nederland"),
        ("fr", "Pays-Bas : demande BNL-2026-0001 soumise"),
        ("de", "Niederlande: Ersuchen BNL-2026-0001 eingereicht"),
        ("en", "Request BNL-2026-0001 was filed by Netherlands"),
    ],
)
def test_the_country_that_filed_is_named_in_the_readers_language(demo, language, text):
    netherlands = Country.objects.get(code="NL")
    notification = _notification(FILED, {"reference": "BNL-2026-0001", "country": params.names(netherlands)})
    assert notification.render(language) == text


@pytest.mark.parametrize(
    ("language", "name"),
    [
        ("nl", "Landelijk Operationeel Coördinatiecentrum (LOCC)"),
        ("fr", "Centre national de coordination opérationnelle (LOCC)"),
        ("de", "Landesweites Operatives Koordinierungszentrum (LOCC)"),
    ],
)
def test_an_organisation_is_named_in_the_readers_language(demo, language, name):
    locc = Organisation.objects.get(country__code="NL", short_name="LOCC")
    notification = _notification("%(organisation)s", {"organisation": params.names(locc)})
    assert notification.render(language) == name


SOP = {
    "names": {
        "nl": "Strategisch Overleg Politie",
        "fr": "Concertation stratégique Police",
        "de": "Strategische Konsultation Polizei",
        "en": "Strategic Consultation Police",
    }
}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "Strategisch Overleg Politie: de agenda van de vergadering van 14 juni 2022 is gepubliceerd."),
        ("fr", "Concertation stratégique Police : l'ordre du jour de la réunion du 14 juin 2022 est publié."),
        ("de", "Strategische Konsultation Polizei: Die Tagesordnung der Sitzung vom 14. Juni 2022 ist veröffentlicht."),
        ("en", "The agenda of the Strategic Consultation Police meeting of 14 Jun 2022 is published."),
    ],
)
def test_a_body_and_a_date_are_written_in_the_readers_language(language, text):
    notification = _notification(AGENDA, {"body": SOP, "date": params.day(date(2022, 6, 14))})
    assert notification.render(language) == text


def test_a_name_missing_in_one_language_falls_back_like_the_content_it_comes_from(demo):
    luxembourg = Country.objects.get(code="LU")
    luxembourg.name_fr = ""
    value = params.names(luxembourg)
    assert value["names"]["fr"] == "Luxembourg"  # the English name, as the pages show it
    assert _notification("%(country)s", {"country": value}).render("de") == "Luxemburg"


def test_plain_values_are_shown_as_they_are():
    notification = _notification("%(reference)s: %(count)s", {"reference": "BNL-2026-0001", "count": 3})
    assert notification.render("fr") == "BNL-2026-0001: 3"
