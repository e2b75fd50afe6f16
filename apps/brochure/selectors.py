"""Reads of the brochure. Who sees what is decided here: readers see published editions only, and a user who may
not read the brochure finds nothing (404); the draft exists for the secretariat alone.
"""

from dataclasses import dataclass, field
from uuid import UUID

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from apps.accounts.models import User

from .choices import LANGUAGES, ORIGINAL, EditionStatus, Tag
from .models import Chapter, ContactEntry, Edition, Section
from .permissions import can_edit, can_read


def reader_check(*, user: User) -> None:
    """Http404 for a user who may not read the brochure."""
    if not can_read(user):
        raise Http404


def editor_check(*, user: User) -> None:
    """Http404 for a user who may not edit the brochure: the draft does not exist for them."""
    if not can_edit(user):
        raise Http404


def edition_list_for(*, user: User) -> QuerySet[Edition]:
    """The published editions, newest first."""
    reader_check(user=user)
    return Edition.objects.filter(status=EditionStatus.PUBLISHED).order_by("-number")


def edition_latest_for(*, user: User) -> Edition | None:
    """The latest published edition (None while nothing is published)."""
    return edition_list_for(user=user).first()


def edition_get_for_user(*, user: User, number) -> Edition:
    """A published edition by number; Http404 for an unknown number (or a draft's)."""
    try:
        number = int(number)
    except (TypeError, ValueError) as error:
        raise Http404 from error
    if not 1 <= number <= 2**31 - 1:
        raise Http404
    edition = edition_list_for(user=user).filter(number=number).first()
    if edition is None:
        raise Http404
    return edition


def edition_draft_for(*, user: User) -> Edition | None:
    """The draft edition, for the secretariat (None when there is none); Http404 for anyone else."""
    editor_check(user=user)
    return Edition.objects.filter(status=EditionStatus.DRAFT).first()


def _key(value) -> UUID:
    try:
        return value if isinstance(value, UUID) else UUID(str(value))
    except (TypeError, ValueError, AttributeError) as error:
        raise Http404 from error


def chapter_of(*, edition: Edition, key) -> Chapter:
    chapter = edition.chapters.filter(key=_key(key)).first()
    if chapter is None:
        raise Http404
    return chapter


def section_of(*, edition: Edition, key) -> Section:
    section = edition.sections.select_related("chapter").filter(key=_key(key)).first()
    if section is None:
        raise Http404
    return section


def contact_of(*, edition: Edition, key) -> ContactEntry:
    contact = edition.contacts.filter(key=_key(key)).first()
    if contact is None:
        raise Http404
    return contact


def sections_of(*, edition: Edition) -> QuerySet[Section]:
    """The sections of an edition in reading order (chapter, then section)."""
    return (
        Section.objects.filter(edition=edition)
        .select_related("chapter")
        .order_by("chapter__position", "chapter_id", "position", "pk")
    )


def contacts_of(*, edition: Edition) -> QuerySet[ContactEntry]:
    return edition.contacts.order_by("position", "pk")


def chapters_with_sections(*, edition: Edition, chapter: Chapter | None = None) -> list[Chapter]:
    """The chapters of an edition (or one of them) with their sections: two queries."""
    chapters = edition.chapters.order_by("position", "pk").prefetch_related(
        Prefetch("sections", queryset=Section.objects.order_by("position", "pk"))
    )
    if chapter is not None:
        chapters = chapters.filter(pk=chapter.pk)
    return list(chapters)


# What a reader sees in their language --------------------------------------------------------------------------


@dataclass
class Localised:
    """A section (or chapter, contact point) as shown in one language: ``language`` is the one shown, which is the
    original when the section is missing in the language asked for (``is_fallback``)."""

    obj: object
    language: str
    is_fallback: bool
    values: dict = field(default_factory=dict)

    def __getattr__(self, name):
        values = self.__dict__.get("values", {})
        if name in values:
            return values[name]
        return getattr(self.__dict__["obj"], name)


def _value(obj, name: str, code: str) -> str:
    return getattr(obj, f"{name}_{code}", None) or ""


def shown_language(obj, language: str, *, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> str:
    """The language ``obj`` is shown in for a reader of ``language``: that language when every ``required`` field
    has a text in it (and every ``optional`` one the original has), else the original, else any that has it."""
    if language not in LANGUAGES:
        language = ORIGINAL

    def complete(code: str) -> bool:
        return all(_value(obj, name, code) for name in required) and all(
            _value(obj, name, code) or not _value(obj, name, ORIGINAL) for name in optional
        )

    if complete(language):
        return language
    for code in (ORIGINAL, *LANGUAGES):
        if all(_value(obj, name, code) for name in required):
            return code
    return language


def localise(obj, language: str, *, fields: tuple[str, ...], required: tuple[str, ...], optional=()) -> Localised:
    shown = shown_language(obj, language, required=required, optional=optional)
    return Localised(
        obj=obj,
        language=shown,
        is_fallback=shown != language,
        values={name: _value(obj, name, shown) for name in fields},
    )


def localise_section(section: Section, language: str) -> Localised:
    return localise(
        section, language, fields=("title", "body", "body_html", "body_text"), required=("title",), optional=("body",)
    )


def localise_chapter(chapter: Chapter, language: str) -> Localised:
    return localise(chapter, language, fields=("title",), required=("title",))


def localise_contact(contact: ContactEntry, language: str) -> Localised:
    return localise(
        contact,
        language,
        fields=("organisation", "service", "hours", "notes"),
        required=("organisation",),
        optional=("service", "hours", "notes"),
    )


def table_of_contents(edition: Edition, language: str, *, chapter: Chapter | None = None) -> list[dict]:
    """[{"chapter": localised chapter, "sections": [localised sections]}] of an edition (or one chapter of it), in
    ``language``, each section with the labels of its tags: two queries."""
    labels = dict(Tag.choices)
    contents = []
    for found in chapters_with_sections(edition=edition, chapter=chapter):
        sections = []
        for section in found.sections.all():
            shown = localise_section(section, language)
            shown.values["tag_labels"] = [str(labels.get(tag, tag)) for tag in section.tags]
            sections.append(shown)
        contents.append({"chapter": localise_chapter(found, language), "sections": sections})
    return contents
