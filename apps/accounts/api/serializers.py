from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from knox.models import AuthToken
from rest_framework import serializers

from apps.core.api.serializers import ModelSerializer

from ..choices import Role
from ..models import Country, Organisation, User


class CountrySerializer(ModelSerializer):
    class Meta:
        model = Country
        fields = ["code", "name", "is_member"]


class OrganisationSerializer(ModelSerializer):
    country = serializers.SlugRelatedField(
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text=_("ISO code of the organisation's country; null for a joint Benelux body (the Secretariat-General)."),
    )

    class Meta:
        model = Organisation
        fields = ["id", "name", "short_name", "kind", "country", "email"]


class MeSerializer(ModelSerializer):
    organisation = OrganisationSerializer(read_only=True)
    roles = serializers.SerializerMethodField()
    country = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "first_name",
            "last_name",
            "email",
            "job_title",
            "organisation",
            "country",
            "roles",
            "preferred_language",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=Role.choices)))
    def get_roles(self, user) -> list[str]:
        return sorted(user.roles)

    @extend_schema_field(
        serializers.CharField(
            allow_null=True,
            help_text=_("ISO code of your organisation's country; null for a joint Benelux body or no organisation."),
        )
    )
    def get_country(self, user):
        country = user.country
        return country.code if country is not None else None


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(label=_("Username"), max_length=150)
    password = serializers.CharField(
        label=_("Password"), max_length=128, trim_whitespace=False, style={"input_type": "password"}
    )
    otp_token = serializers.RegexField(
        r"^\d{6}$",
        label=_("Two-factor code"),
        required=False,
        allow_blank=True,
        help_text=_("The six-digit code of your authenticator app, when two-factor authentication applies to you."),
    )


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField(
        help_text=_("Send it as `Authorization: Token <token>`. It is shown only this once: the portal keeps a hash.")
    )
    expires = serializers.DateTimeField(help_text=_("When the token stops working; then ask for a new one."))


class ApiTokenSerializer(ModelSerializer):
    """One of the caller's API tokens: never the token itself, which only its holder knows."""

    token_key = serializers.CharField(
        read_only=True, help_text=_("The token's first characters: enough to tell it apart, never to use it.")
    )
    expires = serializers.DateTimeField(source="expiry", read_only=True, allow_null=True)
    current = serializers.SerializerMethodField(help_text=_("Whether this is the token of this very request."))

    class Meta:
        model = AuthToken
        fields = ["token_key", "created", "expires", "current"]
        read_only_fields = fields

    def get_current(self, token) -> bool:
        request = self.context.get("request")
        return isinstance(getattr(request, "auth", None), AuthToken) and request.auth.pk == token.pk
