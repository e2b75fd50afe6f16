from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.accounts.choices import LANGUAGE_CHOICES
from apps.core.api.serializers import ModelSerializer

from ..choices import MemberCountry, Tag
from ..models import ContactEntry, Edition, Section
from ..selectors import localise_chapter, localise_contact, localise_section


class LocalisedMixin:
    """Fields in the language of ``context["language"]``: a section missing in it gives the original
    (``language`` says which one, ``is_fallback`` that it is not the one asked for)."""

    def shown(self, obj):
        cache = self.context.setdefault("_shown", {})
        key = (type(obj).__name__, obj.pk)
        if key not in cache:
            cache[key] = self.localise(obj, self.context["language"])
        return cache[key]

    @extend_schema_field(serializers.ChoiceField(choices=LANGUAGE_CHOICES))
    def get_language(self, obj) -> str:
        return self.shown(obj).language

    @extend_schema_field(serializers.BooleanField())
    def get_is_fallback(self, obj) -> bool:
        return self.shown(obj).is_fallback


class ChapterRefSerializer(serializers.Serializer):
    key = serializers.UUIDField()
    title = serializers.CharField()
    position = serializers.IntegerField()


class SectionSerializer(LocalisedMixin, ModelSerializer):
    """A section of a published edition, in the language asked for (or the original, marked)."""

    localise = staticmethod(localise_section)
    edition = serializers.IntegerField(source="edition.number", read_only=True)
    chapter = serializers.SerializerMethodField()
    title = serializers.SerializerMethodField()
    body_html = serializers.SerializerMethodField()
    language = serializers.SerializerMethodField()
    is_fallback = serializers.SerializerMethodField()
    tags = serializers.ListField(child=serializers.ChoiceField(choices=Tag.choices), read_only=True)
    countries = serializers.ListField(child=serializers.ChoiceField(choices=MemberCountry.choices), read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Section
        fields = [
            "key",
            "edition",
            "chapter",
            "position",
            "title",
            "body_html",
            "language",
            "is_fallback",
            "tags",
            "countries",
            "url",
        ]
        read_only_fields = fields

    @extend_schema_field(ChapterRefSerializer)
    def get_chapter(self, section) -> dict:
        chapter = localise_chapter(section.chapter, self.context["language"])
        return {"key": str(section.chapter.key), "title": chapter.title, "position": section.chapter.position}

    @extend_schema_field(serializers.CharField())
    def get_title(self, section) -> str:
        return self.shown(section).title

    @extend_schema_field(serializers.CharField(help_text="Sanitised HTML."))
    def get_body_html(self, section) -> str:
        return self.shown(section).body_html

    @extend_schema_field(serializers.CharField())
    def get_url(self, section) -> str:
        edition = section.edition
        if self.context.get("latest_number") == edition.number:
            base = reverse("brochure:chapter", args=[section.chapter.key])
        else:
            base = reverse("brochure:edition_chapter", args=[edition.number, section.chapter.key])
        return f"{base}#s-{section.key}"


class ContactSerializer(LocalisedMixin, ModelSerializer):
    """A contact point, kept as data."""

    localise = staticmethod(localise_contact)
    edition = serializers.IntegerField(source="edition.number", read_only=True)
    organisation = serializers.SerializerMethodField()
    service = serializers.SerializerMethodField()
    hours = serializers.SerializerMethodField()
    notes = serializers.SerializerMethodField()
    language = serializers.SerializerMethodField()
    is_fallback = serializers.SerializerMethodField()

    class Meta:
        model = ContactEntry
        fields = [
            "key",
            "edition",
            "position",
            "country",
            "organisation",
            "service",
            "phone",
            "secure_email",
            "hours",
            "notes",
            "language",
            "is_fallback",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField())
    def get_organisation(self, contact) -> str:
        return self.shown(contact).organisation

    @extend_schema_field(serializers.CharField())
    def get_service(self, contact) -> str:
        return self.shown(contact).service

    @extend_schema_field(serializers.CharField())
    def get_hours(self, contact) -> str:
        return self.shown(contact).hours

    @extend_schema_field(serializers.CharField())
    def get_notes(self, contact) -> str:
        return self.shown(contact).notes


class EditionSerializer(ModelSerializer):
    """A published edition."""

    notes = serializers.SerializerMethodField()
    sections = serializers.IntegerField(source="section_count", read_only=True)
    is_latest = serializers.SerializerMethodField()

    class Meta:
        model = Edition
        fields = ["number", "published_on", "notes", "sections", "is_latest"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField())
    def get_notes(self, edition) -> str:
        language = self.context["language"]
        return getattr(edition, f"notes_{language}") or edition.notes_nl or ""

    @extend_schema_field(serializers.BooleanField())
    def get_is_latest(self, edition) -> bool:
        return edition.number == self.context.get("latest_number")


class SearchResultSerializer(serializers.Serializer):
    key = serializers.UUIDField()
    chapter_key = serializers.UUIDField()
    chapter_title = serializers.CharField()
    title_html = serializers.CharField(help_text="The title, hits marked with <mark>; escaped otherwise.")
    excerpt_html = serializers.CharField(help_text="Excerpts of the text, hits marked with <mark>; escaped otherwise.")
    language = serializers.ChoiceField(choices=LANGUAGE_CHOICES)
    rank = serializers.FloatField()
    tags = serializers.ListField(child=serializers.ChoiceField(choices=Tag.choices))
    countries = serializers.ListField(child=serializers.ChoiceField(choices=MemberCountry.choices))
    url = serializers.CharField()


class SearchAnswerSerializer(serializers.Serializer):
    query = serializers.CharField(
        help_text="The query as searched (control characters removed, at most 200 characters)."
    )
    language = serializers.ChoiceField(choices=LANGUAGE_CHOICES, help_text="The language searched first.")
    edition = serializers.IntegerField(allow_null=True)
    fallback = serializers.BooleanField(
        help_text="True when nothing was found in `language` and these results are in others."
    )
    languages = serializers.ListField(child=serializers.ChoiceField(choices=LANGUAGE_CHOICES))
    results = SearchResultSerializer(many=True)
