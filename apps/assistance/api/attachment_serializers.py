from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.core.api.serializers import ModelSerializer

from ..models import Attachment


class AttachmentSerializer(ModelSerializer):
    name = serializers.CharField(source="original_name", read_only=True)
    uploaded_by = serializers.CharField(source="uploaded_by.username", read_only=True)
    download = serializers.SerializerMethodField(help_text=_("Where the file itself is downloaded (GET)."))

    class Meta:
        model = Attachment
        fields = [
            "id",
            "name",
            "content_type",
            "size",
            "sha256",
            "description",
            "uploaded_by",
            "uploaded_at",
            "download",
        ]
        read_only_fields = fields

    def get_download(self, obj) -> str:
        return reverse("assistance-api:attachment-detail", args=[obj.request_id, obj.pk])


class AttachmentInputSerializer(serializers.Serializer):
    file = serializers.FileField(
        allow_empty_file=True,  # refused by the service, with the same message as on the page
        help_text=_("A PDF or office document (docx, xlsx, pptx, odt, ods, odp, doc, xls, ppt)."),
    )
    description = serializers.CharField(required=False, allow_blank=True, max_length=300, default="")
