"""Every date and number filter of every API list answers a value the database cannot take with a 400 in the error
shape (``apps/core/filtersets.py``), never a server error: the lists and their filters are found, not listed."""

import django_filters
import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from apps.accounts.models import User
from apps.accounts.tests.factories import api_token_for

pytestmark = pytest.mark.django_db

EXTREME = {
    "date": ["0530-02-04", "9999-12-31", "0001-01-01"],
    "datetime": ["0530-02-04T22:00:00-19:04", "1899-12-31T23:00:00+00:00", "9999-12-31T23:59:59+00:00"],
    "number": ["99999999999999999999", "-99999999999999999999", "1e400"],
}


def _api_lists(patterns=None, prefix=""):
    """(path, view class) of every parameterless API view with a FilterSet."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from _api_lists(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            path = prefix + str(pattern.pattern)
            view = getattr(pattern.callback, "cls", None)
            if path.startswith("api/v1/") and "<" not in path and getattr(view, "filterset_class", None):
                yield f"/{path}", view


def _kind(filter_) -> str | None:
    if isinstance(filter_, django_filters.IsoDateTimeFilter | django_filters.DateTimeFilter):
        return "datetime"
    if isinstance(filter_, django_filters.DateFilter):
        return "date"
    if isinstance(filter_, django_filters.NumberFilter):
        return "number"
    return None


CASES = [
    (path, name, value)
    for path, view in _api_lists()
    for name, filter_ in view.filterset_class.base_filters.items()
    if _kind(filter_)
    for value in EXTREME[_kind(filter_)]
]


def test_the_lists_with_date_and_number_filters_are_found():
    paths = {path for path, _name, _value in CASES}
    assert {"/api/v1/assistance-requests", "/api/v1/equipment", "/api/v1/events"} <= paths


@pytest.mark.parametrize(("path", "name", "value"), CASES)
def test_a_value_the_database_cannot_take_is_a_400_never_a_500(demo, path, name, value):
    token = api_token_for(User.objects.get(username="operator.be"))
    response = Client(HTTP_AUTHORIZATION=f"Token {token}").get(path, {name: value})
    assert response.status_code == 400, (path, name, value, response.content)
    assert name in response.json()["errors"]


@pytest.mark.parametrize("path", ["/api/v1/assistance-requests", "/api/v1/equipment"])
def test_a_time_with_an_offset_postgresql_refuses_is_read_in_utc(demo, path):
    name = "period_after" if "assistance" in path else "available_from"
    token = api_token_for(User.objects.get(username="operator.be"))
    response = Client(HTTP_AUTHORIZATION=f"Token {token}").get(path, {name: "2026-01-01T10:00:00+23:59"})
    assert response.status_code == 200
