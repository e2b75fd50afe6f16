import pytest
from django.test import Client
from django.urls import reverse

from apps.brochure import services
from apps.brochure.models import Edition, Section

pytestmark = pytest.mark.django_db

# Two-factor devices (2); the session, the user with roles and the unread count come from the cache. A reader's
# page body comes from the cache too (until the brochure changes); made anew it reads the edition and what it
# shows: the latest edition, then chapters and sections (the table of contents, a chapter), contact points, ...
CACHED = 2
INDEX = 2 + 3
CHAPTER = 2 + 4  # the latest edition, the chapter, the chapters and their sections (the pager)
CONTACTS = 2 + 2
EDITIONS = 2 + 1
SEARCH = 2 + 2
DRAFT = 2 + 7


def _reader_urls(edition) -> list[str]:
    chapter = edition.chapters.order_by("position").first()
    return [
        reverse("brochure:index"),
        reverse("brochure:chapter", args=[chapter.key]),
        reverse("brochure:contacts"),
        reverse("brochure:editions"),
        reverse("brochure:edition", args=[edition.number]),
        reverse("brochure:edition_chapter", args=[edition.number, chapter.key]),
        reverse("brochure:search") + "?q=grens",
        reverse("brochure:changes"),
        reverse("brochure:edition_pdf", args=[edition.number]),
        reverse("brochure:chapter_pdf", args=[edition.number, chapter.key]),
    ]


def test_reader_pages_ask_anonymous_visitors_to_log_in_hide_from_accounts_of_no_organisation_and_open_to_readers(
    edition, outsider, login
):
    outsider = login("outsider")
    reader = login("liaison.be")
    for url in _reader_urls(edition):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login")), url
        assert outsider.get(url).status_code == 404, url
        assert reader.get(url).status_code == 200, url


def _draft_urls(draft) -> list[str]:
    chapter = draft.chapters.order_by("position").first()
    section = draft.sections.first()
    contact = draft.contacts.first()
    return [
        reverse("brochure:draft"),
        reverse("brochure:draft_notes"),
        reverse("brochure:draft_chapter", args=[chapter.key]),
        reverse("brochure:chapter_new"),
        reverse("brochure:chapter_edit", args=[chapter.key]),
        reverse("brochure:section_new", args=[chapter.key]),
        reverse("brochure:section_edit", args=[section.key]),
        reverse("brochure:contact_new"),
        reverse("brochure:contact_edit", args=[contact.key]),
    ]


def test_draft_pages_exist_for_the_secretariat_only(edition, secretariat, outsider, login):
    draft = services.edition_start_draft(actor=secretariat)
    editor = login("secretariat")
    for url in _draft_urls(draft):
        response = Client().get(url)
        assert response.status_code == 302, url
        assert login("outsider").get(url).status_code == 404, url
        assert login("chief.be").get(url).status_code == 404, url
        assert editor.get(url).status_code == 200, url
    key = draft.sections.first().key
    for url in [
        reverse("brochure:draft_publish"),
        reverse("brochure:draft_discard"),
        reverse("brochure:draft_item_action", args=["section", key, "delete"]),
    ]:
        assert login("operator.nl").post(url).status_code == 404, url
    assert Section.objects.filter(edition=draft).count() == 3
    assert Edition.objects.filter(status="draft").count() == 1


def test_only_the_secretariat_may_start_a_draft_edition(edition, secretariat, outsider, login):
    url = reverse("brochure:draft_start")
    assert Client().post(url).status_code == 302
    assert login("operator.nl").post(url).status_code == 403
    assert login("outsider").post(url).status_code == 403
    assert not Edition.objects.filter(status="draft").exists()
    assert login("secretariat").post(url).status_code == 302
    assert Edition.objects.filter(status="draft").count() == 1


