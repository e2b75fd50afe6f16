from rest_framework.response import Response

from .. import caching


class CachedListMixin:
    """A list view whose answers come from the cache (``apps/core/caching.py``): kept under the versions the view
    names (``list_cache_versions``) for everyone who sees the same (``list_cache_scope``) at the same address, and
    for at most ``list_cache_seconds``. Errors are never cached; permissions are checked before, as for any list."""

    list_cache_seconds = 60

    def list_cache_versions(self, request) -> list[caching.Version]:
        raise NotImplementedError

    def list_cache_scope(self, request) -> list:
        return []

    def list(self, request, *args, **kwargs):
        entry = caching.lookup(
            caching.answer_key(f"api:{type(self).__name__}", self.list_cache_scope(request), request=request),
            self.list_cache_versions(request),
        )
        if entry.value is not None:
            return Response(entry.value)
        response = super().list(request, *args, **kwargs)
        entry.keep(response.data, self.list_cache_seconds)
        return response
