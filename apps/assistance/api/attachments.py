"""The API of a request's attachments: list, upload (multipart), download and delete."""

import json

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from .. import selectors, services, uploads
from ..attachment_views import file_response, limit_upload_size, too_large_error
from ..models import Attachment
from .attachment_serializers import AttachmentInputSerializer, AttachmentSerializer
from .views import TAGS, RequestObjectMixin


class AnyMediaRenderer(BaseRenderer):
    """Lets a client ask for the file's own type (``Accept: application/pdf``); errors still come as JSON."""

    media_type = "*/*"
    format = "json"  # what it renders, besides the file: errors (and no extra ``?format=`` choice)
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return json.dumps(data).encode() if data is not None else b""


@extend_schema(tags=TAGS)
class AttachmentListView(RequestObjectMixin, generics.ListCreateAPIView):
    """The documents attached to a request (an operational plan, ...), oldest first."""

    serializer_class = AttachmentSerializer
    filter_backends = []
    parser_classes = [MultiPartParser, FormParser]

    def initialize_request(self, request, *args, **kwargs):
        if request.method == "POST":
            limit_upload_size(request)  # before anything (the CSRF check of a session) reads the body
        return super().initialize_request(request, *args, **kwargs)

    def get_request_object(self):
        """The request, found through the visibility rule (without the whole story the detail loads)."""
        if not hasattr(self, "_request_object"):
            self._request_object = selectors.request_find_for_user(user=self.request.user, pk=self.kwargs["pk"])
        return self._request_object

    def get_queryset(self):
        return selectors.attachment_list_for(request=self.get_request_object())

    @extend_schema(
        request={"multipart/form-data": AttachmentInputSerializer},
        responses={201: AttachmentSerializer},
        summary="Attach a PDF or office document",
    )
    def post(self, request, *args, **kwargs):
        """Upload a PDF or office document (multipart/form-data, field ``file``); its content must match its
        extension, and it must fit the size limit and the number of attachments per request."""
        obj = self.get_request_object()
        data = request.data  # parsed here, through the size limit
        if error := too_large_error(request._request):
            raise error
        serializer = AttachmentInputSerializer(data=data)
        serializer.is_valid(raise_exception=True)
        attachment = services.attachment_add(
            actor=request.user,
            request=obj,
            file=serializer.validated_data["file"],
            description=serializer.validated_data["description"],
        )
        attachment = selectors.attachment_list_for(request=obj).get(pk=attachment.pk)
        return Response(AttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=TAGS)
class AttachmentDetailView(generics.GenericAPIView):
    renderer_classes = [JSONRenderer, AnyMediaRenderer]
    serializer_class = AttachmentSerializer

    def get_object(self) -> Attachment:
        return selectors.attachment_get_for_user(
            user=self.request.user, request_pk=self.kwargs["pk"], pk=self.kwargs["attachment_id"]
        )

    @extend_schema(
        responses={
            (200, content_type): OpenApiResponse(OpenApiTypes.BINARY, description="The file, as a download.")
            for content_type in dict.fromkeys(ct for ct, _container, _marker in uploads.ALLOWED_TYPES.values())
        },
        summary="Download the file",
    )
    def get(self, request, pk, attachment_id):
        """The file itself, under its original name (``Content-Disposition: attachment``)."""
        return file_response(self.get_object())

    @extend_schema(responses={204: None}, summary="Delete an attachment")
    def delete(self, request, pk, attachment_id):
        """Remove an attachment you uploaded, while the request is open."""
        services.attachment_delete(actor=request.user, attachment=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
