import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.filtersets import FilterSet

from .choices import KIND_GROUPS, Urgency
from .models import InboxEntry


class InboxEntryFilterSet(FilterSet):
    """Filters of the inbox, shared by the page and the API."""

    unread = django_filters.BooleanFilter(method="filter_unread", label=_("Unread only"), widget=forms.CheckboxInput)
    kind = django_filters.ChoiceFilter(
        choices=KIND_GROUPS, method="filter_kind", label=_("About"), empty_label=_("Everything")
    )
    urgency = django_filters.ChoiceFilter(
        field_name="notification__urgency", choices=Urgency.choices, label=_("Urgency"), empty_label=_("Any urgency")
    )

    class Meta:
        model = InboxEntry
        fields = ["unread", "kind", "urgency"]

    def filter_unread(self, queryset, name, value):
        return queryset.filter(is_read=False) if value else queryset

    def filter_kind(self, queryset, name, value):
        return queryset.filter(notification__kind__startswith=f"{value}.")
