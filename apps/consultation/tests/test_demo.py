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
