from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.accounts.models import Country, Organisation
from apps.core.api.serializers import ModelSerializer
from apps.events.selectors import event_list_visible_to

from ..choices import CostArrangement, EquipmentStatus, ItemCondition, LineDecision, RequestKind, Urgency
from ..models import (
    AssistanceRequest,
    Booking,
    CountryResponse,
    EquipmentItem,
    HandlingCode,
    LegalBasis,
    Message,
    RequestedResource,
    ResourceType,
    ResponseLine,
    StatusChange,
)
from ..services import quantity_problem
from .attachment_serializers import AttachmentSerializer


class RequestListSerializer(ModelSerializer):
    # The row's related codes come as columns of the selectors' querysets (see request_rows_visible_to).
    requesting_organisation = serializers.CharField(source="requesting_short_name", read_only=True)
    requesting_country = serializers.CharField(source="requesting_country_code", read_only=True)
    requested_countries = serializers.ListField(source="requested_codes", child=serializers.CharField(), read_only=True)
    legal_basis = serializers.CharField(source="legal_basis_code", read_only=True, allow_null=True)
    handling_code = serializers.CharField(source="handling_code_code", read_only=True, allow_null=True)
    event = serializers.IntegerField(
        source="visible_event_id",
        read_only=True,
        allow_null=True,
        help_text=_("Id of the calendar event the request is for; null when there is none you may see."),
    )

    class Meta:
        model = AssistanceRequest
        fields = [
            "id",
            "reference",
            "kind",
            "status",
            "urgency",
            "title",
            "event",
            "place",
            "start",
            "end",
            "requesting_organisation",
            "requesting_country",
            "requested_countries",
            "legal_basis",
            "handling_code",
            "submitted_at",
            "acknowledge_by",
            "after_the_fact",
        ]


class LineSerializer(ModelSerializer):
    resource_type = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = RequestedResource
        fields = ["id", "resource_type", "quantity", "substitutes", "start", "end", "muster_point", "notes"]


class ResponseLineSerializer(ModelSerializer):
    class Meta:
        model = ResponseLine
        fields = ["line", "decision", "offered_quantity", "conditions", "cost_arrangement"]


class CountryResponseSerializer(ModelSerializer):
    country = serializers.SlugRelatedField(slug_field="code", read_only=True)
    lines = ResponseLineSerializer(many=True, read_only=True)

    class Meta:
        model = CountryResponse
        fields = ["country", "decision", "note", "responded_at", "offer_decision", "offer_decided_at", "lines"]


class StatusChangeSerializer(ModelSerializer):
    actor = serializers.CharField(source="actor.username", read_only=True)
    # The country a step was taken for (an acknowledgement, an answer); none for the requester's own steps.
    country = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = StatusChange
        fields = ["action", "from_status", "to_status", "actor", "country", "note", "at"]


