"""Writes of the brochure: the draft edition, its chapters, sections and contact points, and publishing it.

Only the draft edition changes; a published edition is a record. Every write names its actor in the audit
history (``_history_user``); copies made in bulk (a new draft) write their history rows with the actor too.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from apps.accounts.models import User
from apps.core.errors import ApplicationError

from .caching import BROCHURE
from .choices import LANGUAGES, ORIGINAL, EditionStatus, MemberCountry, Tag
from .models import Chapter, ContactEntry, Edition, Section
from .permissions import can_edit

MAX_BODY = 50_000
CHAPTER_FIELDS = {f"title_{code}" for code in LANGUAGES}
SECTION_FIELDS = {
    "chapter",
    "tags",
    "countries",
    *(f"{name}_{code}" for name in ("title", "body") for code in LANGUAGES),
}
CONTACT_FIELDS = {
    "country",
    "phone",
    "secure_email",
    *(f"{name}_{code}" for name in ("organisation", "service", "hours", "notes") for code in LANGUAGES),
}
EDITION_FIELDS = {f"notes_{code}" for code in LANGUAGES}


def _validation_errors(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {field: [str(message) for message in messages] for field, messages in error.message_dict.items()}
    return {"non_field_errors": [str(message) for message in error.messages]}


def _check_editor(actor: User) -> None:
    if not can_edit(actor):
        raise PermissionDenied


def _locked_draft(edition: Edition) -> Edition:
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    if not edition.is_draft:
        raise ApplicationError(_("A published edition cannot be changed: start a new draft."))
    return edition


def _clean_text(value):
    return value.strip() if isinstance(value, str) else value


def _assign(obj, fields: dict, allowed: set[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    for name, value in fields.items():
        value = _clean_text(value)
        setattr(obj, name, "" if value is None and name not in {"chapter"} else value)


def _full_clean(obj, *, exclude: list[str], message: str) -> None:
    try:
        obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise ApplicationError(message, _validation_errors(error)) from error


def _next_position(queryset) -> int:
    return (queryset.aggregate(last=Max("position"))["last"] or 0) + 1


def _save(obj, actor: User) -> None:
    obj._history_user = actor
    obj.save()


def _delete(obj, actor: User) -> None:
    obj._history_user = actor
    obj.delete()


# Editions -----------------------------------------------------------------------------------------------------


def _copy_fields(model, skip: set[str]) -> list[str]:
    return [
        field.attname
        for field in model._meta.concrete_fields
        if not field.generated and not field.primary_key and field.name not in skip
    ]


@transaction.atomic
def edition_start_draft(*, actor: User) -> Edition:
    """A new draft: a copy of the latest published edition (or an empty brochure), keys kept."""
    _check_editor(actor)
    if Edition.objects.select_for_update().filter(status=EditionStatus.DRAFT).exists():
        raise ApplicationError(_("There is already a draft edition: continue working on it."))
    latest = Edition.objects.filter(status=EditionStatus.PUBLISHED).order_by("-number").first()
    draft = Edition(status=EditionStatus.DRAFT)
    try:
        with transaction.atomic():
            _save(draft, actor)
    except IntegrityError as error:  # a colleague started one at the same moment
        raise ApplicationError(_("There is already a draft edition: continue working on it.")) from error
    if latest is None:
        return draft
    for code in LANGUAGES:
        setattr(draft, f"notes_{code}", "")
    chapter_fields = _copy_fields(Chapter, {"edition"})
    chapters = {
        chapter.pk: Chapter(edition=draft, **{name: getattr(chapter, name) for name in chapter_fields})
        for chapter in latest.chapters.all()
    }
    bulk_create_with_history(list(chapters.values()), Chapter, default_user=actor)
    section_fields = _copy_fields(Section, {"edition", "chapter", "updated_at"})
    sections = [
        Section(
            edition=draft,
            chapter=chapters[section.chapter_id],
            updated_at=timezone.now(),
            **{name: getattr(section, name) for name in section_fields},
        )
        for section in latest.sections.all()
    ]
    bulk_create_with_history(sections, Section, default_user=actor)
    contact_fields = _copy_fields(ContactEntry, {"edition"})
    contacts = [
        ContactEntry(edition=draft, **{name: getattr(contact, name) for name in contact_fields})
        for contact in latest.contacts.all()
    ]
    bulk_create_with_history(contacts, ContactEntry, default_user=actor)
    BROCHURE.bump()  # bulk inserts send no signals
    return draft


@transaction.atomic
def edition_update(*, actor: User, edition: Edition, **fields) -> Edition:
    """The draft's notes ("what is new"), in four languages."""
    _check_editor(actor)
    edition = _locked_draft(edition)
    _assign(edition, fields, EDITION_FIELDS)
    _full_clean(
        edition,
        exclude=["number", "status", "published_on", "published_at", "published_by"],
        message=_("The edition was not saved: please correct the marked fields."),
    )
    _save(edition, actor)
    return edition


