"""The permission grid: every page and API endpoint, with every method its app declares, asked by a person of every
role in each of the three countries and by an anonymous visitor.

- anonymous: the log-in page (pages) or a 401 (API), except on the public addresses;
- an object the person may not see: 404;
- a forbidden action on an object they see, or a page their role may not use: 403 (or the documented 400 of the
  API's refused steps, or a page's form sent back with an error message);
- where allowed: the answer of success (200, 201, 204, or the redirect after a form that did its work).

What each role may do lives with each app, in its ``grid.py`` (``ROUTES``: see apps/core/grid.py for how to declare
a page or an endpoint, and its sample objects). This test is generic: it walks the URLconf, and an address that no
app declares fails it ("declare it"), so that new pages and endpoints join the grid, and cannot be forgotten.

Speed: the people, their sessions and API tokens and every sample object are made once for the module, in a
transaction rolled back at its end (tests/shared_data.py); each request runs in a savepoint rolled back after it, so
every person finds the samples as they were made. One test per address and method asks all 22 people.
"""

import tempfile
from importlib import import_module
from importlib.util import find_spec

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import constants as message_levels
from django.contrib.messages import get_messages
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from rest_framework.views import APIView

from apps.accounts.choices import OrganisationKind, Role
from apps.core.grid import (
    COUNTRIES,
    HIDDEN,
    JOINT_BODY_ROLES,
    OK,
    REDIRECT_WITH_ERROR,
    REFUSED,
    Check,
    Made,
    Route,
    Who,
    World,
    next_country,
)
from tests.shared_data import module_data

pytestmark = pytest.mark.django_db

PASSWORD = "demo-password-2026"
# The kind of organisation each role's people belong to, in every country: what a role may do is then the same in
# each country, and one table per role says it.
ORGANISATION_KINDS = {
    Role.POLICE_CHIEF: OrganisationKind.POLICE_SERVICE,
    Role.OPERATOR: OrganisationKind.CONTROL_ROOM,
    Role.LIAISON_OFFICER: OrganisationKind.POLICE_SERVICE,
    # Coordinators of the liaison officers of their police service's country. Luxembourg posts no officers of its own
    # (it uses the Belgian and Dutch network), so a Luxembourg coordinator coordinates nobody: an administrator may
    # still give the role to a Grand-Ducal Police officer, and the grid asks such a person too, to show that the role
    # by itself gives nothing beyond what every police officer may do.
    Role.LIAISON_COORDINATOR: OrganisationKind.POLICE_SERVICE,
    Role.WORKING_GROUP_MEMBER: OrganisationKind.WORKING_GROUP,
    Role.SECRETARIAT: OrganisationKind.SECRETARIAT,
    Role.ADMINISTRATOR: OrganisationKind.SECRETARIAT,
}
# Django's admin checks staff itself (tests/test_access.py); the grid covers the portal's own addresses.
NOT_IN_THE_GRID = {"admin"}
ANONYMOUS = Who(role=None, country=None, user=AnonymousUser(), username="anonymous")
LOGIN_URL = reverse(settings.LOGIN_URL)


def _url_names(patterns=None, namespace: str = "") -> set[str]:
    names = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in NOT_IN_THE_GRID:
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"{pattern.pattern} has no name: name it, and declare it in its app's grid.py"
            names.add(f"{namespace}{pattern.name}")
    return names


def _declared_routes() -> list[Route]:
    routes = []
    for config in apps.get_app_configs():
        module = f"{config.name}.grid"
        if config.name.startswith("apps.") and find_spec(module) is not None:
            routes += getattr(import_module(module), "ROUTES", [])
    return routes


URL_NAMES = _url_names()
ROUTES = _declared_routes()
CASES = [
    pytest.param(route, check, id=f"{route.name}{f' {route.label}' if route.label else ''} {check.method}")
    for route in ROUTES
    for check in route.checks
]


