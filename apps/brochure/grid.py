"""The Benelux information brochure in the permission grid (see apps/core/grid.py).

The rule (issue 20): the secretariat edits and publishes; every logged-in police user (every member of an active
organisation of the portal) reads the published editions; drafts are never visible to readers, in pages, PDF,
search or API. The app lets the administrators (superusers, who may change the brochure in Django's admin anyway)
edit as the secretariat does (``permissions.can_edit``): the grid declares that.

The brochure belongs to no country: its samples are the same for the three countries. There is a published edition
(a chapter with a section, and a contact point) and a draft that starts as its copy, with a chapter, a section and a
contact point of its own. The draft and everything in it do not exist for readers (404), nor does a chapter of the
draft on the readers' pages, for anyone (the readers' pages show published editions only).
"""

from apps.accounts.choices import Role
from apps.core.grid import HIDDEN, OK, REDIRECT_WITH_ERROR, REFUSED, Check, Route, Sample, everyone

EDITORS = (Role.SECRETARIAT, Role.ADMINISTRATOR)


def draft(who, made=None) -> str:
    """The draft and what is in it: the editors'; it does not exist for anyone else."""
    return OK if who.role in EDITORS else HIDDEN


def nobody(who, made=None) -> str:
    return HIDDEN


def starting(who, made=None) -> str:
    """Starting a draft: refused to whoever is not an editor (403); an editor, while a draft exists, is sent back to it
    with the reason."""
    return REFUSED


# The samples, through the services (made once, whichever country asks) ---------------------------------------------


def _editor(world):
    return world.person(Role.SECRETARIAT, "BE").user


def _published(world, country=None):
    from . import services
    from .models import Edition

    found = Edition.objects.filter(status="published").order_by("-number").first()
    if found is not None:
        return found
    editor = _editor(world)
    edition = services.edition_start_draft(actor=editor)
    chapter = services.chapter_create(actor=editor, edition=edition, title_nl="Grensoverschrijdende achtervolging")
    services.section_create(
        actor=editor,
        chapter=chapter,
        title_nl="Voorwaarden",
        body_nl="De achtervolging mag de grens over.",
        tags=[],
        countries=["BE", "NL"],
    )
    services.contact_create(
        actor=editor, edition=edition, organisation_nl="Federale Politie", country="BE", phone="+32 2 642 60 00"
    )
    return services.edition_publish(actor=editor, edition=edition)


def _draft(world, country=None):
    from . import services
    from .models import Edition

    _published(world)
    found = Edition.objects.filter(status="draft").first()
    if found is not None:
        return found
    editor = _editor(world)
    edition = services.edition_start_draft(actor=editor)
    chapter = services.chapter_create(actor=editor, edition=edition, title_nl="Gemeenschappelijke patrouilles")
    services.section_create(
        actor=editor,
        chapter=chapter,
        title_nl="Nieuwe regels",
        body_nl="Nog niet gepubliceerd.",
        tags=[],
        countries=["LU"],
    )
    services.contact_create(
        actor=editor, edition=edition, organisation_nl="Police grand-ducale", country="LU", phone="+352 4997 1"
    )
    return edition


def _published_chapter(world, country):
    return _published(world).chapters.get()


def _draft_chapter(world, country):
    """The chapter the draft adds (the published one is copied into it too, with its key)."""
    return _draft(world).chapters.order_by("-position").first()


def _draft_section(world, country):
    return _draft_chapter(world, country).sections.get()


def _draft_contact(world, country):
    return _draft(world).contacts.get(country="LU")


EDITION = Sample("published edition", _published)
CHAPTER = Sample("chapter of the published edition", _published_chapter)
DRAFT_CHAPTER = Sample("chapter of the draft", _draft_chapter)
DRAFT_SECTION = Sample("section of the draft", _draft_section)
DRAFT_CONTACT = Sample("contact point of the draft", _draft_contact)


def _number(edition):
    return {"number": edition.number}


def _key(obj):
    return {"key": obj.key}


def _in_edition(chapter):
    return {"number": chapter.edition.number, "key": chapter.key}


