"""The logged-in user of a session, with roles and organisation, read from the cache instead of two queries.

Every page and session-authenticated API call needs the user (Django's ``get_user``: one query), and almost all of
them its roles and organisation (one more query, often two). What they need changes only when a user, their
groups, their organisation, its country or a group's name change, so we keep the rows in the cache under the
user's id and drop them on every such change (``apps.py`` connects the receivers): at once and again after the
transaction commits, so that a request reading in between cannot keep the old rows. A change that bypasses
``save()``/``delete()`` and the m2m signals (a queryset ``update()``) must call ``forget_users`` itself; anything
missed is stale for at most ``CACHE_SECONDS``.

The same entry holds the user's confirmed two-factor devices (model, id and name: never a secret), which tell
whether the device a session was verified by still counts (``otp.py``); it is dropped when a device of the user is
saved or deleted. So a verified user's request reads the cache twice: the session, and this entry.

The cache holds plain column values, never pickled instances, and no secret of any kind: not the password hash
(the user comes with its password deferred) and no device key. The key carries a fingerprint of the columns, of the
device models and of the entry's layout, so a deployment that changes one never reads entries cached by the one
before. Django checks the session's auth hash against the user's ``get_session_auth_hash()`` on every request; the
entry holds that hash (the session itself holds the same one) and the user answers from it (``User.password_facts``),
so a changed password (a save, which forgets the user) still ends other sessions.
"""

from __future__ import annotations

import hashlib
from functools import cache as memoize

from django.contrib.auth.models import Group
from django.contrib.postgres.expressions import ArraySubquery
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS
from django_otp import device_classes

from apps.core.caching import forget

from .models import Country, Organisation, User

CACHE_SECONDS = 5 * 60
# The layout of an entry: change it with the entry's shape, so that no process reads an entry of another shape.
LAYOUT = 2


@memoize
def _attnames(model) -> tuple[str, ...]:
    """The columns kept of each model: all of them, but the user's password (never cached)."""
    return tuple(field.attname for field in model._meta.concrete_fields if (model, field.attname) != (User, "password"))


@memoize
def _device_models() -> tuple:
    return tuple(device_classes())


@memoize
def _fingerprint() -> str:
    columns = repr([LAYOUT, [_attnames(model) for model in (User, Organisation, Country)], _device_labels()])
    return hashlib.blake2b(columns.encode(), digest_size=6).hexdigest()


def _device_labels() -> list[str]:
    return [model.model_label() for model in _device_models()]


def cache_key(user_id: int) -> str:
    """The key of what the cache holds of this user."""
    return f"accounts:session-user:{_fingerprint()}:{user_id}"


def group_columns(user_id: int) -> dict:
    """An annotation carrying the names of a user's groups (in id order) as an array column of any one-row query:
    roles come in the same query as the user or organisation (``User.set_roles`` puts them in place)."""
    member_of = Group.objects.filter(user=user_id).order_by("pk")
    return {"member_group_names": ArraySubquery(member_of.values("name"))}


def _device_columns(user_id: int) -> dict:
    """Annotations carrying the ids and names of the user's confirmed devices of each django-otp model."""
    columns = {}
    for number, model in enumerate(_device_models()):
        confirmed = model.objects.filter(user=user_id, confirmed=True).order_by("pk")
        columns[f"device_ids_{number}"] = ArraySubquery(confirmed.values("pk"))
        columns[f"device_names_{number}"] = ArraySubquery(confirmed.values("name"))
    return columns


