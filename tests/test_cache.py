"""The Redis cache backend: reads on a connection of the thread's own, one client per connection pool (Django's
builds a new one for every call)."""

import pytest
from django.core.cache import cache, caches
from redis.exceptions import ResponseError

from benelux_portal.cache import RedisCache


def test_cache_reuses_one_client_and_still_reads_and_writes():
    assert isinstance(caches["default"], RedisCache)
    assert cache._cache.get_client("a") is cache._cache.get_client("b", write=True)
    cache.set("test-cache:key", {"value": 1}, 30)
    assert cache.get("test-cache:key") == {"value": 1}
    assert cache.get_many(["test-cache:key", "test-cache:missing"]) == {"test-cache:key": {"value": 1}}
    cache.delete("test-cache:counter")
    assert cache.add("test-cache:counter", 1, 30)
    assert cache.incr("test-cache:counter") == 2
    cache.delete_many(["test-cache:key", "test-cache:counter"])
    assert cache.get("test-cache:key") is None


def test_reads_survive_a_connection_the_server_closed():
    cache.set("test-cache:kept", "value", 30)
    assert cache.get("test-cache:kept") == "value"
    connection = cache._cache._own_connection()
    connection.send_command("CLIENT", "ID")
    reader = connection.read_response()
    assert cache._cache.get_client().execute_command("CLIENT", "KILL", "ID", reader) == 1  # that connection only
    assert cache.get("test-cache:kept") == "value"  # on a new connection
    assert cache.get_many(["test-cache:kept", "test-cache:none"]) == {"test-cache:kept": "value"}
    cache.delete("test-cache:kept")


def test_a_read_that_fails_leaves_no_reply_for_the_next_one():
    client = cache._cache.get_client()
    client.delete("test-cache:list")
    client.rpush("test-cache:list", "x")  # not a string: GET answers WRONGTYPE
    with pytest.raises(ResponseError, match="WRONGTYPE"):
        cache._cache.get("test-cache:list", None)
    cache.set("test-cache:after", 5, 30)
    assert cache.get("test-cache:after") == 5
    client.delete("test-cache:list", "test-cache:after")
