"""In Debian's headless Chromium, what a chief and an operator see of the statistics and the lists: names in their
language, the median time to acknowledge, columns that sort, exports that download, date pickers that filter."""

import datetime
from pathlib import Path

import pytest
import time_machine
from django.apps import apps as django_apps
from django.utils import timezone

from tests.browser import BROWSER_TESTS

pytestmark = BROWSER_TESTS

FILED = timezone.now().replace(microsecond=0) - datetime.timedelta(days=1)


@pytest.fixture
def page(chromium):
    from apps.assistance import reference_data

    reference_data.load(django_apps)
    return chromium(locale="en-GB")


def log_in(page, live_server, username, language="en"):
    from apps.accounts.models import User

    User.objects.filter(username=username).update(preferred_language=language)
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("main input[name=username]").fill(username)
    page.locator("main input[name=password]").fill("demo-password-2026")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")


def _file(title, *, to, urgency="routine", minutes=None, start_in_days=10, accept=False):
    """A request of the Dutch control room, filed a day ago, acknowledged ``minutes`` later (if given)."""
    from apps.assistance import services
    from apps.assistance.models import HandlingCode, LegalBasis, ResourceType
    from apps.assistance.tests.factories import user

    start = timezone.now() + datetime.timedelta(days=start_in_days)
    with time_machine.travel(FILED, tick=False):
        request = services.request_create(
            actor=user("operator.nl"),
            requested_countries=to,
            lines=[{"resource_type": ResourceType.objects.get(code="dog-explosives"), "quantity": 2}],
            title=title,
            operational_context="Crowds",
            place="Maastricht",
            start=start,
            end=start + datetime.timedelta(days=1),
            urgency=urgency,
            legal_basis=LegalBasis.objects.get(code="benelux-police-treaty-2018"),
            handling_code=HandlingCode.objects.get(code="H1"),
            operational_control="Police unit Limburg",
        )
        services.request_submit(request=request, actor=user("operator.nl"))
    if minutes is not None:
        with time_machine.travel(FILED + datetime.timedelta(minutes=minutes), tick=False):
            for code in to:
                services.request_acknowledge(request=request, actor=user(f"operator.{code.lower()}"))
    if accept:
        for code in to:
            services.request_respond(
                request=request,
                actor=user(f"operator.{code.lower()}"),
                decisions=[
                    {"line": line.pk, "decision": "approved", "offered_quantity": 2} for line in request.lines.all()
                ],
            )
        services.request_accept(request=request, actor=user("operator.nl"), accepted_countries=to)
    return request


def test_chief_reads_the_statistics_in_french_and_sorts_a_table(page, live_server):
    _file("Carnaval de Maastricht", to=["BE"], minutes=95, accept=True)
    _file("Marché de Noël", to=["BE"], minutes=25)
    log_in(page, live_server, "chief.be", language="fr")
    page.goto(f"{live_server.url}/assistance/statistics/?year={FILED.year}")
    page.get_by_role("heading", name=f"Assistance et prêts en {FILED.year}").wait_for()
    table = page.locator("#per-country")
    belgium = table.get_by_role("row", name="Belgique")
    assert "1 h 00 min" in belgium.inner_text()  # the median of 25 and 95 minutes
    assert "Maître-chien avec chien détecteur d'explosifs" in page.locator("#lent").inner_text()
    assert "dog-explosives" not in page.locator("main").inner_text()
    assert "Les chiffres portent sur les demandes que vous pouvez voir" in page.locator("#coverage").inner_text()
    table.get_by_role("link", name="Demandes reçues").click()
    page.wait_for_url("**sort=received**")
    assert table.get_by_role("columnheader", name="Demandes reçues").get_attribute("aria-sort") == "ascending"
    assert [row.inner_text().split("\t")[0] for row in table.locator("tbody tr").all()] == ["Pays-Bas", "Belgique"]
    with page.expect_download() as download:
        page.locator(".export-links").first.get_by_role("link", name="CSV").click()
    assert download.value.suggested_filename.endswith(".csv")
    assert "Belgique" in Path(download.value.path()).read_text(encoding="utf-8-sig")


def test_operator_sorts_the_list_filters_it_with_a_date_picker_and_exports_it(page, live_server):
    _file("Carnival in Maastricht", to=["BE"], urgency="routine", start_in_days=10)
    _file("Dog teams for the summit", to=["BE"], urgency="immediate", start_in_days=40)
    page.set_viewport_size({"width": 375, "height": 740})
    log_in(page, live_server, "operator.be")
    page.goto(f"{live_server.url}/assistance/?q=")
    results = page.locator("#requests-list")
    results.get_by_role("link", name="Title").click()
    page.wait_for_url("**sort=title**")
    assert results.locator("tbody tr").first.inner_text().find("Carnival in Maastricht") >= 0
    results.get_by_role("link", name="Title").click()
    page.wait_for_url("**sort=-title**")
    assert "Dog teams for the summit" in results.locator("tbody tr").first.inner_text()
    # The date picker: the day typed as the browser shows it, sent as it sends it.
    day = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    picker = page.get_by_label("Period ends on or after")
    assert picker.get_attribute("type") == "date"
    picker.fill(day)
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(f"**period_after={day}**")
    assert "sort=-title" in page.url  # the filter form keeps the sort
    assert results.locator("tbody tr").count() == 1
    assert "Dog teams for the summit" in results.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel").click()
    assert download.value.suggested_filename.endswith(".xlsx")
