"""The liaison officer network: desks abroad, officers, their postings, accreditations and absences.

Countries are ISO 3166-1 alpha-2 codes of django-countries (``CountryField``, every country with its name in the
reader's language), not ``accounts.Country``, which holds the portal's member and partner countries only. A
posting's or a priority's country is one column; the countries an officer is accredited to are rows of their own
(``Accreditation``), never django-countries' ``multiple=True`` comma string: coverage is queried by country.

Coverage on a day: a posting at a desk that ``covers_host_country`` makes its officer *resident* in the desk's
country, each accreditation of a posting running that day makes them *accredited* to its country.
"""

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, DateRangeField, RangeOperators
from django.db import models
from django.db.models import F, Func, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from apps.core.text import single_line_text

from .choices import (
    LANGUAGE_CHOICES,
    STALE_AFTER_DAYS,
    DeskKind,
    DeskOperator,
    FocusArea,
    SendingCountry,
    language_name,
)


def date_span(start: str, end: str):
    """``daterange(start, end, '[]')``: the days from ``start`` to ``end`` inclusive (open when ``end`` is null)."""
    return Func(F(start), F(end), models.Value("[]"), function="daterange", output_field=DateRangeField())


class Desk(models.Model):
    """A place abroad where liaison officers work: an embassy or mission of Belgium or the Netherlands (the Belgian
    embassy in Bogotá, the Dutch embassy in Brasília), a joint Benelux desk (run by both, a pilot or not), or the
    LO desks at an international organisation (Europol in The Hague), which cover no country by residence."""

    name = models.CharField(
        _("name"),
        max_length=200,
        validators=[single_line_text],
        help_text=_("E.g. Embassy of Belgium in Bogotá."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DeskKind.choices, default=DeskKind.EMBASSY)
    run_by = models.CharField(_("run by"), max_length=3, choices=DeskOperator.choices)
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=100, validators=[single_line_text])
    covers_host_country = models.BooleanField(
        _("covers the host country"),
        default=True,
        help_text=_("Off for desks at an international organisation: an LO at Europol does not cover the Netherlands."),
    )
    is_pilot = models.BooleanField(_("pilot project"), default=False)
    address = models.CharField(_("address"), max_length=300, blank=True, validators=[single_line_text])
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Audit history: registered in translation.py, after the translated fields exist.

    class Meta:
        verbose_name = _("desk")
        verbose_name_plural = _("desks")
        ordering = ["country", "city", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=DeskKind.values), name="liaison_desk_kind_valid"),
            models.CheckConstraint(condition=Q(run_by__in=DeskOperator.values), name="liaison_desk_run_by_valid"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("liaison:desk", args=[self.pk])

    @property
    def is_joint(self) -> bool:
        return self.run_by == DeskOperator.BENELUX


class LiaisonOfficer(models.Model):
    """A police liaison officer of Belgium or the Netherlands, with languages and contact details.

    ``user`` is their portal account, when they have one: the officer keeps their own record current through it
    and confirms it (``confirmed_at``); the coordinators of their country keep the others'. A record not confirmed
    by its officer for ``STALE_AFTER_DAYS`` days is stale.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("portal account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="liaison_officer",
    )
    first_name = models.CharField(_("first name"), max_length=100, validators=[single_line_text])
    last_name = models.CharField(_("last name"), max_length=100, validators=[single_line_text])
    sending_country = models.CharField(_("sending country"), max_length=2, choices=SendingCountry.choices)
    rank = models.CharField(_("rank or title"), max_length=100, blank=True, validators=[single_line_text])
    languages = ArrayField(
        models.CharField(max_length=7, choices=LANGUAGE_CHOICES), verbose_name=_("languages"), default=list, blank=True
    )
    email = models.EmailField(_("secure e-mail address"), blank=True)
    phone = models.CharField(_("office telephone"), max_length=40, blank=True, validators=[single_line_text])
    mobile = models.CharField(_("mobile telephone"), max_length=40, blank=True, validators=[single_line_text])
    confirmed_at = models.DateTimeField(_("last confirmed"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reminded_at = models.DateTimeField(_("last reminded"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["reminded_at"])

    class Meta:
        verbose_name = _("liaison officer")
        verbose_name_plural = _("liaison officers")
        ordering = ["last_name", "first_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sending_country__in=SendingCountry.values), name="liaison_officer_sending_country_valid"
            ),
        ]
        indexes = [models.Index(fields=["sending_country", "confirmed_at"], name="liaison_officer_stale_idx")]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("liaison:officer", args=[self.pk])

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def language_names(self) -> list[str]:
        """The officer's languages by their names in the reader's language."""
        return [language_name(code) for code in self.languages]

    def is_stale(self, now=None) -> bool:
        now = now or timezone.now()
        return self.confirmed_at is None or (now - self.confirmed_at).days >= STALE_AFTER_DAYS


class Posting(models.Model):
    """An officer's posting at a desk from ``starts_on`` to ``ends_on`` (inclusive; open while not known), with
    the focus areas of the post. One officer's postings never overlap."""

    officer = models.ForeignKey(
        LiaisonOfficer, verbose_name=_("liaison officer"), on_delete=models.CASCADE, related_name="postings"
    )
    desk = models.ForeignKey(Desk, verbose_name=_("desk"), on_delete=models.PROTECT, related_name="postings")
    function = models.CharField(
        _("function"),
        max_length=100,
        blank=True,
        validators=[single_line_text],
        help_text=_("E.g. Police liaison officer, deputy."),
    )
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"), null=True, blank=True, help_text=_("Leave empty while it is not known."))
    focus_areas = ArrayField(
        models.CharField(max_length=20, choices=FocusArea.choices),
        verbose_name=_("focus areas"),
        default=list,
        blank=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("posting")
        verbose_name_plural = _("postings")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="liaison_posting_ends_after_start",
            ),
            # The services refuse an overlap with a clear message; this holds against two saves at the same moment.
            ExclusionConstraint(
                name="liaison_posting_no_overlap",
                expressions=[
                    (date_span("starts_on", "ends_on"), RangeOperators.OVERLAPS),
                    ("officer", RangeOperators.EQUAL),
                ],
            ),
        ]
        indexes = [models.Index(fields=["desk", "starts_on"], name="liaison_posting_desk_idx")]

    def __str__(self):
        return f"{self.officer} – {self.desk}"

    def focus_area_names(self) -> list[str]:
        labels = dict(FocusArea.choices)
        return [str(labels.get(value, value)) for value in self.focus_areas]

    def is_active_on(self, day) -> bool:
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)


