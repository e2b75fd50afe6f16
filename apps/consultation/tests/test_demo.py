"""The demo data: the June 2022 Strategic Consultation and its record, a digital meeting in November 2020, a
Hazeldonk meeting in January 2021, the next meeting; loaded twice without change."""

import pytest
from django.utils import timezone

from apps.consultation.models import ActionPoint, AgendaItem, Attendance, Body, Decision, Meeting, MinutesVersion

pytestmark = pytest.mark.django_db


def _counts():
    models = (Body, Meeting, AgendaItem, Attendance, Decision, ActionPoint, MinutesVersion)
    return [model.objects.count() for model in models] + [Body.history.count(), Meeting.history.count()]


def test_demo_loads_the_june_2022_meeting_and_the_others_and_loads_twice_without_change(demo):
    from apps.consultation import demo as consultation_demo

    consultation_demo.load()
    counts = _counts()
    consultation_demo.load()
    assert _counts() == counts

    june = Meeting.objects.get(body__code="SOP", starts_at__year=2022, starts_at__month=6)
    assert june.chair_country.code == "LU" and "Benelux Secretariat-General" in june.place
    assert june.minutes.status == "published" and june.agenda_published_at is not None
    substitute = Attendance.objects.get(meeting=june, kind="substitute")
    assert substitute.represents.name == "Jean-Marc Delvaux" and substitute.represents.status == "absent"
    assert substitute.organisation.short_name == "FEDPOL"
    assert Attendance.objects.filter(meeting=june, kind="guest", function__icontains="Secrétaire général adjoint")
    titles = list(june.agenda_items.order_by("position").values_list("title_en", flat=True))
    assert titles[0] == "Open action points of earlier meetings"  # the 2020 meeting's brochure, still in progress
    assert "Developments in the three countries and the crisis in Ukraine" in titles and len(titles) == 8
    form = Decision.objects.get(body__code="SOP", year=2022, number=3)
    assert form.reference == "SOP-2022-03" and form.language == "fr"
    assert form.text_fr == "adopte le formulaire d'assistance et de coopération entre les partenaires Benelux."
    assert form.published_at is not None
    assert ActionPoint.objects.filter(meeting=june).count() == 4
    assert ActionPoint.objects.filter(meeting=june, due_date__lt=timezone.localdate(), status="open").exists()

    november = Meeting.objects.get(body__code="SOP", starts_at__year=2020)
    assert november.format == "online" and november.online_link.startswith("https://")
    hazeldonk = Meeting.objects.get(body__code="HAZ")
    assert (hazeldonk.starts_at.year, hazeldonk.starts_at.month) == (2021, 1)
    assert set(Body.objects.get(code="HAZ").organisations.values_list("country__code", flat=True)) == {
        "BE",
        "NL",
        "LU",
        "FR",
    }
    upcoming = Meeting.objects.get(body__code="SOP", starts_at__year=2027)
    assert upcoming.agenda_published_at is not None and upcoming.minutes.status == "draft"


def test_demo_pages_answer_every_demo_user(demo, login):
    from apps.consultation import demo as consultation_demo

    consultation_demo.load()
    june = Meeting.objects.get(body__code="SOP", starts_at__year=2022, starts_at__month=6)
    for username in ("secretariat", "chief.be", "chief.nl", "chief.lu"):
        client = login(username)
        for url in (
            "/consultation/",
            june.get_absolute_url(),
            f"/consultation/meetings/{june.pk}/minutes/",
            f"/consultation/meetings/{june.pk}/minutes/pdf/",
            "/consultation/decisions/",
            "/consultation/action-points/",
        ):
            assert client.get(url).status_code == 200, (username, url)
    assert login("operator.be").get(june.get_absolute_url()).status_code == 404
    assert "SOP-2022-03" in login("operator.be").get("/consultation/decisions/").content.decode()


def _objective_counts():
    from apps.consultation.models import Activity, Objective, Programme, ProgressUpdate, WorkingGroup

    models = (Programme, Objective, Activity, ProgressUpdate, WorkingGroup)
    return [model.objects.count() for model in models] + [Activity.history.count()]


def test_demo_loads_the_work_programmes_with_a_history_of_updates_twice_without_change(demo, login):
    from apps.consultation import demo as consultation_demo
    from apps.consultation.models import Activity, Programme

    consultation_demo.load()
    counts = _objective_counts()
    consultation_demo.load()
    assert _objective_counts() == counts

    first = Programme.objects.get(start_year=2017)
    assert list(first.objectives.order_by("number").values_list("title_en", flat=True)) == [
        "Sign a new Benelux Police Treaty",
        "Optimise structural and operational cross-border police cooperation",
    ]
    titles = set(Activity.objects.filter(objective__programme=first).values_list("title_en", flat=True))
    for title in (
        "Update and digitise the Benelux information brochure",
        "Early signalling of radicalisation",
        "The Benelux smartphone app",
        "Control-room cooperation",
        "Cross-border radio communication",
        "Evaluate the assistance and loan procedures",
        "Joint training “Crossing the border without worries”",
        "Liaison-officer symposium (spring 2018)",
        "Update the Benelux almanac",
        "ANPR data exchange",
        "Mutual access to police databases",
    ):
        assert title in titles
    statuses = set(Activity.objects.values_list("status", flat=True))
    assert {"not_started", "on_track", "at_risk", "done", "dropped"} <= statuses
    assert Programme.objects.filter(start_year=2021).exists()
    reopened = Activity.objects.get(title_en="Joint procedures for cross-border pursuit and observation")
    assert reopened.updates.filter(previous_status="done").get().reason
    assert Activity.objects.get(title_en="Control-room cooperation").updates.filter(author__username="liaison.nl")
    # The pages and reports answer a chief and a working-group member in every language.
    for username in ("chief.be", "liaison.nl"):
        for language in ("nl", "fr", "de", "en"):
            client = login(username, language=language)
            for url in (
                "/",
                "/consultation/objectives/",
                f"/consultation/programmes/{first.pk}/",
                f"/consultation/programmes/{first.pk}/timeline/",
                f"/consultation/activities/{reopened.pk}/",
            ):
                assert client.get(url).status_code == 200, (username, language, url)
    assert login("chief.be").get(f"/consultation/programmes/{first.pk}/report.pdf").status_code == 200
    assert login("chief.be").get(f"/consultation/programmes/{first.pk}/report.xlsx").status_code == 200
