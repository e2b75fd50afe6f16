"""In Debian's headless Chromium: a liaison officer's two-minute update, a click on the map, the phone layout."""

import time

import pytest

from tests.browser import BROWSER_TESTS

pytestmark = BROWSER_TESTS


@pytest.fixture
def officer_page(chromium, live_server):
    from apps.accounts.models import User
    from apps.liaison import demo as liaison_demo

    liaison_demo.load()
    User.objects.filter(username="liaison.be").update(preferred_language="en")
    page = chromium(locale="en-GB")
    violations = []
    page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("main input[name=username]").fill("liaison.be")
    page.locator("main input[name=password]").fill("demo-password-2026")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")
    page.violations = violations
    return page


def test_liaison_officer_updates_posting_and_confirms_in_two_minutes(officer_page, live_server):
    from apps.liaison.models import LiaisonOfficer

    page = officer_page
    started = time.monotonic()
    page.get_by_role("link", name="My posting").first.click()
    page.get_by_role("heading", name="Koen Peeters", level=1).wait_for()
    page.get_by_role("link", name="Edit the posting").first.click()
    page.get_by_label("Cybercrime").check()
    page.get_by_label("Also accredited to").select_option(["VE", "CR", "PA"])
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The posting has been saved.").wait_for()
    page.get_by_role("button", name="Everything here is still correct").click()
    page.get_by_text("the record is confirmed as current").wait_for()
    assert time.monotonic() - started < 120
    koen = LiaisonOfficer.objects.get(user__username="liaison.be")
    posting = koen.postings.get(ends_on__isnull=True)
    assert "cybercrime" in posting.focus_areas
    assert "PA" in {row.country.code for row in posting.accreditations.filter(ends_on__isnull=True)}
    # Panama is covered by him from today: the map says so.
    page.goto(f"{live_server.url}/liaison/coverage/PA/")
    assert page.locator("main").get_by_role("link", name="Koen Peeters").is_visible()
    assert page.violations == []


def test_a_click_on_the_map_opens_the_coverage_of_the_country(officer_page, live_server):
    page = officer_page
    page.goto(f"{live_server.url}/liaison/")
    colombia = page.locator('svg.world-map a[data-country="CO"]')
    assert "map-country--resident" in colombia.get_attribute("class")
    colombia.click()
    page.wait_for_url(f"{live_server.url}/liaison/coverage/CO/")
    page.get_by_role("heading", name="Colombia", level=1).wait_for()
    assert page.locator("main").get_by_role("link", name="Koen Peeters").is_visible()
    # Keyboard and screen-reader users have the same through the list of countries.
    page.goto(f"{live_server.url}/liaison/")
    page.get_by_role("link", name="Ecuador", exact=True).click()
    page.get_by_role("heading", name="Ecuador", level=1).wait_for()
    assert page.violations == []


def test_the_map_page_fits_a_phone(officer_page, live_server):
    page = officer_page
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server.url}/liaison/")
    assert page.locator("svg.world-map").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.goto(f"{live_server.url}/liaison/coverage/CO/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