def test_readers_never_see_the_draft(edition, secretariat, login):
    draft = services.edition_start_draft(actor=secretariat)
    section = draft.sections.get(title_en="Observation")
    services.section_update(actor=secretariat, section=section, title_en="Secret draft wording")
    client = login("operator.be", language="en")
    chapter = draft.chapters.get(key=section.chapter.key)
    for url in [
        reverse("brochure:index"),
        reverse("brochure:chapter", args=[chapter.key]),
        reverse("brochure:search") + "?q=secret",
    ]:
        assert "Secret draft wording" not in client.get(url).content.decode(), url
    assert (
        "Secret draft wording"
        in login("secretariat", language="en")
        .get(reverse("brochure:draft_chapter", args=[chapter.key]))
        .content.decode()
    )


@pytest.mark.parametrize(
    ("name", "made", "args"),
    [
        ("brochure:index", INDEX, None),
        ("brochure:chapter", CHAPTER, "chapter"),
        ("brochure:contacts", CONTACTS, None),
        ("brochure:editions", EDITIONS, None),
        ("brochure:search", SEARCH, "search"),
    ],
)
def test_reader_page_runs_a_fixed_number_of_queries(
    edition, secretariat, login, django_assert_num_queries, name, made, args
):
    for number in range(3):  # more editions, chapters and sections: an N+1 would show
        draft = services.edition_start_draft(actor=secretariat)
        for chapter in draft.chapters.all():
            for index in range(4):
                services.section_create(actor=secretariat, chapter=chapter, title_nl=f"Extra {number}-{index} grens")
        services.contact_create(actor=secretariat, edition=draft, country="LU", organisation_nl="CIN", phone="+352")
        services.edition_publish(actor=secretariat, edition=draft)
    latest = Edition.objects.order_by("-number").first()
    if args == "chapter":
        url = reverse(name, args=[latest.chapters.order_by("position").first().key])
    else:
        url = reverse(name) + ("?q=grens" if args == "search" else "")
    client = login("chief.nl")
    client.get(reverse("home"))
    with django_assert_num_queries(made):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(CACHED):
        assert client.get(url).status_code == 200


def test_draft_page_runs_a_fixed_number_of_queries(edition, secretariat, login, django_assert_num_queries):
    draft = services.edition_start_draft(actor=secretariat)
    client = login("secretariat")
    client.get(reverse("home"))
    with django_assert_num_queries(DRAFT):
        client.get(reverse("brochure:draft"))
    for chapter in draft.chapters.all():
        for index in range(5):
            services.section_create(actor=secretariat, chapter=chapter, title_nl=f"Extra {index}")
    with django_assert_num_queries(DRAFT):
        client.get(reverse("brochure:draft"))


def test_reader_reads_a_chapter_with_a_marker_where_a_section_is_not_translated(edition, secretariat, login):
    draft = services.edition_start_draft(actor=secretariat)
    section = draft.sections.get(title_en="Observation")
    services.section_update(actor=secretariat, section=section, title_de="", body_de="")
    services.edition_publish(actor=secretariat, edition=draft)
    body = login("chief.lu", language="de").get(reverse("brochure:chapter", args=[section.chapter.key])).content
    body = body.decode()
    assert "Grenzüberschreitende Nacheile" in body
    assert 'lang="nl">Observatie</h2>' in body
    assert "Nog niet" not in body and "shown in" not in body  # the marker speaks German
    assert 'class="brochure-fallback"' in body


def test_page_shows_a_new_edition_at_once_despite_the_cache(edition, secretariat, login):
    client = login("operator.nl", language="en")
    assert "Edition 1 of" in client.get(reverse("brochure:index")).content.decode()
    draft = services.edition_start_draft(actor=secretariat)
    services.chapter_create(actor=secretariat, edition=draft, title_nl="Nieuw hoofdstuk", title_en="New chapter")
    assert "New chapter" not in client.get(reverse("brochure:index")).content.decode()
    services.section_create(actor=secretariat, chapter=draft.chapters.last(), title_nl="Iets")
    services.edition_publish(actor=secretariat, edition=draft)
    body = client.get(reverse("brochure:index")).content.decode()
    assert "New chapter" in body and "Edition 2 of" in body
    earlier = client.get(reverse("brochure:edition", args=[1])).content.decode()
    assert "An earlier edition." in earlier and "New chapter" not in earlier


