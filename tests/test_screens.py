"""In Debian's headless Chromium, in the four languages: on a phone (375 px) no main page scrolls sideways and its
tables are stacked cards with labelled cells; on a laptop (1366 px) the navigation fits one row, the user's links
folded into a menu; checkboxes sit next to their labels and the long forms (a request, an event, a meeting, an
activity, a liaison officer, a desk) are grouped in fieldsets with legends."""

import pytest
from django.urls import reverse

from tests.browser import BROWSER_TESTS
from tests.shared_data import load_all_demo_data

pytestmark = BROWSER_TESTS

PASSWORD = "demo-password-2026"
LANGUAGES = {"nl": "nl-NL", "fr": "fr-BE", "de": "de-LU", "en": "en-GB"}
PHONE = {"width": 375, "height": 740}
LAPTOP = {"width": 1366, "height": 768}

# Every table of the page that portal.js stacks: its rows laid out as blocks, each cell with a label (or none when
# its column has no header).
STACKED_TABLES = """() => [...document.querySelectorAll('.main table.table--stack')].map((table) => ({
  rows: [...table.querySelectorAll('tbody tr')].map((row) => getComputedStyle(row).display),
  unlabelled: [...table.querySelectorAll('tbody td')].filter((cell) => !cell.hasAttribute('data-label')).length,
  headers: [...table.querySelectorAll('thead th')].map((cell) => cell.textContent.trim()).filter(Boolean).length,
}))"""
# The top of each entry of the navigation's first level, and of the user's menu.
NAV_ROWS = """() => {
  const tops = [...document.querySelectorAll('#site-nav > ul > li, #site-nav > .user-menu')]
    .map((item) => Math.round(item.getBoundingClientRect().top));
  return {tops: [...new Set(tops)], height: document.getElementById('site-nav').getBoundingClientRect().height};
}"""

# Each checkbox of the form, and where the text of its label is.
CHECKBOXES = """() => [...document.querySelectorAll('form.form input[type=checkbox]')].map((box) => {
  const walker = document.createTreeWalker(box.labels[0], NodeFilter.SHOW_TEXT);
  const texts = [];
  while (walker.nextNode()) { if (walker.currentNode.textContent.trim()) texts.push(walker.currentNode); }
  const range = document.createRange();
  range.setStart(texts[0], 0);
  range.setEnd(texts[texts.length - 1], texts[texts.length - 1].length);
  const text = range.getClientRects()[0], place = box.getBoundingClientRect();
  return {id: box.id, box_middle: place.top + place.height / 2, box_right: place.right,
          text_middle: text.top + text.height / 2, text_height: text.height, text_left: text.left};
})"""

# The fields of the form that no fieldset with a legend holds, and the legends of its groups.
UNGROUPED = """() => {
  const form = document.querySelector('main form.form[method=post]');
  const fields = [...form.querySelectorAll('input, select, textarea')]
    .filter((field) => field.type !== 'hidden' && field.type !== 'submit');
  return {
    fields: fields.length,
    loose: fields.filter((field) => !field.closest('fieldset')?.querySelector(':scope > legend'))
      .map((field) => field.name),
    legends: [...form.querySelectorAll(':scope > fieldset > legend')].map((legend) => legend.textContent.trim()),
  };
}"""

# The same of the checkboxes shown (a form's parts shown for a choice hide theirs until it is made).
SHOWN_CHECKBOXES = CHECKBOXES.replace(
    "document.querySelectorAll('form.form input[type=checkbox]')]",
    "document.querySelectorAll('form.form input[type=checkbox]')].filter((box) => box.getClientRects().length)",
)


def _log_in(page, base_url: str, username: str, language: str) -> None:
    from apps.accounts.models import User

    User.objects.filter(username=username).update(preferred_language=language)
    page.goto(f"{base_url}{reverse('accounts:login')}")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(f"{base_url}/")


def _main_pages(username: str) -> list[str]:
    from apps.accounts.models import User
    from apps.assistance.selectors import request_rows_visible_to

    user = User.objects.get(username=username)
    request = request_rows_visible_to(user=user).filter(submitted_at__isnull=False).order_by("-pk").first()
    pages = [
        reverse("home"),
        reverse("assistance:index"),
        reverse("assistance:create"),
        reverse("assistance:statistics"),
        reverse("assistance:equipment"),
        reverse("events:index"),
        reverse("events:list"),
        reverse("notifications:index"),
        reverse("notifications:preferences"),
        reverse("accounts:profile"),
        reverse("consultation:index"),
        reverse("liaison:index"),
        reverse("liaison:directory"),
        reverse("brochure:index"),
    ]
    if request is not None:
        pages.append(request.get_absolute_url())
    return pages


