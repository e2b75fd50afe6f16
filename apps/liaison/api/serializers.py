"""What the liaison API answers. Officers and postings are models; a country's coverage is plain data made by the
selectors (the same rows the pages show), described field by field here for the OpenAPI schema."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.core.api.serializers import ModelSerializer

from ..choices import LANGUAGE_CODES, Coverage, CoverageKind, DeskKind, DeskOperator, FocusArea, SendingCountry
from ..models import Accreditation, Desk, LiaisonOfficer, Posting
from ..selectors import is_stale


class OfficerContactSerializer(serializers.Serializer):
    email = serializers.CharField()
    phone = serializers.CharField()
    mobile = serializers.CharField()


class DeskSerializer(ModelSerializer):
    country = serializers.CharField(source="country.code", help_text=_("ISO 3166-1 alpha-2 code."))

    class Meta:
        model = Desk
        fields = ["id", "name", "kind", "run_by", "country", "city", "covers_host_country", "is_pilot"]
        read_only_fields = fields


class AccreditationSerializer(ModelSerializer):
    country = serializers.CharField(source="country.code", help_text=_("ISO 3166-1 alpha-2 code."))

    class Meta:
        model = Accreditation
        fields = ["country", "starts_on", "ends_on"]
        read_only_fields = fields


class CurrentPostingSerializer(ModelSerializer):
    """A posting running today, with the countries the officer is accredited to from it today."""

    desk = DeskSerializer(read_only=True)
    accredited_countries = serializers.SerializerMethodField()

    class Meta:
        model = Posting
        fields = ["id", "desk", "function", "starts_on", "ends_on", "focus_areas", "accredited_countries"]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_accredited_countries(self, posting) -> list[str]:
        return sorted(row.country.code for row in posting.accreditations.all())


class OfficerSerializer(ModelSerializer):
    """An officer with their postings running today; ``contact`` is null for users who are not police users."""

    name = serializers.CharField(source="full_name")
    languages = serializers.ListField(child=serializers.ChoiceField(choices=LANGUAGE_CODES))
    contact = serializers.SerializerMethodField()
    stale = serializers.SerializerMethodField()
    has_account = serializers.SerializerMethodField()
    current_postings = CurrentPostingSerializer(many=True, read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = LiaisonOfficer
        fields = [
            "id",
            "name",
            "first_name",
            "last_name",
            "rank",
            "sending_country",
            "languages",
            "contact",
            "confirmed_at",
            "stale",
            "has_account",
            "current_postings",
            "url",
        ]
        read_only_fields = fields

    @extend_schema_field(OfficerContactSerializer(allow_null=True))
    def get_contact(self, officer) -> dict | None:
        if not self.context.get("contacts"):
            return None
        return {"email": officer.email, "phone": officer.phone, "mobile": officer.mobile}

    @extend_schema_field(serializers.BooleanField())
    def get_stale(self, officer) -> bool:
        return is_stale(officer.confirmed_at, now=self.context["now"])

    @extend_schema_field(serializers.BooleanField())
    def get_has_account(self, officer) -> bool:
        return officer.user_id is not None

    @extend_schema_field(serializers.CharField())
    def get_url(self, officer) -> str:
        return reverse("liaison:officer", args=[officer.pk])


class PostingOfficerSerializer(ModelSerializer):
    name = serializers.CharField(source="full_name")

    class Meta:
        model = LiaisonOfficer
        fields = ["id", "name", "sending_country"]
        read_only_fields = fields


class PostingSerializer(ModelSerializer):
    """A posting with every accreditation it has had (ended ones too: the history)."""

    officer = PostingOfficerSerializer(read_only=True)
    desk = DeskSerializer(read_only=True)
    accreditations = AccreditationSerializer(many=True, read_only=True)

    class Meta:
        model = Posting
        fields = ["id", "officer", "desk", "function", "starts_on", "ends_on", "focus_areas", "accreditations"]
        read_only_fields = fields


# Coverage --------------------------------------------------------------------------------------------------------


class CoverageOfficerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    rank = serializers.CharField()
    sending_country = serializers.ChoiceField(choices=SendingCountry.choices)
    languages = serializers.ListField(child=serializers.ChoiceField(choices=LANGUAGE_CODES))
    confirmed_on = serializers.DateField(allow_null=True, help_text=_("The day the record was last confirmed."))
    stale = serializers.BooleanField(help_text=_("Not confirmed by the officer for 180 days."))
    contact = OfficerContactSerializer(allow_null=True, help_text=_("Null for users who are not police users."))


class CoverageDeskSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=DeskKind.choices)
    run_by = serializers.ChoiceField(choices=DeskOperator.choices)
    country = serializers.CharField()
    city = serializers.CharField()
    is_pilot = serializers.BooleanField()


class CoveragePostingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    function = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(allow_null=True)
    focus_areas = serializers.ListField(child=serializers.ChoiceField(choices=FocusArea.choices))


class BackupSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class CoverageAbsenceSerializer(serializers.Serializer):
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    current = serializers.BooleanField(help_text=_("The officer is away on the day asked for."))
    backup = BackupSerializer(allow_null=True)


class CoverageEntrySerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CoverageKind.choices)
    officer = CoverageOfficerSerializer()
    desk = CoverageDeskSerializer()
    posting = CoveragePostingSerializer()
    absences = CoverageAbsenceSerializer(many=True, help_text=_("Going on, or starting within 90 days."))


class CoverageSerializer(serializers.Serializer):
    """One ISO 3166 country and who covers it on the day asked for (today by default)."""

    country = serializers.CharField(help_text=_("ISO 3166-1 alpha-2 code."))
    name = serializers.CharField(help_text=_("The country's name in the language of the request."))
    status = serializers.ChoiceField(choices=Coverage.choices)
    priority = serializers.BooleanField()
    priority_reason = serializers.CharField()
    last_confirmed_on = serializers.DateField(allow_null=True)
    officers = CoverageEntrySerializer(many=True)


class CoverageQuerySerializer(serializers.Serializer):
    """The filters of the coverage endpoints."""

    country = serializers.CharField(required=False, max_length=2, help_text=_("ISO code, e.g. CO."))
    focus = serializers.ChoiceField(choices=FocusArea.choices, required=False)
    sending_country = serializers.ChoiceField(choices=SendingCountry.choices, required=False)
    uncovered = serializers.BooleanField(required=False, allow_null=True, default=None)
    date = serializers.DateField(required=False, help_text=_("Coverage on this day (the history); today by default."))

    def validate_country(self, value):
        from ..services import country_code

        code = country_code(value)
        if not code:
            raise serializers.ValidationError(_("Unknown country code: %(code)s.") % {"code": value[:10]})
        return code

    def validate_date(self, value):
        if not 1900 <= value.year <= 2199:
            raise serializers.ValidationError(
                _("Give a date between %(first)s and %(last)s.") % {"first": 1900, "last": 2199}
            )
        return value
