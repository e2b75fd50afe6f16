"""Serializers of the consultation API: rows as read (translated texts in the caller's language, with fallback),
and input as written (every language of a translated text, checked by the services)."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.accounts.models import Country, Organisation
from apps.core.api.serializers import ModelSerializer

from ..choices import OPEN_ACTION_STATUSES, ActionStatus, MeetingFormat
from ..i18n import LANGUAGES, pick, values_of
from ..models import ActionPoint, AgendaDocument, AgendaItem, Body, Decision, Meeting, Topic


class BodySerializer(ModelSerializer):
    class Meta:
        model = Body
        fields = ["code", "name"]
        read_only_fields = fields


class TopicSerializer(ModelSerializer):
    class Meta:
        model = Topic
        fields = ["code", "name"]
        read_only_fields = fields


class OwnerSerializer(ModelSerializer):
    # null for a joint Benelux body (the Secretariat-General), which belongs to no single country.
    country = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Organisation
        fields = ["id", "short_name", "name", "country"]
        read_only_fields = fields


class TranslatedField(serializers.Field):
    """A translated text in the caller's language, or its original (see ``original_language``) until translated."""

    def __init__(self, source_field: str, **kwargs):
        self.source_field = source_field
        kwargs.setdefault("read_only", True)
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, obj):
        return pick(values_of(obj, self.source_field)).text


@extend_schema_field(serializers.CharField())
class TranslatedText(TranslatedField):
    pass


class MeetingSerializer(ModelSerializer):
    """A meeting as read."""

    body = BodySerializer(read_only=True)
    # Text, not "format: uri": a meeting in person has none, and the schema must allow the empty string it answers.
    online_link = serializers.CharField(
        read_only=True, help_text=_("The address to join a digital or hybrid meeting; empty for a meeting in person.")
    )
    chair_country = serializers.SlugRelatedField(slug_field="code", read_only=True)
    online_link = serializers.SerializerMethodField()
    minutes_published_at = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    ics_url = serializers.SerializerMethodField()
    agenda_items_url = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "body",
            "starts_at",
            "ends_at",
            "format",
            "place",
            "online_link",
            "language",
            "chair_country",
            "chair_name",
            "agenda_published_at",
            "agenda_revision",
            "minutes_published_at",
            "url",
            "ics_url",
            "agenda_items_url",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(
        serializers.URLField(
            allow_null=True,
            label=Meeting._meta.get_field("online_link").verbose_name,
            help_text=Meeting._meta.get_field("online_link").help_text,
        )
    )
    def get_online_link(self, meeting):
        return meeting.online_link or None

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_minutes_published_at(self, meeting):
        published = meeting.minutes.published_at
        return serializers.DateTimeField().to_representation(published) if published else None

    @extend_schema_field(serializers.CharField())
    def get_url(self, meeting) -> str:
        return meeting.get_absolute_url()

    @extend_schema_field(serializers.CharField())
    def get_ics_url(self, meeting) -> str:
        return reverse("consultation:meeting_ics", args=[meeting.pk])

    @extend_schema_field(serializers.CharField())
    def get_agenda_items_url(self, meeting) -> str:
        return reverse("consultation-api:agenda-item-list", args=[meeting.pk])


class MeetingInputSerializer(serializers.Serializer):
    """A meeting as written; times with their offset (ISO 8601)."""

    body = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Body.objects.filter(is_active=True),
        error_messages={"does_not_exist": _("Unknown body: {value}.")},
    )
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    format = serializers.ChoiceField(choices=MeetingFormat.choices)
    place = serializers.CharField(max_length=200, required=False, allow_blank=True)
    online_link = serializers.CharField(max_length=500, required=False, allow_blank=True)
    language = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)
    chair_country = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Country.objects.all(),
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": _("Unknown country: {value}.")},
    )
    chair_name = serializers.CharField(max_length=200, required=False, allow_blank=True)


class DocumentSerializer(ModelSerializer):
    class Meta:
        model = AgendaDocument
        fields = ["title", "url"]
        read_only_fields = fields


