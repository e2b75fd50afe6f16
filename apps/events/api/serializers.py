from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.accounts.models import Country, Organisation
from apps.core.api.serializers import ModelSerializer

from ..choices import EventKind, EventTimeZone, RiskLevel, Visibility
from ..models import Event

LANGUAGES = [code for code, _name in settings.LANGUAGES]


class OrganiserSerializer(ModelSerializer):
    # null for a joint Benelux body (the Secretariat-General), which belongs to no single country.
    country = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Organisation
        fields = ["id", "short_name", "name", "country"]


class EventSerializer(ModelSerializer):
    """An event as read: title and description in the caller's language (with fallback)."""

    country = serializers.SlugRelatedField(slug_field="code", read_only=True)
    organiser = OrganiserSerializer(read_only=True)
    url = serializers.SerializerMethodField()
    ics_url = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id",
            "title",
            "description",
            "kind",
            "country",
            "place",
            "starts_at",
            "ends_at",
            "time_zone",
            "expected_attendance",
            "risk_level",
            "organiser",
            "assistance_expected",
            "visibility",
            "recurrence_rule",
            "recurrence_ends_at",
            "url",
            "ics_url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField())
    def get_url(self, event) -> str:
        return reverse("events:detail", args=[event.pk])

    @extend_schema_field(serializers.CharField())
    def get_ics_url(self, event) -> str:
        return reverse("events:ics", args=[event.pk])


class EventInputSerializer(serializers.Serializer):
    """An event as written. Titles and descriptions per language; at least one title."""

    kind = serializers.ChoiceField(choices=EventKind.choices)
    country = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Country.objects.all(),
        error_messages={"does_not_exist": _("Unknown country: {value}."), "invalid": _("Give an ISO country code.")},
    )
    place = serializers.CharField(max_length=200)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    time_zone = serializers.ChoiceField(choices=EventTimeZone.choices)
    expected_attendance = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=0,
        max_value=10_000_000,
        error_messages={"min_value": _("The expected attendance cannot be below zero.")},
    )
    risk_level = serializers.ChoiceField(choices=RiskLevel.choices, required=False)
    organiser = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(is_active=True),
        required=False,
        help_text=_("Defaults to your own organisation; only the secretariat names another."),
    )
    assistance_expected = serializers.BooleanField(required=False)
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False)
    recurrence_rule = serializers.CharField(required=False, allow_blank=True, max_length=300)

    def get_fields(self):
        fields = super().get_fields()
        for code in LANGUAGES:
            fields[f"title_{code}"] = serializers.CharField(
                required=False, allow_blank=True, allow_null=True, max_length=200
            )
            fields[f"description_{code}"] = serializers.CharField(
                required=False, allow_blank=True, allow_null=True, max_length=10_000
            )
        return fields

    def validate(self, attrs):
        partial = self.partial and self.instance is not None
        has_title = any((attrs.get(f"title_{code}") or "").strip() for code in LANGUAGES)
        if not partial and not has_title:
            raise serializers.ValidationError({"title": [_("Give the title in at least one language.")]})
        return attrs
