"""The liaison API: officers, postings and the coverage of every ISO 3166 country (read only: records are kept on
the pages, where officers and coordinators confirm them).

The lists are answered from the cache for everyone who sees the same (contact details or not) at the same address
in the same language on the same day, until the network changes (``caching.NETWORK``)."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, generics
from rest_framework.renderers import JSONRenderer

from apps.accounts.selectors import user_load_roles_and_organisation
from apps.core import caching
from apps.core.api.caching import CachedListMixin
from apps.core.api.filters import GENERAL_PARAMETERS

from .. import permissions, selectors
from ..caching import NETWORK
from ..choices import FocusArea, SendingCountry
from ..filtersets import OfficerFilterSet, PostingFilterSet
from .serializers import CoverageQuerySerializer, CoverageSerializer, OfficerSerializer, PostingSerializer

TAGS = ["liaison"]
LIST_CACHE_SECONDS = 15 * 60


class NetworkCachedListMixin(CachedListMixin):
    list_cache_seconds = LIST_CACHE_SECONDS

    def list_cache_versions(self, request):
        return [NETWORK]

    def list_cache_scope(self, request):
        user = user_load_roles_and_organisation(user=request.user)
        return [selectors.today(), permissions.can_see_contacts(user)]


class OfficerContextMixin:
    def get_serializer_context(self):
        user = user_load_roles_and_organisation(user=self.request.user)
        return {
            **super().get_serializer_context(),
            "contacts": permissions.can_see_contacts(user),
            "now": timezone.now(),
        }


@extend_schema(tags=TAGS)
class OfficerListView(NetworkCachedListMixin, OfficerContextMixin, generics.ListAPIView):
    """Liaison officers, by name, with their postings running today; search with `q` (name, country, city, desk,
    focus area or language, in Dutch, French, German or English)."""

    serializer_class = OfficerSerializer
    filterset_class = OfficerFilterSet

    def get_queryset(self):
        return selectors.with_current_postings(
            selectors.officers_searchable(user=self.request.user), day=selectors.today()
        ).order_by("last_name", "first_name", "pk")


@extend_schema(tags=TAGS)
class OfficerDetailView(OfficerContextMixin, generics.RetrieveAPIView):
    serializer_class = OfficerSerializer

    def get_queryset(self):
        return selectors.with_current_postings(
            selectors.officer_list_visible_to(user=self.request.user), day=selectors.today()
        )


@extend_schema(tags=TAGS)
class PostingListView(NetworkCachedListMixin, generics.ListAPIView):
    """Postings, the latest first, each with every accreditation it has had."""

    serializer_class = PostingSerializer
    filterset_class = PostingFilterSet

    def get_queryset(self):
        return selectors.posting_list_visible_to(user=self.request.user).order_by("-starts_on", "pk")


@extend_schema(tags=TAGS)
class PostingDetailView(generics.RetrieveAPIView):
    serializer_class = PostingSerializer

    def get_queryset(self):
        return selectors.posting_list_visible_to(user=self.request.user)


COVERAGE_PARAMETERS = [
    OpenApiParameter(
        "focus",
        OpenApiTypes.STR,
        enum=FocusArea.values,
        description="Count only postings with this focus area.",
    ),
    OpenApiParameter(
        "sending_country",
        OpenApiTypes.STR,
        enum=SendingCountry.values,
        description="Count only this country's officers.",
    ),
    OpenApiParameter(
        "date", OpenApiTypes.DATE, description="The coverage on this day (the history); today by default."
    ),
]


def _query(request, allowed: set[str]) -> dict:
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise exceptions.ValidationError({name: [_("Unknown filter.")] for name in unknown})
    serializer = CoverageQuerySerializer(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


@extend_schema_view(
    get=extend_schema(
        tags=TAGS,
        operation_id="coverage_list",
        parameters=[
            OpenApiParameter("country", OpenApiTypes.STR, description="Only this country (ISO code, e.g. CO)."),
            OpenApiParameter(
                "uncovered",
                OpenApiTypes.BOOL,
                description="true: only countries nobody covers; false: only covered ones.",
            ),
            *COVERAGE_PARAMETERS,
        ],
    )
)
class CoverageListView(generics.ListAPIView):
    """One row per ISO 3166 country (names in the language of the request) with the officers who cover it: resident
    or accredited, from which country and desk, their absences and backups, when each record was last confirmed."""

    serializer_class = CoverageSerializer
    filter_backends = []  # the filters are checked below: coverage rows are data, not a queryset

    def list(self, request, *args, **kwargs):
        values = _query(request, {"country", "focus", "sending_country", "uncovered", "date", *GENERAL_PARAMETERS})
        user = user_load_roles_and_organisation(user=request.user)
        day = selectors.today()
        key = caching.answer_key("api:CoverageListView", [day, permissions.can_see_contacts(user)], request=request)
        entry = caching.lookup(key, [NETWORK])
        if entry.value is None:
            filters = {
                "day": values.get("date") or day,
                "focus": values.get("focus", ""),
                "sending_country": values.get("sending_country", ""),
            }
            # The statuses of every country decide which are listed; who covers them is read for one page only.
            listed = selectors.countries_with_status(
                **filters, country=values.get("country", ""), uncovered=values.get("uncovered")
            )
            page = self.paginate_queryset(listed)
            rows = selectors.coverage_rows(user=user, **filters, countries_=[code for code, _name, _status in page])
            data = self.get_paginated_response(CoverageSerializer(rows, many=True).data).data
            # Kept as JSON: a page of countries with everyone who covers them is large, and encoding it again for
            # every reader would cost more than the rest of the answer.
            entry.keep(JSONRenderer().render(data), LIST_CACHE_SECONDS)
        return HttpResponse(entry.value, content_type="application/json")


@extend_schema(tags=TAGS)
class CoverageDetailView(generics.GenericAPIView):
    """Who covers one country (ISO code), today or on `date`."""

    serializer_class = CoverageSerializer

    @extend_schema(operation_id="coverage_retrieve", parameters=COVERAGE_PARAMETERS)
    def get(self, request, iso):
        code = selectors.country_or_404(iso)
        values = _query(request, {"focus", "sending_country", "date", "format"})
        user = user_load_roles_and_organisation(user=request.user)
        day = selectors.today()
        key = caching.answer_key("api:CoverageDetailView", [day, permissions.can_see_contacts(user)], request=request)
        entry = caching.lookup(key, [NETWORK])
        if entry.value is None:
            row = selectors.country_coverage(
                user=user,
                code=code,
                day=values.get("date") or day,
                focus=values.get("focus", ""),
                sending_country=values.get("sending_country", ""),
            )
            entry.keep(JSONRenderer().render(CoverageSerializer(row).data), LIST_CACHE_SECONDS)
        return HttpResponse(entry.value, content_type="application/json")
