import datetime
import re

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField
from drf_spectacular.utils import extend_schema_field

from apps.accounts.models import Country
from apps.core.filtersets import FilterSet

from . import selectors
from .choices import EquipmentStatus, ItemCondition, RequestKind, RequestStatus, Urgency
from .models import AssistanceRequest, EquipmentItem, RequestedCountry, ResourceType

MEMBER_COUNTRIES = [("BE", "BE"), ("NL", "NL"), ("LU", "LU")]

QUEUE_CHOICES = [
    ("awaiting", _("Awaiting my country's acknowledgement")),
    ("mine", _("My country's open requests")),
]
# The same queues as a joint Benelux body (the secretariat, of no country) sees them: nothing awaits its
# acknowledgement, and its open requests are those of the three countries. The same values (the API's stay valid),
# named so on the queue page (``views._render_queue``).
JOINT_QUEUE_CHOICES = [
    ("awaiting", _("Awaiting my country's acknowledgement (none for a Benelux body)")),
    ("mine", _("Open requests of the three countries")),
]


class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DAY_OR_TIME_PATTERN = r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$"


class DayInput(forms.DateInput):
    """The browser's date picker: it shows the day in the reader's way and sends it as YYYY-MM-DD."""

    input_type = "date"

    def format_value(self, value):
        if isinstance(value, datetime.datetime):
            return (
                timezone.localtime(value).date().isoformat() if timezone.is_aware(value) else value.date().isoformat()
            )
        return super().format_value(value)


class DayOrTimeField(IsoDateTimeField):
    """A day as a date picker sends it (``2026-05-14``: a ``date``), a time as a ``datetime-local`` picker sends it
    (``2026-05-14T09:30``, read in the portal's time zone) or an ISO 8601 time with its offset (the API)."""

    widget = DayInput

    def to_python(self, value):
        if isinstance(value, str) and DAY.match(value.strip()):
            try:
                return datetime.date.fromisoformat(value.strip())
            except ValueError as error:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from error
        return super().to_python(value)


@extend_schema_field(
    {
        "type": "string",
        "pattern": DAY_OR_TIME_PATTERN,
        "description": "A day (YYYY-MM-DD: the whole day, in Brussels time) or a time (ISO 8601; without an offset: "
        "Brussels time).",
    }
)
class DayOrTimeFilter(django_filters.IsoDateTimeFilter):
    """A period's bound: a day (the whole of it counts: ``end_of_day``) or a moment."""

    field_class = DayOrTimeField

    def __init__(self, *args, end_of_day: bool = False, **kwargs):
        self.end_of_day = end_of_day
        super().__init__(*args, **kwargs)

    def filter(self, queryset, value):
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            day = value + datetime.timedelta(days=1) if self.end_of_day else value
            moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
            lookup = "lt" if self.end_of_day else self.lookup_expr
            return queryset.filter(**{f"{self.field_name}__{lookup}": moment})
        return super().filter(queryset, value)


class AssistanceRequestFilterSet(FilterSet):
    """Filters of the request list, shared by the operator's queue page and the API."""

    status = django_filters.ChoiceFilter(choices=RequestStatus.choices, label=_("Status"))
    kind = django_filters.ChoiceFilter(choices=RequestKind.choices, label=_("Kind"))
    urgency = django_filters.ChoiceFilter(choices=Urgency.choices, label=_("Urgency"))
    # The event as the reader sees it (``visible_event_id`` of the selectors' rows): a restricted event of another
    # country finds nothing, as if it were not linked.
    event = IntegerFilter(field_name="visible_event_id", label=_("Event (id)"), min_value=1)
    country = django_filters.CharFilter(
        method="filter_country", label=_("Country (ISO code), requesting or requested"), max_length=2
    )
    period_after = DayOrTimeFilter(field_name="end", lookup_expr="gte", label=_("Period ends on or after"))
    period_before = DayOrTimeFilter(
        field_name="start", lookup_expr="lte", end_of_day=True, label=_("Period starts on or before")
    )
    queue = django_filters.ChoiceFilter(
        choices=QUEUE_CHOICES, method="filter_queue", label=_("Queue"), empty_label=_("All requests")
    )
    q = django_filters.CharFilter(method="filter_search", label=_("Search (reference, title, place)"), max_length=100)

    class Meta:
        model = AssistanceRequest
        fields = ["status", "kind", "urgency"]

    def filter_country(self, queryset, name, value):
        # The country's id once (an InitPlan), so that PostgreSQL probes the index of the requested countries per
        # request rather than hashing every request ever asked of that country.
        country_id = Subquery(Country.objects.filter(code=value.upper()).values("pk")[:1])
        asked = RequestedCountry.objects.filter(request=OuterRef("pk"), country_id=country_id)
        return queryset.filter(Q(requesting_organisation__country_id=country_id) | Q(Exists(asked)))

    def filter_queue(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        if not (user and user.is_authenticated and user.organisation_id):
            return queryset.none()
        country_id = user.organisation.country_id
        if value == "awaiting":
            return selectors.awaiting_acknowledgement(queryset, country_id=country_id)
        return selectors.open_requests_of(queryset, country_id=country_id)

    def filter_search(self, queryset, name, value):
        return queryset.filter(Q(reference__icontains=value) | Q(title__icontains=value) | Q(place__icontains=value))


class EquipmentFilterSet(FilterSet):
    """Filters and order of the equipment registry, shared by its page and the API; ``available_from`` and
    ``available_until`` keep only the items not booked for any part of that period."""

    country = django_filters.ChoiceFilter(
        field_name="organisation__country__code",
        choices=MEMBER_COUNTRIES,
        label=_("Country"),
        method="filter_country",
    )
    resource_type = django_filters.ModelChoiceFilter(
        field_name="resource_type",
        to_field_name="code",
        queryset=ResourceType.objects.filter(is_loanable=True),
        label=_("Type"),
    )
    status = django_filters.ChoiceFilter(field_name="status", choices=EquipmentStatus.choices, label=_("Status"))
    condition = django_filters.ChoiceFilter(field_name="condition", choices=ItemCondition.choices, label=_("Condition"))
    available_from = django_filters.IsoDateTimeFilter(method="filter_noop", label=_("Available from"))
    available_until = django_filters.IsoDateTimeFilter(method="filter_noop", label=_("Available until"))
    ordering = django_filters.OrderingFilter(
        fields=(
            ("name", "name"),
            ("identifier", "identifier"),
            ("resource_type__code", "type"),
            ("status", "status"),
            ("condition", "condition"),
            ("organisation__short_name", "owner"),
        ),
        field_labels={
            "name": _("Name"),
            "identifier": _("Identifier"),
            "resource_type__code": _("Type"),
            "status": _("Status"),
            "condition": _("Condition"),
            "organisation__short_name": _("Owner"),
        },
        label=_("Sort by"),
    )

    class Meta:
        model = EquipmentItem
        fields = ["country", "resource_type", "status", "condition"]

    def filter_country(self, queryset, name, value):
        return queryset.filter(organisation__country__code__iexact=value)

    def filter_noop(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        start = self.form.cleaned_data.get("available_from")
        end = self.form.cleaned_data.get("available_until")
        if start and end and end > start:
            from django.db.backends.postgresql.psycopg_any import DateTimeTZRange

            from .models import Booking

            busy = Booking.objects.filter(
                item=OuterRef("pk"), is_cancelled=False, period__overlap=DateTimeTZRange(start, end, "[)")
            )
            queryset = queryset.filter(is_active=True).exclude(Exists(busy))
        return queryset
