from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from apps.core.api.caching import CachedListMixin

from ..caching import DIRECTORY
from ..filtersets import OrganisationFilterSet
from ..selectors import api_token_list_of, api_token_of, country_list, organisation_list_visible_to, user_for_profile
from ..services import api_tokens_end, token_obtain
from . import schema  # noqa: F401 - registers the API token with the OpenAPI schema
from .serializers import (
    ApiTokenSerializer,
    CountrySerializer,
    MeSerializer,
    OrganisationSerializer,
    TokenRequestSerializer,
    TokenResponseSerializer,
)

# The one error shape, as apps/core/api/schema.py describes it under the same name.
ERROR = inline_serializer(
    "Error",
    {
        "detail": serializers.CharField(),
        "errors": serializers.DictField(child=serializers.ListField(child=serializers.CharField())),
    },
)


class TokenObtainView(APIView):
    """Exchange a username and password (and a two-factor code where it applies) for a new API token, valid until
    `expires`. Each call issues another token; list and revoke yours at `/api/v1/auth/tokens`."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"

    @extend_schema(
        request=TokenRequestSerializer,
        responses={
            200: TokenResponseSerializer,
            429: OpenApiResponse(
                ERROR,
                description="Too many attempts from this client, or too many failed log-ins of this user from this "
                "address (locked out for AXES_COOLOFF_MINUTES).",
            ),
        },
        tags=["auth"],
    )
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instance, token = token_obtain(request=request._request, **serializer.validated_data)
        answer = TokenResponseSerializer({"token": token, "expires": instance.expiry})
        return Response(answer.data, status=status.HTTP_200_OK)


@extend_schema(tags=["auth"])
class ApiTokenListView(generics.ListAPIView):
    """Your API tokens that still work, newest first (never another user's, never a token itself)."""

    serializer_class = ApiTokenSerializer

    def get_queryset(self):
        return api_token_list_of(user=self.request.user)


@extend_schema(
    tags=["auth"],
    parameters=[
        OpenApiParameter(
            "token_key",
            str,
            OpenApiParameter.PATH,
            description="The token's first characters (`token_key`).",
            pattern="^[0-9a-f]{15}$",
        )
    ],
)
class ApiTokenRevokeView(generics.GenericAPIView):
    """Revoke one of your API tokens: from now on it authenticates nobody (404 for a token that is not yours)."""

    serializer_class = ApiTokenSerializer

    @extend_schema(responses={204: None})
    def delete(self, request, token_key: str):
        if api_token_of(user=request.user, token_key=token_key) is None:
            raise Http404
        api_tokens_end(
            user=request.user,
            actor=request.user,
            reason="revoked by the owner (API)",
            request=request,
            token_keys=[token_key],
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


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