def test_secretariat_writes_and_publishes_an_edition_through_the_pages(demo, login):
    client = login("secretariat", language="en")
    assert "There is no draft" in client.get(reverse("brochure:draft")).content.decode()
    client.post(reverse("brochure:draft_start"))
    draft = Edition.objects.get(status="draft")
    response = client.post(reverse("brochure:chapter_new"), {"title_nl": "Achtervolging", "title_en": "Pursuit"})
    assert response.status_code == 302
    chapter = draft.chapters.get()
    response = client.post(
        reverse("brochure:section_new", args=[chapter.key]),
        {"chapter": chapter.key, "title_en": "Only English", "body_en": "**Text**", "tags": ["pursuit"]},
    )
    assert response.status_code == 302
    response = client.post(reverse("brochure:draft_publish"), {"published_on": ""}, follow=True)
    body = response.content.decode()
    assert "every chapter and section needs its Dutch title" in body and "Only English" in body
    section = draft.sections.get()
    response = client.post(
        reverse("brochure:section_edit", args=[section.key]),
        {"chapter": chapter.key, "title_nl": "Alleen", "title_en": "Only English", "body_en": "**Text**"},
    )
    assert response.status_code == 302
    response = client.post(reverse("brochure:draft_publish"), {"published_on": "2026-05-04"}, follow=True)
    assert "Edition 1 is published" in response.content.decode()
    published = Edition.objects.get(number=1)
    assert str(published.published_on) == "2026-05-04"


def test_section_form_reports_bad_input_in_the_users_language(edition, secretariat, login):
    draft = services.edition_start_draft(actor=secretariat)
    chapter = draft.chapters.first()
    client = login("secretariat", language="fr")
    response = client.post(
        reverse("brochure:section_new", args=[chapter.key]),
        {"chapter": "not-a-key", "title_nl": "x" * 300, "tags": ["nope"], "countries": ["FR"]},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Sélectionnez un choix valide" in body
    assert Section.objects.filter(edition=draft).count() == 3


def test_bad_publication_date_is_refused_with_a_message(edition, secretariat, login):
    services.edition_start_draft(actor=secretariat)
    response = login("secretariat", language="en").post(
        reverse("brochure:draft_publish"), {"published_on": "0001-01-01"}, follow=True
    )
    assert "Give a date between" in response.content.decode()
    assert Edition.objects.filter(status="draft").exists()


def test_earlier_edition_and_form_pages_run_a_fixed_number_of_queries(
    edition, secretariat, login, django_assert_num_queries
):
    draft = services.edition_start_draft(actor=secretariat)
    services.edition_publish(actor=secretariat, edition=draft)
    draft = services.edition_start_draft(actor=secretariat)
    chapter = draft.chapters.order_by("position").first()
    section = chapter.sections.first()
    reader = login("chief.be")
    reader.get(reverse("home"))
    old_chapter = edition.chapters.order_by("position").first()
    # Two-factor devices (2); the edition asked for, the latest; (the chapter;) the chapters and their sections.
    for url, queries in [
        (reverse("brochure:edition", args=[1]), 2 + 4),
        (reverse("brochure:edition_chapter", args=[1, old_chapter.key]), 2 + 5),
    ]:
        with django_assert_num_queries(queries):
            assert reader.get(url).status_code == 200
        with django_assert_num_queries(2):
            assert reader.get(url).status_code == 200
    editor = login("secretariat")
    editor.get(reverse("home"))
    # Two-factor devices (2); the draft, then what the form shows: the section with its chapter and the draft's
    # chapters to choose from (the list, and the chosen one); a chapter; a contact point; a chapter's preview.
    for url, queries in [
        (reverse("brochure:section_edit", args=[section.key]), 2 + 4),
        (reverse("brochure:chapter_edit", args=[chapter.key]), 2 + 2),
        (reverse("brochure:contact_edit", args=[draft.contacts.first().key]), 2 + 2),
        (reverse("brochure:draft_chapter", args=[chapter.key]), 2 + 5),
    ]:
        with django_assert_num_queries(queries):
            assert editor.get(url).status_code == 200, url