def test_every_page_and_endpoint_is_declared_in_the_grid():
    declared = {route.name for route in ROUTES}
    missing = sorted(URL_NAMES - declared)
    assert not missing, f"declare these in their app's grid.py (see apps/core/grid.py): {missing}"
    assert not declared - URL_NAMES, f"declared, but not in the URLconf: {sorted(declared - URL_NAMES)}"


# The people, their sessions and tokens, and the samples ----------------------------------------------------------


def _organisation(role: str, country: str | None):
    """An organisation of the role's kind in ``country``, or a joint Benelux body of that kind (``country`` None)."""
    from apps.accounts.models import Organisation
    from apps.accounts.services import organisation_upsert

    kind = ORGANISATION_KINDS[role]
    where = {"country__isnull": True} if country is None else {"country__code": country}
    found = Organisation.objects.filter(kind=kind, is_active=True, **where).order_by("pk").first()
    if found is not None:
        return found
    names = dict.fromkeys(("nl", "fr", "de", "en"), f"Grid {kind} {country or 'Benelux'}")
    return organisation_upsert(
        country=None if country is None else Organisation.objects.filter(country__code=country).first().country,
        kind=kind,
        short_name=f"GRID-{kind[:6].upper()}-{country or 'BNL'}",
        names=names,
    )


def _person(role: str, seat: str) -> Who:
    """The demo person of this role and country (with this role alone, of the role's kind of organisation), or one
    made for the grid. The people of a joint body's roles (the secretariat, the administrators) have no country: the
    grid files three of them under the three countries (``seat``), the demo's first."""
    from apps.accounts.models import User
    from apps.accounts.services import user_upsert

    kind = ORGANISATION_KINDS[role]
    joint = role in JOINT_BODY_ROLES
    country = None if joint else seat
    where = {"organisation__country__isnull": True} if joint else {"organisation__country__code": country}
    found = [
        user
        for user in User.objects.filter(organisation__kind=kind, **where).order_by("pk")
        if set(user.groups.values_list("name", flat=True)) == {role}
    ]
    index = COUNTRIES.index(seat) if joint else 0
    if len(found) > index:
        user = found[index]
        return Who(role=role, country=country, user=user, username=user.username, seat=seat)
    is_admin = role == Role.ADMINISTRATOR
    username = f"grid.{role}.{seat.lower()}"
    user = user_upsert(
        username=username,
        organisation=_organisation(role, country),
        roles=[role],
        password=PASSWORD,
        first_name="Grid",
        last_name=f"{role} {seat}",
        email=f"{username}@grid.example",
        preferred_language="en",
        is_staff=is_admin,
        is_superuser=is_admin,
    )
    return Who(role=role, country=country, user=user, username=username, seat=seat)


class Grid:
    """Everything the grid's tests share: the people, how each is logged in, and the sample objects."""

    def __init__(self):
        from django.test import override_settings

        from apps.accounts import demo as accounts_demo

        with override_settings(DEMO_PASSWORD=PASSWORD):
            accounts_demo.load()
        self.world = World({(role, country): _person(role, country) for role in Role.values for country in COUNTRIES})
        self.people = [ANONYMOUS, *self.world.people.values()]
        self.sessions = {}
        self.tokens = {}
        for who in self.world.people.values():
            client = Client()
            client.force_login(who.user, backend="apps.accounts.backends.ModelBackend")
            self.sessions[who.username] = client.cookies[settings.SESSION_COOKIE_NAME].value
            answer = Client().post(
                reverse("accounts-api:token"),
                {"username": who.username, "password": PASSWORD},
                content_type="application/json",
            )
            assert answer.status_code == 200, (who.username, answer.content)
            self.tokens[who.username] = answer.json()["token"]
        self.samples: dict[str, dict] = {}
        for route in ROUTES:
            sample = route.sample
            if sample is None or sample.name in self.samples:
                continue
            if sample.per_person:
                self.samples[sample.name] = {
                    who.username: Made(sample.make(self.world, who), who.country, owner=who)
                    for who in self.world.people.values()
                }
            else:
                self.samples[sample.name] = {
                    country: Made(sample.make(self.world, country), country) for country in COUNTRIES
                }

    def samples_for(self, route: Route, who: Who) -> list[Made | None]:
        """What ``who`` asks for: nothing, the objects of the three countries, or their own and another's."""
        if route.sample is None:
            return [None]
        made = self.samples[route.sample.name]
        if who.is_anonymous:
            return [next(iter(made.values()))]
        if route.sample.per_person:
            other = self.world.person(who.role, next_country(who.seat))
            return [made[who.username], made[other.username]]
        return [made[country] for country in COUNTRIES]


