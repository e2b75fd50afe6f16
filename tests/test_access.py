"""Anonymous visitors reach only log-in, health and static files; everything else asks them to log in."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

PUBLIC = {"accounts:login", "healthz"}
POST_ONLY_PUBLIC = {"accounts:set_language"}


def _named_urls(patterns=None, namespace=""):
    """Every named URL of the portal that takes no arguments."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace == "admin":
                continue
            yield from _named_urls(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name and not pattern.pattern.converters:
            if "(?P<" in str(pattern.pattern):
                continue
            yield f"{namespace}{pattern.name}"


NAMED_URLS = sorted(set(_named_urls()))


def test_the_url_list_covers_every_part():
    assert {
        "home",
        "consultation:index",
        "assistance:index",
        "events:index",
        "liaison:index",
        "brochure:index",
        "notifications:index",
        "accounts-api:me",
        "schema",
    } <= set(NAMED_URLS)


@pytest.mark.parametrize("name", [name for name in NAMED_URLS if name not in PUBLIC | POST_ONLY_PUBLIC])
def test_anonymous_visitor_is_sent_to_log_in_or_gets_401(name):
    url = reverse(name)
    response = Client().get(url)
    # The API's docs are a page for people: the "API" link of every page leads there (issue 16).
    if url.startswith("/api/") and name != "api-docs":
        assert response.status_code in {401, 405}, url
    else:
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login")), url


def test_admin_asks_anonymous_visitors_to_log_in():
    response = Client().get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_log_in_page_and_health_are_public():
    assert Client().get(reverse("accounts:login")).status_code == 200
    assert Client().get(reverse("healthz")).status_code == 200


def test_unknown_page_is_a_404_not_an_error(demo, login):
    assert login("chief.be").get("/no-such-page/").status_code == 404
