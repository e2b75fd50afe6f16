from datetime import timedelta

import django_filters
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Country
from apps.core.filtersets import FilterSet

from .choices import EventKind, RiskLevel
from .models import Event
from .selectors import FIRST_DATE, LAST_DATE, events_overlapping, start_of_day

DATE_RANGE = [MinValueValidator(FIRST_DATE), MaxValueValidator(LAST_DATE)]
ASSISTANCE_CHOICES = [("true", _("Expected")), ("false", _("Not expected"))]


class EventFilterSet(FilterSet):
    """The filters of the calendar pages and of ``/api/v1/events``."""

    country = django_filters.ModelChoiceFilter(
        field_name="country",
        to_field_name="code",
        queryset=Country.objects.order_by("-is_member", "code"),
        label=_("Country"),
        empty_label=_("All countries"),
        help_text=_("ISO code, e.g. BE."),
    )
    kind = django_filters.ChoiceFilter(choices=EventKind.choices, label=_("Kind"), empty_label=_("All kinds"))
    risk = django_filters.ChoiceFilter(
        field_name="risk_level", choices=RiskLevel.choices, label=_("Risk level"), empty_label=_("All risk levels")
    )
    assistance = django_filters.ChoiceFilter(
        choices=ASSISTANCE_CHOICES,
        method="filter_assistance",
        label=_("Cross-border assistance"),
        empty_label=_("Either"),
    )
    # "from" is a Python keyword: the two range filters are added to the class namespace by name.
    locals()["from"] = django_filters.DateFilter(
        method="filter_from",
        label=_("From"),
        help_text=_("Events still going on at or after this day."),
        validators=DATE_RANGE,
    )
    locals()["to"] = django_filters.DateFilter(
        method="filter_to",
        label=_("To"),
        help_text=_("Events starting on or before this day."),
        validators=DATE_RANGE,
    )

    class Meta:
        model = Event
        fields = ["country", "kind", "risk", "assistance"]

    def filter_assistance(self, queryset, name, value):
        return queryset.filter(assistance_expected=value == "true")

    def _range(self):
        start, end = self.form.cleaned_data.get("from"), self.form.cleaned_data.get("to")
        return (start_of_day(start) if start else None, start_of_day(end + timedelta(days=1)) if end else None)

    def filter_from(self, queryset, name, value):
        start, end = self._range()
        return events_overlapping(queryset, start=start, end=end)

    def filter_to(self, queryset, name, value):
        if self.form.cleaned_data.get("from"):
            return queryset  # applied together with "from", in one range condition
        return events_overlapping(queryset, start=None, end=self._range()[1])
