from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Country, Organisation

from .choices import COUNTRY_TIME_ZONES, EventKind, EventTimeZone, RiskLevel, Visibility

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
LANGUAGE_NAMES = dict(settings.LANGUAGES)


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=DATETIME_FORMAT)


class EventForm(forms.Form):
    """Input of the add and edit pages; the service checks the business rules again and saves."""

    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.order_by("-is_member", "code"),
        to_field_name="code",
        error_messages={"invalid_choice": _("Unknown country: choose one of the list.")},
    )
    place = forms.CharField(
        label=_("Place"), max_length=200, help_text=_("Venue and town, e.g. Rue de la Loi, Brussels.")
    )
    starts_at = forms.DateTimeField(label=_("Start"), widget=LocalDateTimeInput())
    ends_at = forms.DateTimeField(label=_("End"), widget=LocalDateTimeInput())
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=EventTimeZone.choices,
        help_text=_("Start and end are read in this time zone."),
    )
    expected_attendance = forms.IntegerField(
        label=_("Expected attendance"),
        required=False,
        min_value=0,
        max_value=10_000_000,
        error_messages={"min_value": _("The expected attendance cannot be below zero.")},
    )
    risk_level = forms.ChoiceField(label=_("Risk level"), choices=RiskLevel.choices, initial=RiskLevel.MEDIUM)
    organiser = forms.ModelChoiceField(
        label=_("Organiser"),
        queryset=Organisation.objects.filter(is_active=True).select_related("country"),
        required=False,
        help_text=_("Left empty: your own organisation."),
    )
    assistance_expected = forms.BooleanField(label=_("Cross-border assistance expected"), required=False)
    visibility = forms.ChoiceField(
        label=_("Visible to"),
        choices=Visibility.choices,
        initial=Visibility.ALL_PARTNERS,
        widget=forms.RadioSelect,
    )
    recurrence_rule = forms.CharField(
        label=_("Recurrence rule"),
        required=False,
        max_length=300,
        help_text=_(
            "Optional, as an iCalendar RRULE: FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=27 (each 27 April), "
            "FREQ=WEEKLY;COUNT=6 (six weeks), FREQ=YEARLY;UNTIL=20301231 (until the end of 2030)."
        ),
    )

    def __init__(self, *args, can_choose_organiser=False, **kwargs):
        super().__init__(*args, **kwargs)
        for code, name in settings.LANGUAGES:
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title (%(language)s)") % {"language": name}, max_length=200, required=False
            )
        for code, name in settings.LANGUAGES:
            self.fields[f"description_{code}"] = forms.CharField(
                label=_("Description (%(language)s)") % {"language": name},
                required=False,
                max_length=10_000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        if not can_choose_organiser:
            del self.fields["organiser"]
        order = [f"title_{code}" for code in LANGUAGE_NAMES] + list(self.fields)
        self.order_fields(order)

    def title_fields(self):
        return [self[f"title_{code}"] for code in LANGUAGE_NAMES]

    def description_fields(self):
        return [self[f"description_{code}"] for code in LANGUAGE_NAMES]

    def other_fields(self):
        return [field for field in self if not field.name.startswith(("title_", "description_"))]

    def clean(self):
        cleaned = super().clean()
        if not any((cleaned.get(f"title_{code}") or "").strip() for code in LANGUAGE_NAMES):
            self.add_error(None, _("Give the title in at least one language."))
        zone_name = cleaned.get("time_zone")
        if zone_name:
            zone = ZoneInfo(zone_name)
            # The browser sends wall-clock times: read them in the event's own time zone.
            for name in ("starts_at", "ends_at"):
                value = cleaned.get(name)
                if value is not None:
                    cleaned[name] = timezone.make_naive(value).replace(tzinfo=zone)
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The event must end after it starts."))
        return cleaned

    @classmethod
    def initial_for(cls, event) -> dict:
        zone = ZoneInfo(event.time_zone)
        initial = {
            "kind": event.kind,
            "country": event.country.code,
            "place": event.place,
            "starts_at": event.starts_at.astimezone(zone).strftime(DATETIME_FORMAT),
            "ends_at": event.ends_at.astimezone(zone).strftime(DATETIME_FORMAT),
            "time_zone": event.time_zone,
            "expected_attendance": event.expected_attendance,
            "risk_level": event.risk_level,
            "organiser": event.organiser_id,
            "assistance_expected": event.assistance_expected,
            "visibility": event.visibility,
            "recurrence_rule": event.recurrence_rule,
        }
        for code in LANGUAGE_NAMES:
            initial[f"title_{code}"] = getattr(event, f"title_{code}") or ""
            initial[f"description_{code}"] = getattr(event, f"description_{code}") or ""
        return initial

    @staticmethod
    def initial_for_user(user) -> dict:
        country = user.organisation.country if user.organisation_id else None
        if country is None:
            return {}
        return {"country": country.code, "time_zone": COUNTRY_TIME_ZONES.get(country.code, EventTimeZone.BRUSSELS)}


class TrainingRegistrationForm(forms.Form):
    participants = forms.IntegerField(
        label=_("Participants"),
        min_value=1,
        max_value=500,
        error_messages={"min_value": _("Register at least one participant.")},
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=120)
    contact_email = forms.EmailField(label=_("Contact e-mail address"), required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
