"""Translated content fields (django-modeltranslation), then the audit history of those models.

History is registered after translation so that the historical model carries the translated columns too. What a
section's body gives (HTML, plain text, search vectors) is worked out from it again and stays out of the history.
"""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .choices import LANGUAGES
from .models import Chapter, ContactEntry, Edition, Section


@register(Edition)
class EditionTranslationOptions(TranslationOptions):
    fields = ("notes",)


@register(Chapter)
class ChapterTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Section)
class SectionTranslationOptions(TranslationOptions):
    fields = ("title", "body", "body_html", "body_text")


@register(ContactEntry)
class ContactEntryTranslationOptions(TranslationOptions):
    fields = ("organisation", "service", "hours", "notes")


register_history(Edition, app=__package__)
register_history(Chapter, app=__package__)
register_history(
    Section,
    app=__package__,
    excluded_fields=[
        "body_html",
        "body_text",
        *(f"body_{part}_{code}" for part in ("html", "text") for code in LANGUAGES),
        *(f"search_{code}" for code in LANGUAGES),
    ],
)
register_history(ContactEntry, app=__package__)
