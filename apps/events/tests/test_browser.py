"""In Debian's headless Chromium: the month on a phone, keyboard navigation between months."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser import BROWSER_TESTS

from .factories import EventFactory, country, organisation

pytestmark = BROWSER_TESTS


@pytest.fixture
def calendar_page(chromium, live_server):
    from apps.accounts.models import User

    User.objects.filter(username="operator.nl").update(preferred_language="en")
    today = timezone.localtime()
    EventFactory(
        title_en="Farmers at Schuman",
        country=country("BE"),
        organiser=organisation("DAO"),
        starts_at=today.replace(day=10, hour=9, minute=0),
        ends_at=today.replace(day=10, hour=18, minute=0),
    )
    EventFactory(
        title_en="Next month's summit",
        starts_at=(today.replace(day=1) + timedelta(days=40)).replace(day=12, hour=9),
    )
    page = chromium(locale="en-GB")
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("main input[name=username]").fill("operator.nl")
    page.locator("main input[name=password]").fill("demo-password-2026")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")
    return page


def test_month_becomes_a_list_of_days_on_a_phone(calendar_page, live_server):
    page = calendar_page
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server.url}/events/")
    event = page.get_by_role("link", name="Farmers at Schuman")
    assert event.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    # Days without events are left out; the day of the event is written in full.
    assert page.locator(".cal-day:visible").count() >= 1
    assert page.locator(".cal-day--empty:visible").count() == 0
    assert page.locator(".cal-day:visible .cal-day__long").first.is_visible()


def test_keyboard_user_moves_between_months(calendar_page, live_server):
    page = calendar_page
    page.goto(f"{live_server.url}/events/")
    assert page.get_by_role("link", name="Farmers at Schuman").is_visible()
    page.keyboard.press("ArrowRight")
    page.wait_for_url("**/events/?date=*")
    assert page.get_by_role("link", name="Next month's summit").is_visible()
    page.keyboard.press("t")
    page.get_by_role("link", name="Farmers at Schuman").wait_for()
    # The links themselves are reachable with Tab and Enter.
    page.get_by_role("link", name="Next month").focus()
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Next month's summit").wait_for()
