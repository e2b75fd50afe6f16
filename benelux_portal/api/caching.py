from django.core.cache import cache
from rest_framework.response import Response


class CachedListMixin:
    """A list view whose answers come from the cache under ``list_cache_key(request)`` (a generation's key: see
    ``benelux_portal/generation.py``), for at most ``list_cache_seconds``. Errors are never cached; permissions
    are checked before, as for any list."""

    list_cache_seconds = 60

    def list_cache_key(self, request) -> str:
        raise NotImplementedError

    def list(self, request, *args, **kwargs):
        key = self.list_cache_key(request)
        data = cache.get(key)
        if data is not None:
            return Response(data)
        response = super().list(request, *args, **kwargs)
        cache.set(key, response.data, self.list_cache_seconds)
        return response
