"""The progress report of a work programme as a PDF and as a spreadsheet, in the reader's language, for a programme of
up to 50 objectives, 500 activities and 2,500 updates in a pinned number of queries (how fast: make bench)."""

import io
from datetime import UTC, date, datetime
from zipfile import ZipFile

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from apps.consultation import reports, services
from apps.consultation.caching import CONSULTATION
from apps.consultation.models import Activity, ProgressUpdate

from .factories import big_programme, make_activity, make_objective, organisation, post_update, user
from .test_objectives_views import FRAME

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _strings(content: bytes) -> tuple[str, list[str]]:
    with ZipFile(io.BytesIO(content)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/sheet")]
        return archive.read("xl/sharedStrings.xml").decode(), [archive.read(name).decode() for name in sheets]


@pytest.fixture
def reported(programme):
    objective = make_objective(
        programme, "Optimise cross-border police cooperation", title_fr="Optimiser la coopération"
    )
    app = make_activity(objective, "The Benelux smartphone app", title_fr="L'application Benelux pour smartphone")
    almanac = make_activity(objective, "=SUM(A1)", lead=organisation("BE", "FEDPOL"), due_on=date(2019, 6, 30))
    post_update(app, "on_track", 40, text="Published in the app stores.", at=datetime(2018, 5, 1, tzinfo=UTC))
    post_update(almanac, "on_track", 50, by="secretariat", text="Half checked.", at=datetime(2018, 5, 1, tzinfo=UTC))
    return programme


@time_machine.travel(datetime(2019, 9, 1, 9, tzinfo=UTC))
def test_the_pdf_report_lists_objectives_and_activities_in_the_readers_language(reported, login):
    url = reverse("consultation:report_pdf", args=[reported.pk])
    response = login("chief.be", language="fr").get(url)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="progress-report-SOP-2017-2020.pdf"'
    assert "no-store" in response["Cache-Control"]
    text = _pdf_text(response.content).replace("\n", " ")
    assert "Optimiser la coopération" in text and "L'application Benelux pour smartphone" in text
    assert "Published in the app stores." in text
    english = _pdf_text(login("chief.nl", language="en").get(url).content).replace("\n", " ")
    assert "Optimise cross-border police cooperation" in english
    assert "Late" in english  # the second activity was due on 30 June 2019


@time_machine.travel(datetime(2019, 9, 1, 9, tzinfo=UTC))
def test_the_spreadsheet_has_activities_objectives_and_every_update(reported, login):
    response = login("operator.nl", language="en").get(reverse("consultation:report_xlsx", args=[reported.pk]))
    assert response["Content-Type"] == reports.XLSX
    strings, sheets = _strings(response.content)
    assert len(sheets) == 3
    assert "The Benelux smartphone app" in strings and "Published in the app stores." in strings
    assert "Half checked." in strings and "Late" in strings
    assert all("<f>" not in sheet for sheet in sheets)  # a title like a formula stays text


def test_a_report_shows_a_new_update_at_once(reported, login):
    client = login("chief.be", language="en")
    url = reverse("consultation:report_xlsx", args=[reported.pk])
    assert "Reopened after the evaluation" not in _strings(client.get(url).content)[0]
    activity = reported.objectives.get().activities.get(number=1)
    services.progress_update_post(
        activity=activity,
        actor=user("liaison.nl"),
        text="Reopened after the evaluation.",
        status="at_risk",
        progress=40,
    )
    assert "Reopened after the evaluation" in _strings(client.get(url).content)[0]


@time_machine.travel(datetime(2026, 12, 1, 9, tzinfo=UTC))
def test_the_reports_of_500_activities_list_every_activity_and_update_in_a_pinned_number_of_queries(
    programme, login, django_assert_num_queries
):
    # How fast they are built is measured by make bench (apps/consultation/bench.py), not here.
    big_programme(programme)
    author = user("secretariat")
    updates = []
    for activity in Activity.objects.filter(objective__programme=programme):
        for month in range(2, 6):
            updates.append(
                ProgressUpdate(
                    activity=activity,
                    author=author,
                    created_at=datetime(2026, month, 1, tzinfo=UTC),
                    text="The working group met; the next steps are agreed. " * 3,
                    status=activity.status,
                    progress=activity.progress,
                    previous_status=activity.status,
                    previous_progress=activity.progress,
                )
            )
    ProgressUpdate.objects.bulk_create(updates)
    CONSULTATION.bump()
    assert ProgressUpdate.objects.count() == 2_500
    client = login("chief.be", language="fr")
    client.get(reverse("home"))
    # The frame (session user, unread count), then the programme, its objectives, activities and latest updates (and
    # every update for the spreadsheet).
    with django_assert_num_queries(FRAME + 4):
        response = client.get(reverse("consultation:report_pdf", args=[programme.pk]))
    text = _pdf_text(response.content)
    assert "Activity 1.1" in text and "Activity 50.10" in text
    with django_assert_num_queries(FRAME + 5):
        response = client.get(reverse("consultation:report_xlsx", args=[programme.pk]))
    _strings_xml, sheets = _strings(response.content)
    rows = sorted(sheet.count("<row ") for sheet in sheets)
    assert rows == [1 + 50, 1 + 500, 1 + 2_500]  # objectives, activities, updates, each under a heading row


@time_machine.travel(datetime(2019, 9, 1, 9, tzinfo=UTC))
def test_the_reports_speak_the_readers_language(reported, login):
    client = login("chief.lu", language="de")
    text = _pdf_text(client.get(reverse("consultation:report_pdf", args=[reported.pk])).content).replace("\n", " ")
    assert "Fortschrittsbericht" in text and "Verspätet" in text
    strings, _sheets = _strings(client.get(reverse("consultation:report_xlsx", args=[reported.pk])).content)
    assert "Verfasser" in strings and "Aktivität" in strings and "Fortschritt (%)" in strings
