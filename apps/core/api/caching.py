from django.http import HttpResponse
from rest_framework.renderers import JSONRenderer

from .. import caching


class CachedListMixin:
    """A list view whose answers come from the cache (``apps/core/caching.py``): kept under the versions the view
    names (``list_cache_versions``) for everyone who sees the same (``list_cache_scope``) at the same address, and
    for at most ``list_cache_seconds``. Errors are never cached; permissions are checked before, as for any list.

    What is kept is the answer as sent, the JSON bytes, so that a hit neither queries nor renders. The browsable
    API (a person reading the docs in a browser) is made anew each time."""

    list_cache_seconds = 60

    def list_cache_versions(self, request) -> list[caching.Version]:
        raise NotImplementedError

    def list_cache_scope(self, request) -> list:
        return []

    def list(self, request, *args, **kwargs):
        renderer = request.accepted_renderer
        if not isinstance(renderer, JSONRenderer):
            return super().list(request, *args, **kwargs)
        entry = caching.lookup(
            caching.answer_key(f"api:{type(self).__name__}", self.list_cache_scope(request), request=request),
            self.list_cache_versions(request),
        )
        if entry.value is None:
            response = super().list(request, *args, **kwargs)
            entry.keep(
                renderer.render(response.data, request.accepted_media_type, self.get_renderer_context()),
                self.list_cache_seconds,
            )
        return HttpResponse(entry.value, content_type=request.accepted_media_type)
