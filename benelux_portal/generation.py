"""A generation number in the cache: kept with every cached answer made of some data, moved on by any change to
that data so that every such answer is obsolete at once.

It moves twice: when a row is written (so the writing transaction reads its own change) and after the commit (so
that no reader who read the old rows meanwhile keeps them cached under the new generation).

An answer is kept with the generation it was made in, under a key without it (``Generation.entry``, ``entry``): the
answer and the current generation are then read in one round trip, and an answer of an earlier generation is not
found.
"""

import hashlib
import time
from collections.abc import Iterable
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils import translation


def forget_keys(keys: list[str], *, now: bool = True) -> None:
    """Drop these cache entries when the current transaction commits (so that no reader who read the old rows
    meanwhile keeps them cached), and with ``now`` at once as well (for the transaction's own reads)."""
    if not keys:
        return
    if now:
        cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def address_key(request) -> str:
    """The language and the whole address asked for (host, path and query: links in a cached answer use them)."""
    address = f"{request.get_host()}{request.get_full_path()}"
    return f"{translation.get_language()}:{hashlib.blake2b(address.encode(), digest_size=16).hexdigest()}"


def stamp(key: str, *, timeout: int | None = None) -> int:
    """The number under ``key``, set to the current time in nanoseconds when there is none: never a number an
    earlier stamp under that key may have had (after a change, an eviction or a flush), whoever sets it first."""
    value = cache.get(key)
    if value is None:
        cache.add(key, time.time_ns(), timeout=timeout)
        value = cache.get(key)
    return value


class Generation:
    def __init__(self, name: str):
        self.name = name
        self.key = f"{name}:generation"

    def current(self) -> int:
        return stamp(self.key)

    def bump(self) -> None:
        try:
            cache.incr(self.key)
        except ValueError:  # not set (yet, or evicted)
            cache.set(self.key, time.time_ns(), timeout=None)

    def data_changed(self, **kwargs) -> None:
        """Receiver of post_save and post_delete of the models the cached answers are made of."""
        self.bump()
        transaction.on_commit(self.bump)

    def entry(self, view: str, request, *viewer: str, along: Iterable[str] = ()) -> "Entry":
        """What a view shows, as cached in the current generation for what decides what this viewer sees
        (``viewer``), the language and the address (``address_key``)."""
        return entry(self.key, ":".join([self.name, view, *viewer, address_key(request)]), along=along)


def entry(stamp_key: str, key: str, *, along: Iterable[str] = (), stamp_timeout: int | None = None) -> "Entry":
    """The answer cached under ``key`` if it was kept with the current stamp under ``stamp_key`` (a generation, or
    another ``stamp``), read in one round trip with that stamp and any other keys the caller needs (``along``, read
    as they are)."""
    along = list(along)
    found = cache.get_many([stamp_key, key, *along])
    current = found.get(stamp_key)
    if current is None:  # not set yet, or evicted: a new number, which no kept answer has
        current = stamp(stamp_key, timeout=stamp_timeout)
    kept = found.get(key)
    value = kept[1] if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == current else None
    return Entry(key, current, value, {name: found.get(name) for name in along})


class Entry:
    """A view's answer in the cache: ``value`` if it was kept with the current ``stamp`` (else None), and the values
    of the keys read along with it."""

    def __init__(self, key: str, stamp: int, value: Any, along: dict[str, Any]):
        self.key = key
        self.stamp = stamp
        self.value = value
        self.along = along

    def keep(self, value: Any, timeout: int) -> None:
        """Cache ``value``, made of the data as of ``stamp`` (read before it: a change meanwhile has moved the stamp
        on, so that this answer is not found)."""
        cache.set(self.key, (self.stamp, value), timeout)
