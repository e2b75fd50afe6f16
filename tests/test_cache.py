"""The Redis cache backend keeps one client per connection pool (Django's builds a new one for every call)."""

from django.core.cache import cache, caches

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
