"""In Debian's headless Chromium, each role's home (issue 16): the secretariat's dashboard and its queue of the three
countries, in the four languages; the "API" link followed without a session; the admin's names of the libraries' apps;
the delivery monitoring page after the demo."""

from tests.browser import BROWSER_TESTS

pytestmark = BROWSER_TESTS

PASSWORD = "demo-password-2026"

# language: (the tile to the queue, the queue's title)
SECRETARIAT = {
    "nl": ("Verzoeken van de drie landen", "Openstaande verzoeken van de drie landen"),
    "fr": ("Demandes des trois pays", "Demandes ouvertes des trois pays"),
    "de": ("Ersuchen der drei Staaten", "Offene Ersuchen der drei Staaten"),
    "en": ("Requests of the three countries", "Open requests of the three countries"),
}
ADMIN_APPS = {
    "nl": ("Aanmeldblokkering", "Apparaten voor tweestapsverificatie", "API-tokens"),
    "fr": ("Blocage de connexion", "Appareils d’authentification à deux facteurs", "Jetons d’API"),
    "de": ("Anmeldesperre", "Geräte für die Zwei-Faktor-Authentifizierung", "API-Token"),
    "en": ("Lock-out", "Two-factor devices", "API tokens"),
}


def _speaks(username: str, language: str) -> None:
    from apps.accounts.models import User

    user = User.objects.get(username=username)
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])  # the session's cached user is forgotten with it


def _log_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator('input[name="username"]').fill(username)
    page.locator('input[name="password"]').fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")


def _file(by: str, to: str, title: str):
    import datetime

    from apps.accounts.models import User
    from apps.assistance import services
    from apps.assistance.models import HandlingCode, LegalBasis, ResourceType

    start = datetime.datetime(2031, 5, 1, 8, tzinfo=datetime.UTC)
    request = services.request_create(
        actor=User.objects.get(username=by),
        requested_countries=[to],
        lines=[{"resource_type": ResourceType.objects.get(code="mounted-unit"), "quantity": 2}],
        title=title,
        operational_context="A large event near the border.",
        place="Border crossing",
        start=start,
        end=start + datetime.timedelta(days=1),
        legal_basis=LegalBasis.objects.get(code="benelux-police-treaty-2018"),
        handling_code=HandlingCode.objects.get(code="H1"),
        operational_control="Local police zone",
        command="Sending unit commander",
    )
    services.request_submit(request=request, actor=User.objects.get(username=by))
    return request


def test_secretariat_finds_the_open_requests_of_the_three_countries_in_every_language(chromium, live_server):
    from django.apps import apps as django_apps

    from apps.assistance import reference_data

    reference_data.load(django_apps)
    titles = [
        _file("operator.be", "NL", "Cup final in Brussels"),
        _file("operator.nl", "LU", "King's Day in Maastricht"),
        _file("operator.lu", "BE", "National Day in Luxembourg"),
    ]
    page = chromium(locale="en-GB")
    _log_in(page, live_server, "secretariat")
    for language, (tile, heading) in SECRETARIAT.items():
        _speaks("secretariat", language)
        page.goto(f"{live_server.url}/")
        lead = page.locator("p.lead").first.inner_text()
        assert "Benelux" in lead and "None" not in lead
        tiles = page.locator(".card__title a")
        addresses = [tiles.nth(index).get_attribute("href") for index in range(tiles.count())]
        assert len(addresses) == len(set(addresses)), addresses
        page.get_by_role("link", name=tile, exact=True).click()
        page.get_by_role("heading", name=heading).wait_for()
        for request in titles:
            assert page.get_by_text(request.title).first.is_visible()


def test_anonymous_visitor_follows_the_api_link_to_log_in_then_reads_the_docs(chromium, live_server):
    page = chromium(locale="en-GB")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="API", exact=True).click()
    page.wait_for_url("**/accounts/login/?next=/api/docs/")
    assert page.get_by_role("heading", level=1).is_visible()
    page.locator('input[name="username"]').fill("chief.be")
    page.locator('input[name="password"]').fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/api/docs/")
    page.get_by_text("Benelux Police Cooperation Portal API").first.wait_for()


def test_administrator_reads_every_apps_name_in_their_language(chromium, live_server):
    page = chromium(locale="en-GB")
    _log_in(page, live_server, "admin")
    for language, names in ADMIN_APPS.items():
        _speaks("admin", language)
        page.goto(f"{live_server.url}/admin/")
        captions = page.locator("#content-main caption").all_inner_texts()
        for name in names:
            assert any(name.lower() == caption.strip().lower() for caption in captions), (name, captions)
        for raw in ("Axes", "Knox", "Otp_Totp", "Otp_Static"):
            assert not any(raw.lower() == caption.strip().lower() for caption in captions), (raw, captions)


def test_administrator_sees_no_email_waiting_once_the_demo_sent_them(chromium, live_server, settings):
    from apps.assistance import demo as assistance_demo
    from apps.notifications import demo as notifications_demo
    from apps.notifications.choices import Channel, DeliveryStatus
    from apps.notifications.models import Delivery

    assistance_demo.load()
    notifications_demo.load()
    assert Delivery.objects.filter(channel=Channel.EMAIL).exists()
    assert not Delivery.objects.filter(channel=Channel.EMAIL, status=DeliveryStatus.PENDING).exists()
    page = chromium(locale="en-GB")
    _log_in(page, live_server, "admin")
    page.get_by_role("link", name="Notification delivery", exact=True).click()
    page.get_by_role("heading", name="Notification delivery").wait_for()
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="E-mail", exact=True))
    assert row.locator("td").last.inner_text().strip() == "0"
