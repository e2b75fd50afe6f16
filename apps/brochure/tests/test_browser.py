"""In Debian's headless Chromium: the offline reader installs its service worker, keeps the latest edition, and
still opens and reads a section with the network gone; the brochure pages fit a phone."""

import pytest

from tests.browser import BROWSER_TESTS

from .factories import publish, user

pytestmark = BROWSER_TESTS


@pytest.fixture
def reader_page(chromium, live_server):
    publish(actor=user("secretariat"))
    page = chromium(locale="en-GB")
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("main input[name=username]").fill("liaison.nl")  # reads in English
    page.locator("main input[name=password]").fill("demo-password-2026")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")
    return page


def test_reader_goes_offline_and_still_reads_a_section(reader_page, live_server):
    page = reader_page
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server.url}/brochure/reader/")
    page.wait_for_selector("body[data-reader-ready='true']")
    page.get_by_role("link", name="Joint patrols in Knokke").wait_for()
    assert "Your copy: Edition 1 of" in page.get_by_role("status").inner_text()
    # The service worker has taken the page and its files into its cache.
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    page.context.set_offline(True)
    page.reload()
    page.wait_for_selector("body[data-reader-ready='true']")
    assert "You are offline" in page.get_by_role("status").inner_text()
    page.get_by_role("link", name="Joint patrols in Knokke").click()
    page.get_by_role("heading", name="Joint patrols in Knokke").wait_for()
    assert "Dutch and Belgian officers patrol together." in page.locator("main").inner_text()
    page.get_by_role("link", name="Contact points").click()
    page.get_by_role("link", name="+31 79 000 00 00").wait_for()


def test_brochure_pages_fit_a_phone(reader_page, live_server):
    page = reader_page
    page.set_viewport_size({"width": 375, "height": 740})
    for path in ["/brochure/", "/brochure/contacts/", "/brochure/search/?q=border"]:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("load")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
