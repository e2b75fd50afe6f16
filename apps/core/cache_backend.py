"""Django's Redis cache, failing open: Redis is the portal's cache and broker, never its record (DESIGN.md).

When Redis does not answer, a read finds nothing (the page is made from the database), a write is left out, and
nothing raises: every write the database can take succeeds, sessions (``cached_db``) fall back to the database, the
API's throttle lets the request through. A warning is logged for each refusal.

A delete that Redis missed is not forgotten: the keys wait in this process and are deleted once Redis answers
again (at its next successful use), so that an answer kept before the outage, whose data changed meanwhile (a moved
version: see ``caching.py``), is not served afterwards. Every method here is one of Django's public cache API,
calling Django's own.
"""

import logging
import threading

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
UNAVAILABLE = (RedisError, OSError)
# Keys whose deletion Redis missed, deleted at its next successful use (per process, bounded).
_pending: set[str] = set()
_pending_lock = threading.Lock()
PENDING_MAX = 100_000


class RedisCache(DjangoRedisCache):
    def _unavailable(self, what: str) -> None:
        logger.warning("cache unavailable: %s left out", what)

    def _answered(self) -> None:
        """Redis answered: make the deletes it missed."""
        if not _pending:
            return
        with _pending_lock:
            keys = list(_pending)
            _pending.clear()
        try:
            super().delete_many(keys)
        except UNAVAILABLE:
            with _pending_lock:
                _pending.update(keys)

    def _missed(self, keys) -> None:
        with _pending_lock:
            if len(_pending) < PENDING_MAX:
                _pending.update(keys)

    def get(self, key, default=None, version=None):
        try:
            value = super().get(key, default, version)
        except UNAVAILABLE:
            self._unavailable("read")
            return default
        self._answered()
        return value

    def get_many(self, keys, version=None):
        try:
            found = super().get_many(keys, version)
        except UNAVAILABLE:
            self._unavailable("read")
            return {}
        self._answered()
        return found

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except UNAVAILABLE:
            self._unavailable("read")
            return False

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except UNAVAILABLE:
            self._unavailable("write")
            return
        self._answered()

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            added = super().add(key, value, timeout, version)
        except UNAVAILABLE:
            self._unavailable("write")
            return False
        self._answered()
        return added

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            failed = super().set_many(data, timeout, version)
        except UNAVAILABLE:
            self._unavailable("write")
            return list(data)
        self._answered()
        return failed

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except UNAVAILABLE:
            self._unavailable("write")
            return False

    def delete(self, key, version=None):
        try:
            deleted = super().delete(key, version)
        except UNAVAILABLE:
            self._unavailable("delete")
            self._missed([key])
            return False
        self._answered()
        return deleted

    def delete_many(self, keys, version=None):
        keys = list(keys)
        try:
            super().delete_many(keys, version)
        except UNAVAILABLE:
            self._unavailable("delete")
            self._missed(keys)
            return
        self._answered()

    def clear(self):
        try:
            return super().clear()
        except UNAVAILABLE:
            self._unavailable("clear")
            return False
