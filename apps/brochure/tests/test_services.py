from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from apps.brochure import services
from apps.brochure.models import Chapter, ContactEntry, Edition, Section
from apps.core.errors import ApplicationError

from .factories import build_draft, user

pytestmark = pytest.mark.django_db


def test_secretariat_publishes_a_numbered_dated_edition(edition):
    assert edition.number == 1
    assert edition.published_on == date(2026, 3, 2)
    assert edition.status == "published"
    assert edition.published_by.username == "secretariat"
    assert edition.sections.count() == 3 and edition.contacts.count() == 1


def test_new_draft_is_a_copy_of_the_latest_edition_with_the_same_keys(edition, secretariat):
    draft = services.edition_start_draft(actor=secretariat)
    assert draft.is_draft and draft.number is None
    old = {s.key: (s.title_nl, s.body_fr, s.body_html_de, s.tags, s.chapter.key) for s in edition.sections.all()}
    new = {s.key: (s.title_nl, s.body_fr, s.body_html_de, s.tags, s.chapter.key) for s in draft.sections.all()}
    assert new == old
    assert {c.key for c in draft.chapters.all()} == {c.key for c in edition.chapters.all()}
    assert [c.phone for c in draft.contacts.all()] == ["+31 79 000 00 00"]
    second = services.edition_publish(actor=secretariat, edition=draft, published_on=date(2026, 9, 1))
    assert second.number == 2
    assert Edition.objects.get(pk=edition.pk).sections.count() == 3  # the first edition is left as it was


def test_there_is_one_draft_at_a_time(edition, secretariat):
    services.edition_start_draft(actor=secretariat)
    with pytest.raises(ApplicationError, match="already a draft"):
        services.edition_start_draft(actor=secretariat)


def test_publishing_refuses_a_section_without_its_dutch_title(secretariat):
    draft = build_draft(actor=secretariat)
    section = draft.sections.get(title_en="Observation")
    services.section_update(actor=secretariat, section=section, title_nl="")
    with pytest.raises(ApplicationError) as refusal:
        services.edition_publish(actor=secretariat, edition=draft)
    assert "Dutch title" in refusal.value.message
    assert any("Observation" in problem for problem in refusal.value.errors["non_field_errors"])
    draft.refresh_from_db()
    assert draft.is_draft and draft.number is None


def test_publishing_refuses_an_empty_draft(demo, secretariat):
    draft = services.edition_start_draft(actor=secretariat)
    with pytest.raises(ApplicationError):
        services.edition_publish(actor=secretariat, edition=draft)


def test_published_edition_cannot_be_changed(edition, secretariat):
    section = edition.sections.first()
    with pytest.raises(ApplicationError, match="published edition cannot be changed"):
        services.section_update(actor=secretariat, section=section, title_en="Changed")
    with pytest.raises(ApplicationError):
        services.chapter_create(actor=secretariat, edition=edition, title_nl="Nieuw")
    with pytest.raises(ApplicationError):
        services.contact_delete(actor=secretariat, contact=edition.contacts.first())
    assert Section.objects.get(pk=section.pk).title_en == section.title_en


@pytest.mark.parametrize("username", ["operator.be", "chief.nl", "liaison.be"])
def test_reader_cannot_write_the_brochure(edition, username):
    reader = user(username)
    with pytest.raises(PermissionDenied):
        services.edition_start_draft(actor=reader)
    draft = services.edition_start_draft(actor=user("secretariat"))
    with pytest.raises(PermissionDenied):
        services.section_update(actor=reader, section=draft.sections.first(), title_en="Mine")
    with pytest.raises(PermissionDenied):
        services.edition_publish(actor=reader, edition=draft)


def test_script_or_html_in_a_section_body_is_neutralised(secretariat):
    draft = build_draft(actor=secretariat)
    chapter = draft.chapters.first()
    section = services.section_create(
        actor=secretariat,
        chapter=chapter,
        title_nl="Gevaarlijk",
        body_nl=(
            '<script>alert("x")</script> **vet** <img src=x onerror="alert(1)"> '
            "[klik](javascript:alert(1)) [mail](mailto:locc@politie.example)\n\n# Kop"
        ),
    )
    html = section.body_html_nl
    # Written as text at most, never as a tag, an attribute or a link.
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x" in html
    assert "<strong>vet</strong>" in html
    assert 'href="mailto:locc@politie.example"' in html
    assert "<h3>Kop</h3>" in html
    assert "**" not in section.body_text_nl and "vet" in section.body_text_nl  # the text keeps the words only


