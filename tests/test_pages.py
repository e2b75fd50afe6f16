"""Each demo user follows every link they are shown, in all four languages, without an error."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

DEMO_USERS = [
    "admin",
    "secretariat",
    "chief.be",
    "chief.nl",
    "chief.lu",
    "operator.be",
    "operator.nl",
    "operator.lu",
    "liaison.be",
    "liaison.nl",
]
LANGUAGES = ["nl", "fr", "de", "en"]
LINK = re.compile(r'href="(/[^"#]*)"')


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("username", DEMO_USERS)
def test_demo_user_follows_every_link_on_the_dashboard(demo, login, username, language):
    client = login(username, language=language)
    dashboard = client.get(reverse("home"))
    assert dashboard.status_code == 200
    assert dashboard["Content-Language"] == language
    links = {link for link in LINK.findall(dashboard.content.decode()) if not link.startswith("/static/")}
    assert reverse("events:index") in links
    for link in sorted(links):
        response = client.get(link)
        assert response.status_code == 200, (link, response.status_code)


# Every page: for these users without two-factor, the check for their devices (2); the session, the user with roles
# and organisation (apps/accounts/session_user.py) and the unread count of the badge (apps/notifications/selectors.py)
# come from the cache. Then what the page itself needs.
PAGES = [
    ("home", 2),
    ("accounts:profile", 4),  # whether there is an authenticator app; the user's API tokens (listed to revoke them)
    ("accounts:password_change", 2),
    ("consultation:index", 2),
    ("assistance:index", 2),  # the lists come from the cache: see apps/assistance/tests/test_views.py
    ("events:index", 2),  # the month's body is cached: see apps/events/tests/test_views.py
    ("liaison:index", 2),
    ("brochure:index", 2),
    ("notifications:index", 2),  # the list is cached until the inbox changes: apps/notifications/tests/
]


@pytest.mark.parametrize(("name", "queries"), PAGES)
def test_page_runs_a_fixed_number_of_queries(demo, login, django_assert_num_queries, name, queries):
    client = login("operator.be")
    client.get(reverse(name))  # warm the content-type and session caches
    with django_assert_num_queries(queries):
        assert client.get(reverse(name)).status_code == 200


def test_dashboard_fits_the_role(demo, login):
    operator = login("operator.nl", language="en").get(reverse("home")).content.decode()
    chief = login("chief.nl", language="en").get(reverse("home")).content.decode()
    liaison = login("liaison.be", language="en").get(reverse("home")).content.decode()
    assert "Request queue" in operator and "Joint objectives" not in operator
    assert "Joint objectives" in chief and "Request queue" not in chief
    assert "My posting" in liaison


def test_admin_manages_organisations_and_users(demo, login):
    from apps.accounts.models import Organisation

    locc = Organisation.objects.get(short_name="LOCC").pk
    client = login("admin")
    for url in [
        "/admin/",
        "/admin/accounts/organisation/",
        "/admin/accounts/user/",
        "/admin/accounts/country/",
        f"/admin/accounts/organisation/{locc}/change/",
        f"/admin/accounts/organisation/{locc}/history/",
        "/admin/auth/group/",
        "/admin/axes/accessattempt/",
    ]:
        assert client.get(url).status_code == 200, url


def test_non_admin_has_no_admin(demo, login):
    response = login("operator.be").get("/admin/")
    assert response.status_code == 302


def test_every_page_offers_the_four_languages_under_their_own_names_and_marks_where_the_user_is(demo, login):
    body = login("operator.be", language="fr").get(reverse("events:index")).content.decode()
    for code, name in [("nl", "Nederlands"), ("fr", "Français"), ("de", "Deutsch"), ("en", "English")]:
        assert f'<option value="{code}" lang="{code}"' in body and f">{name}</option>" in body
    assert '<option value="fr" lang="fr" selected>' in body
    assert f'<a href="{reverse("events:index")}" aria-current="page">' in body
    assert f'action="{reverse("accounts:logout")}"' in body and f'href="{reverse("api-docs")}"' in body
