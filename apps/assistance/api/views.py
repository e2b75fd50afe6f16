"""The API of assistance requests for the control-room systems; every write goes through the services."""

import datetime

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, renderers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.api.caching import CachedListMixin
from apps.core.api.pagination import StreamCursorPagination

from .. import caching, pdf, selectors, services
from ..filtersets import AssistanceRequestFilterSet, EquipmentFilterSet
from ..models import AssistanceRequest
from .serializers import (
    AcceptInputSerializer,
    CancelInputSerializer,
    EquipmentDetailSerializer,
    EquipmentInputSerializer,
    EquipmentSerializer,
    MessageInputSerializer,
    MessageSerializer,
    NoteInputSerializer,
    RequestDetailSerializer,
    RequestInputSerializer,
    RequestListSerializer,
    RespondInputSerializer,
    RetireInputSerializer,
    ReturnInputSerializer,
)

TAGS = ["assistance"]


def _input_to_service(data: dict) -> dict:
    values = dict(data)
    if "requested_countries" in values:
        values["requested_countries"] = [country.code for country in values["requested_countries"]]
    if "lines" in values:
        values["lines"] = [dict(line) for line in values["lines"]]
    return values


class RequestCursorPagination(StreamCursorPagination):
    """``?cursor=...``: the newest requests first, then older ones; no total count."""

    ordering = "-pk"


class AssistanceCachedListMixin(CachedListMixin):
    """Answered from the cache for everyone of the same organisation and roles who asks the same address, until
    any assistance data changes (``caching.ASSISTANCE``) and at most a minute."""

    def list_cache_versions(self, request):
        return [caching.ASSISTANCE]

    def list_cache_scope(self, request):
        return caching.scope(request.user)


class RequestObjectMixin:
    def get_request_object(self) -> AssistanceRequest:
        """The request of the address, with its whole story (a 404 when the user may not see it)."""
        return selectors.request_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def detail_response(self, obj, code=status.HTTP_200_OK):
        obj = selectors.request_get_for_user(user=self.request.user, pk=obj.pk)
        return Response(RequestDetailSerializer(obj).data, status=code)


@extend_schema(tags=TAGS)
class RequestListView(AssistanceCachedListMixin, RequestObjectMixin, generics.ListCreateAPIView):
    """Requests visible to you (drafts of your control room; filed requests of your country or asked of it)."""

    serializer_class = RequestListSerializer
    filterset_class = AssistanceRequestFilterSet
    # Ten years of requests: a cursor walks them newest first without counting what the caller may see.
    pagination_class = RequestCursorPagination

    def get_queryset(self):
        return selectors.request_rows_visible_to(user=self.request.user).order_by("-pk")

    @extend_schema(request=RequestInputSerializer, responses={201: RequestDetailSerializer})
    def post(self, request, *args, **kwargs):
        """Create a draft for your control room."""
        serializer = RequestInputSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        obj = services.request_create(actor=request.user, **_input_to_service(serializer.validated_data))
        return self.detail_response(obj, status.HTTP_201_CREATED)


