from django.conf import settings
from django.contrib.postgres.fields import DateTimeRangeField
from django.contrib.postgres.indexes import GistIndex
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Func, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.accounts.models import Country, Organisation
from apps.core.text import multi_line_text, single_line_text

from .choices import EventKind, EventTimeZone, RiskLevel, Visibility


def event_span():
    """``tstzrange(starts_at, ends_at)``: the expression of the GiST index that answers month and week queries."""
    return Func(F("starts_at"), F("ends_at"), function="tstzrange", output_field=DateTimeRangeField())


class Event(models.Model):
    """A planned large-scale event or joint training for which cross-border assistance may be needed.

    ``starts_at`` and ``ends_at`` are aware datetimes (stored in UTC); ``time_zone`` is the zone the event
    happens in, used to show it and to repeat it (a recurring event keeps its local wall-clock time).
    A recurring event is stored once, with an RFC 5545 ``recurrence_rule``; ``starts_at``/``ends_at`` are its
    first occurrence and ``recurrence_ends_at`` the end of its last one (empty while it repeats for ever).
    """

    title = models.CharField(_("title"), max_length=200, validators=[single_line_text])
    description = models.TextField(_("description"), blank=True, validators=[multi_line_text])
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="events")
    place = models.CharField(
        _("place"),
        max_length=200,
        help_text=_("Venue and town, e.g. Rue de la Loi, Brussels."),
        validators=[single_line_text],
    )
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    time_zone = models.CharField(
        _("time zone"), max_length=40, choices=EventTimeZone.choices, default=EventTimeZone.BRUSSELS
    )
    expected_attendance = models.IntegerField(
        _("expected attendance"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    risk_level = models.CharField(_("risk level"), max_length=10, choices=RiskLevel.choices, default=RiskLevel.MEDIUM)
    organiser = models.ForeignKey(
        Organisation, verbose_name=_("organiser"), on_delete=models.PROTECT, related_name="organised_events"
    )
    assistance_expected = models.BooleanField(_("cross-border assistance expected"), default=False)
    visibility = models.CharField(
        _("visible to"), max_length=10, choices=Visibility.choices, default=Visibility.ALL_PARTNERS
    )
    shared_with = models.ManyToManyField(
        Country,
        verbose_name=_("shared with"),
        through="EventShare",
        related_name="shared_events",
        blank=True,
        help_text=_("The partner countries that see the event besides the organiser's own (visibility: chosen)."),
    )
    recurrence_rule = models.CharField(
        _("recurrence rule"),
        max_length=300,
        blank=True,
        help_text=_("An iCalendar RRULE, e.g. FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=27. Leave empty for a single event."),
    )
    recurrence_ends_at = models.DateTimeField(_("last occurrence ends"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Audit history: registered in translation.py, after the translated fields exist.

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_it_starts"),
            models.CheckConstraint(
                condition=Q(expected_attendance__isnull=True) | Q(expected_attendance__gte=0),
                name="event_attendance_not_negative",
            ),
            models.CheckConstraint(condition=Q(kind__in=EventKind.values), name="event_kind_valid"),
            models.CheckConstraint(condition=Q(risk_level__in=RiskLevel.values), name="event_risk_level_valid"),
            models.CheckConstraint(condition=Q(visibility__in=Visibility.values), name="event_visibility_valid"),
            models.CheckConstraint(condition=Q(time_zone__in=EventTimeZone.values), name="event_time_zone_valid"),
            models.CheckConstraint(
                condition=Q(recurrence_ends_at__isnull=True) | ~Q(recurrence_rule=""),
                name="event_recurrence_end_needs_rule",
            ),
        ]
        indexes = [
            # One-off events overlapping a month or a week: tstzrange(starts_at, ends_at) && [from, to).
            GistIndex(event_span(), name="event_span_gist"),
            # Recurring series are few; they are found by their first start and expanded in Python.
            models.Index(fields=["starts_at"], condition=~Q(recurrence_rule=""), name="event_recurring_start_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", args=[self.pk])

    @property
    def is_recurring(self) -> bool:
        return bool(self.recurrence_rule)

    @property
    def is_training(self) -> bool:
        return self.kind == EventKind.TRAINING


class EventShare(models.Model):
    """A partner country an event is shared with, when its visibility is ``Visibility.PARTNERS``: the users of that
    country see the event (pages, feeds, API, and the link of an assistance request to it) as the organiser's do.

    A row per country (not a comma string): the visibility rule asks "is there a share of this event with my
    country?" through the index of (country, event)."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="shares")
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="event_shares"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("event shared with a country")
        verbose_name_plural = _("events shared with countries")
        ordering = ["country__code"]
        constraints = [models.UniqueConstraint(fields=["country", "event"], name="event_share_once_per_country")]

    def __str__(self):
        return f"{self.event} – {self.country}"


class TrainingRegistration(models.Model):
    """One country's participants in a joint training ("zonder zorgen de grens over")."""

    event = models.ForeignKey(Event, verbose_name=_("training"), on_delete=models.CASCADE, related_name="registrations")
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="training_registrations"
    )
    participants = models.PositiveSmallIntegerField(_("participants"), validators=[MinValueValidator(1)])
    contact_name = models.CharField(_("contact person"), max_length=120)
    contact_email = models.EmailField(_("contact e-mail address"), blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("training registration")
        verbose_name_plural = _("training registrations")
        ordering = ["country__code"]
        constraints = [
            models.UniqueConstraint(fields=["event", "country"], name="training_registration_one_per_country"),
            models.CheckConstraint(condition=Q(participants__gte=1), name="training_registration_participants"),
        ]

    def __str__(self):
        return f"{self.event} – {self.country}"


class CalendarFeedToken(models.Model):
    """The secret in a user's personal calendar feed URL; revoked tokens stay (without effect) for the record."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="calendar_feed_tokens",
    )
    key = models.CharField(_("key"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    # The key itself never goes into the history: the history is readable by administrators.
    history = HistoricalRecords(excluded_fields=["key"])

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(revoked_at__isnull=True), name="calendar_feed_one_active_token_per_user"
            ),
        ]

    def __str__(self):
        return str(self.user)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
