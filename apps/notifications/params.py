"""Parameters of a notification's message that are written in each reader's language.

A notification is written once and read in four languages, so what it names must be stored in all of them: the
name of a body (a country, an organisation, a consultation body: translated content fields) as its name in each
language, a date as a date, formatted for the reader ("30 Dec 2026", "30 december 2026", "30. Dezember 2026").

    notify(..., message=gettext_noop("Request %(reference)s was filed by %(country)s"),
           params={"reference": request.reference, "country": params.names(actor.country)})

Plain values (text, numbers) are shown as they are.
"""

from datetime import date, datetime

from django.conf import settings
from django.utils import formats, timezone, translation


def names(instance, field: str = "name") -> dict:
    """The name (or another translated field) of ``instance`` in every language of the portal, each with the
    content fields' own fallback where one is missing."""
    values = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            values[code] = str(getattr(instance, field) or "")
    return {"names": values}


def day(value: date) -> dict:
    """A date, shown in the reader's date format."""
    return {"date": value.isoformat()}


def moment(value: datetime) -> dict:
    """A moment, shown as a date and time of the portal's time zone in the reader's format."""
    return {"datetime": value.isoformat()}


def in_language(params: dict, language: str | None = None) -> dict:
    """``params`` with each value in ``language`` (default: the active language)."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    return {key: _shown(value, language) for key, value in params.items()}


def _shown(value, language: str):
    if not isinstance(value, dict):
        return value
    if "names" in value:
        texts = value["names"]
        return texts.get(language) or texts.get(settings.LANGUAGE_CODE) or next(iter(texts.values()), "")
    with translation.override(language):
        if "date" in value:
            return formats.date_format(date.fromisoformat(value["date"]), "DATE_FORMAT")
        if "datetime" in value:
            moment = timezone.localtime(datetime.fromisoformat(value["datetime"]))
            return formats.date_format(moment, "DATETIME_FORMAT")
    return value