def facts_from_database(user_id: int) -> dict | None:
    """What the cache keeps of this user, read in one query (None when there is no such user)."""
    user = (
        User.objects.select_related("organisation__country")
        .annotate(**group_columns(user_id), **_device_columns(user_id))
        .filter(pk=user_id)
        .first()
    )
    if user is None:
        return None
    organisation = user.organisation if user.organisation_id else None
    return {
        "user": [getattr(user, name) for name in _attnames(User)],
        # Instead of the password: what Django asks of it on every request (see the module's docstring).
        "password": [user.get_session_auth_hash(), user.has_usable_password()],
        "organisation": [getattr(organisation, name) for name in _attnames(Organisation)] if organisation else None,
        # None also for a joint Benelux body, which has no country.
        "country": (
            [getattr(organisation.country, name) for name in _attnames(Country)]
            if organisation and organisation.country_id
            else None
        ),
        "groups": list(user.member_group_names),
        "devices": [
            [label, pk, name]
            for number, label in enumerate(_device_labels())
            for pk, name in zip(
                getattr(user, f"device_ids_{number}"), getattr(user, f"device_names_{number}"), strict=True
            )
        ],
    }


def _user_from_facts(facts: dict) -> User:
    user = User.from_db(DEFAULT_DB_ALIAS, _attnames(User), facts["user"])
    session_auth_hash, usable_password = facts["password"]
    user.password_facts = (session_auth_hash, usable_password)
    if facts["organisation"] is not None:
        organisation = Organisation.from_db(DEFAULT_DB_ALIAS, _attnames(Organisation), facts["organisation"])
        organisation.country = (
            Country.from_db(DEFAULT_DB_ALIAS, _attnames(Country), facts["country"]) if facts["country"] else None
        )
        user.organisation = organisation
    user.set_roles(facts["groups"])
    # Persistent id (``otp_totp.totpdevice/12``) → (model label, id, name) of each confirmed device: see otp.py.
    user.confirmed_devices = {f"{label}/{pk}": (label, pk, name) for label, pk, name in facts["devices"]}
    return user


# Functions giving, for a user id, the key of another cache entry that almost every page of theirs reads (the unread
# count of the navigation badge): read in the same round trip as the user (``read_along``).
_READ_ALONG = []


def read_along(key_of_user) -> None:
    """Read ``key_of_user(user_id)`` together with every session's user: the value (None when the cache has none)
    is in ``user.read_along[key]``, as it was when the request began."""
    _READ_ALONG.append(key_of_user)


def user_for_session(user_id: int) -> User | None:
    """The user with this id, roles and organisation (with its country) loaded: from the cache, or in one query."""
    key = cache_key(user_id)
    along = [key_of_user(user_id) for key_of_user in _READ_ALONG]
    found = cache.get_many([key, *along])
    facts = found.get(key)
    if facts is None:
        facts = facts_from_database(user_id)
        if facts is None:
            return None
        cache.set(key, facts, CACHE_SECONDS)
    user = _user_from_facts(facts)
    user.read_along = {key: found.get(key) for key in along}
    return user


def forget_users(user_ids) -> None:
    """Drop what the cache holds of these users: now, and once more when the current transaction commits."""
    forget([cache_key(pk) for pk in user_ids if pk is not None])


# Receivers (connected in apps.py) -------------------------------------------------------------------------------


def forget_changed_user(sender, instance, **kwargs) -> None:
    """post_save and post_delete of a user."""
    forget_users([instance.pk])


def forget_members_of_organisation(sender, instance, **kwargs) -> None:
    """post_save and post_delete of an organisation: its name, kind or country may show on every member's page."""
    forget_users(User.objects.filter(organisation=instance.pk).values_list("pk", flat=True))


def forget_members_of_country(sender, instance, **kwargs) -> None:
    """post_save and post_delete of a country."""
    forget_users(User.objects.filter(organisation__country=instance.pk).values_list("pk", flat=True))


def forget_members_of_group(sender, instance, **kwargs) -> None:
    """post_save and pre_delete of a group: a renamed or deleted group is a changed role of each member."""
    forget_users(User.objects.filter(groups=instance.pk).values_list("pk", flat=True))


def forget_regrouped_users(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """m2m_changed of ``User.groups``, from either side; the user whose groups changed forgets their roles too."""
    if action not in {"post_add", "post_remove", "pre_clear", "post_clear"}:
        return
    if not reverse:
        instance.forget_roles()
        forget_users([instance.pk])
    elif pk_set:
        forget_users(pk_set)
    elif action == "pre_clear":
        forget_members_of_group(sender, instance)
