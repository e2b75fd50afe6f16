"""A generation number in the cache: part of the key of every cached answer made of some data, moved on by any
change to that data so that every such answer is obsolete at once.

It moves twice: when a row is written (so the writing transaction reads its own change) and after the commit (so
that no reader who read the old rows meanwhile keeps them cached under the new generation).
"""

import hashlib
import time

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

    def view_key(self, view: str, request, *viewer: str) -> str:
        """The cache key of what a view shows: the generation, what decides what this viewer sees (``viewer``), the
        language and the address (``address_key``)."""
        return ":".join([self.name, view, str(self.current()), *viewer, address_key(request)])
