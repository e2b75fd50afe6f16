import pytest
from django.urls import reverse

from apps.brochure import services
from apps.brochure.changes import text_diff

pytestmark = pytest.mark.django_db


@pytest.fixture
def second(edition, secretariat):
    """Edition 2: one section rewritten, one removed, one added, a contact point's telephone changed."""
    draft = services.edition_start_draft(actor=secretariat)
    pursuit = draft.sections.get(title_en="Cross-border hot pursuit")
    services.section_update(
        actor=secretariat,
        section=pursuit,
        body_en="In hot pursuits the police may cross the border without prior consent. No offence threshold applies.",
    )
    services.section_delete(actor=secretariat, section=draft.sections.get(title_en="Observation"))
    services.section_create(
        actor=secretariat, chapter=pursuit.chapter, title_nl="ANPR", title_en="ANPR data exchange", body_en="New."
    )
    contact = draft.contacts.get()
    services.contact_update(actor=secretariat, contact=contact, phone="+31 79 111 11 11")
    return services.edition_publish(actor=secretariat, edition=draft)


def test_what_changed_compares_two_editions_section_by_section(second, login, django_assert_num_queries):
    client = login("chief.nl", language="en")
    client.get(reverse("home"))
    # Two-factor devices (2); the editions; the sections and contact points of both editions.
    with django_assert_num_queries(2 + 5):
        response = client.get(reverse("brochure:changes"))
    body = response.content.decode()
    assert "1 sections added, 1 changed, 1 removed" in body
    assert "ANPR data exchange" in body and "Observation" in body
    assert '<ins><span class="visually-hidden">added: </span>No offence threshold applies.</ins>' in body
    assert "+31 79 111 11 11" in body and "+31 79 000 00 00" in body
    with django_assert_num_queries(2):
        client.get(reverse("brochure:changes"))
    back = client.get(reverse("brochure:changes"), {"from": 2, "to": 1}).content.decode()
    assert "1 sections added, 1 changed, 1 removed" in back


def test_unknown_editions_are_a_404_and_one_edition_has_nothing_to_compare(edition, login):
    client = login("chief.nl", language="en")
    assert "nothing to compare yet" in client.get(reverse("brochure:changes")).content.decode()
    assert client.get(reverse("brochure:changes"), {"from": "x"}).status_code == 404
    assert client.get(reverse("brochure:changes"), {"to": "99"}).status_code == 404


def test_text_in_a_diff_is_escaped(edition, secretariat, login):
    draft = services.edition_start_draft(actor=secretariat)
    section = draft.sections.first()
    services.section_update(actor=secretariat, section=section, body_en="<script>alert(1)</script> New text.")
    services.edition_publish(actor=secretariat, edition=draft)
    body = login("chief.nl", language="en").get(reverse("brochure:changes")).content.decode()
    assert "<script>alert" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_text_diff_marks_changed_sentences():
    assert text_diff("One. Two. Three.", "One. Two and a half. Three.") == [
        (" ", "One."),
        ("-", "Two."),
        ("+", "Two and a half."),
        (" ", "Three."),
    ]
