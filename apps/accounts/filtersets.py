import django_filters
from django.utils.translation import gettext_lazy as _

from apps.core.filtersets import FilterSet

from .choices import OrganisationKind
from .models import Organisation


class OrganisationFilterSet(FilterSet):
    country = django_filters.CharFilter(
        field_name="country__code", lookup_expr="iexact", label=_("Country (ISO code)"), max_length=2
    )
    kind = django_filters.ChoiceFilter(choices=OrganisationKind.choices, label=_("Kind"))
    q = django_filters.CharFilter(method="filter_search", label=_("Search"), max_length=100)

    class Meta:
        model = Organisation
        fields = ["country", "kind"]

    def filter_search(self, queryset, name, value):
        return queryset.filter(name__icontains=value) | queryset.filter(short_name__icontains=value)
