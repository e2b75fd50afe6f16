"""The portal speaks Dutch, French, German and English, and every catalog is complete."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale"
LOG_IN = {"nl": "Inloggen", "fr": "Se connecter", "de": "Anmelden", "en": "Log in"}


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "words"), LOG_IN.items())
def test_log_in_page_in_each_language(language, words):
    response = Client(HTTP_ACCEPT_LANGUAGE=language).get(reverse("accounts:login"))
    assert response["Content-Language"] == language
    body = response.content.decode()
    assert f'<html lang="{language}">' in body
    assert words in body


def test_dutch_is_the_default_language():
    assert settings.LANGUAGE_CODE == "nl"


def _entries(po_file: Path):
    """(msgid, msgstr-values, flags) for each entry of a .po file, read without extra libraries."""
    entries, current, field, flags = [], None, None, ""
    for raw in po_file.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if line.startswith("#,"):
            flags = line
        elif line.startswith("msgid "):
            if current:
                entries.append(current)
            current = {"msgid": line[6:].strip('"'), "msgstr": [], "flags": flags}
            field, flags = "msgid", ""
        elif line.startswith("msgid_plural"):
            field = "plural"
        elif line.startswith("msgstr"):
            field = "msgstr"
            current["msgstr"].append(line.split(" ", 1)[1].strip('"'))
        elif line.startswith('"') and current is not None:
            if field == "msgid":
                current["msgid"] += line.strip('"')
            elif field == "msgstr":
                current["msgstr"][-1] += line.strip('"')
    if current:
        entries.append(current)
    return [entry for entry in entries if entry["msgid"]]


@pytest.mark.parametrize("language", ["nl", "fr", "de", "en"])
def test_catalog_is_completely_translated(language):
    entries = _entries(LOCALE / language / "LC_MESSAGES" / "django.po")
    assert len(entries) > 100
    untranslated = [entry["msgid"] for entry in entries if not all(entry["msgstr"])]
    fuzzy = [entry["msgid"] for entry in entries if "fuzzy" in entry["flags"]]
    assert untranslated == [], f"{language}: untranslated {untranslated[:10]}"
    assert fuzzy == [], f"{language}: fuzzy {fuzzy[:10]}"


def test_dates_follow_the_locale():
    from datetime import date

    from django.utils.formats import date_format

    day = date(2026, 4, 27)
    with translation.override("nl"):
        assert date_format(day) == "27 april 2026"
    with translation.override("fr"):
        assert date_format(day) == "27 avril 2026"
    with translation.override("de"):
        assert date_format(day) == "27. April 2026"


@pytest.mark.django_db
def test_translated_content_falls_back_when_a_language_is_missing(demo):
    from apps.accounts.models import Organisation

    organisation = Organisation.objects.get(short_name="LOCC")
    organisation.name_de = None
    organisation.save()
    with translation.override("de"):
        assert Organisation.objects.get(pk=organisation.pk).name == "National Operational Coordination Centre (LOCC)"
