from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.core.api.serializers import ModelSerializer

from ..choices import Urgency
from ..models import InboxEntry


class InboxEntrySerializer(ModelSerializer):
    """A notification in the user's inbox, its text in the user's language."""

    kind = serializers.CharField(source="notification.kind")
    text = serializers.SerializerMethodField()
    url = serializers.CharField(source="notification.url")
    urgency = serializers.ChoiceField(source="notification.urgency", choices=Urgency.choices)
    escalated = serializers.SerializerMethodField()

    class Meta:
        model = InboxEntry
        fields = ["id", "kind", "text", "url", "urgency", "escalated", "created_at", "is_read", "read_at"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField())
    def get_text(self, entry) -> str:
        return entry.notification.render()

    @extend_schema_field(serializers.BooleanField())
    def get_escalated(self, entry) -> bool:
        return entry.notification.escalation_of_id is not None

    def to_representation(self, entry) -> dict:
        """What the fields above give, written out: a page has 50 entries, and the generic field-by-field
        walk cost more than the rest of the request. Dates still go through the fields' own formatting."""
        notification = entry.notification
        fields = self.fields
        return {
            "id": entry.pk,
            "kind": notification.kind,
            "text": notification.render(),
            "url": notification.url,
            "urgency": notification.urgency,
            "escalated": notification.escalation_of_id is not None,
            "created_at": fields["created_at"].to_representation(entry.created_at),
            "is_read": entry.is_read,
            "read_at": fields["read_at"].to_representation(entry.read_at) if entry.read_at else None,
        }


class ReadAllResponseSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text="How many notifications were unread and are now read.")