class RequestDetailSerializer(RequestListSerializer):
    contact_person = serializers.CharField(source="contact_person.username", read_only=True, default=None)
    acknowledged = serializers.SerializerMethodField()
    lines = LineSerializer(many=True, read_only=True)
    responses = CountryResponseSerializer(many=True, read_only=True)
    history = StatusChangeSerializer(source="status_changes", many=True, read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta(RequestListSerializer.Meta):
        fields = [
            *RequestListSerializer.Meta.fields,
            "contact_person",
            "operational_context",
            "operational_control",
            "command",
            "cancel_reason",
            "acknowledged",
            "lines",
            "responses",
            "history",
            "attachments",
        ]

    @extend_schema_field(serializers.DictField(child=serializers.DateTimeField(allow_null=True)))
    def get_acknowledged(self, obj) -> dict:
        return {row.country.code: row.acknowledged_at for row in obj.requested.all()}


class LineInputSerializer(serializers.Serializer):
    resource_type = serializers.SlugRelatedField(
        slug_field="code", queryset=ResourceType.objects.filter(is_active=True)
    )
    quantity = serializers.IntegerField(
        help_text=_("Between 1 and the largest quantity per line of the resource type (``max_per_line``).")
    )
    substitutes = serializers.CharField(required=False, allow_blank=True, max_length=300)
    start = serializers.DateTimeField(required=False, allow_null=True)
    end = serializers.DateTimeField(required=False, allow_null=True)
    muster_point = serializers.CharField(required=False, allow_blank=True, max_length=200)
    notes = serializers.CharField(required=False, allow_blank=True)

    def validate(self, data):
        # The same message for 0, a negative number and too many, as on the form.
        problem = quantity_problem(data.get("quantity"), data.get("resource_type"))
        if problem:
            raise serializers.ValidationError({"quantity": [problem]})
        return data


@extend_schema_field(OpenApiTypes.INT)
class VisibleEventField(serializers.PrimaryKeyRelatedField):
    """An event of the calendar that the requesting user may see (others do not exist for them)."""

    def get_queryset(self):
        return event_list_visible_to(user=self.context["request"].user)


class RequestInputSerializer(serializers.Serializer):
    """A draft's fields; on update only the fields sent change (``lines`` and ``requested_countries`` replace)."""

    kind = serializers.ChoiceField(choices=RequestKind.choices, required=False)
    title = serializers.CharField(max_length=200)
    event = VisibleEventField(
        required=False, allow_null=True, help_text=_("Id of the calendar event that the request is for.")
    )
    urgency = serializers.ChoiceField(choices=Urgency.choices, required=False)
    operational_context = serializers.CharField(required=False, allow_blank=True)
    place = serializers.CharField(required=False, allow_blank=True, max_length=200)
    start = serializers.DateTimeField(required=False, allow_null=True)
    end = serializers.DateTimeField(required=False, allow_null=True)
    legal_basis = serializers.SlugRelatedField(
        slug_field="code", queryset=LegalBasis.objects.filter(is_active=True), required=False, allow_null=True
    )
    handling_code = serializers.SlugRelatedField(
        slug_field="code", queryset=HandlingCode.objects.all(), required=False, allow_null=True
    )
    operational_control = serializers.CharField(required=False, allow_blank=True, max_length=200)
    command = serializers.CharField(required=False, allow_blank=True, max_length=200)
    after_the_fact = serializers.BooleanField(
        required=False,
        help_text=_(
            "File the request as a record of assistance already given (arranged by phone in an emergency). "
            "Only such a record is filed once its period has begun; a request whose period is over is refused."
        ),
    )
    requested_countries = serializers.ListField(
        child=serializers.SlugRelatedField(slug_field="code", queryset=Country.objects.filter(is_member=True)),
        required=False,
    )
    lines = LineInputSerializer(many=True, required=False)

    def validate(self, data):
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            raise serializers.ValidationError({"end": [_("The period must end after it starts.")]})
        return data


class ResponseLineInputSerializer(serializers.Serializer):
    line = serializers.IntegerField()
    decision = serializers.ChoiceField(choices=LineDecision.choices)
    offered_quantity = serializers.IntegerField(min_value=0, default=0)
    conditions = serializers.CharField(required=False, allow_blank=True)
    cost_arrangement = serializers.ChoiceField(choices=CostArrangement.choices, default=CostArrangement.TO_BE_AGREED)


class RespondInputSerializer(serializers.Serializer):
    lines = ResponseLineInputSerializer(many=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    items = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        default=list,
        help_text=_("Ids of your country's equipment to lend; booked for the request's period."),
    )


class AcceptInputSerializer(serializers.Serializer):
    accepted_countries = serializers.ListField(child=serializers.CharField(max_length=2), allow_empty=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class CancelInputSerializer(serializers.Serializer):
    reason = serializers.CharField()


class NoteInputSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class MessageSerializer(ModelSerializer):
    author = serializers.CharField(source="author.username", read_only=True)
    organisation = serializers.CharField(source="organisation.short_name", read_only=True)
    read_by = serializers.SerializerMethodField()

    class Meta:
        model = Message
        fields = ["id", "author", "organisation", "body", "created_at", "read_by"]
        read_only_fields = ["id", "created_at"]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_read_by(self, obj) -> list[str]:
        return [read.user.username for read in obj.reads.all()]


class MessageInputSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=5000)


class EquipmentSerializer(ModelSerializer):
    organisation = serializers.CharField(source="organisation.short_name", read_only=True)
    country = serializers.CharField(source="organisation.country.code", read_only=True)
    resource_type = serializers.SlugRelatedField(slug_field="code", read_only=True)
    status = serializers.ChoiceField(
        choices=EquipmentStatus.choices,
        read_only=True,
        help_text=_("available, out (handed over and not back) or retired"),
    )

    class Meta:
        model = EquipmentItem
        fields = [
            "id",
            "name",
            "identifier",
            "organisation",
            "country",
            "resource_type",
            "notes",
            "condition",
            "status",
            "is_active",
        ]


class EquipmentBookingSerializer(ModelSerializer):
    start = serializers.DateTimeField(source="period.lower", read_only=True)
    end = serializers.DateTimeField(source="period.upper", read_only=True)
    request = serializers.CharField(
        source="request.reference", read_only=True, allow_null=True, help_text=_("The request's reference.")
    )
    held_by = serializers.CharField(
        source="request.requesting_organisation.short_name",
        read_only=True,
        help_text=_("The control room that asked for the item."),
    )
    held_by_country = serializers.CharField(source="request.requesting_organisation.country.code", read_only=True)

    class Meta:
        model = Booking
        fields = [
            "id",
            "start",
            "end",
            "request",
            "held_by",
            "held_by_country",
            "is_cancelled",
            "returned_at",
            "return_condition",
            "return_notes",
        ]


class EquipmentDetailSerializer(EquipmentSerializer):
    bookings = serializers.SerializerMethodField(help_text=_("Its bookings of the last year and those to come."))

    class Meta(EquipmentSerializer.Meta):
        fields = [*EquipmentSerializer.Meta.fields, "bookings"]

    @extend_schema_field(EquipmentBookingSerializer(many=True))
    def get_bookings(self, obj) -> list:
        return EquipmentBookingSerializer(self.context.get("bookings", []), many=True).data


class EquipmentInputSerializer(serializers.Serializer):
    """An item of the registry; on change only the fields sent change (the owner stays)."""

    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(country__is_member=True, is_active=True),
        required=False,
        help_text=_("Id of the owning police service, of your country (on creation only; default: your own)."),
    )
    resource_type = serializers.SlugRelatedField(
        slug_field="code", queryset=ResourceType.objects.filter(is_loanable=True, is_active=True)
    )
    identifier = serializers.CharField(max_length=60)
    name = serializers.CharField(max_length=200)
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    condition = serializers.ChoiceField(choices=ItemCondition.choices, required=False)


class RetireInputSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class ReturnInputSerializer(serializers.Serializer):
    condition = serializers.ChoiceField(choices=ItemCondition.choices)
    notes = serializers.CharField(required=False, allow_blank=True, default="")