def publication_problems(edition: Edition) -> list[str]:
    """Why the edition cannot be published yet (empty when it can)."""
    problems = []
    chapters = list(edition.chapters.all())
    sections = list(edition.sections.select_related("chapter"))
    if not sections:
        problems.append(_("The edition has no sections."))
    for chapter in chapters:
        if not (getattr(chapter, f"title_{ORIGINAL}") or "").strip():
            problems.append(_("A chapter has no Dutch title."))
    for section in sections:
        if not (getattr(section, f"title_{ORIGINAL}") or "").strip():
            name = next(
                (getattr(section, f"title_{code}") for code in LANGUAGES if getattr(section, f"title_{code}")), ""
            )
            chapter = getattr(section.chapter, f"title_{ORIGINAL}") or ""
            problems.append(
                _("The section “%(section)s” of the chapter “%(chapter)s” has no Dutch title.")
                % {"section": name or "…", "chapter": chapter or "…"}
            )
    return problems


@transaction.atomic
def edition_publish(*, actor: User, edition: Edition, published_on=None) -> Edition:
    """Publish the draft as the next numbered edition, dated ``published_on`` (today by default). Refused while a
    chapter or section has no title in the original language (Dutch), or the draft is empty."""
    _check_editor(actor)
    edition = _locked_draft(edition)
    problems = publication_problems(edition)
    if problems:
        raise ApplicationError(
            _("The edition was not published: every chapter and section needs its Dutch title."),
            {"non_field_errors": problems},
        )
    today = timezone.localdate()
    if published_on is None:
        published_on = today
    # Numbers follow each other; the lock on the draft keeps two publications from taking the same one.
    last = Edition.objects.filter(status=EditionStatus.PUBLISHED).aggregate(last=Max("number"))["last"] or 0
    edition.number = last + 1
    edition.status = EditionStatus.PUBLISHED
    edition.published_on = published_on
    edition.published_at = timezone.now()
    edition.published_by = actor
    _save(edition, actor)
    return edition


@transaction.atomic
def edition_discard_draft(*, actor: User, edition: Edition) -> None:
    """Throw the draft away, with everything in it (the audit history keeps it)."""
    _check_editor(actor)
    edition = _locked_draft(edition)
    for obj in [*edition.contacts.all(), *edition.sections.all(), *edition.chapters.all()]:
        _delete(obj, actor)
    _delete(edition, actor)


# Chapters -----------------------------------------------------------------------------------------------------


def _require_title(obj, field: str, message: str) -> None:
    if not any((getattr(obj, f"{field}_{code}") or "").strip() for code in LANGUAGES):
        raise ApplicationError(message, {field: [_("Give the title in at least one language.")]})


@transaction.atomic
def chapter_create(*, actor: User, edition: Edition, **fields) -> Chapter:
    _check_editor(actor)
    edition = _locked_draft(edition)
    chapter = Chapter(edition=edition, position=_next_position(edition.chapters.all()))
    _assign(chapter, fields, CHAPTER_FIELDS)
    message = _("The chapter was not saved: please correct the marked fields.")
    _require_title(chapter, "title", message)
    _full_clean(chapter, exclude=["edition", "key", "title"], message=message)
    _save(chapter, actor)
    return chapter


@transaction.atomic
def chapter_update(*, actor: User, chapter: Chapter, **fields) -> Chapter:
    _check_editor(actor)
    _locked_draft(chapter.edition)
    chapter = Chapter.objects.select_for_update().get(pk=chapter.pk)
    _assign(chapter, fields, CHAPTER_FIELDS)
    message = _("The chapter was not saved: please correct the marked fields.")
    _require_title(chapter, "title", message)
    _full_clean(chapter, exclude=["edition", "key", "title"], message=message)
    _save(chapter, actor)
    return chapter


@transaction.atomic
def chapter_delete(*, actor: User, chapter: Chapter) -> None:
    _check_editor(actor)
    _locked_draft(chapter.edition)
    for section in chapter.sections.all():
        _delete(section, actor)
    _delete(chapter, actor)


