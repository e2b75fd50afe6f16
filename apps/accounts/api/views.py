from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from apps.core.api.caching import CachedListMixin

from ..caching import DIRECTORY
from ..filtersets import OrganisationFilterSet
from ..selectors import country_list, organisation_list_visible_to, user_for_profile
from ..services import token_obtain
from .serializers import (
    CountrySerializer,
    MeSerializer,
    OrganisationSerializer,
    TokenRequestSerializer,
    TokenResponseSerializer,
)


class TokenObtainView(APIView):
    """Exchange a username and password (and a two-factor code where it applies) for an API token."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"

    @extend_schema(request=TokenRequestSerializer, responses={200: TokenResponseSerializer}, tags=["auth"])
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        token = token_obtain(request=request._request, **serializer.validated_data)
        return Response({"token": token.key}, status=status.HTTP_200_OK)


class MeView(generics.RetrieveAPIView):
    """The logged-in user: organisation, country, roles and language."""

    serializer_class = MeSerializer

    def get_object(self):
        return user_for_profile(user=self.request.user)


class DirectoryCachedListMixin(CachedListMixin):
    """The same for every logged-in user: cached per language and address until an organisation or country
    changes."""

    def list_cache_versions(self, request):
        return [DIRECTORY]


class CountryListView(DirectoryCachedListMixin, generics.ListAPIView):
    """Countries of Benelux police cooperation: the members first, then partners."""

    serializer_class = CountrySerializer
    pagination_class = None

    def get_queryset(self):
        return country_list()


class OrganisationListView(DirectoryCachedListMixin, generics.ListAPIView):
    """The partners' organisations, filterable by country, kind and name."""

    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilterSet

    def get_queryset(self):
        return organisation_list_visible_to(user=self.request.user)


class OrganisationDetailView(generics.RetrieveAPIView):
    serializer_class = OrganisationSerializer

    def get_queryset(self):
        return organisation_list_visible_to(user=self.request.user)
