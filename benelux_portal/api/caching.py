from rest_framework.response import Response

from benelux_portal.generation import Entry


class CachedListMixin:
    """A list view whose answers come from the cache (``list_cache_entry(request)``: a generation's entry, see
    ``benelux_portal/generation.py``), for at most ``list_cache_seconds``. Errors are never cached; permissions
    are checked before, as for any list."""

    list_cache_seconds = 60

    def list_cache_entry(self, request) -> Entry:
        raise NotImplementedError

    def list(self, request, *args, **kwargs):
        entry = self.list_cache_entry(request)
        if entry.value is not None:
            return Response(entry.value)
        response = super().list(request, *args, **kwargs)
        entry.keep(response.data, self.list_cache_seconds)
        return response
