"""One voice in each language: Dutch addresses the reader as "u" throughout, German calls an assistance or loan
request an "Ersuchen" throughout, and English writes dates one European way ("30 Dec 2026, 08:00") everywhere."""

import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation

from tests.test_i18n import _entries

LOCALE = Path(settings.BASE_DIR) / "locale"
# The familiar forms of address ("je", "jij", "jou", "jouw", "jullie"), and their verbs ("heb je", "kun je").
FAMILIAR_DUTCH = re.compile(r"\b(je|jij|jou|jouw|jullie|jezelf|jouzelf)\b", re.IGNORECASE)
# A request between police services is an "Ersuchen"; "Anfrage" and "Antrag" (and their compounds) are other words.
OTHER_GERMAN_REQUEST = re.compile(r"anfrage|antrag|anträge", re.IGNORECASE)
MOMENT = datetime(2026, 12, 30, 8, 0, tzinfo=ZoneInfo("Europe/Brussels"))


def _translations(language: str) -> list[tuple[str, str]]:
    return [
        (entry["msgid"], text)
        for entry in _entries(LOCALE / language / "LC_MESSAGES" / "django.po")
        for text in entry["msgstr"]
    ]


def test_dutch_addresses_the_reader_as_u_throughout():
    familiar = [f"{msgid!r}: {text!r}" for msgid, text in _translations("nl") if FAMILIAR_DUTCH.search(text)]
    assert not familiar, "Dutch uses 'u', never 'je', 'jij', 'jouw' or 'jullie':\n" + "\n".join(familiar)


def test_german_calls_a_request_ersuchen_throughout():
    other = [f"{msgid!r}: {text!r}" for msgid, text in _translations("de") if OTHER_GERMAN_REQUEST.search(text)]
    assert not other, "German says 'Ersuchen', never 'Anfrage' or 'Antrag':\n" + "\n".join(other)


def test_the_catalog_scans_would_catch_the_words_they_forbid():
    assert FAMILIAR_DUTCH.search("Vul je wachtwoord in")
    assert FAMILIAR_DUTCH.search("Heb je niet zelf geprobeerd in te loggen?")
    assert not FAMILIAR_DUTCH.search("Vul uw wachtwoord in; jeugdbescherming")
    assert OTHER_GERMAN_REQUEST.search("Leihanfragen an Ihr Land")
    assert OTHER_GERMAN_REQUEST.search("Ihr Antrag")
    assert not OTHER_GERMAN_REQUEST.search("Unterstützungs- und Leihersuchen an Ihr Land")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words", "never"),
    [
        ("nl", "Deze pagina bestaat niet, of u mag ze niet zien.", FAMILIAR_DUTCH),
        ("de", "Diese Seite", OTHER_GERMAN_REQUEST),
        ("fr", "Cette page", None),
        ("en", "This page does not exist, or it is not visible to you.", None),
    ],
)
def test_an_operator_meets_one_voice_on_the_dashboard_and_a_missing_page(demo, login, language, words, never):
    client = login("operator.lu", language=language)
    dashboard = client.get(reverse("home")).content.decode()
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    body = missing.content.decode()
    assert words in body
    if never is not None:
        visible = re.sub(r"<[^>]+>", " ", dashboard + body)
        assert not never.search(visible), never.search(visible)


# --- dates ----------------------------------------------------------------------------------------------------------

EXPECTED_DATES = {
    # language: (DATE_FORMAT, DATETIME_FORMAT, SHORT_DATETIME_FORMAT) of 30 December 2026, 08:00
    "en": ("30 Dec 2026", "30 Dec 2026, 08:00", "30 Dec 2026, 08:00"),
    "nl": ("30 december 2026", "30 december 2026 08:00", "30-12-2026 08:00"),
    "fr": ("30 décembre 2026", "30 décembre 2026 08:00", "30/12/2026 08:00"),
    "de": ("30. Dezember 2026", "30. Dezember 2026 08:00", "30.12.2026 08:00"),
}


@pytest.mark.parametrize(("language", "expected"), EXPECTED_DATES.items())
def test_dates_are_written_the_european_way_in_every_language(language, expected):
    with translation.override(language):
        shown = (
            formats.date_format(MOMENT.date(), "DATE_FORMAT"),
            formats.date_format(MOMENT, "DATETIME_FORMAT"),
            formats.date_format(MOMENT, "SHORT_DATETIME_FORMAT"),
        )
    assert shown == expected


def test_english_short_dates_never_put_the_month_first():
    with translation.override("en"):
        assert formats.date_format(date(2026, 3, 4), "SHORT_DATE_FORMAT") == "4 Mar 2026"
        assert formats.time_format(MOMENT.replace(hour=15, minute=5)) == "15:05"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "fr", "de", "en"])
def test_the_inbox_dates_its_notifications_in_the_readers_way(demo, login, language):
    from apps.accounts.models import User
    from apps.notifications.models import InboxEntry, Notification

    chief = User.objects.get(username="chief.lu")
    notification = Notification.objects.create(kind="test.words", message="Notice", delivered_at=MOMENT)
    InboxEntry.objects.create(notification=notification, user=chief, created_at=MOMENT)
    page = login("chief.lu", language=language).get(reverse("notifications:index")).content.decode()
    assert f">{EXPECTED_DATES[language][1]}</time>" in page
