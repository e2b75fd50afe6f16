"""In Debian's headless Chromium: a police chief reviews the objectives, from the home page to an activity's history,
and the dashboard and the timeline fit a phone."""

import pytest

from tests.browser import BROWSER_TESTS

pytestmark = BROWSER_TESTS


@pytest.fixture
def demo_programmes(chromium):
    from apps.accounts.models import User
    from apps.consultation import demo as consultation_demo

    User.objects.filter(username__in=["chief.nl"]).update(preferred_language="en")
    consultation_demo.load()


def _logged_in(chromium, live_server, username: str, width: int | None = None):
    page = chromium(locale="en-GB")
    if width:
        page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("main input[name=username]").fill(username)
    page.locator("main input[name=password]").fill("demo-password-2026")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")
    return page


def test_a_chief_reviews_the_objectives_from_home_to_an_activitys_history(chromium, live_server, demo_programmes):
    page = _logged_in(chromium, live_server, "chief.nl")
    # Home: the running programme at a glance, one click from the dashboard.
    panel = page.locator("section.home-panel")
    assert panel.get_by_role("heading", name="Joint objectives").is_visible()
    assert panel.get_by_text("Evaluate the Benelux Police Treaty").is_visible()
    panel.get_by_role("link", name="Open the objectives dashboard").click()
    page.wait_for_url(f"{live_server.url}/consultation/objectives/")
    # What changed since the last visit (1 September 2026), what is late, what is due before the June 2027 meeting.
    changed = page.locator("section", has=page.get_by_role("heading", name="What changed since your last visit"))
    assert changed.get_by_text("ANPR exchange in daily use").first.is_visible()
    late = page.locator("section", has=page.get_by_role("heading", name="Late", exact=True))
    assert late.get_by_text("ANPR exchange in daily use").is_visible()
    due = page.locator("section", has=page.get_by_role("heading", name="Due before the next meeting"))
    assert due.get_by_text("Evaluation report on the treaty's first years").is_visible()
    # Another programme, by country: the Dutch-led activities of 2017–2020.
    page.get_by_label("Work programme", exact=True).select_option(label="2017–2020 · SOP")
    page.get_by_label("Country").select_option(label="Netherlands")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/consultation/objectives/?*")
    objectives = page.locator("section", has=page.get_by_role("heading", name="Objectives and activities"))
    assert objectives.get_by_role("link", name="2.3 The Benelux smartphone app").is_visible()
    assert objectives.get_by_text("Update the Benelux almanac").count() == 0
    # One click to the activity's history.
    objectives.get_by_role("link", name="2.3 The Benelux smartphone app").click()
    assert page.get_by_role("heading", name="History").is_visible()
    assert page.get_by_text("Beschikbaar in de app-winkels; Luxemburgse versie volgt.").is_visible()
    assert page.get_by_role("link", name="Post a progress update").count() == 0  # a chief reads


@pytest.mark.parametrize("path", ["dashboard", "timeline"])
def test_the_dashboard_and_the_timeline_fit_a_phone(chromium, live_server, demo_programmes, path):
    from apps.consultation.models import Programme

    page = _logged_in(chromium, live_server, "chief.nl", width=375)
    programme = Programme.objects.get(start_year=2017)
    url = "/consultation/objectives/" if path == "dashboard" else f"/consultation/programmes/{programme.pk}/timeline/"
    page.goto(f"{live_server.url}{url}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    if path == "timeline":
        bars = page.locator("svg.timeline__bar")
        assert bars.count() == 11
        assert bars.first.bounding_box()["width"] > 300  # the bars take the phone's width, under their labels
