"""Translated content as shown: the reader's language, or else the first of its fallbacks that has a text, marked
as not yet translated (a decision adopted in French reads in French, marked, until someone translates it).

Works on model rows (``title_nl``, ``title_fr``, ... of django-modeltranslation) and on the plain dicts of the
published minutes (``{"nl": ..., "fr": ...}``) alike, without a query.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@dataclass(frozen=True)
class Shown:
    text: str
    language: str
    fallback: bool

    def __str__(self) -> str:
        return self.text


def order_for(language: str | None) -> list[str]:
    """The languages to try for a reader of ``language``: theirs, then modeltranslation's fallbacks."""
    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES
    language = language if language in LANGUAGES else settings.LANGUAGE_CODE
    order = [language, *fallbacks.get(language, fallbacks["default"]), *LANGUAGES]
    return list(dict.fromkeys(order))


def values_of(obj, field: str) -> dict[str, str]:
    """The texts of a translated field of a row, per language ("" where there is none)."""
    return {code: getattr(obj, f"{field}_{code}", None) or "" for code in LANGUAGES}


def pick(values: dict[str, str], language: str | None = None) -> Shown:
    """The text to show to a reader of ``language`` (the active one by default)."""
    wanted = language or translation.get_language()
    for code in order_for(wanted):
        text = (values or {}).get(code) or ""
        if text.strip():
            return Shown(text, code, code != (wanted if wanted in LANGUAGES else settings.LANGUAGE_CODE))
    return Shown("", wanted or settings.LANGUAGE_CODE, False)


def shown(obj, field: str, language: str | None = None) -> Shown:
    return pick(values_of(obj, field) if not isinstance(obj, dict) else obj.get(field) or {}, language)
