"""In Debian's headless Chromium: two secretaries editing the same minutes (nobody's work silently lost), the agenda
reordered without a page reload, and a meeting's page on a phone."""

import pytest

from tests.browser import BROWSER_TESTS

from .factories import add_item, make_body, make_meeting

pytestmark = BROWSER_TESTS


@pytest.fixture
def meeting(chromium):
    from apps.accounts.models import User

    User.objects.filter(username__in=["secretariat", "chief.nl"]).update(preferred_language="en")
    body = make_body("SOP", [("BE", "FEDPOL"), ("NL", "POLNL"), ("LU", "PGD")], names={"en": "Strategic Consultation"})
    found = make_meeting(body)
    for title in ("Ukraine", "Police Treaty", "Cybercrime"):
        add_item(found, title)
    return found


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


def test_two_secretaries_saving_the_same_minutes_never_overwrite_each_other(chromium, live_server, meeting):
    url = f"{live_server.url}/consultation/meetings/{meeting.pk}/minutes/"
    first = _logged_in(chromium, live_server, "secretariat")
    second = _logged_in(chromium, live_server, "secretariat")
    first.goto(url)
    second.goto(url)
    first.get_by_label("Notes").first.fill("The three countries report on the reception of refugees.")
    first.get_by_role("button", name="Save the minutes").click()
    first.get_by_text("The minutes were saved.").wait_for()
    second.get_by_label("Notes").first.fill("Second secretary's version of the same item.")
    second.get_by_role("button", name="Save the minutes").click()
    second.get_by_text("Not saved: someone else saved these minutes meanwhile.").wait_for()
    assert second.get_by_text("Sophie Lambrechts saved these minutes at").first.is_visible()
    # The second secretary's text is still in the form, to be copied; the first one's is what was saved.
    assert second.get_by_label("Notes").first.input_value() == "Second secretary's version of the same item."
    second.goto(url)
    assert (
        second.get_by_label("Notes").first.input_value() == "The three countries report on the reception of refugees."
    )


def test_agenda_items_move_without_a_page_reload(chromium, live_server, meeting):
    page = _logged_in(chromium, live_server, "secretariat")
    page.goto(f"{live_server.url}/consultation/meetings/{meeting.pk}/agenda/")
    page.evaluate("window.notReloaded = true")
    page.get_by_role("button", name="Move “Cybercrime” up").click()
    page.get_by_text("Moved to position 2.").wait_for(state="attached")
    titles = page.locator("[data-agenda] .agenda__title").all_inner_texts()
    assert [title.split(" ", 1)[1] for title in titles] == ["Ukraine", "Cybercrime", "Police Treaty"]
    assert titles[1].startswith("2.")
    assert page.evaluate("window.notReloaded") is True  # the page was not loaded again
    assert list(meeting.agenda_items.order_by("position").values_list("title_en", flat=True)) == [
        "Ukraine",
        "Cybercrime",
        "Police Treaty",
    ]


def test_meeting_page_fits_a_phone(chromium, live_server, meeting):
    from apps.accounts.models import User
    from apps.consultation import services

    services.agenda_publish(meeting=meeting, actor=User.objects.get(username="secretariat"))
    page = _logged_in(chromium, live_server, "chief.nl", width=375)
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    assert page.get_by_role("heading", name="Cybercrime").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
