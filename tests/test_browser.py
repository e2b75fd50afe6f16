"""In Debian's headless Chromium: log in, see the dashboard, switch language, use the phone layout."""

import pytest

from tests.browser import BROWSER_TESTS

pytestmark = BROWSER_TESTS


@pytest.fixture
def browser_page(chromium):
    return chromium(locale="nl-NL")


def _log_in(page, live_server, username):
    page.goto(f"{live_server.url}/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill("demo-password-2026")
    page.get_by_role("button", name="Inloggen").click()


def test_operator_logs_in_sees_dashboard_and_switches_language(browser_page, live_server):
    page = browser_page
    _log_in(page, live_server, "operator.be")
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Welkom, Lies"
    assert page.get_by_role("link", name="Verzoekenwachtrij").is_visible()

    page.get_by_label("Taal").select_option("fr")
    page.wait_for_load_state("load")
    page.get_by_role("heading", name="Bienvenue, Lies").wait_for()
    assert page.locator("html").get_attribute("lang") == "fr"

    page.get_by_role("link", name="Calendrier des événements").click()
    page.get_by_role("heading", name="Calendrier des événements").wait_for()

    # The choice is remembered: a new log-in is in French straight away.
    page.locator(".user-menu summary").click()  # the user's links are folded into their menu
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url("**/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "fr"


def test_wrong_password_shows_a_clear_message(browser_page, live_server):
    page = browser_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("chief.nl")
    page.get_by_label("Wachtwoord").fill("not-the-password")
    page.get_by_role("button", name="Inloggen").click()
    assert page.get_by_role("alert").is_visible()
    assert "gebruikersnaam" in page.get_by_role("alert").inner_text().lower()


def test_portal_is_usable_on_a_phone(browser_page, live_server):
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 740})
    _log_in(page, live_server, "chief.lu")
    page.wait_for_url(f"{live_server.url}/")
    menu = page.get_by_role("button", name="Menü")
    assert menu.is_visible()
    assert not page.get_by_role("link", name="Veranstaltungskalender").is_visible()
    menu.click()
    page.get_by_role("link", name="Veranstaltungskalender").click()
    page.get_by_role("heading", name="Veranstaltungskalender").wait_for()
    page.wait_for_load_state("load")  # measure with the page's stylesheets applied, not before they arrive
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_phone_user_sees_the_unread_count_on_the_menu_button(browser_page, live_server):
    from django.utils import timezone

    from apps.accounts.models import User
    from apps.notifications.models import InboxEntry, Notification

    chief = User.objects.get(username="chief.lu")
    for number in range(3):  # already delivered: the page shows them, no worker needed
        notification = Notification.objects.create(
            kind="test.browser", message=f"Notice {number}", delivered_at=timezone.now()
        )
        InboxEntry.objects.create(notification=notification, user=chief, created_at=notification.created_at)
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 740})
    _log_in(page, live_server, "chief.lu")
    page.wait_for_url(f"{live_server.url}/")
    menu = page.get_by_role("button", name="Menü")
    assert menu.inner_text().split()[:2] == ["Menü", "3"]
    menu.click()
    page.get_by_role("link", name="Benachrichtigungen").click()
    page.wait_for_url("**/notifications/")


def test_keyboard_user_can_skip_to_the_content(browser_page, live_server):
    page = browser_page
    _log_in(page, live_server, "operator.nl")
    page.wait_for_url(f"{live_server.url}/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_operator_adds_resource_lines_without_a_round_trip(browser_page, live_server):
    from django.apps import apps as django_apps

    from apps.assistance import reference_data
    from apps.assistance.models import AssistanceRequest, ResourceType

    reference_data.load(django_apps)
    codes = ["mounted-unit", "dog-explosives", "water-cannon"]
    type_ids = {code: str(ResourceType.objects.get(code=code).pk) for code in codes}
    page = browser_page
    _log_in(page, live_server, "operator.nl")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/assistance/new/")
    assert page.locator("[data-no-js-hint]").is_hidden()
    page.locator('input[name="title"]').fill("Koningsdag Maastricht")
    add = page.get_by_role("button", name="Regel toevoegen")
    add.click()
    add.click()
    assert page.locator("fieldset.line").count() == 3
    assert page.locator("fieldset.line legend").last.inner_text() == "Regel 3"
    assert page.evaluate("document.activeElement.name") == "lines-2-resource_type"
    for index, code in enumerate(codes):
        page.locator(f'select[name="lines-{index}-resource_type"]').select_option(type_ids[code])
        page.locator(f'input[name="lines-{index}-quantity"]').fill(str(index + 1))
    page.locator('button[name="save"]').click()
    page.wait_for_url("**/assistance/*/")
    request = AssistanceRequest.objects.get(title="Koningsdag Maastricht")
    assert sorted(request.lines.values_list("resource_type__code", "quantity")) == sorted(
        (code, index + 1) for index, code in enumerate(codes)
    )
