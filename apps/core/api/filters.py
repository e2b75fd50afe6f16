from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

# Query parameters every list understands besides its filters.
GENERAL_PARAMETERS = {"page", "page_size", "cursor", "format", "ordering"}


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter, but an unknown query parameter is a 400 instead of silently returning everything."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        known = set(GENERAL_PARAMETERS)
        if filterset_class is not None:
            known.update(filterset_class.base_filters)
            for filter_ in filterset_class.base_filters.values():
                known.update(getattr(filter_, "extra_parameter_names", ()))
        unknown = sorted(set(request.query_params) - known)
        if unknown:
            raise ValidationError({name: [_("Unknown filter.")] for name in unknown})
        return super().filter_queryset(request, queryset, view)
