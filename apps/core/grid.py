"""What each role may do with each page and API endpoint: the declarations of the permission grid.

``tests/test_permission_grid.py`` walks the URLconf and asks every address, with every method an app declares for it,
as a person of every role in each of the three countries and as an anonymous visitor, and compares each answer with
what the app declares here. An address that no app declares fails the grid ("declare it"): a new page or endpoint
cannot be forgotten.

Each app declares its addresses in a ``grid.py`` module (found like ``demo.py``), as ``ROUTES``, a list of ``Route``:

    # apps/events/grid.py
    from apps.core.grid import HIDDEN, OK, REFUSED, Check, Route, Sample, everyone, only

    def _training(world, country):            # an object of ``country``, made once for the whole grid
        return event_create(actor=world.person(Role.POLICE_CHIEF, country).user, visibility="country", ...)

    def _sees(who, made):                       # who sees the object made for ``made.country``
        return who.country == made.country

    TRAINING = Sample("restricted training", _training)

    ROUTES = [
        Route("events:index", [Check("GET", everyone)]),
        Route("events:create", [Check("GET", only(Role.OPERATOR, Role.SECRETARIAT, ...))]),
        Route("events:detail", [Check("GET", lambda who, made: OK if _sees(who, made) else HIDDEN)], TRAINING),
    ]

How the grid reads a declaration:

- ``Route(name, checks, sample=None, kwargs=None, public=False)``: the URL name (``"events:detail"``); a ``Check`` per
  method; for an address with ids, the ``Sample`` whose objects fill them (``kwargs(obj)`` gives the URL's keyword
  arguments; by default ``{"pk": obj.pk}``). A ``Sample`` is made once per country (BE, NL, LU): each person asks for
  the objects of all three countries (their own, and others' they may or may not see). A sample made ``per_person``
  is made once for every person, who asks for their own and for another person's. The same name may have several
  routes (``assistance:act`` with each action, ``events:list`` with ``query="export=csv"``: a list's export, which
  is the list's own address with a query string): one declaration is enough to cover it.
- ``Check(method, expect, data=None, ok=200, refused=403, json=False)``: ``expect(who, made)`` says what the person
  ``who`` gets (``made``: the sample object and the country it was made for, or None): ``OK`` (one of the ``ok``
  statuses), ``REFUSED`` (one of the ``refused`` answers: 403, or the documented 400 of the API's refused steps,
  or ``REDIRECT_WITH_ERROR``: a page's form sent back with an error message; a set of them when people are refused
  differently, e.g. ``frozenset({403, REDIRECT_WITH_ERROR})``) or ``HIDDEN`` (404: what one may not see
  does not exist for them). ``data(who, made)`` gives the body that makes the action succeed for those allowed
  (sent as JSON with ``json=True``, else as a form; a ``dict`` holding a file is sent as multipart).
- Anonymous visitors get the log-in page (pages) or a 401 (API) everywhere, unless the route is ``public``: then
  ``expect`` is asked for them too (``who.role`` is None).
- The people: ``who.role`` (a ``Role``), ``who.country`` ("BE", "NL", "LU"), ``who.user``. The grid uses the demo
  people (``chief.be``, ``operator.nl``, ...) and makes the missing ones; each role's people belong to an
  organisation of the same kind in each country (``ORGANISATION_KINDS`` of the test), so that what a role may do is
  the same in each country and a table per role says it. The roles of the joint Benelux bodies (``JOINT_BODY_ROLES``:
  the secretariat and the administrators, of the Secretariat-General) have three people each too, of no country
  (``who.country`` is None); ``who.seat`` is the country under which the grid files each of them
  (``world.person(Role.SECRETARIAT, "NL")``), their country for everyone else.

A new app adds ``apps/<app>/grid.py`` with the ``ROUTES`` of its pages and API, and, for the addresses with ids, the
``Sample`` that makes an object of a country through its services.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# What a person gets.
OK = "ok"
REFUSED = "refused"
HIDDEN = "hidden"
# A page's form that refuses sends the user back with an error message (a 302, with a message of level error).
REDIRECT_WITH_ERROR = "redirect with an error message"

COUNTRIES = ("BE", "NL", "LU")
# The roles of the people of the joint Benelux bodies: the Secretariat-General belongs to no single country.
JOINT_BODY_ROLES = ("secretariat", "administrator")


def next_country(code: str) -> str:
    """BE → NL → LU → BE: a sample of a country involves the next one (and never the third)."""
    return COUNTRIES[(COUNTRIES.index(code) + 1) % len(COUNTRIES)]


@dataclass(frozen=True)
class Who:
    """A person of the grid: their role and country (None for an anonymous visitor and for the people of a joint
    Benelux body) and their user; ``seat``: the country the grid files them under (their country, or one of the three
    for a joint body's people)."""

    role: str | None
    country: str | None
    user: Any
    username: str
    seat: str | None = None

    @property
    def is_anonymous(self) -> bool:
        return self.role is None


@dataclass(frozen=True)
class Made:
    """A sample object and the country (or person, for a sample per person) it was made for."""

    obj: Any
    country: str
    owner: Who | None = None


Expect = Callable[[Who, "Made | None"], str]


@dataclass(frozen=True)
class Sample:
    """How to make an object of a country (``make(world, country)``) or of a person (``per_person``:
    ``make(world, who)``), through the app's services."""

    name: str
    make: Callable[..., Any]
    per_person: bool = False


@dataclass(frozen=True)
class Check:
    method: str
    expect: Expect
    data: Callable[[Who, Made | None], dict] | None = None
    ok: int | frozenset[int] = 200
    refused: int | str | frozenset[int | str] = 403
    json: bool = False

    @property
    def ok_statuses(self) -> frozenset[int]:
        return frozenset([self.ok]) if isinstance(self.ok, int) else self.ok

    @property
    def refused_answers(self) -> frozenset[int | str]:
        return frozenset([self.refused]) if isinstance(self.refused, int | str) else self.refused


@dataclass(frozen=True)
class Route:
    name: str
    checks: list[Check]
    sample: Sample | None = None
    kwargs: Callable[[Any], dict] | None = None
    public: bool = False
    label: str = ""  # tells routes of the same name apart in the test's name (``assistance:act`` acknowledge)
    query: str = ""  # a query string the address is asked with (``export=csv``: a list's export)

    def url_kwargs(self, obj) -> dict:
        if self.kwargs is not None:
            return self.kwargs(obj)
        return {"pk": obj.pk} if obj is not None else {}


@dataclass
class World:
    """The grid's people, by role and country; handed to the samples' makers."""

    people: dict[tuple[str, str], Who] = field(default_factory=dict)

    def person(self, role: str, country: str) -> Who:
        return self.people[(role, country)]


# Expectations that say the same for everyone, or by role alone.


def everyone(who: Who, made: Made | None = None) -> str:
    return OK


def only(*roles: str) -> Expect:
    """OK for these roles, REFUSED for the others."""

    def expect(who: Who, made: Made | None = None) -> str:
        return OK if who.role in roles else REFUSED

    return expect


def hidden_unless(*roles: str) -> Expect:
    """OK for these roles; for the others the page does not exist (404)."""

    def expect(who: Who, made: Made | None = None) -> str:
        return OK if who.role in roles else HIDDEN

    return expect


# The core's own addresses: the dashboard, /healthz, the schema and the API docs.
ROUTES = [
    Route("home", [Check("GET", everyone)]),
    # Anyone learns whether the portal is up: 200, or 503 while a part is down (the grid's notifications are never
    # delivered, which the notification backlog check reports after a few minutes).
    Route("healthz", [Check("GET", everyone, ok=frozenset({200, 503}))], public=True),
    Route("schema", [Check("GET", everyone)]),
    Route("api-docs", [Check("GET", everyone)]),
]