# The bodies that make a change succeed for the editors --------------------------------------------------------------


def _chapter_form(who, made=None) -> dict:
    return {"title_nl": "Opleiding", "title_fr": "Formation"}


def _section_form(who, made) -> dict:
    obj = made.obj
    chapter = getattr(obj, "chapter", obj)
    return {"chapter": chapter.key, "title_nl": "Nieuwe regels", "body_nl": "Tekst.", "countries": ["LU"]}


def _contact_form(who, made=None) -> dict:
    return {"organisation_nl": "Douane", "country": "NL", "phone": "+31 88 151 00 00"}


def _changes(data):
    return [Check("GET", draft), Check("POST", draft, data, ok=302)]


ROUTES = [
    # The readers' pages: the latest edition, earlier editions, their chapters and PDFs, search, contact points, what
    # changed, and the offline reader.
    Route("brochure:index", [Check("GET", everyone)]),
    Route("brochure:search", [Check("GET", everyone)]),
    Route("brochure:contacts", [Check("GET", everyone)]),
    Route("brochure:editions", [Check("GET", everyone)]),
    Route("brochure:changes", [Check("GET", everyone)]),
    Route("brochure:reader", [Check("GET", everyone)]),
    Route("brochure:reader_sw", [Check("GET", everyone)]),
    Route("brochure:reader_manifest", [Check("GET", everyone)]),
    Route("brochure:reader_edition", [Check("GET", everyone)]),
    Route("brochure:reader_latest", [Check("GET", everyone)]),
    Route("brochure:edition", [Check("GET", everyone)], EDITION, kwargs=_number),
    Route("brochure:edition_pdf", [Check("GET", everyone)], EDITION, kwargs=_number),
    Route("brochure:chapter", [Check("GET", everyone)], CHAPTER, kwargs=_key),
    Route("brochure:edition_chapter", [Check("GET", everyone)], CHAPTER, kwargs=_in_edition),
    Route("brochure:chapter_pdf", [Check("GET", everyone)], CHAPTER, kwargs=_in_edition),
    # A chapter of the draft is on no reader's page, the editors' included (they preview it on the draft's pages).
    Route("brochure:chapter", [Check("GET", nobody)], DRAFT_CHAPTER, kwargs=_key, label="draft"),
    # The draft: the editors'.
    Route("brochure:draft", [Check("GET", draft)]),
    Route("brochure:draft_start", [Check("POST", starting, refused=frozenset({403, REDIRECT_WITH_ERROR}))]),
    Route("brochure:draft_notes", _changes(lambda who, made: {"notes_nl": "Een nieuw hoofdstuk."})),
    Route("brochure:draft_publish", [Check("POST", draft, lambda who, made: {"published_on": ""}, ok=302)]),
    Route("brochure:draft_discard", [Check("POST", draft, ok=302)]),
    Route("brochure:chapter_new", _changes(_chapter_form)),
    Route("brochure:draft_chapter", [Check("GET", draft)], DRAFT_CHAPTER, kwargs=_key),
    Route("brochure:chapter_edit", _changes(_chapter_form), DRAFT_CHAPTER, kwargs=_key),
    Route(
        "brochure:section_new",
        _changes(_section_form),
        DRAFT_CHAPTER,
        kwargs=lambda chapter: {"chapter_key": chapter.key},
    ),
    Route("brochure:section_edit", _changes(_section_form), DRAFT_SECTION, kwargs=_key),
    Route("brochure:contact_new", _changes(_contact_form)),
    Route("brochure:contact_edit", _changes(_contact_form), DRAFT_CONTACT, kwargs=_key),
    Route(
        "brochure:draft_item_action",
        [Check("POST", draft, ok=302)],
        DRAFT_SECTION,
        kwargs=lambda section: {"kind": "section", "key": section.key, "action": "delete"},
    ),
    # The API: published editions only, for every reader.
    Route("brochure-api:sections", [Check("GET", everyone)]),
    Route("brochure-api:search", [Check("GET", everyone)]),
    Route("brochure-api:editions", [Check("GET", everyone)]),
    Route("brochure-api:contacts", [Check("GET", everyone)]),
]
