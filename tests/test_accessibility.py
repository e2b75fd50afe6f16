"""axe-core in Debian's headless Chromium over the main pages of each role, at desktop and phone width: no serious
or critical violation (WCAG 2.1 A and AA rules, and axe's best practices).

axe-core is vendored for the tests only (tests/vendor/axe-core) and injected by Playwright. The portal's Content
Security Policy allows no script of another origin or inline: the browser context bypasses it (``bypass_csp``) so
that axe can run; the pages themselves are as served.

Each user logs in through the log-in form and opens each page that answers them (a page their role may not use is
left out); every violation of every page is reported at once, with the elements it concerns.
"""

from pathlib import Path

import pytest
from django.urls import reverse

from tests.browser import BROWSER_TESTS, CHROMIUM, CHROMIUM_FLAGS
from tests.shared_data import load_all_demo_data

pytestmark = [*BROWSER_TESTS, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
PASSWORD = "demo-password-2026"
# The people whose pages are checked: each role of the demo, in their own languages (fr, de, nl, en, en).
USERS = ["operator.lu", "chief.lu", "secretariat", "liaison.nl", "admin"]
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}
SERIOUS = {"serious", "critical"}
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],
}


def _main_pages(username: str) -> list[str]:
    """The dashboard and each part's start page, a request page, the form, statistics, the calendar (month and list),
    an event page, notifications and the profile; the consultation start page, the chiefs' objectives dashboard and
    the timeline of the newest work programme; the (coming) liaison and brochure start pages."""
    from apps.accounts.models import User
    from apps.assistance.selectors import request_rows_visible_to
    from apps.consultation.selectors import programmes_visible_to
    from apps.events.selectors import event_list_visible_to

    user = User.objects.get(username=username)
    request = request_rows_visible_to(user=user).filter(submitted_at__isnull=False).order_by("-pk").first()
    event = event_list_visible_to(user=user).order_by("-starts_at").first()
    pages = [
        reverse("home"),
        reverse("assistance:index"),
        reverse("assistance:create"),
        reverse("assistance:statistics"),
        reverse("events:index"),
        reverse("events:list"),
        reverse("notifications:index"),
        reverse("accounts:profile"),
        reverse("consultation:index"),
        reverse("consultation:dashboard"),
        reverse("liaison:index"),
        reverse("brochure:index"),
    ]
    if request is not None:
        pages.insert(2, request.get_absolute_url())
    if event is not None:
        pages.insert(-6, event.get_absolute_url())
    programme = programmes_visible_to(user=user).order_by("-start_year").first()
    if programme is not None:
        pages.append(reverse("consultation:timeline", args=[programme.pk]))
    return pages


def _violations(page, where: str) -> list[str]:
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    found = []
    for violation in results["violations"]:
        if violation["impact"] not in SERIOUS:
            continue
        targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        found.append(f"{where}: {violation['impact']} {violation['id']} ({violation['help']}): {targets}")
    return found


def _log_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}{reverse('accounts:login')}")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(f"{base_url}/")


def test_the_main_pages_of_every_role_have_no_serious_accessibility_violation(live_server, monkeypatch, settings):
    from django.db import connections
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's event loop runs in this thread
    load_all_demo_data(PASSWORD)
    pages = {username: _main_pages(username) for username in USERS}
    found: list[str] = []
    checked = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            context = browser.new_context(bypass_csp=True)
            page = context.new_page()
            page.goto(f"{live_server.url}{reverse('accounts:login')}")
            for width, size in WIDTHS.items():
                page.set_viewport_size(size)
                found += _violations(page, f"anonymous {width} log-in page")
            context.close()
            for username, paths in pages.items():
                context = browser.new_context(bypass_csp=True)
                page = context.new_page()
                _log_in(page, live_server.url, username)
                for path in paths:
                    answer = page.goto(f"{live_server.url}{path}")
                    if answer.status != 200:  # not one of this role's pages
                        continue
                    for width, size in WIDTHS.items():
                        page.set_viewport_size(size)
                        found += _violations(page, f"{username} {width} {path}")
                        checked += 1
                context.close()
        finally:
            browser.close()
            connections.close_all()
    assert checked >= 80, f"only {checked} pages were checked"
    assert not found, "\n".join(found)
