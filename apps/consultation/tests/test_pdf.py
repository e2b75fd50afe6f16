"""The minutes as a PDF in the meeting's language, with attendance, decisions and action points; a published
version prints what was published."""

import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from apps.consultation import services
from apps.consultation.models import Attendance

from .factories import add_item, make_meeting, organisation, publish_minutes, user

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


@pytest.fixture
def minuted(sop):
    secretariat = user("secretariat")
    meeting = make_meeting(
        sop, language="fr", chair_name="Tom Kieffer", chair_country=organisation("LU", "PGD").country
    )
    delvaux = Attendance.objects.get(meeting=meeting, name="Jean-Marc Delvaux")
    services.attendance_add_substitute(meeting=meeting, actor=secretariat, represents=delvaux, name="Anne Claes")
    item = add_item(meeting, "Cybercriminalité")
    services.minutes_save(meeting=meeting, actor=secretariat, lock_version=1, notes={item.pk: "Échange de vues."})
    services.decision_create(
        meeting=meeting, actor=secretariat, language="en", title_en="Training cycles", text_en="adopts the cycles"
    )
    services.action_point_create(
        meeting=meeting,
        actor=secretariat,
        title_fr="Traduire le formulaire",
        owner_organisation=organisation("NL", "POLNL"),
        due_date=date(2022, 9, 1),
    )
    return meeting


def test_secretariat_prints_the_draft_in_the_meetings_language_marked_as_a_draft(minuted, login):
    text = _text(login("secretariat", language="nl").get(reverse("consultation:minutes_pdf", args=[minuted.pk])))
    assert "Anne Claes" in text and "Jean-Marc Delvaux" in text
    assert "Échange de vues." in text and "SOP-2022-01" in text and "Traduire le formulaire" in text
    # The decision was adopted in English: printed so, marked, in a French document.
    with translation.override("fr"):
        marker = gettext("original in %(language)s, not yet translated") % {"language": gettext("English")}
    assert "Training cycles" in text and marker in " ".join(text.split())


def test_members_print_the_published_version_only(minuted, login):
    url = reverse("consultation:minutes_pdf", args=[minuted.pk])
    assert login("chief.be").get(url).status_code == 404
    publish_minutes(minuted)
    services.minutes_correct(meeting=minuted, actor=user("secretariat"))
    item = minuted.agenda_items.get()
    services.minutes_save(
        meeting=minuted,
        actor=user("secretariat"),
        lock_version=minuted.minutes.__class__.objects.get(pk=minuted.minutes.pk).lock_version,
        notes={item.pk: "Texte corrigé."},
    )
    text = _text(login("chief.be").get(url))
    assert "Échange de vues." in text and "Texte corrigé." not in text
    assert login("operator.be").get(url).status_code == 404
    version = reverse("consultation:minutes_version_pdf", args=[minuted.pk, 1])
    assert "Échange de vues." in _text(login("chief.lu").get(version))
    assert login("chief.lu").get(reverse("consultation:minutes_version_pdf", args=[minuted.pk, 7])).status_code == 404


def test_pdf_of_a_big_meeting_runs_a_constant_number_of_queries(minuted, login, django_assert_num_queries):
    for index in range(30):
        add_item(minuted, f"Item {index}")
    client = login("secretariat")
    client.get(reverse("home"))
    with django_assert_num_queries(9):
        client.get(reverse("consultation:minutes_pdf", args=[minuted.pk]))
