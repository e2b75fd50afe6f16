"""The consultation API (``/api/v1/meetings``, ``.../agenda-items``, ``/api/v1/decisions``, ``/api/v1/action-points``;
``/api/v1/programmes``, ``/api/v1/objectives``, ``/api/v1/activities`` and ``.../updates``): reads as the pages show
them (``selectors.py``), writes for the secretariat only (progress updates: the members of the activity's lead too),
each through its service."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import PermissionDenied as DrfPermissionDenied
from rest_framework.response import Response

from apps.core.api.caching import CachedListMixin
from apps.core.errors import ApplicationError

from .. import caching, permissions, selectors, services
from ..filtersets import (
    ActionPointFilterSet,
    ActivityFilterSet,
    DecisionFilterSet,
    MeetingFilterSet,
    ObjectiveFilterSet,
)
from ..models import Activity, AgendaItem, ProgressUpdate
from .serializers import (
    ActionPointInputSerializer,
    ActionPointSerializer,
    ActivitySerializer,
    AgendaItemInputSerializer,
    AgendaItemSerializer,
    AgendaOrderSerializer,
    DecisionInputSerializer,
    DecisionSerializer,
    MeetingInputSerializer,
    MeetingSerializer,
    ObjectiveSerializer,
    ProgrammeSerializer,
    ProgressUpdateInputSerializer,
    ProgressUpdateSerializer,
)

LIST_CACHE_SECONDS = 10 * 60


def _require_editor(request) -> None:
    if not permissions.can_edit(request.user):
        raise PermissionDenied


class ConsultationCachedListMixin(CachedListMixin):
    """Answered from the cache for everyone of the same scope (secretariat, chiefs of one organisation, everyone
    else) who asks the same address in the same language on the same day (``overdue``), until any consultation
    data changes."""

    list_cache_seconds = LIST_CACHE_SECONDS

    def list_cache_versions(self, request):
        return [caching.CONSULTATION]

    def list_cache_scope(self, request):
        return [caching.scope(request.user), timezone.localdate().isoformat()]


def _meeting_for(request, pk):
    return selectors.meeting_get_for_user(user=request.user, pk=pk)


def _item_of(meeting, value, field: str = "agenda_item"):
    """An agenda item of this meeting named by id in the input (None when not given)."""
    if value is None:
        return None
    try:
        return selectors.agenda_item_get(meeting=meeting, pk=value)
    except Http404 as error:  # an item of another meeting, or none
        raise ApplicationError(
            _("Choose an item of this meeting's agenda."), {field: [_("Choose an item of this meeting's agenda.")]}
        ) from error


TAGS = ["consultation"]


@extend_schema(tags=TAGS)
class MeetingListView(ConsultationCachedListMixin, generics.ListCreateAPIView):
    """Meetings of your bodies (all of them for the secretariat), newest first; `?body=SOP&from=2022-01-01&to=…`."""

    serializer_class = MeetingSerializer
    filterset_class = MeetingFilterSet

    def get_queryset(self):
        return selectors.meeting_list_visible_to(user=self.request.user).order_by("-starts_at", "-pk")

    @extend_schema(request=MeetingInputSerializer, responses={201: MeetingSerializer})
    def post(self, request):
        """Plan a meeting (the secretariat): its members are invited, open action points carried in."""
        _require_editor(request)
        serializer = MeetingInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        meeting = services.meeting_create(actor=request.user, **serializer.validated_data)
        return Response(MeetingSerializer(_meeting_for(request, meeting.pk)).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=TAGS)
class MeetingDetailView(generics.GenericAPIView):
    serializer_class = MeetingSerializer

    def get_queryset(self):
        return selectors.meeting_list_visible_to(user=self.request.user)

    def get(self, request, pk):
        """One meeting."""
        return Response(MeetingSerializer(_meeting_for(request, pk)).data)

    @extend_schema(request=MeetingInputSerializer, responses={200: MeetingSerializer})
    def patch(self, request, pk):
        """Change a meeting (the secretariat); it stays with its body."""
        meeting = _meeting_for(request, pk)
        _require_editor(request)
        serializer = MeetingInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.meeting_update(meeting=meeting, actor=request.user, **serializer.validated_data)
        return Response(MeetingSerializer(_meeting_for(request, pk)).data)


@extend_schema(tags=TAGS)
class AgendaItemListView(ConsultationCachedListMixin, generics.ListCreateAPIView):
    """The agenda of a meeting, in order: empty for the members until it is published."""

    serializer_class = AgendaItemSerializer
    pagination_class = None

    def list_cache_scope(self, request):
        return [*super().list_cache_scope(request), self.kwargs["pk"]]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no meeting
            return AgendaItem.objects.none()
        meeting = _meeting_for(self.request, self.kwargs["pk"])
        if not selectors.agenda_visible(self.request.user, meeting):
            return selectors.agenda_items_of(meeting=meeting).none()
        return selectors.agenda_items_of(meeting=meeting)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "drafts": permissions.can_edit(self.request.user)}

    @extend_schema(request=AgendaItemInputSerializer, responses={201: AgendaItemSerializer})
    def post(self, request, pk):
        """Add an item at the end of the agenda (the secretariat)."""
        meeting = _meeting_for(request, pk)
        _require_editor(request)
        serializer = AgendaItemInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        if values.pop("meeting", meeting.pk) != meeting.pk:
            raise ApplicationError(
                _("An agenda item cannot be moved into another meeting: add a new item to that meeting's agenda."),
                {"meeting": [_("An agenda item stays in its meeting.")]},
            )
        item = services.agenda_item_create(meeting=meeting, actor=request.user, **values)
        return Response(
            AgendaItemSerializer(selectors.agenda_items_of(meeting=meeting).get(pk=item.pk)).data, status=201
        )


@extend_schema(tags=TAGS)
class AgendaItemDetailView(generics.GenericAPIView):
    serializer_class = AgendaItemSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no meeting
            return AgendaItem.objects.none()
        return selectors.agenda_items_of(meeting=_meeting_for(self.request, self.kwargs["pk"]))

    def _item(self, request, pk, item_pk):
        meeting = _meeting_for(request, pk)
        _require_editor(request)
        return meeting, selectors.agenda_item_get(meeting=meeting, pk=item_pk)

    @extend_schema(request=AgendaItemInputSerializer, responses={200: AgendaItemSerializer})
    def patch(self, request, pk, item_pk):
        """Change an item (the secretariat); `meeting` other than its own is refused."""
        meeting, item = self._item(request, pk, item_pk)
        serializer = AgendaItemInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        target = values.pop("meeting", None)
        if target is not None and target != meeting.pk:
            services.agenda_item_update(item=item, actor=request.user, meeting=_target_meeting(request, target))
        services.agenda_item_update(item=item, actor=request.user, **values)
        return Response(AgendaItemSerializer(selectors.agenda_items_of(meeting=meeting).get(pk=item.pk)).data)

    @extend_schema(responses={204: None})
    def delete(self, request, pk, item_pk):
        """Remove an item; the others are renumbered."""
        meeting, item = self._item(request, pk, item_pk)
        services.agenda_item_delete(item=item, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _target_meeting(request, pk):
    """The meeting an item was asked to move into (refused by the service); unknown: refused the same way."""
    try:
        return selectors.meeting_get_for_user(user=request.user, pk=pk)
    except Http404 as error:
        raise ApplicationError(
            _("An agenda item cannot be moved into another meeting: add a new item to that meeting's agenda."),
            {"meeting": [_("An agenda item stays in its meeting.")]},
        ) from error


@extend_schema(tags=TAGS)
class AgendaOrderView(generics.GenericAPIView):
    serializer_class = AgendaItemSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no meeting
            return AgendaItem.objects.none()
        return selectors.agenda_items_of(meeting=_meeting_for(self.request, self.kwargs["pk"]))

    @extend_schema(request=AgendaOrderSerializer, responses={200: AgendaItemSerializer(many=True)})
    def post(self, request, pk):
        """Reorder the agenda: every item of the meeting once, in the new order."""
        meeting = _meeting_for(request, pk)
        _require_editor(request)
        serializer = AgendaOrderSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.agenda_reorder(meeting=meeting, actor=request.user, item_ids=serializer.validated_data["items"])
        context = {"drafts": True}
        return Response(
            AgendaItemSerializer(selectors.agenda_items_of(meeting=meeting), many=True, context=context).data
        )


@extend_schema(tags=TAGS)
class AgendaPublishView(generics.GenericAPIView):
    serializer_class = MeetingSerializer

    def get_queryset(self):
        return selectors.meeting_list_visible_to(user=self.request.user)

    @extend_schema(request=None, responses={200: MeetingSerializer})
    def post(self, request, pk):
        """Publish the agenda, or its changes: the members are notified (saying what changed)."""
        meeting = _meeting_for(request, pk)
        _require_editor(request)
        services.agenda_publish(meeting=meeting, actor=request.user)
        return Response(MeetingSerializer(_meeting_for(request, pk)).data)


@extend_schema(tags=TAGS)
class DecisionListView(ConsultationCachedListMixin, generics.ListCreateAPIView):
    """The decision register: the published decisions you may read (with drafts for the secretariat), newest first;
    `?body=SOP&year=2022&topic=…&text=…` (words in any language, or a number such as SOP-2022-03)."""

    serializer_class = DecisionSerializer
    filterset_class = DecisionFilterSet

    def get_queryset(self):
        return selectors.decision_list_visible_to(user=self.request.user).order_by(
            "-year", "body__code", "-number", "-pk"
        )

    @extend_schema(request=DecisionInputSerializer, responses={201: DecisionSerializer})
    def post(self, request):
        """Record a decision of a meeting (the secretariat); `meeting` and `language` are required."""
        _require_editor(request)
        serializer = DecisionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        errors = {name: [_("This field is required.")] for name in ("meeting", "language") if name not in values}
        if errors:
            raise ApplicationError(_("The decision was not saved: please correct the marked fields."), errors)
        meeting = _input_meeting(request, values.pop("meeting"))
        values["agenda_item"] = _item_of(meeting, values.get("agenda_item"))
        decision = services.decision_create(meeting=meeting, actor=request.user, **values)
        found = selectors.decision_get_for_user(user=request.user, pk=decision.pk)
        return Response(DecisionSerializer(found).data, status=status.HTTP_201_CREATED)


def _input_meeting(request, pk):
    try:
        return selectors.meeting_get_for_user(user=request.user, pk=pk)
    except Http404 as error:
        raise ApplicationError(_("Unknown meeting."), {"meeting": [_("Choose a meeting of the list.")]}) from error


@extend_schema(tags=TAGS)
class DecisionDetailView(generics.GenericAPIView):
    serializer_class = DecisionSerializer

    def get_queryset(self):
        return selectors.decision_list_visible_to(user=self.request.user)

    def get(self, request, pk):
        """One decision."""
        return Response(DecisionSerializer(selectors.decision_get_for_user(user=request.user, pk=pk)).data)

    @extend_schema(request=DecisionInputSerializer, responses={200: DecisionSerializer})
    def patch(self, request, pk):
        """Change a decision (the secretariat); once published, only its translations and topic."""
        decision = selectors.decision_get_for_user(user=request.user, pk=pk)
        _require_editor(request)
        serializer = DecisionInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        if values.pop("meeting", decision.meeting_id) != decision.meeting_id:
            raise ApplicationError(
                _("A decision stays with the meeting that adopted it."),
                {"meeting": [_("A decision stays with the meeting that adopted it.")]},
            )
        if "agenda_item" in values:
            values["agenda_item"] = _item_of(decision.meeting, values["agenda_item"])
        services.decision_update(decision=decision, actor=request.user, **values)
        return Response(DecisionSerializer(selectors.decision_get_for_user(user=request.user, pk=pk)).data)


@extend_schema(tags=TAGS)
class ActionPointListView(ConsultationCachedListMixin, generics.ListCreateAPIView):
    """Action points you may see, by due date; `?owner=<organisation id>&status=open&overdue=true&body=SOP`."""

    serializer_class = ActionPointSerializer
    filterset_class = ActionPointFilterSet

    def get_queryset(self):
        return selectors.action_point_list_visible_to(user=self.request.user).order_by("due_date", "pk")

    @extend_schema(request=ActionPointInputSerializer, responses={201: ActionPointSerializer})
    def post(self, request):
        """Record an action point agreed at a meeting (the secretariat); `meeting` is required."""
        _require_editor(request)
        serializer = ActionPointInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        if "meeting" not in values:
            raise ApplicationError(
                _("The action point was not saved: please correct the marked fields."),
                {"meeting": [_("This field is required.")]},
            )
        meeting = _input_meeting(request, values.pop("meeting"))
        if "agenda_item" in values:
            values["agenda_item"] = _item_of(meeting, values["agenda_item"])
        point = services.action_point_create(meeting=meeting, actor=request.user, **values)
        found = selectors.action_point_get_for_user(user=request.user, pk=point.pk)
        return Response(ActionPointSerializer(found).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=TAGS)
class ActionPointDetailView(generics.GenericAPIView):
    serializer_class = ActionPointSerializer

    def get_queryset(self):
        return selectors.action_point_list_visible_to(user=self.request.user)

    def get(self, request, pk):
        """One action point."""
        return Response(ActionPointSerializer(selectors.action_point_get_for_user(user=request.user, pk=pk)).data)

    @extend_schema(request=ActionPointInputSerializer, responses={200: ActionPointSerializer})
    def patch(self, request, pk):
        """Follow an action point up (the secretariat): status, progress note, due date, owner, texts."""
        point = selectors.action_point_get_for_user(user=request.user, pk=pk)
        _require_editor(request)
        serializer = ActionPointInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        target = values.pop("meeting", point.meeting_id)
        meeting = point.meeting if target == point.meeting_id else _input_meeting(request, target)
        if "agenda_item" in values:
            values["agenda_item"] = _item_of(point.meeting, values["agenda_item"])
        services.action_point_update(action_point=point, actor=request.user, meeting=meeting, **values)
        return Response(ActionPointSerializer(selectors.action_point_get_for_user(user=request.user, pk=pk)).data)


# Work programmes, objectives and activities ------------------------------------------------------------------------


class ObjectivesCachedListMixin(ConsultationCachedListMixin):
    """Answered from the cache for everyone of the same scope (which decisions and action points one may read)
    who asks the same address in the same language on the same day (``late``), until any consultation data
    changes."""

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": timezone.localdate()}


def _activities_for(user):
    """The activities the user sees, with the decisions and action points of meetings they may read (three queries
    for any number of rows)."""
    return selectors.activity_list_visible_to(user=user).prefetch_related(
        Prefetch("decisions", queryset=selectors.decisions_visible_to(user=user).select_related("body")),
        Prefetch("action_points", queryset=selectors.action_points_visible_to(user=user).only("pk")),
    )


@extend_schema(tags=TAGS)
class ProgrammeListView(ObjectivesCachedListMixin, generics.ListAPIView):
    """The work programmes, newest first."""

    serializer_class = ProgrammeSerializer

    def get_queryset(self):
        return selectors.programmes_visible_to(user=self.request.user).order_by("-start_year", "body__code", "pk")


@extend_schema(tags=TAGS)
class ObjectiveListView(ObjectivesCachedListMixin, generics.ListAPIView):
    """Objectives with their activities, by programme (newest first) and number;
    `?programme=<id>&status=late` (status as shown today)."""

    serializer_class = ObjectiveSerializer
    filterset_class = ObjectiveFilterSet

    def get_queryset(self):
        activities = Activity.objects.select_related("lead__country").order_by("number", "pk")
        return (
            selectors.objective_list_visible_to(user=self.request.user)
            .prefetch_related(Prefetch("activities", queryset=activities))
            .order_by("-programme__start_year", "programme_id", "number", "pk")
        )


@extend_schema(tags=TAGS)
class ObjectiveDetailView(generics.RetrieveAPIView):
    """One objective with its activities."""

    serializer_class = ObjectiveSerializer

    def get_queryset(self):
        return ObjectiveListView.get_queryset(self)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": timezone.localdate()}


@extend_schema(tags=TAGS)
class ActivityListView(ObjectivesCachedListMixin, generics.ListAPIView):
    """Activities by programme (newest first), objective and number; `?status=late&lead=<organisation id>&country=BE
    &overdue=true&programme=<id>&objective=<id>` (status as shown today; overdue: due date passed, not done)."""

    serializer_class = ActivitySerializer
    filterset_class = ActivityFilterSet

    def get_queryset(self):
        return _activities_for(self.request.user).order_by(
            "-objective__programme__start_year", "objective__programme_id", "objective__number", "number", "pk"
        )


@extend_schema(tags=TAGS)
class ActivityDetailView(generics.RetrieveAPIView):
    """One activity."""

    serializer_class = ActivitySerializer

    def get_queryset(self):
        return _activities_for(self.request.user)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": timezone.localdate()}


@extend_schema(tags=TAGS)
class ActivityUpdateListView(ObjectivesCachedListMixin, generics.ListCreateAPIView):
    """The history of an activity's progress updates, newest first."""

    serializer_class = ProgressUpdateSerializer

    def list_cache_scope(self, request):
        return [*super().list_cache_scope(request), self.kwargs["pk"]]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no activity
            return ProgressUpdate.objects.none()
        activity = selectors.activity_get_for_user(user=self.request.user, pk=self.kwargs["pk"])
        return (
            ProgressUpdate.objects.filter(activity=activity)
            .select_related("author__organisation")
            .order_by("-created_at", "-pk")
        )

    @extend_schema(request=ProgressUpdateInputSerializer, responses={201: ProgressUpdateSerializer})
    def post(self, request, pk):
        """Post a progress update (the members of the activity's lead, and the secretariat): it becomes the
        activity's status and progress; going back needs a `reason`."""
        activity = selectors.activity_get_for_user(user=request.user, pk=pk)
        refusal = permissions.update_refusal(request.user, activity, selectors.seconded_group_ids(user=request.user))
        if refusal is not None:
            raise DrfPermissionDenied(str(refusal))
        serializer = ProgressUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        update = services.progress_update_post(activity=activity, actor=request.user, **serializer.validated_data)
        found = ProgressUpdate.objects.select_related("author__organisation").get(pk=update.pk)
        return Response(ProgressUpdateSerializer(found).data, status=status.HTTP_201_CREATED)