def _move(obj, siblings, *, actor: User, up: bool) -> None:
    """Swap ``obj`` with the sibling before (``up``) or after it; nothing at the start or end."""
    ordered = list(siblings.select_for_update().order_by("position", "pk"))
    index = next(number for number, sibling in enumerate(ordered) if sibling.pk == obj.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, sibling in enumerate(ordered, start=1):
        if sibling.position != position:
            sibling.position = position
            _save(sibling, actor)


@transaction.atomic
def chapter_move(*, actor: User, chapter: Chapter, up: bool) -> None:
    _check_editor(actor)
    edition = _locked_draft(chapter.edition)
    _move(chapter, edition.chapters.all(), actor=actor, up=up)


# Sections -----------------------------------------------------------------------------------------------------


def _check_section(section: Section) -> None:
    message = _("The section was not saved: please correct the marked fields.")
    errors: dict[str, list[str]] = {}
    if not any((getattr(section, f"title_{code}") or "").strip() for code in LANGUAGES):
        errors["title"] = [_("Give the title in at least one language.")]
    if not isinstance(section.tags, list) or not set(section.tags) <= set(Tag.values):
        errors["tags"] = [_("Choose tags from the list.")]
    else:
        section.tags = sorted(set(section.tags), key=Tag.values.index)
    if not isinstance(section.countries, list) or not set(section.countries) <= set(MemberCountry.values):
        errors["countries"] = [_("Choose countries from the list.")]
    else:
        section.countries = sorted(set(section.countries), key=MemberCountry.values.index)
    for code in LANGUAGES:
        if len(getattr(section, f"body_{code}") or "") > MAX_BODY:
            errors[f"body_{code}"] = [_("This text is too long.")]
    if errors:
        raise ApplicationError(message, errors)
    _full_clean(section, exclude=["edition", "chapter", "key", "title", "body", "tags", "countries"], message=message)


@transaction.atomic
def section_create(*, actor: User, chapter: Chapter, **fields) -> Section:
    _check_editor(actor)
    edition = _locked_draft(chapter.edition)
    fields.pop("chapter", None)
    section = Section(edition=edition, chapter=chapter, position=_next_position(chapter.sections.all()))
    _assign(section, fields, SECTION_FIELDS)
    _check_section(section)
    _save(section, actor)
    return section


@transaction.atomic
def section_update(*, actor: User, section: Section, **fields) -> Section:
    """Change a section; with ``chapter`` (a chapter of the same draft) it moves to the end of that chapter."""
    _check_editor(actor)
    edition = _locked_draft(section.edition)
    section = Section.objects.select_for_update().get(pk=section.pk)
    chapter = fields.pop("chapter", None)
    _assign(section, fields, SECTION_FIELDS)
    if chapter is not None and chapter.pk != section.chapter_id:
        if chapter.edition_id != edition.pk:
            raise ApplicationError(
                _("The section was not saved: please correct the marked fields."),
                {"chapter": [_("Choose a chapter of this edition.")]},
            )
        section.chapter = chapter
        section.position = _next_position(chapter.sections.all())
    _check_section(section)
    _save(section, actor)
    return section


@transaction.atomic
def section_delete(*, actor: User, section: Section) -> None:
    _check_editor(actor)
    _locked_draft(section.edition)
    _delete(section, actor)


@transaction.atomic
def section_move(*, actor: User, section: Section, up: bool) -> None:
    _check_editor(actor)
    _locked_draft(section.edition)
    _move(section, Section.objects.filter(chapter_id=section.chapter_id), actor=actor, up=up)


# Contact points -------------------------------------------------------------------------------------------------


def _check_contact(contact: ContactEntry) -> None:
    message = _("The contact point was not saved: please correct the marked fields.")
    errors = {}
    if not any((getattr(contact, f"organisation_{code}") or "").strip() for code in LANGUAGES):
        errors["organisation"] = [_("Name the organisation in at least one language.")]
    if contact.country not in MemberCountry.values:
        errors["country"] = [_("Choose a country from the list.")]
    if errors:
        raise ApplicationError(message, errors)
    _full_clean(contact, exclude=["edition", "key", "organisation", "service", "hours", "notes"], message=message)


@transaction.atomic
def contact_create(*, actor: User, edition: Edition, **fields) -> ContactEntry:
    _check_editor(actor)
    edition = _locked_draft(edition)
    contact = ContactEntry(edition=edition, position=_next_position(edition.contacts.all()))
    _assign(contact, fields, CONTACT_FIELDS)
    _check_contact(contact)
    _save(contact, actor)
    return contact


@transaction.atomic
def contact_update(*, actor: User, contact: ContactEntry, **fields) -> ContactEntry:
    _check_editor(actor)
    _locked_draft(contact.edition)
    contact = ContactEntry.objects.select_for_update().get(pk=contact.pk)
    _assign(contact, fields, CONTACT_FIELDS)
    _check_contact(contact)
    _save(contact, actor)
    return contact


@transaction.atomic
def contact_delete(*, actor: User, contact: ContactEntry) -> None:
    _check_editor(actor)
    _locked_draft(contact.edition)
    _delete(contact, actor)


@transaction.atomic
def contact_move(*, actor: User, contact: ContactEntry, up: bool) -> None:
    _check_editor(actor)
    edition = _locked_draft(contact.edition)
    _move(contact, edition.contacts.all(), actor=actor, up=up)