@pytest.fixture
def everything(chromium):
    load_all_demo_data(PASSWORD)
    return chromium


@pytest.mark.parametrize("language", LANGUAGES)
def test_on_a_phone_no_main_page_scrolls_sideways_and_tables_are_cards(everything, live_server, language):
    page = everything(locale=LANGUAGES[language])
    page.set_viewport_size(PHONE)
    _log_in(page, live_server.url, "operator.lu", language)
    wide, loose, stacked = [], [], 0
    for path in _main_pages("operator.lu"):
        answer = page.goto(f"{live_server.url}{path}")
        if answer.status != 200:
            continue
        page.wait_for_load_state("load")  # measured with the stylesheets and portal.js applied
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide.append(f"{path}: {width} px")
        for table in page.evaluate(STACKED_TABLES):
            stacked += 1
            if set(table["rows"]) - {"block"} or (table["headers"] and table["unlabelled"]):
                loose.append(f"{path}: {table}")
    assert not wide, f"pages wider than the phone in {language}: {wide}"
    assert not loose, f"tables not stacked as labelled cards in {language}: {loose}"
    assert stacked >= 4


@pytest.mark.parametrize("language", LANGUAGES)
def test_on_a_laptop_the_navigation_fits_one_row(everything, live_server, language):
    page = everything(locale=LANGUAGES[language])
    page.set_viewport_size(LAPTOP)
    _log_in(page, live_server.url, "admin", language)  # the most entries: every part, and the administration
    for path in (reverse("home"), reverse("assistance:index"), reverse("events:list")):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("load")
        rows = page.evaluate(NAV_ROWS)
        assert len(rows["tops"]) == 1, f"{language} {path}: the navigation takes {len(rows['tops'])} rows"
        assert rows["height"] < 60
        assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"]
    # The user's links are folded into their menu, which opens and closes.
    log_out = page.locator(".user-menu button[type=submit]")
    assert not log_out.is_visible()
    page.locator(".user-menu summary").click()
    assert log_out.is_visible()
    page.keyboard.press("Escape")
    assert not log_out.is_visible()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_request_form_is_grouped_and_its_checkboxes_sit_by_their_labels(chromium, live_server, language):
    page = chromium(locale=LANGUAGES[language])
    page.set_viewport_size(LAPTOP)
    _log_in(page, live_server.url, "operator.be", language)
    page.goto(f"{live_server.url}{reverse('assistance:create')}")
    page.wait_for_load_state("load")
    legends = page.locator("form.form > fieldset > legend").all_inner_texts()
    assert len(legends) >= 4, legends  # three groups of the request, and its resources
    places = page.evaluate(CHECKBOXES)
    assert len(places) >= 3  # the requested countries and the after-the-fact record
    for place in places:
        # On the line of its label's text, the text just to the right of the box.
        assert abs(place["box_middle"] - place["text_middle"]) < place["text_height"] / 2, place
        assert 0 <= place["text_left"] - place["box_right"] < 24, place


def _long_forms() -> list[tuple[str, str]]:
    from apps.consultation.models import Objective
    from apps.liaison.models import Desk

    objective = Objective.objects.order_by("pk").first()
    desk = Desk.objects.filter(run_by="BE").order_by("pk").first()
    return [
        ("operator.be", reverse("events:create")),
        ("secretariat", reverse("consultation:meeting_create")),
        ("secretariat", reverse("consultation:activity_create", args=[objective.pk])),
        ("coordinator.be", reverse("liaison:officer_create")),
        ("coordinator.be", reverse("liaison:desk_edit", args=[desk.pk])),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_long_forms_are_grouped_under_legends_and_their_checkboxes_sit_by_their_labels(
    everything, live_server, language
):
    page = everything(locale=LANGUAGES[language])
    page.set_viewport_size(LAPTOP)
    logged_in = None
    for username, path in _long_forms():
        if username != logged_in:
            page.context.clear_cookies()
            _log_in(page, live_server.url, username, language)
            logged_in = username
        answer = page.goto(f"{live_server.url}{path}")
        assert answer.status == 200, path
        page.wait_for_load_state("load")
        form = page.evaluate(UNGROUPED)
        assert form["fields"] >= 6, path
        assert not form["loose"], f"{language} {path}: fields outside a group: {form['loose']}"
        assert len(form["legends"]) >= 2 and all(form["legends"]), f"{language} {path}: {form['legends']}"
        for place in page.evaluate(SHOWN_CHECKBOXES):
            assert abs(place["box_middle"] - place["text_middle"]) < place["text_height"] / 2, (path, place)
            assert 0 <= place["text_left"] - place["box_right"] < 24, (path, place)
