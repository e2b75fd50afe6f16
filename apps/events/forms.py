from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Country, Organisation
from apps.core.forms import DATETIME_FORMAT, DateInput, LocalDateTimeInput, SectionsMixin

from . import recurrence
from .choices import COUNTRY_TIME_ZONES, EventKind, EventTimeZone, RiskLevel, Visibility

LANGUAGE_NAMES = dict(settings.LANGUAGES)


KEEP_RULE = "keep"
REPEAT_CHOICES = [
    ("", _("Does not repeat")),
    ("DAILY", _("Daily")),
    ("WEEKLY", _("Weekly")),
    ("MONTHLY", _("Monthly, on the same day")),
    ("YEARLY", _("Yearly, on the same date")),
]
END_CHOICES = [
    ("never", _("No end")),
    ("until", _("On a day")),
    ("count", _("After a number of times")),
]
WEEKDAY_CHOICES = [
    ("MO", _("Monday")),
    ("TU", _("Tuesday")),
    ("WE", _("Wednesday")),
    ("TH", _("Thursday")),
    ("FR", _("Friday")),
    ("SA", _("Saturday")),
    ("SU", _("Sunday")),
]
REPEAT_FIELDS = ("repeat", "repeat_interval", "repeat_weekdays", "repeat_end", "repeat_until", "repeat_count")


