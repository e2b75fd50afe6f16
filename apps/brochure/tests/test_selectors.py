import pytest
from django.contrib.auth.models import Group
from django.http import Http404

from apps.accounts.tests.factories import UserFactory
from apps.brochure import selectors, services

from .factories import user

pytestmark = pytest.mark.django_db


def test_readers_see_the_latest_published_edition_never_the_draft(edition, secretariat):
    draft = services.edition_start_draft(actor=secretariat)
    reader = user("operator.be")
    assert selectors.edition_latest_for(user=reader) == edition
    assert list(selectors.edition_list_for(user=reader)) == [edition]
    with pytest.raises(Http404):
        selectors.edition_draft_for(user=reader)
    assert selectors.edition_draft_for(user=secretariat) == draft


def test_an_account_of_no_organisation_or_a_closed_one_finds_no_brochure(edition):
    nobody = UserFactory(organisation=None)
    with pytest.raises(Http404):
        selectors.edition_latest_for(user=nobody)
    closed = UserFactory(organisation__is_active=False)
    with pytest.raises(Http404):
        selectors.edition_latest_for(user=closed)
    member = UserFactory()  # of a police service, with no role of the portal: a police user all the same
    assert not Group.objects.filter(user=member).exists()
    assert selectors.edition_latest_for(user=member) == edition


@pytest.mark.parametrize("number", ["0", "-1", "abc", "99999999999999", None, "2"])
def test_unknown_edition_number_is_a_404(edition, number):
    with pytest.raises(Http404):
        selectors.edition_get_for_user(user=user("chief.lu"), number=number)


def test_section_missing_in_a_language_shows_the_original_with_a_marker(edition, secretariat):
    draft = services.edition_start_draft(actor=secretariat)
    section = draft.sections.get(title_en="Observation")
    services.section_update(actor=secretariat, section=section, body_de="", title_fr="")
    section.refresh_from_db()
    german = selectors.localise_section(section, "de")
    assert german.is_fallback and german.language == "nl"
    assert german.title == "Observatie" and "grens" in german.body_html
    english = selectors.localise_section(section, "en")
    assert not english.is_fallback and english.title == "Observation"
    assert selectors.localise_section(section, "fr").language == "nl"


def test_bad_keys_are_a_404(edition):
    for key in ["not-a-uuid", "", None, "00000000-0000-0000-0000-000000000000"]:
        with pytest.raises(Http404):
            selectors.chapter_of(edition=edition, key=key)
        with pytest.raises(Http404):
            selectors.section_of(edition=edition, key=key)
