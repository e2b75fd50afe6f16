"""Who receives a notification, said as data (JSON), resolved into users when it is delivered.

Resolving at delivery time means a user deleted meanwhile is skipped (and logged), and the
specs can be stored on the outbox row and reused for escalation.
"""

import logging

from django.db.models import Q, QuerySet

from apps.accounts.models import Organisation, User

logger = logging.getLogger(__name__)


def users(*users_: User | int) -> dict:
    """Exactly these users (instances or ids)."""
    return {"type": "users", "ids": sorted({getattr(user, "pk", user) for user in users_})}


def organisation(org: Organisation | int, roles: list[str] | None = None) -> dict:
    """The members of an organisation, optionally only those with one of ``roles``."""
    return {"type": "organisation", "id": getattr(org, "pk", org), "roles": sorted(roles or [])}


def country(code: str, roles: list[str] | None = None) -> dict:
    """The members of every organisation of a country (ISO code), optionally by role."""
    return {"type": "country", "code": code.upper(), "roles": sorted(roles or [])}


def role(role_: str) -> dict:
    """Every user with this role."""
    return {"type": "role", "role": str(role_)}


def normalise(specs) -> list[dict]:
    """Specs as JSON; a bare User or Organisation instance is accepted too."""
    normalised = []
    for spec in specs or []:
        if isinstance(spec, User):
            spec = users(spec)
        elif isinstance(spec, Organisation):
            spec = organisation(spec)
        elif not isinstance(spec, dict) or spec.get("type") not in {"users", "organisation", "country", "role"}:
            raise ValueError(f"not a recipient spec: {spec!r}")
        normalised.append(spec)
    return normalised


def _with_roles(condition: Q, roles: tuple[str, ...]) -> Q:
    if not roles:
        return condition
    return condition & Q(pk__in=User.groups.through.objects.filter(group__name__in=roles).values("user_id"))


def resolve(specs: list[dict], *, exclude_user_id: int | None = None) -> QuerySet[User]:
    """The active users the specs name, each once.

    Semi-joins (``IN (subquery)``) rather than joins: each user is one row without DISTINCT, and the
    query stays cheap to plan. Organisations and countries asked for with the same roles share one
    condition (the operators of BE, NL and LU: one subquery of organisations, one of roles).
    """
    condition = Q(pk__in=[])
    wanted_ids: set[int] = set()
    organisations: dict[tuple[str, ...], list[int]] = {}
    countries: dict[tuple[str, ...], list[str]] = {}
    roles: list[str] = []
    for spec in specs:
        kind = spec["type"]
        if kind == "users":
            wanted_ids.update(spec["ids"])
        elif kind == "organisation":
            organisations.setdefault(tuple(sorted(spec.get("roles") or [])), []).append(spec["id"])
        elif kind == "country":
            countries.setdefault(tuple(sorted(spec.get("roles") or [])), []).append(spec["code"])
        elif kind == "role":
            roles.append(spec["role"])
    if wanted_ids:
        condition |= Q(pk__in=sorted(wanted_ids))
    for with_roles, ids in organisations.items():
        condition |= _with_roles(Q(organisation_id__in=ids), with_roles)
    for with_roles, codes in countries.items():
        in_countries = Organisation.objects.filter(country__code__in=codes).values("pk")
        condition |= _with_roles(Q(organisation_id__in=in_countries), with_roles)
    if roles:
        condition |= _with_roles(Q(), tuple(roles))
    found = User.objects.filter(condition, is_active=True)
    if exclude_user_id is not None:
        found = found.exclude(pk=exclude_user_id)
    if wanted_ids:
        missing = wanted_ids - set(User.objects.filter(pk__in=wanted_ids).values_list("pk", flat=True))
        if missing:
            logger.warning("notification recipients no longer exist, skipped: %s", sorted(missing))
    return found