@pytest.fixture(scope="module")
def grid(django_db_setup, django_db_blocker):
    # The samples' attachments and the uploads of the checks go to a folder of the module's own, removed after it.
    with tempfile.TemporaryDirectory(prefix="grid-media-") as media, override_settings(MEDIA_ROOT=media):
        yield from module_data(django_db_blocker, Grid)


# Asking ----------------------------------------------------------------------------------------------------------


def _is_api(url: str) -> bool:
    view = resolve(url).func
    return isinstance(getattr(view, "cls", None), type) and issubclass(view.cls, APIView)


def _client(grid: Grid, who: Who, *, api: bool) -> Client:
    if who.is_anonymous:
        return Client()
    if api:
        return Client(HTTP_AUTHORIZATION=f"Token {grid.tokens[who.username]}")
    # The person's session of the module, in a new client each time (a log-out ends it: in this request's savepoint,
    # and in the cache, from which it is read again out of the database).
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = grid.sessions[who.username]
    return client


def _ask(grid: Grid, route: Route, check: Check, who: Who, made: Made | None):
    url = reverse(route.name, kwargs=route.url_kwargs(made.obj if made else None))
    api = _is_api(url)
    if route.query:
        url = f"{url}?{route.query}"
    client = _client(grid, who, api=api)
    data = check.data(who, made) if check.data else None
    send = getattr(client, check.method.lower())
    if check.method == "GET":
        return url, send(url)
    if check.json:
        return url, send(url, data or {}, content_type="application/json")
    if check.method == "POST":
        return url, send(url, data or {})
    return url, send(url)


def _error_messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level >= message_levels.ERROR]


def _outcome(check: Check, response) -> str:
    """What the answer means: OK, REFUSED, HIDDEN, "log-in", or "status N" when it is none of these."""
    status = response.status_code
    errors = _error_messages(response) if 300 <= status < 400 else []
    if status == 404:
        return HIDDEN
    if status == 401 or (status == 302 and response["Location"].startswith(f"{LOGIN_URL}?next=")):
        return "log-in"
    refused = check.refused_answers
    if REDIRECT_WITH_ERROR in refused and status == 302 and errors:
        return REFUSED
    if status in check.ok_statuses and not errors:
        return OK
    if status in refused:
        return REFUSED
    return f"status {status}" + (f" ({errors[0]})" if errors else "")


def _expected(route: Route, check: Check, who: Who, made: Made | None) -> str:
    if who.is_anonymous and not route.public:
        return "log-in"
    return check.expect(who, made)


@pytest.mark.parametrize(("route", "check"), CASES)
def test_each_person_gets_what_their_role_may_do(grid, route, check):
    wrong = []
    for who in grid.people:
        for made in grid.samples_for(route, who):
            with transaction.atomic():
                url, response = _ask(grid, route, check, who, made)
                transaction.set_rollback(True)
            expected, got = _expected(route, check, who, made), _outcome(check, response)
            if got != expected:
                of = (
                    f" on the {route.sample.name} of {made.owner.username if made.owner else made.country}"
                    if made
                    else ""
                )
                wrong.append(f"{who.username}{of}: expected {expected}, got {got} ({check.method} {url})")
    assert not wrong, "\n".join(wrong)
