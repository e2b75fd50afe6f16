from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.api.caching import CachedListMixin
from apps.core.api.pagination import StreamCursorPagination

from ..filtersets import InboxEntryFilterSet
from ..models import InboxEntry
from ..selectors import inbox_entry_get, inbox_for, inbox_version
from ..services import inbox_entry_mark_read, inbox_mark_all_read
from .serializers import InboxEntrySerializer, ReadAllResponseSerializer


class InboxPagination(StreamCursorPagination):
    """``?cursor=...``: no count over a large inbox, stable while new notifications arrive."""

    ordering = ("-created_at", "-id")


class InboxListView(CachedListMixin, generics.ListAPIView):
    """The logged-in user's notifications, newest first; ``?unread=true`` for the unread ones."""

    serializer_class = InboxEntrySerializer
    pagination_class = InboxPagination
    filterset_class = InboxEntryFilterSet

    def list_cache_versions(self, request):
        """Per user and language, until their inbox changes (an entry arrives or is read): see selectors.py."""
        return [inbox_version(request.user.pk)]

    def list_cache_scope(self, request):
        return [request.user.pk]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return InboxEntry.objects.none()
        return inbox_for(user=self.request.user)


class InboxEntryReadView(APIView):
    """Mark one of the user's notifications read (idempotent)."""

    @extend_schema(request=None, responses={200: InboxEntrySerializer}, tags=["notifications"])
    def post(self, request, pk: int):
        entry = inbox_entry_mark_read(entry=inbox_entry_get(user=request.user, entry_id=pk), actor=request.user)
        return Response(InboxEntrySerializer(entry).data)


class InboxReadAllView(APIView):
    """Mark all of the user's notifications read."""

    @extend_schema(request=None, responses={200: ReadAllResponseSerializer}, tags=["notifications"])
    def post(self, request):
        return Response({"marked": inbox_mark_all_read(actor=request.user)})