class EventForm(SectionsMixin, forms.Form):
    """Input of the add and edit pages; the service checks the business rules again and saves.

    The repetition is asked by a recurrence builder (how often, every how many, on which weekdays, until when), which
    ``clean`` turns into a ``recurrence.Pattern`` (``cleaned_data["recurrence"]``; None: a single event). An existing
    rule the builder cannot express (the last Friday of July) is shown as it is and kept (``KEEP_RULE``: no
    ``recurrence`` in the cleaned data) unless another repetition is chosen.
    """

    sections = (
        (_("What and where"), ("kind", "country")),
        (
            _("Place"),
            tuple(f"place_{code}" for code in LANGUAGE_NAMES),
            _("Venue and town (e.g. Rue de la Loi, Brussels), in at least one language; the others fall back to it."),
        ),
        (_("When"), ("starts_at", "ends_at", "time_zone")),
        (_("Crowd and risk"), ("expected_attendance", "risk_level", "assistance_expected", "organiser")),
    )
    # Where the services' refusals of fields that the form asks differently are shown.
    ERROR_FIELDS = {"recurrence": "repeat", "recurrence_rule": "repeat"}

    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.order_by("-is_member", "code"),
        to_field_name="code",
        error_messages={"invalid_choice": _("Unknown country: choose one of the list.")},
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
    shared_with = forms.ModelMultipleChoiceField(
        label=_("Partner countries"),
        queryset=Country.objects.order_by("-is_member", "code"),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Who sees the event besides the organiser's country, when it is shared with chosen partners."),
        error_messages={"invalid_choice": _("Unknown country: choose one of the list.")},
    )
    repeat = forms.ChoiceField(label=_("Repeats"), choices=REPEAT_CHOICES, required=False)
    repeat_interval = forms.IntegerField(
        label=_("Every how many"),
        min_value=1,
        max_value=recurrence.MAX_INTERVAL,
        required=False,
        initial=1,
        help_text=_("1: every day, week, month or year; 2: every other one; and so on."),
        error_messages={"min_value": _("Repeat at least every 1."), "max_value": _("Repeat at most every 100.")},
    )
    repeat_weekdays = forms.MultipleChoiceField(
        label=_("On the days"),
        choices=WEEKDAY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For a weekly series; none chosen: the weekday of the start."),
    )
    repeat_end = forms.ChoiceField(
        label=_("Ends"), choices=END_CHOICES, required=False, initial="never", widget=forms.RadioSelect
    )
    repeat_until = forms.DateField(
        label=_("Last day"),
        required=False,
        widget=DateInput(),
        help_text=_("Included; in the event's time zone."),
        error_messages={"invalid": _("Give a date, e.g. 2030-12-31.")},
    )
    repeat_count = forms.IntegerField(
        label=_("Number of times"),
        min_value=1,
        max_value=recurrence.MAX_COUNT,
        required=False,
        error_messages={
            "min_value": _("A series has at least one occurrence."),
            "max_value": _("A series has at most 1000 occurrences."),
        },
    )

    def __init__(self, *args, can_choose_organiser=False, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        # An existing rule the builder cannot express: shown as it is, and kept unless another repetition is chosen.
        self.kept_rule = ""
        if event is not None and event.recurrence_rule:
            pattern = recurrence.pattern_of(event.recurrence_rule, starts_at=event.starts_at, time_zone=event.time_zone)
            if pattern is None:
                self.kept_rule = event.recurrence_rule
                self.fields["repeat"].choices = [(KEEP_RULE, _("As now (see the rule below)")), *REPEAT_CHOICES]
        for code, name in settings.LANGUAGES:
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title (%(language)s)") % {"language": name}, max_length=200, required=False
            )
        for code, name in settings.LANGUAGES:
            self.fields[f"place_{code}"] = forms.CharField(
                label=_("Place (%(language)s)") % {"language": name}, max_length=200, required=False
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

    def shown_apart(self):
        apart = ("title_", "description_", "repeat", "shared_with", "visibility")
        return {name for name in self.fields if name.startswith(apart)}

    def repeat_fields(self):
        return [self[name] for name in REPEAT_FIELDS]

    def clean(self):
        cleaned = super().clean()
        if not any((cleaned.get(f"title_{code}") or "").strip() for code in LANGUAGE_NAMES):
            self.add_error(None, _("Give the title in at least one language."))
        if not any((cleaned.get(f"place_{code}") or "").strip() for code in LANGUAGE_NAMES):
            self.add_error(None, _("Give the place in at least one language."))
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
        if cleaned.get("visibility") != Visibility.PARTNERS:
            cleaned["shared_with"] = []  # ticked, then another visibility chosen: the choice of visibility wins
        self._clean_recurrence(cleaned)
        return cleaned

    def _clean_recurrence(self, cleaned) -> None:
        """The builder's fields as a ``recurrence.Pattern`` in ``cleaned["recurrence"]`` (None: a single event; left
        out: the rule is kept as it is)."""
        frequency = cleaned.get("repeat") or ""
        if frequency == KEEP_RULE:
            return
        if not frequency:
            cleaned["recurrence"] = None
            return
        end = cleaned.get("repeat_end") or "never"
        until = cleaned.get("repeat_until") if end == "until" else None
        count = cleaned.get("repeat_count") if end == "count" else None
        if end == "until" and until is None and "repeat_until" not in self.errors:
            self.add_error("repeat_until", _("Give the last day of the series."))
        if end == "count" and count is None and "repeat_count" not in self.errors:
            self.add_error("repeat_count", _("Give the number of times."))
        starts_at = cleaned.get("starts_at")
        if until is not None and starts_at is not None and until < starts_at.date():
            self.add_error("repeat_until", _("The last day cannot be before the event's start."))
        weekdays = tuple(cleaned.get("repeat_weekdays") or ()) if frequency == "WEEKLY" else ()
        cleaned["recurrence"] = recurrence.Pattern(
            frequency=frequency,
            interval=cleaned.get("repeat_interval") or 1,
            weekdays=weekdays,
            until=until,
            count=count,
        )

    @classmethod
    def initial_for(cls, event) -> dict:
        zone = ZoneInfo(event.time_zone)
        initial = {
            "kind": event.kind,
            "country": event.country.code,
            "starts_at": event.starts_at.astimezone(zone).strftime(DATETIME_FORMAT),
            "ends_at": event.ends_at.astimezone(zone).strftime(DATETIME_FORMAT),
            "time_zone": event.time_zone,
            "expected_attendance": event.expected_attendance,
            "risk_level": event.risk_level,
            "organiser": event.organiser_id,
            "assistance_expected": event.assistance_expected,
            "visibility": event.visibility,
            "shared_with": [share.country.code for share in event.shares.select_related("country")],
            **cls.initial_repeat(event),
        }
        for code in LANGUAGE_NAMES:
            initial[f"title_{code}"] = getattr(event, f"title_{code}") or ""
            initial[f"description_{code}"] = getattr(event, f"description_{code}") or ""
            initial[f"place_{code}"] = getattr(event, f"place_{code}") or ""
        return initial

    @staticmethod
    def initial_repeat(event) -> dict:
        """The builder's fields for the event's rule (``KEEP_RULE`` for one it cannot express)."""
        if not event.recurrence_rule:
            return {"repeat": "", "repeat_interval": 1, "repeat_end": "never"}
        pattern = recurrence.pattern_of(event.recurrence_rule, starts_at=event.starts_at, time_zone=event.time_zone)
        if pattern is None:
            return {"repeat": KEEP_RULE, "repeat_interval": 1, "repeat_end": "never"}
        end = "until" if pattern.until else "count" if pattern.count else "never"
        return {
            "repeat": pattern.frequency,
            "repeat_interval": pattern.interval,
            "repeat_weekdays": list(pattern.weekdays),
            "repeat_end": end,
            "repeat_until": pattern.until,
            "repeat_count": pattern.count,
        }

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
