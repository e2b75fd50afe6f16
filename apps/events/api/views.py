from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.authentication import BaseAuthentication, SessionAuthentication
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts.authentication import TokenAuthentication
from apps.core.api.caching import CachedListMixin

from ..caching import CALENDAR
from ..filtersets import EventFilterSet
from ..models import EventShare
from ..permissions import sees_every_country
from ..selectors import event_list_visible_to, feed_token_owner
from ..services import event_create, event_delete, event_update
from ..views import feed_response
from . import schema  # noqa: F401 - registers the feed token with the OpenAPI schema
from .serializers import EventInputSerializer, EventSerializer

LIST_CACHE_SECONDS = 15 * 60


def api_events(user):
    """The events the user may see, with the codes of the countries each is shared with (one array column)."""
    shares = EventShare.objects.filter(event=OuterRef("pk")).order_by("country__code").values("country__code")
    return event_list_visible_to(user=user).annotate(shared_codes=ArraySubquery(shares))


class EventListView(CachedListMixin, generics.ListCreateAPIView):
    """The events you may see, filterable by period, country, kind, risk and assistance; add one.

    A recurring event is listed once (its first occurrence and its RRULE) when its series covers the period.
    """

    serializer_class = EventSerializer
    filterset_class = EventFilterSet
    # Cached per organisation (restricted events stay in its country), language and address (filters, page, the
    # host of the next/previous links) until the calendar changes; a bad filter is a 400, and never cached.
    list_cache_seconds = LIST_CACHE_SECONDS

    def list_cache_versions(self, request):
        return [CALENDAR]

    def list_cache_scope(self, request):
        return [request.user.organisation_id, sees_every_country(request.user)]

    def get_queryset(self):
        return api_events(self.request.user).order_by("starts_at", "pk")

    @extend_schema(request=EventInputSerializer, responses={201: EventSerializer})
    def post(self, request):
        serializer = EventInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        event = event_create(actor=request.user, **EventInputSerializer.service_fields(serializer.validated_data))
        event = api_events(request.user).get(pk=event.pk)
        return Response(EventSerializer(event).data, status=status.HTTP_201_CREATED)


class EventDetailView(generics.RetrieveUpdateDestroyAPIView):
    """One event; the organiser's organisation and the secretariat change or delete it."""

    serializer_class = EventSerializer

    def get_queryset(self):
        return api_events(self.request.user)

    def _update(self, request, partial):
        event = self.get_object()
        serializer = EventInputSerializer(instance=event, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        event_update(event=event, actor=request.user, **EventInputSerializer.service_fields(serializer.validated_data))
        return Response(EventSerializer(self.get_queryset().get(pk=event.pk)).data)

    @extend_schema(request=EventInputSerializer, responses={200: EventSerializer})
    def put(self, request, *args, **kwargs):
        return self._update(request, partial=False)

    @extend_schema(request=EventInputSerializer, responses={200: EventSerializer})
    def patch(self, request, *args, **kwargs):
        return self._update(request, partial=True)

    def perform_destroy(self, instance):
        event_delete(event=instance, actor=self.request.user)


class FeedTokenAuthentication(BaseAuthentication):
    """``?token=`` with the secret of a personal calendar feed. An unknown or revoked one is a plain 404."""

    def authenticate(self, request):
        if "token" not in request.query_params:
            return None
        user = feed_token_owner(key=request.query_params.get("token", ""))
        if user is None:
            raise exceptions.NotFound
        return user, None


class AnyAcceptedNegotiation(BaseContentNegotiation):
    """Calendar programs ask for ``text/calendar`` (or anything): the feed is iCalendar whatever they accept, and
    an error is JSON in the API's one error shape (DRF's documented way to ignore the client's Accept header)."""

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class EventFeedView(APIView):
    """Your personal iCalendar feed (RFC 5545): with `?token=` (the secret of your feed address),
    `Authorization: Token ...` or a session."""

    # Token first: without credentials the answer is a 401 with a WWW-Authenticate header.
    authentication_classes = [TokenAuthentication, FeedTokenAuthentication, SessionAuthentication]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = AnyAcceptedNegotiation

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "token", OpenApiTypes.STR, OpenApiParameter.QUERY, required=False, description="Feed secret."
            )
        ],
        responses={(200, "text/calendar"): OpenApiResponse(response=OpenApiTypes.BINARY, description="iCalendar")},
        tags=["events"],
    )
    def get(self, request):
        return feed_response(request._request, request.user)
