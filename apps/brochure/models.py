"""The Benelux information brochure: editions, and in each its chapters, sections and contact points.

An edition is a whole copy of the brochure. The secretariat works on the one draft edition; publishing gives it
a number and a date and freezes it; the next draft starts as a copy of the latest published edition. A chapter,
section or contact point keeps its ``key`` from copy to copy, which is how two editions are compared section by
section. Readers see published editions only (``selectors.py``).
"""

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.text import multi_line_text, single_line_text

from . import markup
from .choices import DICTIONARIES, LANGUAGES, EditionStatus, MemberCountry, Tag


class Edition(models.Model):
    """A numbered, dated edition of the brochure, or the one draft the secretariat is working on."""

    number = models.PositiveIntegerField(_("number"), null=True, blank=True, unique=True)
    status = models.CharField(_("status"), max_length=10, choices=EditionStatus.choices, default=EditionStatus.DRAFT)
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    notes = models.TextField(_("what is new"), blank=True, validators=[multi_line_text])
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Audit history: registered in translation.py, after the translated fields exist.

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["status"], condition=Q(status=EditionStatus.DRAFT), name="brochure_edition_one_draft"
            ),
            models.CheckConstraint(
                condition=Q(status=EditionStatus.DRAFT, number__isnull=True, published_on__isnull=True)
                | Q(status=EditionStatus.PUBLISHED, number__isnull=False, published_on__isnull=False),
                name="brochure_edition_published_has_number_and_date",
            ),
        ]

    def __str__(self):
        if self.number is None:
            return str(_("Draft edition"))
        return str(_("Edition %(number)s") % {"number": self.number})

    @property
    def is_draft(self) -> bool:
        return self.status == EditionStatus.DRAFT


class Chapter(models.Model):
    """A chapter of an edition: a title in four languages over its ordered sections."""

    edition = models.ForeignKey(Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="chapters")
    key = models.UUIDField(_("key"), default=uuid.uuid4, editable=False)
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200, validators=[single_line_text])

    class Meta:
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["edition", "key"], name="brochure_chapter_key_per_edition")]

    def __str__(self):
        return self.title or str(self.key)


def _search_vector(code: str) -> SearchVector:
    """A language's title (weight A) and plain body text (weight B) under that language's dictionary."""
    config = DICTIONARIES[code]
    return SearchVector(f"title_{code}", weight="A", config=config) + SearchVector(
        f"body_text_{code}", weight="B", config=config
    )


class Section(models.Model):
    """A section of a chapter: title and Markdown body in four languages, tags and the countries it is about.

    ``body_html`` (safe HTML) and ``body_text`` (plain text) follow from ``body`` on every save (``render``); the
    search vectors of each language are columns PostgreSQL computes from title and text, with a GIN index each.
    """

    edition = models.ForeignKey(Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="sections")
    chapter = models.ForeignKey(Chapter, verbose_name=_("chapter"), on_delete=models.CASCADE, related_name="sections")
    key = models.UUIDField(_("key"), default=uuid.uuid4, editable=False)
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200, blank=True, validators=[single_line_text])
    body = models.TextField(
        _("text"), blank=True, validators=[multi_line_text], help_text=_("Markdown: **bold**, *italic*, lists, links.")
    )
    body_html = models.TextField(_("text (HTML)"), blank=True, editable=False)
    body_text = models.TextField(_("text (plain)"), blank=True, editable=False)
    tags = ArrayField(
        models.CharField(max_length=20, choices=Tag.choices), verbose_name=_("tags"), default=list, blank=True
    )
    countries = ArrayField(
        models.CharField(max_length=2, choices=MemberCountry.choices),
        verbose_name=_("countries"),
        default=list,
        blank=True,
    )
    search_nl = models.GeneratedField(
        expression=_search_vector("nl"), output_field=SearchVectorField(), db_persist=True
    )
    search_fr = models.GeneratedField(
        expression=_search_vector("fr"), output_field=SearchVectorField(), db_persist=True
    )
    search_de = models.GeneratedField(
        expression=_search_vector("de"), output_field=SearchVectorField(), db_persist=True
    )
    search_en = models.GeneratedField(
        expression=_search_vector("en"), output_field=SearchVectorField(), db_persist=True
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["edition", "key"], name="brochure_section_key_per_edition")]
        indexes = [
            *(GinIndex(fields=[f"search_{code}"], name=f"brochure_section_search_{code}") for code in LANGUAGES),
            GinIndex(fields=["tags"], name="brochure_section_tags"),
            models.Index(fields=["edition", "chapter", "position"], name="brochure_section_order"),
        ]

    def __str__(self):
        return self.title or str(self.key)

    def save(self, *args, **kwargs):
        self.render()
        if kwargs.get("update_fields") is not None and any(
            name.startswith("body_") for name in kwargs["update_fields"]
        ):
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                *(f"body_{part}_{code}" for part in ("html", "text") for code in LANGUAGES),
            }
        super().save(*args, **kwargs)

    def render(self) -> None:
        """Work out the HTML and plain text of each language's body (also before a ``bulk_create``)."""
        for code in LANGUAGES:
            source = getattr(self, f"body_{code}", None) or ""
            setattr(self, f"body_html_{code}", markup.to_html(source) if source else "")
            setattr(self, f"body_text_{code}", markup.to_text(source) if source else "")


class ContactEntry(models.Model):
    """A contact point of an edition, kept as data: who, which service, telephone, secure e-mail, when."""

    edition = models.ForeignKey(Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="contacts")
    key = models.UUIDField(_("key"), default=uuid.uuid4, editable=False)
    position = models.PositiveIntegerField(_("position"), default=0)
    country = models.CharField(_("country"), max_length=2, choices=MemberCountry.choices)
    organisation = models.CharField(_("organisation"), max_length=200, validators=[single_line_text])
    service = models.CharField(_("service"), max_length=200, blank=True, validators=[single_line_text])
    phone = models.CharField(_("telephone"), max_length=40, validators=[single_line_text])
    secure_email = models.EmailField(_("secure e-mail address"), blank=True)
    hours = models.CharField(
        _("hours"), max_length=120, blank=True, validators=[single_line_text], help_text=_("e.g. 24/7")
    )
    notes = models.CharField(_("notes"), max_length=300, blank=True, validators=[single_line_text])

    class Meta:
        verbose_name = _("contact point")
        verbose_name_plural = _("contact points")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "key"], name="brochure_contact_key_per_edition"),
            models.CheckConstraint(condition=Q(country__in=MemberCountry.values), name="brochure_contact_country"),
        ]

    def __str__(self):
        return self.organisation
