"""One FilterSet per listable model, shared by the pages and the API (``apps/core/filtersets.py`` checks the range
of every date and number)."""

import re
from datetime import datetime, time, timedelta

import django_filters
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.filtersets import FilterSet

from .choices import ActionStatus, ProgressStatus
from .i18n import LANGUAGES
from .models import ActionPoint, Activity, Decision, Meeting, Objective
from .selectors import late_condition, overdue_action_points, shown_status_condition

REFERENCE = re.compile(r"^([A-Za-z][A-Za-z0-9]{1,11})-(\d{4})-(\d{1,4})$")
YEARS = [MinValueValidator(1900), MaxValueValidator(2199)]
YES_NO = [("true", _("Yes")), ("false", _("No"))]


def _start_of_day(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time()))


class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class MeetingFilterSet(FilterSet):
    """The meetings list and ``/api/v1/meetings``: by body and period."""

    body = django_filters.CharFilter(
        field_name="body__code", lookup_expr="iexact", label=_("Body (code)"), max_length=12, help_text=_("E.g. SOP.")
    )
    # "from" is a Python keyword: the two range filters are added to the class namespace by name.
    locals()["from"] = django_filters.DateFilter(
        method="filter_from", label=_("From"), help_text=_("Meetings ending on or after this day.")
    )
    locals()["to"] = django_filters.DateFilter(
        method="filter_to", label=_("To"), help_text=_("Meetings starting on or before this day.")
    )

    class Meta:
        model = Meeting
        fields = ["body"]

    def filter_from(self, queryset, name, value):
        return queryset.filter(ends_at__gt=_start_of_day(value))

    def filter_to(self, queryset, name, value):
        return queryset.filter(starts_at__lt=_start_of_day(value + timedelta(days=1)))


class DecisionFilterSet(FilterSet):
    """The decision register and ``/api/v1/decisions``: by body, year, topic and text (in any language)."""

    text = django_filters.CharFilter(
        method="filter_text", label=_("Text"), max_length=100, help_text=_("Words of the number, title or text.")
    )
    body = django_filters.CharFilter(
        field_name="body__code", lookup_expr="iexact", label=_("Body (code)"), max_length=12
    )
    year = IntegerFilter(field_name="year", label=_("Year"), validators=YEARS)
    topic = django_filters.CharFilter(field_name="topic__code", label=_("Topic (code)"), max_length=40)

    class Meta:
        model = Decision
        fields = ["body", "year", "topic"]

    def filter_text(self, queryset, name, value):
        """Every word in the title or text (in any language); a decision number (SOP-2022-03) finds that decision."""
        for word in value.split():
            match = REFERENCE.match(word)
            if match:
                code, year, number = match.groups()
                queryset = queryset.filter(body__code__iexact=code, year=int(year), number=int(number))
                continue
            condition = Q()
            for code in LANGUAGES:
                condition |= Q(**{f"title_{code}__icontains": word}) | Q(**{f"text_{code}__icontains": word})
            queryset = queryset.filter(condition)
        return queryset


class ActionPointFilterSet(FilterSet):
    """The action points list and ``/api/v1/action-points``: by body, owner, status, and overdue."""

    body = django_filters.CharFilter(
        field_name="body__code", lookup_expr="iexact", label=_("Body (code)"), max_length=12
    )
    owner = IntegerFilter(
        field_name="owner_organisation_id",
        label=_("Owner (organisation id)"),
        min_value=1,
        help_text=_("An id of /api/v1/organisations."),
    )
    status = django_filters.ChoiceFilter(choices=ActionStatus.choices, label=_("Status"), empty_label=_("Any status"))
    open = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_open", label=_("Still open"), empty_label=_("Either")
    )
    overdue = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_overdue", label=_("Overdue"), empty_label=_("Either")
    )

    class Meta:
        model = ActionPoint
        fields = ["body", "owner", "status"]

    def filter_open(self, queryset, name, value):
        condition = Q(status__in=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS])
        return queryset.filter(condition) if value == "true" else queryset.exclude(condition)

    def filter_overdue(self, queryset, name, value):
        overdue = overdue_action_points(queryset, today=timezone.localdate())
        return overdue if value == "true" else queryset.exclude(pk__in=overdue.values("pk"))


class ObjectiveFilterSet(FilterSet):
    """``/api/v1/objectives``: by programme and status (as shown: ``late`` when the target date has passed and it is
    not done)."""

    programme = IntegerFilter(
        field_name="programme_id",
        label=_("Work programme (id)"),
        min_value=1,
        help_text=_("An id of /api/v1/programmes."),
    )
    status = django_filters.ChoiceFilter(
        choices=ProgressStatus.choices, method="filter_status", label=_("Status"), empty_label=_("Any status")
    )

    class Meta:
        model = Objective
        fields = ["programme"]

    def filter_status(self, queryset, name, value):
        return queryset.filter(shown_status_condition(value, timezone.localdate(), objectives=True))


class ActivityFilterSet(FilterSet):
    """The objectives dashboard, the timeline and ``/api/v1/activities``: by programme, objective, status (as shown:
    ``late`` when the due date has passed and it is not done), lead (an organisation or working group), the lead's
    country, and overdue."""

    programme = IntegerFilter(
        field_name="objective__programme_id",
        label=_("Work programme (id)"),
        min_value=1,
        help_text=_("An id of /api/v1/programmes."),
    )
    objective = IntegerFilter(field_name="objective_id", label=_("Objective (id)"), min_value=1)
    status = django_filters.ChoiceFilter(
        choices=ProgressStatus.choices, method="filter_status", label=_("Status"), empty_label=_("Any status")
    )
    lead = IntegerFilter(
        field_name="lead_id",
        label=_("Lead (organisation or working group id)"),
        min_value=1,
        help_text=_("An id of /api/v1/organisations."),
    )
    country = django_filters.CharFilter(
        field_name="lead__country__code",
        lookup_expr="iexact",
        label=_("Country of the lead (ISO code)"),
        max_length=2,
        help_text=_("E.g. BE."),
    )
    overdue = django_filters.ChoiceFilter(
        choices=YES_NO,
        method="filter_overdue",
        label=_("Late"),
        empty_label=_("Either"),
        help_text=_("Due date passed and not done."),
    )

    class Meta:
        model = Activity
        fields = ["programme", "objective", "lead", "country"]

    def filter_status(self, queryset, name, value):
        return queryset.filter(shown_status_condition(value, timezone.localdate()))

    def filter_overdue(self, queryset, name, value):
        late = late_condition(timezone.localdate())
        return queryset.filter(late) if value == "true" else queryset.exclude(late)