def test_section_needs_a_title_and_known_tags_and_countries(secretariat):
    draft = build_draft(actor=secretariat)
    chapter = draft.chapters.first()
    count = Section.objects.count()
    with pytest.raises(ApplicationError) as refusal:
        services.section_create(actor=secretariat, chapter=chapter, body_nl="Geen titel", tags=["nope"])
    assert set(refusal.value.errors) == {"title", "tags"}
    with pytest.raises(ApplicationError) as refusal:
        services.section_create(actor=secretariat, chapter=chapter, title_en="X", countries=["FR"])
    assert set(refusal.value.errors) == {"countries"}
    with pytest.raises(ApplicationError) as refusal:
        services.section_create(actor=secretariat, chapter=chapter, title_en="Line\rbreak")
    assert "title_en" in refusal.value.errors
    assert Section.objects.count() == count


def test_contact_point_is_data_with_a_valid_e_mail_address(secretariat):
    draft = build_draft(actor=secretariat)
    with pytest.raises(ApplicationError) as refusal:
        services.contact_create(
            actor=secretariat, edition=draft, country="BE", organisation_nl="DAO", phone="+32", secure_email="nope"
        )
    assert "secure_email" in refusal.value.errors
    contact = services.contact_create(
        actor=secretariat, edition=draft, country="BE", organisation_nl="DAO", phone="+32 2 000 00 00"
    )
    assert contact.position == 2


def test_sections_and_chapters_move_up_and_down(secretariat):
    draft = build_draft(actor=secretariat)
    chapter = draft.chapters.order_by("position").first()
    first, second = chapter.sections.order_by("position")
    services.section_move(actor=secretariat, section=second, up=True)
    assert list(chapter.sections.order_by("position").values_list("pk", flat=True)) == [second.pk, first.pk]
    services.section_move(actor=secretariat, section=second, up=True)  # already first: nothing happens
    assert list(chapter.sections.order_by("position").values_list("pk", flat=True)) == [second.pk, first.pk]
    services.chapter_move(actor=secretariat, chapter=chapter, up=False)
    assert draft.chapters.order_by("position").last() == chapter


def test_section_moves_to_another_chapter_of_the_same_draft(secretariat):
    draft = build_draft(actor=secretariat)
    first, second = draft.chapters.order_by("position")
    section = first.sections.first()
    services.section_update(actor=secretariat, section=section, chapter=second)
    assert Section.objects.get(pk=section.pk).chapter == second


def test_every_change_lands_in_the_audit_history(edition, secretariat):
    draft = services.edition_start_draft(actor=secretariat)
    assert Section.history.filter(edition_id=draft.pk, history_type="+").count() == 3
    section = draft.sections.first()
    services.section_update(actor=secretariat, section=section, title_en="Renamed")
    services.contact_delete(actor=secretariat, contact=draft.contacts.first())
    services.chapter_delete(actor=secretariat, chapter=draft.chapters.last())
    services.edition_publish(actor=secretariat, edition=draft)
    changed = Section.history.filter(id=section.pk, history_type="~").latest("history_date")
    assert changed.title_en == "Renamed" and changed.history_user == secretariat
    assert ContactEntry.history.filter(edition_id=draft.pk, history_type="-").exists()
    assert Chapter.history.filter(edition_id=draft.pk, history_type="-").exists()
    assert Edition.history.filter(id=draft.pk, status="published", history_user=secretariat).exists()


def test_secretariat_discards_a_draft(edition, secretariat):
    draft = services.edition_start_draft(actor=secretariat)
    services.edition_discard_draft(actor=secretariat, edition=draft)
    assert not Edition.objects.filter(status="draft").exists()
    assert Section.objects.filter(edition=edition).count() == 3
    with pytest.raises(ApplicationError):
        services.edition_discard_draft(actor=secretariat, edition=edition)
