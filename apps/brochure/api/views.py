"""The brochure's API: the latest (or an earlier) published edition's sections, its contact points, the editions,
and search. Read-only; the secretariat writes through the portal's pages. Drafts never appear here."""

from django.db.models import Count
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.api.caching import CachedListMixin

from .. import search as brochure_search
from .. import selectors
from ..caching import BROCHURE
from ..choices import LANGUAGES, MemberCountry, Tag
from ..filtersets import EDITION_NUMBER_MAX, ContactFilterSet, SectionFilterSet
from ..models import ContactEntry, Section
from ..permissions import can_read
from .serializers import ContactSerializer, EditionSerializer, SearchAnswerSerializer, SectionSerializer

TAGS = ["brochure"]
LIST_CACHE_SECONDS = 15 * 60


class IsBrochureReader(BasePermission):
    """An account of no (active) organisation finds no brochure: 404, as on the pages."""

    def has_permission(self, request, view):
        if not can_read(request.user):
            raise exceptions.NotFound
        return True


def _language(request) -> str:
    asked = request.query_params.get("lang", "")
    return asked if asked in LANGUAGES else (translation.get_language() or "nl")


class BrochureListMixin(CachedListMixin):
    """Answered from the cache for every reader who asks the same address in the same language, until the
    brochure changes."""

    permission_classes = [IsAuthenticated, IsBrochureReader]
    list_cache_seconds = LIST_CACHE_SECONDS

    def list_cache_versions(self, request):
        return [BROCHURE]

    def latest(self):
        if not hasattr(self, "_latest"):
            self._latest = selectors.edition_latest_for(user=self.request.user)
        return self._latest

    def edition(self):
        """The edition of ``?edition=`` (a 404 when no published edition has it), else the latest (None when
        nothing is published). A number that is no number is left to the FilterSet, which refuses it (400)."""
        asked = self.request.query_params.get("edition", "")
        if asked.isdigit() and 1 <= int(asked) <= EDITION_NUMBER_MAX:
            return selectors.edition_get_for_user(user=self.request.user, number=asked)
        return self.latest()

    def get_serializer_context(self):
        latest = self.latest()
        return {
            **super().get_serializer_context(),
            "language": _language(self.request),
            "latest_number": latest.number if latest else None,
        }


@extend_schema(tags=TAGS)
class SectionListView(BrochureListMixin, generics.ListAPIView):
    """The sections of the latest published edition (or of `?edition=`) in reading order, in `?lang=` (your
    language by default); a section missing in that language comes in the original (Dutch), marked
    `is_fallback`. Filter by `?tag=` and `?country=`."""

    serializer_class = SectionSerializer
    filterset_class = SectionFilterSet

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Section.objects.none()
        edition = self.edition()
        if edition is None:
            return Section.objects.none()
        return selectors.sections_of(edition=edition).select_related("edition")


@extend_schema(tags=TAGS)
class ContactListView(BrochureListMixin, generics.ListAPIView):
    """The contact points of the latest published edition (or of `?edition=`): organisation, service, telephone,
    secure e-mail and hours, in `?lang=`; filter by `?country=`."""

    serializer_class = ContactSerializer
    filterset_class = ContactFilterSet

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ContactEntry.objects.none()
        edition = self.edition()
        if edition is None:
            return ContactEntry.objects.none()
        return selectors.contacts_of(edition=edition).select_related("edition")


@extend_schema(
    tags=TAGS,
    parameters=[OpenApiParameter("lang", OpenApiTypes.STR, enum=list(LANGUAGES), description="Language of the notes.")],
)
class EditionListView(BrochureListMixin, generics.ListAPIView):
    """The published editions, newest first, with their date, notes and number of sections; the offline reader
    compares the first with the edition it keeps."""

    serializer_class = EditionSerializer
    filterset_class = None
    filter_backends = []

    def get_queryset(self):
        return selectors.edition_list_for(user=self.request.user).annotate(section_count=Count("sections"))

    def list(self, request, *args, **kwargs):
        unknown = sorted(set(request.query_params) - {"lang", "page", "page_size", "format"})
        if unknown:
            raise exceptions.ValidationError({name: [_("Unknown filter.")] for name in unknown})
        return super().list(request, *args, **kwargs)


@extend_schema(
    tags=TAGS,
    parameters=[
        OpenApiParameter(
            "q", OpenApiTypes.STR, description="What to look for; any text (at most 200 characters count)."
        ),
        OpenApiParameter("lang", OpenApiTypes.STR, enum=list(LANGUAGES), description="The language searched first."),
        OpenApiParameter("tag", OpenApiTypes.STR, enum=Tag.values, description="Only sections with this tag."),
        OpenApiParameter("country", OpenApiTypes.STR, enum=MemberCountry.values, description="Only sections about it."),
    ],
    responses=SearchAnswerSerializer,
)
class SearchView(APIView):
    """Search the latest published edition in `?lang=` (your language by default), with that language's
    dictionary; when it has no hit, the other languages are searched and `fallback` says so. At most 20 results,
    best first, with marked excerpts. Any query answers: at worst with no results."""

    permission_classes = [IsAuthenticated, IsBrochureReader]

    def get(self, request):
        latest = selectors.edition_latest_for(user=request.user)
        answer = brochure_search.search(
            edition=latest,
            query=request.query_params.get("q", ""),
            language=_language(request),
            tag=request.query_params.get("tag", ""),
            country=request.query_params.get("country", ""),
        )
        chapter_url = reverse("brochure:chapter", args=["00000000-0000-0000-0000-000000000000"])
        prefix = chapter_url.split("00000000")[0]
        results = [{**row, "url": f"{prefix}{row['chapter_key']}/#s-{row['key']}"} for row in answer["results"]]
        return Response({**answer, "edition": latest.number if latest else None, "results": results})
