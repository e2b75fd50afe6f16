"""The portal's one cache policy: whole page bodies and API answers, kept under versions of their data.

What is cached: a page's body (its content without the frame around it, ``body_parts``) or an API answer, as plain
data (text, numbers, lists, dicts, bytes): never a model instance, never a piece of something that is cached itself.

How an answer is keyed (``answer_key``): the release id (``release.release_id``: a deploy never serves what the
previous code rendered), the view's name, what decides what the viewer sees (organisation, roles; a user id for a
personal page), the language and the address asked for (host, path and query).

How it becomes obsolete: a ``Version`` names some data ("events", "assistance", one user's inbox) and is a number in
the cache that every write to that data moves on: ``Version.follow(Model, ...)`` moves it on each save and delete,
and a write that sends no signal (``update()``, ``bulk_create()``, raw SQL) calls ``version.bump()`` itself. It moves
twice, at the write (the writing transaction reads its own change) and again after the commit (a reader who read the
old rows meanwhile cannot keep them under the new number). An answer is kept together with the numbers of the
versions it was made under, and read in one round trip with their current numbers (``lookup``): an answer made under
an earlier number is not found. A version that is missing (new, evicted, flushed) gets a number no earlier one can
have had (the time in nanoseconds), so nothing kept before is found either. This is the portal's only versioning
scheme: the calendar, the assistance data, the directory and each inbox are versions of it.

Redis is a cache here, not the record: when it does not answer, a read finds nothing and a write is left out
(``cache_backend.py``), so that pages are made from the database and every write the database takes succeeds; a
version that could not be moved on then is moved on as soon as Redis answers again.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe

from .release import release_id


def forget(keys: Iterable[str], *, now: bool = True) -> None:
    """Drop these entries when the current transaction commits, and with ``now`` at once as well."""
    keys = list(keys)
    if not keys:
        return
    if now:
        cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


# Versions -------------------------------------------------------------------------------------------------------


class Version:
    """A named version of some data, kept in the cache; see the module's docstring."""

    def __init__(self, name: str):
        self.name = name
        self.key = f"version:{name}"

    def __repr__(self) -> str:
        return f"Version({self.name!r})"

    def bump(self) -> None:
        """Move the version on, now and again after the current transaction commits."""
        bump_all([self])

    def changed(self, sender=None, **kwargs) -> None:
        """A receiver of ``post_save``, ``post_delete`` and ``m2m_changed``: ``bump``."""
        self.bump()

    def follow(self, *models, uid: str) -> None:
        """Move on with every save and delete of these models (``uid`` makes the receivers' dispatch ids unique)."""
        from django.db.models.signals import post_delete, post_save

        for model in models:
            for signal, what in ((post_save, "saved"), (post_delete, "deleted")):
                signal.connect(self.changed, sender=model, weak=False, dispatch_uid=f"{uid}:{model.__name__}:{what}")


def bump_all(versions: Iterable[Version]) -> None:
    """Move these versions on (a missing version reads as a new number), now and after the commit."""
    forget({version.key for version in versions})


def _stamp_of(key: str, found: dict[str, Any]) -> int:
    """The current number of the version under ``key`` (as ``found`` in the round trip), set when it has none."""
    value = found.get(key)
    if value is None:
        value = time.time_ns()
        cache.add(key, value, timeout=None)
        value = cache.get(key, value)
    return value


# Answers ---------------------------------------------------------------------------------------------------------


def address_of(request) -> str:
    """The whole address asked for (host, path and query, whatever the order of its parameters: links in a cached
    answer use them), as a digest."""
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    address = f"{request.get_host()}{request.path}?{query}"
    return hashlib.blake2b(address.encode(), digest_size=16).hexdigest()


def answer_key(name: str, scope: Sequence[Any] = (), *, request=None, parts: Sequence[Any] = ()) -> str:
    """The key of an answer: release, ``name``, ``scope`` (what decides what the viewer sees), language, and the
    request's address (or, without a request, ``parts``)."""
    where = address_of(request) if request is not None else "|".join(map(str, parts))
    return ":".join(["answer", release_id(), name, ",".join(map(str, scope)), translation.get_language() or "-", where])


@dataclass
class Cached:
    """An answer in the cache: ``value`` if it was kept under the current numbers of its versions (else None), and
    the values of other keys read along with it."""

    key: str
    stamps: tuple
    value: Any = None
    along: dict[str, Any] = field(default_factory=dict)

    def keep(self, value: Any, timeout: int) -> None:
        """Cache ``value`` (and make it this entry's), made from the data as of ``stamps`` (read before it: a change
        meanwhile has moved a version on, so that this answer is not found)."""
        self.value = value
        cache.set(self.key, (self.stamps, value), timeout)


def lookup(key: str, versions: Sequence[Version], *, along: Iterable[str] = ()) -> Cached:
    """The answer under ``key`` if it was made under the current numbers of ``versions``, read in one round trip
    with those numbers and the keys of ``along`` (as they are)."""
    along = list(along)
    found = cache.get_many([*(version.key for version in versions), key, *along])
    stamps = tuple(_stamp_of(version.key, found) for version in versions)
    kept = found.get(key)
    value = kept[1] if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == stamps else None
    return Cached(key, stamps, value, {name: found.get(name) for name in along})


def cached(
    key: str, versions: Sequence[Version], make: Callable[[], Any], *, timeout: int, along: Iterable[str] = ()
) -> Any:
    """The answer under ``key`` made under the current ``versions``, else ``make()``, kept for ``timeout`` s."""
    entry = lookup(key, versions, along=along)
    if entry.value is None:
        entry.keep(make(), timeout)
    return entry.value


# Page bodies -----------------------------------------------------------------------------------------------------


def csrf_token(request) -> str:
    """Django's ``get_token``, once per request: every form of a response carries the same masked token."""
    token = getattr(request, "portal_csrf_token", None)
    if token is None:
        token = request.portal_csrf_token = get_token(request)
    return token


def body_parts(template_name: str, context: dict, request=None) -> list[str]:
    """``template_name`` rendered as a cacheable body: its text split where each request's CSRF token goes.

    The template is rendered with a random mark as its ``csrf_token``, drawn anew for every rendering, and split on
    it at once: nothing a user typed can contain the mark, so no user text is ever cut or replaced."""
    mark = f"csrf-{secrets.token_hex(16)}"
    return render_to_string(template_name, {**context, "csrf_token": mark}, request).split(mark)


def body_html(parts: Sequence[str], request) -> SafeString:
    """A body of ``body_parts`` with this request's CSRF token where each form needs it."""
    if len(parts) == 1:
        return mark_safe(parts[0])  # noqa: S308 - rendered by our templates, which escape
    return mark_safe(csrf_token(request).join(parts))  # noqa: S308 - rendered by our templates, which escape
