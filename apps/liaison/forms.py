"""Input of the pages; the services check the business rules again and save (or refuse the whole of it)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from apps.accounts.choices import Role
from apps.accounts.models import User
from apps.core.forms import DateInput, SectionsMixin

from .choices import LANGUAGE_CHOICES, DeskKind, DeskOperator, FocusArea, SendingCountry
from .models import Desk, LiaisonOfficer


def country_choices(blank: str | None = None) -> list[tuple[str, str]]:
    """Every ISO 3166 country, by its name in the reader's language."""
    found = [(country.code, country.name) for country in countries]
    return [("", blank), *found] if blank is not None else found


class CountryChoiceField(forms.ChoiceField):
    """An ISO 3166 country by its code; an unknown code is refused with its own message."""

    default_error_messages = {"invalid_choice": _("Unknown country code: %(value)s.")}

    def __init__(self, *, blank: str | None = None, **kwargs):
        super().__init__(choices=lambda: country_choices(blank), **kwargs)

    def to_python(self, value):
        return super().to_python(value).strip().upper()


class CountriesField(forms.MultipleChoiceField):
    default_error_messages = {"invalid_choice": _("Unknown country code: %(value)s.")}

    def __init__(self, **kwargs):
        super().__init__(choices=country_choices, **kwargs)

    def to_python(self, value):
        return [str(item).strip().upper() for item in super().to_python(value)]


class OfficerForm(SectionsMixin, forms.Form):
    """An officer's record. Coordinators also choose the sending country and the portal account."""

    sections = (
        (_("The officer"), ("first_name", "last_name", "rank", "languages", "sending_country", "user")),
        (_("Secure contact details"), ("email", "phone", "mobile")),
    )

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    rank = forms.CharField(label=_("Rank or title"), max_length=100, required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=LANGUAGE_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    email = forms.EmailField(label=_("Secure e-mail address"), required=False)
    phone = forms.CharField(label=_("Office telephone"), max_length=40, required=False)
    mobile = forms.CharField(label=_("Mobile telephone"), max_length=40, required=False)

    def __init__(self, *args, coordinator_countries=(), **kwargs):
        super().__init__(*args, **kwargs)
        if coordinator_countries:
            self.fields["sending_country"] = forms.ChoiceField(
                label=_("Sending country"),
                choices=[(value, label) for value, label in SendingCountry.choices if value in coordinator_countries],
            )
            self.fields["user"] = forms.ModelChoiceField(
                label=_("Portal account"),
                queryset=User.objects.filter(groups__name=Role.LIAISON_OFFICER, is_active=True).order_by("username"),
                to_field_name="username",
                required=False,
                help_text=_("The officer's own log-in, with which they keep this record current."),
            )

    @staticmethod
    def initial_for(officer: LiaisonOfficer) -> dict:
        fields = ["first_name", "last_name", "rank", "languages", "email", "phone", "mobile", "sending_country"]
        initial = {name: getattr(officer, name) for name in fields}
        initial["user"] = officer.user.username if officer.user_id else None
        return initial


class PostingForm(SectionsMixin, forms.Form):
    sections = (
        (_("The posting"), ("desk", "function", "starts_on", "ends_on")),
        (_("What it covers"), ("focus_areas", "accredited_countries")),
    )

    desk = forms.ModelChoiceField(
        label=_("Desk"),
        queryset=Desk.objects.filter(is_active=True).order_by("country", "city", "pk"),
        help_text=_("The embassy, mission or desk; ask your coordinator to add a missing one."),
    )
    function = forms.CharField(
        label=_("Function"), max_length=100, required=False, help_text=_("E.g. Police liaison officer, deputy.")
    )
    starts_on = forms.DateField(label=_("Start"), widget=DateInput())
    ends_on = forms.DateField(
        label=_("End"), required=False, widget=DateInput(), help_text=_("Leave empty while it is not known.")
    )
    focus_areas = forms.MultipleChoiceField(
        label=_("Focus areas"), choices=FocusArea.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    accredited_countries = CountriesField(
        label=_("Also accredited to"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("The countries you cover besides the host country. Hold Ctrl (⌘ on a Mac) to choose several."),
    )


class AbsenceForm(SectionsMixin, forms.Form):
    starts_on = forms.DateField(label=_("First day"), widget=DateInput())
    ends_on = forms.DateField(label=_("Last day"), widget=DateInput())
    backup = forms.ModelChoiceField(
        label=_("Backup"),
        queryset=LiaisonOfficer.objects.none(),
        required=False,
        help_text=_("The liaison officer who covers meanwhile."),
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, officer: LiaisonOfficer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["backup"].queryset = LiaisonOfficer.objects.exclude(pk=officer.pk).order_by(
            "last_name", "first_name"
        )


class DeskForm(SectionsMixin, forms.Form):
    sections = (
        (
            _("Name"),
            tuple(f"name_{code}" for code, _name in settings.LANGUAGES),
            _("In at least one language; the others fall back to it."),
        ),
        (_("Where"), ("kind", "run_by", "country", "city", "address")),
        (_("Coverage"), ("covers_host_country", "is_pilot", "is_active")),
    )

    kind = forms.ChoiceField(label=_("Kind"), choices=DeskKind.choices)
    run_by = forms.ChoiceField(label=_("Run by"), choices=DeskOperator.choices)
    country = CountryChoiceField(label=_("Country"))
    city = forms.CharField(label=_("City"), max_length=100)
    covers_host_country = forms.BooleanField(
        label=_("Covers the host country"),
        required=False,
        initial=True,
        help_text=_("Off for desks at an international organisation: an LO at Europol does not cover the Netherlands."),
    )
    is_pilot = forms.BooleanField(label=_("Pilot project"), required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args, operators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["run_by"].choices = [(v, label) for v, label in DeskOperator.choices if v in operators]
        for code, name in settings.LANGUAGES:
            self.fields[f"name_{code}"] = forms.CharField(
                label=_("Name (%(language)s)") % {"language": name}, max_length=200, required=False
            )

    @staticmethod
    def initial_for(desk: Desk) -> dict:
        names = ["kind", "run_by", "city", "covers_host_country", "is_pilot", "address", "is_active"]
        initial = {name: getattr(desk, name) for name in names}
        initial["country"] = desk.country.code
        for code, _name in settings.LANGUAGES:
            initial[f"name_{code}"] = getattr(desk, f"name_{code}")
        return initial


class CoverageFilterForm(forms.Form):
    """The filters of the map and of ``/api/v1/coverage``: focus area, sending country, day (history)."""

    focus = forms.ChoiceField(
        label=_("Focus area"), choices=[("", _("All focus areas")), *FocusArea.choices], required=False
    )
    sending_country = forms.ChoiceField(
        label=_("Sending country"),
        choices=[("", _("Belgium and the Netherlands")), *SendingCountry.choices],
        required=False,
    )
    date = forms.DateField(label=_("On (empty: today)"), required=False, widget=DateInput())
