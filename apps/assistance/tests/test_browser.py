"""In Debian's headless Chromium, what an operator sees: filing a draft, deleting it, confirming a step, and the
equipment registry (also on a phone)."""

import datetime

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from tests.browser import BROWSER_TESTS

pytestmark = BROWSER_TESTS


@pytest.fixture
def page(chromium):
    from apps.assistance import reference_data

    reference_data.load(django_apps)
    return chromium(locale="en-GB")


def log_in(page, live_server, username):
    from apps.accounts.models import User

    User.objects.filter(username=username).update(preferred_language="en")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("demo-password-2026")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")


def test_operator_submits_an_incomplete_request_lands_on_its_draft_and_deletes_it(page, live_server):
    from apps.assistance.models import AssistanceRequest

    log_in(page, live_server, "operator.nl")
    page.goto(f"{live_server.url}/assistance/new/")
    page.locator('input[name="title"]').fill("Koningsdag Maastricht")
    page.get_by_role("button", name="Submit the request").click()
    page.wait_for_url("**/edit/?check=1")
    draft = AssistanceRequest.objects.get()
    assert page.url.endswith(f"/assistance/{draft.pk}/edit/?check=1")
    assert page.get_by_text("The draft was saved but not filed.").is_visible()
    assert page.get_by_text("The form is not complete").first.is_visible()
    page.locator('input[name="place"]').fill("Maastricht")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(f"**/assistance/{draft.pk}/")
    assert AssistanceRequest.objects.count() == 1
    assert AssistanceRequest.objects.get().place == "Maastricht"

    page.get_by_role("link", name="Delete the draft…").click()
    page.get_by_role("heading", name="Delete the draft?").wait_for()
    assert page.get_by_text("This cannot be undone.").is_visible()
    page.get_by_role("button", name="Delete the draft").click()
    page.wait_for_url("**/assistance/")
    assert not AssistanceRequest.objects.exists()


def test_operator_confirms_closing_and_sees_who_is_told(page, live_server):
    import time_machine

    from apps.assistance import services
    from apps.assistance.models import AssistanceRequest, HandlingCode, LegalBasis, ResourceType
    from apps.assistance.tests.factories import user

    start = timezone.now() - datetime.timedelta(hours=3)
    with time_machine.travel(start - datetime.timedelta(days=1)):
        request = services.request_create(
            actor=user("operator.nl"),
            requested_countries=["BE"],
            lines=[{"resource_type": ResourceType.objects.get(code="mounted-unit"), "quantity": 1}],
            title="Mounted unit for the carnival in Maastricht",
            operational_context="Carnival",
            place="Maastricht",
            start=start,
            end=start + datetime.timedelta(days=1),
            legal_basis=LegalBasis.objects.get(code="benelux-police-treaty-2018"),
            handling_code=HandlingCode.objects.get(code="H1"),
            operational_control="Police unit Limburg",
        )
        services.request_submit(request=request, actor=user("operator.nl"))
        services.request_acknowledge(request=request, actor=user("operator.be"))
        services.request_respond(
            request=request,
            actor=user("operator.be"),
            decisions=[
                {"line": line.pk, "decision": "approved", "offered_quantity": 1} for line in request.lines.all()
            ],
        )
        services.request_accept(request=request, actor=user("operator.nl"), accepted_countries=["BE"])
        services.request_start(request=request, actor=user("operator.nl"))
    services.request_complete(request=request, actor=user("operator.nl"))
    log_in(page, live_server, "operator.nl")
    page.goto(f"{live_server.url}{request.get_absolute_url()}")
    page.get_by_role("link", name="Close the file…").click()
    page.get_by_role("heading", name="Close the file?").wait_for()
    consequences = page.locator(".consequences").inner_text()
    assert "the operators in Belgium" in consequences
    request.refresh_from_db()
    assert request.status == "completed"
    page.get_by_role("button", name="Close the file").click()
    page.wait_for_url(f"**{request.get_absolute_url()}")
    assert AssistanceRequest.objects.get().status == "closed"


def test_operator_finds_what_is_free_and_reads_an_items_timeline_on_a_phone(page, live_server):
    from apps.assistance.tests.factories import EquipmentItemFactory, org

    cannon = EquipmentItemFactory(name="Water cannon WA-2", identifier="WA-2")
    EquipmentItemFactory(name="Waterwerper WAW-3", identifier="WAW-3", organisation=org("NL", "POLNL"))
    page.set_viewport_size({"width": 375, "height": 740})
    log_in(page, live_server, "operator.be")
    page.goto(f"{live_server.url}/assistance/")
    page.get_by_role("link", name="Equipment registry").click()
    page.get_by_role("heading", name="Equipment registry").wait_for()
    assert page.get_by_role("link", name="Water cannon WA-2").is_visible()
    assert page.get_by_role("link", name="Waterwerper WAW-3").count() == 0
    page.get_by_role("link", name="What is free between two dates?").click()
    page.get_by_label("Type").select_option(label="Water cannon")
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    page.get_by_label("From").fill(tomorrow.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Until").fill((tomorrow + datetime.timedelta(hours=6)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Search").click()
    page.get_by_role("heading", name="Netherlands").wait_for()
    assert page.get_by_role("link", name="Waterwerper WAW-3").is_visible()
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.get_by_role("link", name="Water cannon WA-2").click()
    page.wait_for_url(f"**{cannon.get_absolute_url()}")
    assert page.locator("svg.timeline").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