@extend_schema(tags=TAGS)
class RequestDetailView(RequestObjectMixin, generics.GenericAPIView):
    serializer_class = RequestDetailSerializer

    def get_queryset(self):
        return selectors.request_list_visible_to(user=self.request.user)

    def get(self, request, pk):
        """One request with its lines, answers per country and history."""
        return Response(RequestDetailSerializer(self.get_request_object()).data)

    @extend_schema(request=RequestInputSerializer, responses={200: RequestDetailSerializer})
    def patch(self, request, pk):
        """Change a draft of your control room."""
        obj = self.get_request_object()
        serializer = RequestInputSerializer(data=request.data, partial=True, context={"request": request})
        serializer.is_valid(raise_exception=True)
        services.request_update(request=obj, actor=request.user, **_input_to_service(serializer.validated_data))
        return self.detail_response(obj)

    @extend_schema(
        request=None,
        responses={204: OpenApiResponse(description="The draft and its lines and attachments are deleted.")},
    )
    def delete(self, request, pk):
        """Delete a draft of your control room; a filed request is never deleted (cancel it instead)."""
        services.request_delete(request=self.get_request_object(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class RequestActionView(RequestObjectMixin, generics.GenericAPIView):
    """A step of the procedure (``POST``): taken through its service (``services.REQUEST_ACTIONS``), which refuses
    it with ``permissions.action_refusal`` (a 400 saying why), as the request page offers only the steps of
    ``permissions.available_actions``; answered with the request as it is then."""

    serializer_class = RequestDetailSerializer

    def get_queryset(self):
        return selectors.request_list_visible_to(user=self.request.user)


def _action(action: str, input_serializer, service_input, doc: str) -> type[RequestActionView]:
    """The view of the step ``action``: ``input_serializer`` reads the body (None: no body), ``service_input`` turns
    what it read into the keyword arguments of the step's service."""

    @extend_schema(tags=TAGS, request=input_serializer, responses={200: RequestDetailSerializer}, summary=doc)
    def post(self, request, pk):
        obj = self.get_request_object()
        data = {}
        if input_serializer is not None:
            serializer = input_serializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = serializer.validated_data
        services.REQUEST_ACTIONS[action](request=obj, actor=request.user, **service_input(data))
        return self.detail_response(obj)

    return type(f"Request{action.title()}View", (RequestActionView,), {"post": post, "__doc__": doc})


def _no_input(data) -> dict:
    return {}


def _note(data) -> dict:
    return {"note": data["note"]}


RequestSubmitView = _action("submit", None, _no_input, "File a complete draft.")
RequestAcknowledgeView = _action("acknowledge", None, _no_input, "Acknowledge the request for your country.")
RequestRespondView = _action(
    "respond",
    RespondInputSerializer,
    lambda data: {"decisions": [dict(line) for line in data["lines"]], "note": data["note"], "items": data["items"]},
    "Answer every requested line for your country.",
)
RequestAcceptView = _action(
    "accept",
    AcceptInputSerializer,
    lambda data: {"accepted_countries": data["accepted_countries"], "note": data["note"]},
    "Accept the offers of the countries named, decline the others.",
)
RequestStartView = _action(
    "start", NoteInputSerializer, _note, "Mark the accepted resources as mobilised and deployed."
)
RequestCompleteView = _action("complete", NoteInputSerializer, _note, "Mark the deployment as completed.")
RequestCloseView = _action("close", NoteInputSerializer, _note, "Close the file.")
RequestCancelView = _action(
    "cancel",
    CancelInputSerializer,
    lambda data: {"reason": data["reason"]},
    "Cancel the request (any state before completion), with a reason.",
)


class PDFRenderer(renderers.BaseRenderer):
    """Lets a client ask for ``Accept: application/pdf``; the view answers with the file itself."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class RequestPdfView(RequestObjectMixin, APIView):
    """The request as a PDF, in your language (the Benelux assistance and cooperation form)."""

    renderer_classes = [PDFRenderer, renderers.JSONRenderer]

    @extend_schema(
        tags=TAGS,
        summary="The request as a PDF",
        parameters=[OpenApiParameter("format", exclude=True)],
        description=(
            "The Benelux assistance and cooperation form of one request, as faxed or mailed until now: "
            "in the language of your account (or of `Accept-Language`), times in Brussels time, the "
            "handling code on every page. Errors answer in JSON."
        ),
        responses={
            (200, "application/pdf"): OpenApiResponse(
                response=OpenApiTypes.BINARY, description="The PDF, as an attachment named after the reference."
            )
        },
    )
    def get(self, request, pk):
        if request.accepted_renderer.media_type != PDFRenderer.media_type:
            raise exceptions.NotAcceptable  # e.g. only ``Accept: application/json``: this answer is a PDF
        obj = self.get_request_object()
        return pdf.pdf_response(request=obj, user=request.user)

    def finalize_response(self, request, response, *args, **kwargs):
        # An error (401, 404, 406) is the API's JSON error, even for a client that asked for a PDF.
        if isinstance(response, Response) and response.status_code >= 400:
            request.accepted_renderer = renderers.JSONRenderer()
            request.accepted_media_type = request.accepted_renderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


@extend_schema(tags=TAGS)
class RequestMessagesView(RequestObjectMixin, generics.ListCreateAPIView):
    """The conversation between the control rooms on one request, oldest first, with read receipts."""

    serializer_class = MessageSerializer
    filter_backends = []

    def get_queryset(self):
        obj = self.get_request_object()
        return selectors.request_messages(request=obj, user=self.request.user)

    @extend_schema(request=MessageInputSerializer, responses={201: MessageSerializer})
    def post(self, request, *args, **kwargs):
        obj = self.get_request_object()
        serializer = MessageInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        message = services.message_send(request=obj, actor=request.user, body=serializer.validated_data["body"])
        message = selectors.request_messages(request=obj, user=request.user).get(pk=message.pk)
        return Response(MessageSerializer(message).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=TAGS)
class EquipmentListView(AssistanceCachedListMixin, generics.ListCreateAPIView):
    """The loanable equipment of the three countries' police services (retired items too: see ``status``), filtered
    and ordered as on the registry's page; with ``available_from`` and ``available_until`` only the items in service
    not booked for any part of that period."""

    serializer_class = EquipmentSerializer
    filterset_class = EquipmentFilterSet

    def get_queryset(self):
        return selectors.equipment_list_visible_to(user=self.request.user)

    @extend_schema(request=EquipmentInputSerializer, responses={201: EquipmentDetailSerializer})
    def post(self, request, *args, **kwargs):
        """Register an item of your country (operators of its control room; administrators of any country)."""
        serializer = EquipmentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        values.setdefault("organisation", request.user.organisation)
        item = services.equipment_item_create(actor=request.user, **values)
        return equipment_response(request, item.pk, status.HTTP_201_CREATED)


def equipment_response(request, pk, code=status.HTTP_200_OK) -> Response:
    """The item as the registry shows it, with its bookings from a year ago on."""
    item = selectors.equipment_get_for_user(user=request.user, pk=pk)
    since = timezone.now() - datetime.timedelta(days=365)
    bookings = selectors.equipment_bookings(item=item, start=since, end=None)
    return Response(EquipmentDetailSerializer(item, context={"bookings": bookings}).data, status=code)


@extend_schema(tags=TAGS)
class EquipmentDetailView(generics.GenericAPIView):
    serializer_class = EquipmentDetailSerializer

    def get_queryset(self):
        return selectors.equipment_list_visible_to(user=self.request.user)

    def get(self, request, pk):
        """One item of the registry with its bookings (who holds it, when; from a year ago on)."""
        return equipment_response(request, pk)

    @extend_schema(request=EquipmentInputSerializer, responses={200: EquipmentDetailSerializer})
    def patch(self, request, pk):
        """Change an item of your country: type, identifier, name, notes."""
        item = selectors.equipment_get_for_user(user=request.user, pk=pk)
        serializer = EquipmentInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        values = {
            field: serializer.validated_data.get(field, getattr(item, field))
            for field in ("resource_type", "identifier", "name", "notes")
        }
        services.equipment_item_update(actor=request.user, item=item, **values)
        return equipment_response(request, pk)


@extend_schema(tags=TAGS)
class EquipmentRetireView(generics.GenericAPIView):
    serializer_class = EquipmentDetailSerializer

    def get_queryset(self):
        return selectors.equipment_list_visible_to(user=self.request.user)

    @extend_schema(request=RetireInputSerializer, responses={200: EquipmentDetailSerializer})
    def post(self, request, pk):
        """Take an item of your country out of service (refused while it is out or booked)."""
        item = selectors.equipment_get_for_user(user=request.user, pk=pk)
        serializer = RetireInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.equipment_item_retire(actor=request.user, item=item, note=serializer.validated_data["note"])
        return equipment_response(request, pk)


@extend_schema(tags=TAGS)
class EquipmentReturnView(generics.GenericAPIView):
    serializer_class = EquipmentDetailSerializer

    def get_queryset(self):
        return selectors.equipment_list_visible_to(user=self.request.user)

    @extend_schema(request=ReturnInputSerializer, responses={200: EquipmentDetailSerializer})
    def post(self, request, pk, booking_id):
        """Record that a lent item of your country came back, and in which condition (once the loan has started)."""
        item = selectors.equipment_get_for_user(user=request.user, pk=pk)
        booking = selectors.booking_get_for_item(item=item, pk=booking_id)
        serializer = ReturnInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.booking_return(booking=booking, actor=request.user, **serializer.validated_data)
        return equipment_response(request, pk)
