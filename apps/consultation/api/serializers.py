"""Serializers of the consultation API: rows as read (translated texts in the caller's language, with fallback),
and input as written (every language of a translated text, checked by the services)."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.accounts.models import Country, Organisation, User
from apps.core.api.serializers import ModelSerializer

from ..choices import OPEN_ACTION_STATUSES, REPORTED_CHOICES, ActionStatus, MeetingFormat, ProgressStatus, Rag, rag
from ..i18n import LANGUAGES, pick, values_of
from ..models import (
    ActionPoint,
    Activity,
    AgendaDocument,
    AgendaItem,
    Body,
    Decision,
    Meeting,
    Objective,
    Programme,
    ProgressUpdate,
    Topic,
)
from ..selectors import objective_progress


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
        fields = [
            "id",
            "position",
            "kind",
            "title",
            "description",
            "presenter",
            "objective",
            "activity",
            "documents",
            "action_points",
        ]
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
    objective = serializers.PrimaryKeyRelatedField(
        queryset=Objective.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("The objective the item is about (an id of /api/v1/objectives); null for none."),
    )
    activity = serializers.PrimaryKeyRelatedField(
        queryset=Activity.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("The activity the item is about (an id of /api/v1/activities); null for none."),
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


# Work programmes, objectives and activities ------------------------------------------------------------------------


def _today(serializer):
    return serializer.context.get("today") or timezone.localdate()


class ProgrammeSerializer(ModelSerializer):
    """A work programme of a body, with its years."""

    body = serializers.SlugRelatedField(slug_field="code", read_only=True)
    title = TranslatedText("title")
    years = serializers.CharField(read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Programme
        fields = ["id", "body", "start_year", "end_year", "years", "title", "url"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField())
    def get_url(self, programme) -> str:
        return programme.get_absolute_url()


class ActivitySummarySerializer(ModelSerializer):
    """An activity as an objective lists it. ``status``: as shown today (``late`` when its due date has passed and it
    is not done or dropped); ``reported_status``: as its latest update reported it; ``rag``: its colour."""

    reference = serializers.SerializerMethodField()
    title = TranslatedText("title")
    lead = OwnerSerializer(read_only=True)
    status = serializers.SerializerMethodField()
    reported_status = serializers.ChoiceField(source="status", choices=REPORTED_CHOICES, read_only=True)
    overdue = serializers.SerializerMethodField()
    rag = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Activity
        fields = [
            "id",
            "number",
            "reference",
            "title",
            "lead",
            "starts_on",
            "due_on",
            "status",
            "reported_status",
            "overdue",
            "rag",
            "progress",
            "changed_at",
            "url",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField())
    def get_reference(self, activity) -> str:
        return activity.reference

    @extend_schema_field(serializers.ChoiceField(choices=ProgressStatus.choices))
    def get_status(self, activity) -> str:
        return activity.shown_status(_today(self))

    @extend_schema_field(serializers.BooleanField())
    def get_overdue(self, activity) -> bool:
        return activity.shown_status(_today(self)) == ProgressStatus.LATE

    @extend_schema_field(serializers.ChoiceField(choices=Rag.choices))
    def get_rag(self, activity) -> str:
        today = _today(self)
        return rag(activity.shown_status(today), started=activity.starts_on <= today)

    @extend_schema_field(serializers.CharField())
    def get_url(self, activity) -> str:
        return activity.get_absolute_url()


class DecisionReferenceSerializer(ModelSerializer):
    reference = serializers.CharField(read_only=True)

    class Meta:
        model = Decision
        fields = ["id", "reference"]
        read_only_fields = fields


class ActivitySerializer(ActivitySummarySerializer):
    """An activity: with its objective and programme, description, the decisions and action points (of meetings) you
    may read that concern it, and the address of its history of updates."""

    description = TranslatedText("description")
    programme = serializers.IntegerField(source="objective.programme_id", read_only=True)
    decisions = DecisionReferenceSerializer(many=True, read_only=True)
    action_points = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    updates_url = serializers.SerializerMethodField()

    class Meta(ActivitySummarySerializer.Meta):
        fields = [
            *ActivitySummarySerializer.Meta.fields,
            "objective",
            "programme",
            "description",
            "decisions",
            "action_points",
            "updates_url",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField())
    def get_updates_url(self, activity) -> str:
        return reverse("consultation-api:activity-updates", args=[activity.pk])


class ObjectiveSerializer(ModelSerializer):
    """An objective with its activities. ``status``: as shown today (``late`` when its target date has passed and it
    is not done or dropped); ``progress``: the mean of its activities' (dropped ones left out; null without any)."""

    title = TranslatedText("title")
    description = TranslatedText("description")
    owner_body = serializers.SlugRelatedField(slug_field="code", read_only=True)
    status = serializers.SerializerMethodField()
    reported_status = serializers.ChoiceField(source="status", choices=REPORTED_CHOICES, read_only=True)
    rag = serializers.SerializerMethodField()
    progress = serializers.SerializerMethodField()
    activities = ActivitySummarySerializer(many=True, read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Objective
        fields = [
            "id",
            "programme",
            "number",
            "title",
            "description",
            "target_date",
            "owner_body",
            "status",
            "reported_status",
            "rag",
            "progress",
            "activities",
            "url",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=ProgressStatus.choices))
    def get_status(self, objective) -> str:
        return objective.shown_status(_today(self))

    @extend_schema_field(serializers.ChoiceField(choices=Rag.choices))
    def get_rag(self, objective) -> str:
        return rag(objective.shown_status(_today(self)))

    @extend_schema_field(serializers.IntegerField(allow_null=True, min_value=0, max_value=100))
    def get_progress(self, objective):
        return objective_progress(objective.activities.all())

    @extend_schema_field(serializers.CharField())
    def get_url(self, objective) -> str:
        return objective.get_absolute_url()


class AuthorSerializer(ModelSerializer):
    name = serializers.CharField(source="__str__", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="short_name", read_only=True)

    class Meta:
        model = User
        fields = ["name", "organisation"]
        read_only_fields = fields


class ProgressUpdateSerializer(ModelSerializer):
    """A progress update as posted: what happened (in ``language``), the status and percentage before and after,
    and the reason for going back, if it went back."""

    author = AuthorSerializer(read_only=True)
    status = serializers.ChoiceField(choices=REPORTED_CHOICES, read_only=True)
    previous_status = serializers.ChoiceField(choices=REPORTED_CHOICES, read_only=True)

    class Meta:
        model = ProgressUpdate
        fields = [
            "id",
            "activity",
            "created_at",
            "author",
            "text",
            "language",
            "status",
            "progress",
            "previous_status",
            "previous_progress",
            "reason",
        ]
        read_only_fields = fields


class ProgressUpdateInputSerializer(serializers.Serializer):
    """A progress update as posted by a member of the activity's lead: ``text`` (what happened), the new ``status``
    (``late`` is worked out, never posted) and ``progress`` (0–100; 100 when done); ``reason`` when going back
    (reopening what was done or dropped, or back to not started); ``language`` of the text (yours by default)."""

    text = serializers.CharField(max_length=5_000, allow_blank=True)
    status = serializers.ChoiceField(choices=ProgressStatus.choices)
    progress = serializers.IntegerField()
    reason = serializers.CharField(max_length=5_000, required=False, allow_blank=True)
    language = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)
