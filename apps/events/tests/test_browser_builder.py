"""In Debian's headless Chromium: an operator makes a weekly series with the recurrence builder and shares an event
with a chosen partner country, whose people see it while the third country's do not; the calendar says when a date
is not understood; the list sorts by a column."""

from datetime import datetime

import pytest

from tests.browser import BROWSER_TESTS

from .factories import BRUSSELS, EventFactory, country, organisation

pytestmark = BROWSER_TESTS


@pytest.fixture
def page(chromium, live_server):
    from apps.accounts.models import User

    User.objects.filter(username="operator.nl").update(preferred_language="en")
    page = chromium(locale="en-GB")
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("main input[name=username]").fill("operator.nl")
    page.locator("main input[name=password]").fill("demo-password-2026")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")
    return page


def test_operator_builds_a_weekly_series_shared_with_belgium(page, live_server):
    from apps.events.models import Event

    page.goto(f"{live_server.url}/events/new/")
    page.get_by_label("Title (English)").fill("Joint checks at Hazeldonk")
    page.get_by_label("Place (English)").fill("Hazeldonk border crossing, Breda")
    page.get_by_label("Start", exact=True).fill("2027-01-04T18:00")
    page.get_by_label("End", exact=True).fill("2027-01-04T23:00")
    # Only what the choices need shows: the partner countries for a shared event, weekdays for a weekly series.
    partners = page.get_by_role("group", name="Partner countries")
    assert not partners.is_visible()
    page.get_by_label("The organiser's country and chosen partner countries").check()
    assert partners.is_visible()
    partners.get_by_label("Belgium").check()
    weekdays = page.get_by_role("group", name="On the days", exact=True)
    assert not page.get_by_label("Every how many").is_visible()
    page.get_by_label("Repeats").select_option(label="Weekly")
    assert weekdays.is_visible()
    page.get_by_label("Every how many").fill("2")
    weekdays.get_by_label("Monday").check()
    weekdays.get_by_label("Thursday").check()
    assert not page.get_by_label("Last day").is_visible()
    page.get_by_label("On a day").check()
    page.get_by_label("Last day").fill("2027-03-31")
    page.get_by_role("button", name="Add to the calendar").click()
    page.get_by_text("The event has been added to the calendar.").wait_for()
    event = Event.objects.get()
    assert event.recurrence_rule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;UNTIL=20270331T215959Z"
    assert list(event.shared_with.values_list("code", flat=True)) == ["BE"]
    facts = page.locator(".facts").inner_text()
    assert "Every 2 weeks on Monday, Thursday, until 31 March 2027" in facts
    assert "Netherlands, Belgium" in facts
    assert page.get_by_text("only users from Netherlands and from Belgium see this event").is_visible()


def test_calendar_says_a_date_it_does_not_understand_and_the_list_sorts(page, live_server):
    EventFactory(
        title_en="Christmas market",
        country=country("BE"),
        organiser=organisation("DAO"),
        starts_at=datetime(2026, 12, 18, 10, tzinfo=BRUSSELS),
        risk_level="low",
    )
    EventFactory(
        title_en="Ajax – Feyenoord",
        country=country("NL"),
        organiser=organisation("LOCC"),
        starts_at=datetime(2026, 12, 13, 14, tzinfo=BRUSSELS),
        risk_level="critical",
    )
    page.goto(f"{live_server.url}/events/?date=2026-13-01")
    assert page.get_by_text("The date “2026-13-01” was not understood").is_visible()
    page.get_by_label("Go to the day").fill("2026-12-15")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/events/?date=2026-12-15")
    assert page.get_by_role("link", name="Christmas market").is_visible()
    assert page.get_by_text("was not understood").count() == 0
    page.goto(f"{live_server.url}/events/list/?from=2026-12-01&to=2026-12-31")
    page.get_by_role("link", name="Risk level").click()
    page.wait_for_url("**sort=risk**")
    rows = page.locator(".cal-list tbody tr")
    assert "Christmas market" in rows.first.inner_text()
    page.get_by_role("link", name="Risk level").click()
    page.wait_for_url("**sort=-risk**")
    assert "Ajax – Feyenoord" in rows.first.inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    assert download.value.suggested_filename.endswith(".csv")


def _logged_in(chromium, live_server, username):
    from apps.accounts.models import User

    User.objects.filter(username=username).update(preferred_language="en")
    page = chromium(locale="en-GB")
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("main input[name=username]").fill(username)
    page.locator("main input[name=password]").fill("demo-password-2026")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")
    return page


def test_an_event_shared_with_belgium_shows_in_belgium_and_not_in_luxembourg(chromium, live_server):
    from apps.accounts.models import User
    from apps.events.services import event_create

    event = event_create(
        actor=User.objects.get(username="operator.nl"),
        title_en="Joint action at Hazeldonk",
        kind="other",
        country=country("NL"),
        place="Hazeldonk border crossing, Breda",
        starts_at=datetime(2027, 1, 14, 18, tzinfo=BRUSSELS),
        ends_at=datetime(2027, 1, 14, 23, tzinfo=BRUSSELS),
        time_zone="Europe/Amsterdam",
        visibility="partners",
        shared_with=[country("BE")],
    )
    belgian = _logged_in(chromium, live_server, "operator.be")
    belgian.goto(f"{live_server.url}/events/?date=2027-01-14")
    belgian.get_by_role("link", name="Joint action at Hazeldonk").first.click()
    belgian.wait_for_url(f"**{event.get_absolute_url()}")
    assert belgian.get_by_text("only users from Netherlands and from Belgium see this event").is_visible()
    luxembourgish = _logged_in(chromium, live_server, "operator.lu")
    luxembourgish.goto(f"{live_server.url}/events/?date=2027-01-14")
    assert luxembourgish.get_by_role("link", name="Joint action at Hazeldonk").count() == 0
    luxembourgish.goto(f"{live_server.url}/events/list/?from=2027-01-01&to=2027-01-31")
    assert "Joint action at Hazeldonk" not in luxembourgish.locator("main").inner_text()
    answer = luxembourgish.goto(f"{live_server.url}{event.get_absolute_url()}")
    assert answer.status == 404
    assert "Joint action at Hazeldonk" not in luxembourgish.locator("main").inner_text()