class Accreditation(models.Model):
    """A country besides the host country that an officer covers from a posting, from ``starts_on`` until
    ``ends_on`` (or the posting's end). Ended accreditations stay: they are the coverage history."""

    posting = models.ForeignKey(
        Posting, verbose_name=_("posting"), on_delete=models.CASCADE, related_name="accreditations"
    )
    country = CountryField(_("country"))
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("accreditation")
        verbose_name_plural = _("accreditations")
        ordering = ["country", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="liaison_accreditation_ends_after_start",
            ),
            ExclusionConstraint(
                name="liaison_accreditation_no_overlap",
                expressions=[
                    (date_span("starts_on", "ends_on"), RangeOperators.OVERLAPS),
                    ("posting", RangeOperators.EQUAL),
                    ("country", RangeOperators.EQUAL),
                ],
            ),
        ]
        indexes = [models.Index(fields=["country", "starts_on"], name="liaison_accr_country_idx")]

    def __str__(self):
        return f"{self.posting.officer} – {self.country.code}"


class Absence(models.Model):
    """A period (both days included) in which an officer is away, and the officer who covers meanwhile."""

    officer = models.ForeignKey(
        LiaisonOfficer, verbose_name=_("liaison officer"), on_delete=models.CASCADE, related_name="absences"
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    backup = models.ForeignKey(
        LiaisonOfficer,
        verbose_name=_("backup"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="backing_up",
        help_text=_("The liaison officer who covers meanwhile."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True, validators=[single_line_text])
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="liaison_absence_ends_after_start"),
            models.CheckConstraint(condition=~Q(backup=F("officer")), name="liaison_absence_backup_not_self"),
            ExclusionConstraint(
                name="liaison_absence_no_overlap",
                expressions=[
                    (date_span("starts_on", "ends_on"), RangeOperators.OVERLAPS),
                    ("officer", RangeOperators.EQUAL),
                ],
            ),
        ]
        indexes = [models.Index(fields=["backup", "starts_on"], name="liaison_absence_backup_idx")]

    def __str__(self):
        return f"{self.officer}: {self.starts_on} – {self.ends_on}"


class PriorityCountry(models.Model):
    """A country the network must cover, and why: e.g. Colombia, Brazil and Ecuador for the flows of cocaine.
    Without coverage, it is on the coverage-gap list."""

    country = CountryField(_("country"), unique=True)
    focus_areas = ArrayField(
        models.CharField(max_length=20, choices=FocusArea.choices),
        verbose_name=_("focus areas"),
        default=list,
        blank=True,
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True, validators=[single_line_text])
    # Audit history: registered in translation.py, after the translated fields exist.

    class Meta:
        verbose_name = _("priority country")
        verbose_name_plural = _("priority countries")
        ordering = ["country"]

    def __str__(self):
        return self.country.name