class AgendaItemSerializer(ModelSerializer):
    """An agenda item as read; the standing item lists the action points carried into it (ids)."""

    title = TranslatedText("title")
    description = TranslatedText("description")
    documents = DocumentSerializer(many=True, read_only=True)
    action_points = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = ["id", "position", "kind", "title", "description", "presenter", "documents", "action_points"]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_action_points(self, item) -> list[int]:
        return [
            point.pk for point in item.carried_action_points.all() if self.context.get("drafts") or point.published_at
        ]


def _translated_inputs(fields: dict, names: tuple[str, ...], *, long: tuple[str, ...] = ()) -> dict:
    for name in names:
        for code in LANGUAGES:
            fields[f"{name}_{code}"] = serializers.CharField(
                required=False, allow_blank=True, allow_null=True, max_length=20_000 if name in long else 300
            )
    return fields


class AgendaItemInputSerializer(serializers.Serializer):
    """An agenda item as written: title and description per language (a title in at least one)."""

    presenter = serializers.CharField(max_length=200, required=False, allow_blank=True)
    meeting = serializers.IntegerField(
        required=False, help_text=_("The item's meeting; an item cannot be moved into another meeting.")
    )

    def get_fields(self):
        return _translated_inputs(super().get_fields(), ("title", "description"), long=("description",))


class AgendaOrderSerializer(serializers.Serializer):
    items = serializers.ListField(child=serializers.IntegerField(), help_text=_("Every item of the meeting, in order."))


class DecisionSerializer(ModelSerializer):
    """A decision as read: title and text in the caller's language, or in the language it was adopted in (``language``)
    until translated (``translations``: the languages it reads in)."""

    reference = serializers.CharField(read_only=True)
    body = serializers.SlugRelatedField(slug_field="code", read_only=True)
    title = TranslatedText("title")
    text = TranslatedText("text")
    translations = serializers.SerializerMethodField()
    topic = TopicSerializer(read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Decision
        fields = [
            "id",
            "reference",
            "body",
            "year",
            "number",
            "title",
            "text",
            "language",
            "translations",
            "topic",
            "meeting",
            "agenda_item",
            "published_at",
            "url",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_translations(self, decision) -> list[str]:
        return [code for code in LANGUAGES if getattr(decision, f"text_{code}")]

    @extend_schema_field(serializers.CharField())
    def get_url(self, decision) -> str:
        return decision.get_absolute_url()


class DecisionInputSerializer(serializers.Serializer):
    """A decision as written. ``number`` empty: the next free number of the body's year."""

    meeting = serializers.IntegerField(help_text=_("The meeting that adopted it (when recording it)."), required=False)
    language = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)
    number = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=9999)
    topic = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Topic.objects.all(),
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": _("Unknown topic: {value}.")},
    )
    agenda_item = serializers.IntegerField(required=False, allow_null=True)

    def get_fields(self):
        return _translated_inputs(super().get_fields(), ("title", "text"), long=("text",))


class ActionPointSerializer(ModelSerializer):
    """An action point as read; ``overdue``: still open after its due date (today, Brussels time)."""

    body = serializers.SlugRelatedField(slug_field="code", read_only=True)
    title = TranslatedText("title")
    description = TranslatedText("description")
    owner_organisation = OwnerSerializer(read_only=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = ActionPoint
        fields = [
            "id",
            "body",
            "meeting",
            "agenda_item",
            "title",
            "description",
            "owner_organisation",
            "owner_name",
            "due_date",
            "status",
            "status_note",
            "overdue",
            "published_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.BooleanField())
    def get_overdue(self, point) -> bool:
        return bool(point.due_date and point.status in OPEN_ACTION_STATUSES and point.due_date < timezone.localdate())


class ActionPointInputSerializer(serializers.Serializer):
    """An action point as written: an owner organisation or person (or both)."""

    meeting = serializers.IntegerField(help_text=_("The meeting that agreed it (when recording it)."), required=False)
    owner_organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(is_active=True), required=False, allow_null=True
    )
    owner_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    due_date = serializers.DateField(required=False, allow_null=True)
    status = serializers.ChoiceField(choices=ActionStatus.choices, required=False)
    status_note = serializers.CharField(max_length=300, required=False, allow_blank=True)
    agenda_item = serializers.IntegerField(required=False, allow_null=True)

    def get_fields(self):
        return _translated_inputs(super().get_fields(), ("title", "description"), long=("description",))
