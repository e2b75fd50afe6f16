from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.accounts.models import Country, Organisation
from apps.core.api.serializers import ModelSerializer

from .. import recurrence
from ..choices import EventKind, EventTimeZone, RiskLevel, Visibility
from ..models import Event

LANGUAGES = [code for code, _name in settings.LANGUAGES]


class OrganiserSerializer(ModelSerializer):
    # null for a joint Benelux body (the Secretariat-General), which belongs to no single country.
    country = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Organisation
        fields = ["id", "short_name", "name", "country"]


FREQUENCY_CHOICES = [
    ("DAILY", _("Daily")),
    ("WEEKLY", _("Weekly")),
    ("MONTHLY", _("Monthly, on the same day")),
    ("YEARLY", _("Yearly, on the same date")),
]


class RecurrenceSerializer(serializers.Serializer):
    """A repetition as the event form's recurrence builder asks it (the API's alternative to an RRULE)."""

    frequency = serializers.ChoiceField(choices=FREQUENCY_CHOICES)
    interval = serializers.IntegerField(
        min_value=1, max_value=recurrence.MAX_INTERVAL, default=1, help_text=_("Every how many days, weeks, ...")
    )
    weekdays = serializers.ListField(
        child=serializers.ChoiceField(choices=[(day, day) for day in recurrence.WEEKDAYS]),
        max_length=7,
        default=list,
        help_text=_("Weekly only: MO, TU, WE, TH, FR, SA, SU; none: the weekday of the start."),
    )
    until = serializers.DateField(
        required=False, allow_null=True, default=None, help_text=_("The last day (included), in the event's zone.")
    )
    count = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=1,
        max_value=recurrence.MAX_COUNT,
        help_text=_("The number of occurrences. Neither until nor count: no end (shown two years ahead)."),
    )

    def validate(self, attrs):
        if attrs.get("until") is not None and attrs.get("count") is not None:
            raise serializers.ValidationError(
                {"count": [_("End the series on a day or after a number of times, not both.")]}
            )
        if attrs.get("weekdays") and attrs.get("frequency") != "WEEKLY":
            raise serializers.ValidationError({"weekdays": [_("Weekdays are chosen only for a weekly series.")]})
        return attrs

    @staticmethod
    def pattern(data: dict | None) -> recurrence.Pattern | None:
        if data is None:
            return None
        return recurrence.Pattern(
            frequency=data["frequency"],
            interval=data.get("interval", 1),
            weekdays=tuple(data.get("weekdays") or ()),
            until=data.get("until"),
            count=data.get("count"),
        )


class EventSerializer(ModelSerializer):
    """An event as read: title and description in the caller's language (with fallback)."""

    country = serializers.SlugRelatedField(slug_field="code", read_only=True)
    organiser = OrganiserSerializer(read_only=True)
    shared_with = serializers.ListField(
        source="shared_codes",
        child=serializers.CharField(),
        read_only=True,
        help_text=_(
            "With visibility `partners`: the ISO codes of the partner countries that see the event besides the "
            "organiser's country; empty otherwise."
        ),
    )
    recurrence = serializers.SerializerMethodField(
        help_text=_(
            "The repetition in the recurrence builder's terms; null for a single event or a rule it cannot express."
        )
    )
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
            "shared_with",
            "recurrence_rule",
            "recurrence",
            "recurrence_ends_at",
            "url",
            "ics_url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(RecurrenceSerializer(allow_null=True))
    def get_recurrence(self, event) -> dict | None:
        pattern = recurrence.pattern_of(event.recurrence_rule, starts_at=event.starts_at, time_zone=event.time_zone)
        return RecurrenceSerializer(pattern).data if pattern is not None else None

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
    place = serializers.CharField(
        max_length=200,
        required=False,
        help_text=_(
            "One place for every language (it replaces the place's translations); or give place_nl, place_fr, "
            "place_de and place_en instead, at least one of them."
        ),
    )
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
    shared_with = serializers.SlugRelatedField(
        many=True,
        slug_field="code",
        queryset=Country.objects.all(),
        required=False,
        help_text=_(
            "With visibility `partners`: the ISO codes of the partner countries that see the event besides the "
            "organiser's country (at least one). Left out: as they are."
        ),
    )
    recurrence_rule = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=300,
        help_text=_("An iCalendar RRULE, e.g. FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=27; empty: a single event."),
    )
    recurrence = RecurrenceSerializer(
        required=False,
        allow_null=True,
        help_text=_(
            "Instead of recurrence_rule: the repetition in the recurrence builder's terms; null: a single event."
        ),
    )

    def get_fields(self):
        fields = super().get_fields()
        for code in LANGUAGES:
            fields[f"title_{code}"] = serializers.CharField(
                required=False, allow_blank=True, allow_null=True, max_length=200
            )
            fields[f"description_{code}"] = serializers.CharField(
                required=False, allow_blank=True, allow_null=True, max_length=10_000
            )
            fields[f"place_{code}"] = serializers.CharField(
                required=False, allow_blank=True, allow_null=True, max_length=200
            )
        return fields

    def validate(self, attrs):
        partial = self.partial and self.instance is not None
        has_title = any((attrs.get(f"title_{code}") or "").strip() for code in LANGUAGES)
        if not partial and not has_title:
            raise serializers.ValidationError({"title": [_("Give the title in at least one language.")]})
        per_language = [code for code in LANGUAGES if f"place_{code}" in attrs]
        if "place" in attrs and per_language:
            raise serializers.ValidationError(
                {"place": [_("Give place, or the place per language (place_nl, ...), not both.")]}
            )
        has_place = (attrs.get("place") or "").strip() or any(
            (attrs.get(f"place_{code}") or "").strip() for code in per_language
        )
        if not partial and not has_place:
            raise serializers.ValidationError({"place": [_("Give the place in at least one language.")]})
        if "recurrence" in attrs and "recurrence_rule" in attrs:
            raise serializers.ValidationError({"recurrence": [_("Give recurrence or recurrence_rule, not both.")]})
        return attrs

    @staticmethod
    def service_fields(validated: dict) -> dict:
        """The validated input as the services take it (``recurrence`` as a pattern)."""
        fields = dict(validated)
        if "recurrence" in fields:
            fields["recurrence"] = RecurrenceSerializer.pattern(fields["recurrence"])
        return fields
