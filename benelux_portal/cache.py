"""Django's Redis cache, with reads that skip most of redis-py's per-command work, one client per pool, and no
memcached key check.

Reads. Every page reads the cache four to six times (session, user, unread count, its own parts), and redis-py's
client spends more CPU on a small GET than the round trip itself: taking a connection from the pool and giving it
back, a retry wrapper and metrics hooks (about 90 µs of CPU a GET here, 47 µs on a connection of one's own).
``get`` and ``get_many`` therefore send their command on a connection that each thread (and process: a forked
worker opens its own) keeps for itself, made with the pool's settings. A connection that fails is dropped and the
command sent once more on a new one, as redis-py's retry would; any other error drops the connection too, so that
no half-read reply can answer the next command. Writes go through redis-py's client as before.

Clients. Django's ``RedisCacheClient.get_client()`` returns ``redis.Redis(connection_pool=pool)`` each time it is
called. The pool (and its connections) is kept, but constructing the client object registers its ~170 response
callbacks anew: about 0.1 ms per call. A ``redis.Redis`` client is thread-safe and holds no state of its own besides
its pool, so one client per pool does the same work.
"""

import os
import threading

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._own = threading.local()

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            if index not in self._pools:
                self._pools[index] = self._pool_class.from_url(self._servers[index], **self._pool_options)
            client = self._clients[index] = self._client(connection_pool=self._pools[index])
        return client

    def _own_connection(self):
        """This thread's connection for reads, made anew in a forked process."""
        own = self._own
        if getattr(own, "pid", None) != os.getpid():
            pool = self.get_client().connection_pool
            own.connection = pool.connection_class(**pool.connection_kwargs)
            own.pid = os.getpid()
        return own.connection

    def _read(self, *command):
        connection = self._own_connection()
        try:
            try:
                connection.send_command(*command)
                return connection.read_response()
            except (self._lib.ConnectionError, self._lib.TimeoutError):
                connection.disconnect()
                connection.send_command(*command)
                return connection.read_response()
        except BaseException:
            connection.disconnect()
            raise

    def get(self, key, default):
        value = self._read("GET", key)
        return default if value is None else self._serializer.loads(value)

    def get_many(self, keys):
        if not keys:
            return {}
        values = self._read("MGET", *keys)
        return {
            key: self._serializer.loads(value) for key, value in zip(keys, values, strict=True) if value is not None
        }


class RedisCache(DjangoRedisCache):
    """``django.core.cache.backends.redis.RedisCache`` with lean reads and one Redis client per connection pool."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

    def validate_key(self, key):
        """Redis takes any key. Django's check warns about keys memcached would refuse, with a Python loop over
        every character of every key: about 10 µs a key, 7 ms for a delivery that forgets 700 keys."""
