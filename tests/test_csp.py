"""Every page carries a Content Security Policy without inline scripts or styles, and no page needs either."""

import re

import pytest
from django.urls import reverse

from tests.browser import BROWSER_TESTS

PAGES = [
    "home",
    "accounts:profile",
    "assistance:index",
    "assistance:statistics",
    "assistance:create",
    "events:index",
    "events:week",
    "events:list",
    "events:create",
    "events:feed_settings",
    "notifications:index",
    "notifications:preferences",
    "consultation:index",
    "liaison:index",
    "brochure:index",
    "api-docs",
]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.IGNORECASE)


def _policy(response) -> dict[str, str]:
    return {
        part.strip().split(" ", 1)[0]: part.strip()
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    }


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_every_page_forbids_inline_scripts_and_styles_and_has_none(demo, login, name):
    response = login("operator.be", language="en").get(reverse(name))
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["script-src"] == "script-src 'self'" and policy["style-src"] == "style-src 'self'"
    assert policy["object-src"] == "object-src 'none'" and policy["frame-ancestors"] == "frame-ancestors 'none'"
    body = response.content.decode()
    assert not INLINE_SCRIPT.search(body), INLINE_SCRIPT.search(body)
    assert not INLINE_STYLE.search(body), INLINE_STYLE.search(body)


@pytest.mark.django_db
def test_the_log_in_page_and_the_api_have_the_policy_too(client):
    assert "script-src 'self'" in client.get(reverse("accounts:login"))["Content-Security-Policy"]
    assert "default-src 'self'" in client.get("/api/v1/me")["Content-Security-Policy"]


@pytest.mark.django_db
def test_a_download_keeps_its_stricter_policy_of_its_own(demo, login):
    from apps.events.tests.factories import EventFactory

    event = EventFactory()
    response = login("operator.be").get(reverse("events:ics", args=[event.pk]))
    assert response.status_code == 200 and "Content-Security-Policy" in response


@pytest.mark.parametrize("path", ["/", "/events/", "/assistance/statistics/", "/notifications/", "/api/docs/"])
@BROWSER_TESTS[0]
@BROWSER_TESTS[1]
def test_the_browser_reports_no_policy_violation(chromium, live_server, path):
    page = chromium(locale="en-GB")
    violations = []
    page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("secretariat")
    page.get_by_label("Password").fill("demo-password-2026")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}{path}")
    page.wait_for_load_state("networkidle")
    if path == "/api/docs/":
        page.locator(".swagger-ui .info").wait_for()
    assert violations == []
