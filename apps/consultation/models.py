"""The consultation bodies and their meetings: agenda, attendance, minutes, decisions and action points.

Membership is institutional: a body's members are organisations (police services, control rooms, the secretariat),
and the people who read a body's meetings are the police chiefs of its member organisations (and the secretariat,
which keeps every body). Who actually sat at the table is recorded per meeting, person by person (``Attendance``).

The Strategic Consultation steers multi-year work programmes (``Programme``) of numbered objectives (``Objective``),
each carried out through activities (``Activity``) led by an organisation or a technical working group
(``WorkingGroup``); the members of the lead post dated progress updates (``ProgressUpdate``), the latest of which sets
the activity's status and progress. An agenda item may concern an objective or an activity.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.text import multi_line_text, single_line_text

from .choices import (
    CLOSED_STATUSES,
    REPORTED_STATUSES,
    ActionStatus,
    AttendanceKind,
    AttendanceStatus,
    ItemKind,
    MeetingFormat,
    MinutesStatus,
    ProgressStatus,
)

BODY_CODE = RegexValidator(
    r"^[A-Z][A-Z0-9]{1,11}$", _("Two to twelve capital letters or digits, starting with a letter, e.g. SOP.")
)


def choice_label(choices, value):
    """The label of ``value`` among ``choices`` (a TextChoices), or the value itself when it is not one."""
    try:
        return choices(value).label
    except ValueError:
        return value


class Body(models.Model):
    """A consultation body: the Strategic Consultation Police, the Hazeldonk or Senningen consultation, a neighbour
    or detectives' consultation. Its code prefixes its decision numbers (``SOP-2022-03``)."""

    code = models.CharField(
        _("code"), max_length=12, unique=True, validators=[BODY_CODE], help_text=_("Prefix of its decision numbers.")
    )
    name = models.CharField(_("name"), max_length=200, validators=[single_line_text])
    description = models.TextField(_("description"), blank=True, validators=[multi_line_text])
    decisions_public = models.BooleanField(
        _("decisions readable by every user"),
        default=False,
        help_text=_("Its published decisions are readable by every user of the portal (the Strategic Consultation)."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    organisations = models.ManyToManyField(
        "accounts.Organisation",
        verbose_name=_("member organisations"),
        through="Membership",
        related_name="consultation_bodies",
        blank=True,
    )
    # Audit history: registered in translation.py, after the translated fields exist.

    class Meta:
        verbose_name = _("consultation body")
        verbose_name_plural = _("consultation bodies")
        ordering = ["code"]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """An organisation's seat in a body: its police chiefs are invited to the body's meetings and read them."""

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="consultation_memberships",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["body__code", "organisation__country__code", "organisation__name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "body"], name="membership_once_per_body")]

    def __str__(self):
        return f"{self.body_id}: {self.organisation_id}"


class Meeting(models.Model):
    """One meeting of a body: when, where (or online), who chairs, its agenda and its minutes.

    ``agenda_published`` keeps the agenda as last published (for the members' notification of what changed);
    ``language`` is the meeting's working language, in which its minutes are written and printed."""

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="meetings")
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    format = models.CharField(
        _("format"), max_length=10, choices=MeetingFormat.choices, default=MeetingFormat.IN_PERSON
    )
    place = models.CharField(
        _("place"),
        max_length=200,
        blank=True,
        validators=[single_line_text],
        help_text=_("E.g. Benelux Secretariat-General, Rue de la Régence 39, Brussels."),
    )
    online_link = models.URLField(
        _("link to join online"), max_length=500, blank=True, help_text=_("For a digital or hybrid meeting.")
    )
    language = models.CharField(
        _("language of the minutes"), max_length=2, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    chair_country = models.ForeignKey(
        "accounts.Country",
        verbose_name=_("chairing country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The chair rotates between the countries."),
    )
    chair_name = models.CharField(_("chair"), max_length=200, blank=True, validators=[single_line_text])
    agenda_published_at = models.DateTimeField(_("agenda published"), null=True, blank=True)
    agenda_revision = models.PositiveIntegerField(_("agenda publications"), default=0)
    agenda_published = models.JSONField(_("agenda as published"), default=list, blank=True, editable=False)
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
    history = HistoricalRecords(excluded_fields=["agenda_published"])

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_it_starts"),
            models.CheckConstraint(condition=Q(format__in=MeetingFormat.values), name="meeting_format_valid"),
        ]
        indexes = [
            models.Index(fields=["body", "-starts_at"], name="meeting_body_start_idx"),
            models.Index(fields=["starts_at"], name="meeting_start_idx"),
        ]

    def __str__(self):
        return f"{self.body.code} {self.starts_at:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("consultation:meeting", args=[self.pk])

    def get_format_display(self):
        return choice_label(MeetingFormat, self.format)


class AgendaItem(models.Model):
    """An item of a meeting's agenda, in order; its minutes notes are written in the meeting's language.

    The standing item of open action points (``kind``) lists the body's action points carried into the meeting."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    position = models.PositiveIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices, default=ItemKind.REGULAR)
    title = models.CharField(_("title"), max_length=300, validators=[single_line_text])
    description = models.TextField(_("description"), blank=True, validators=[multi_line_text])
    presenter = models.CharField(_("presenter"), max_length=200, blank=True, validators=[single_line_text])
    notes = models.TextField(_("minutes notes"), blank=True, validators=[multi_line_text])
    carried_action_points = models.ManyToManyField(
        "ActionPoint", verbose_name=_("action points carried in"), related_name="carried_into", blank=True
    )
    objective = models.ForeignKey(
        "Objective",
        verbose_name=_("objective"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
        help_text=_("The objective this item is about, if any."),
    )
    activity = models.ForeignKey(
        "Activity",
        verbose_name=_("activity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
        help_text=_("The activity this item is about, if any."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Audit history: registered in translation.py, after the translated fields exist.

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position"]
        constraints = [
            # Deferred: a reorder swaps positions within one transaction.
            models.UniqueConstraint(
                fields=["meeting", "position"],
                name="agendaitem_unique_position",
                deferrable=models.Deferrable.DEFERRED,
            ),
            models.CheckConstraint(condition=Q(kind__in=ItemKind.values), name="agendaitem_kind_valid"),
            models.CheckConstraint(
                condition=Q(objective__isnull=True) | Q(activity__isnull=True), name="agendaitem_one_link"
            ),
        ]

    def __str__(self):
        return f"{self.position}. {self.title}"


class AgendaDocument(models.Model):
    """A document of an agenda item, by its address in the document store where the secretariat keeps it."""

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200, validators=[single_line_text])
    url = models.URLField(_("address"), max_length=500)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["item", "pk"]

    def __str__(self):
        return self.title


class Attendance(models.Model):
    """A person at (or invited to) a meeting: a member, a substitute representing an absent member, or a guest."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendances"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=AttendanceKind.choices, default=AttendanceKind.MEMBER)
    status = models.CharField(
        _("status"), max_length=10, choices=AttendanceStatus.choices, default=AttendanceStatus.INVITED
    )
    name = models.CharField(_("name"), max_length=200, validators=[single_line_text])
    function = models.CharField(
        _("function"),
        max_length=200,
        blank=True,
        validators=[single_line_text],
        help_text=_("E.g. Deputy Secretary-General of the Benelux Union."),
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    represents = models.ForeignKey(
        "self",
        verbose_name=_("represents"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="substitutes",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["meeting", "kind", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=AttendanceKind.SUBSTITUTE, represents__isnull=False)
                | (~Q(kind=AttendanceKind.SUBSTITUTE) & Q(represents__isnull=True)),
                name="attendance_substitute_represents_someone",
            ),
            models.UniqueConstraint(
                fields=["represents"], condition=Q(represents__isnull=False), name="attendance_one_substitute"
            ),
            models.CheckConstraint(condition=Q(kind__in=AttendanceKind.values), name="attendance_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=AttendanceStatus.values), name="attendance_status_valid"),
        ]

    def __str__(self):
        return self.name

    def get_kind_display(self):
        return choice_label(AttendanceKind, self.kind)

    def get_status_display(self):
        return choice_label(AttendanceStatus, self.status)


class Minutes(models.Model):
    """The minutes of a meeting, from draft to approved to published.

    ``lock_version`` moves on with every save of the minutes: a save made from an older one is refused (two
    secretaries never overwrite each other). Publishing writes a dated, locked ``MinutesVersion``; a correction
    reopens the minutes as the next ``revision`` while the published versions stay as they were."""

    meeting = models.OneToOneField(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="minutes")
    status = models.CharField(_("status"), max_length=10, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT)
    revision = models.PositiveIntegerField(_("version"), default=1)
    summary = models.TextField(_("general notes"), blank=True, validators=[multi_line_text])
    lock_version = models.PositiveIntegerField(_("edit counter"), default=1)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    published_at = models.DateTimeField(_("last published"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=MinutesStatus.values), name="minutes_status_valid"),
        ]

    def __str__(self):
        return f"{self.meeting_id} v{self.revision}"

    def get_status_display(self):
        return choice_label(MinutesStatus, self.status)


class MinutesVersion(models.Model):
    """A published version of the minutes: what they said (``content``), dated and never changed."""

    minutes = models.ForeignKey(Minutes, verbose_name=_("minutes"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("published by"), on_delete=models.PROTECT, related_name="+"
    )
    correction_note = models.TextField(_("what this version corrects"), blank=True, validators=[multi_line_text])
    content = models.JSONField(_("content"), editable=False)
    history = HistoricalRecords(excluded_fields=["content"])

    class Meta:
        verbose_name = _("published minutes")
        verbose_name_plural = _("published minutes")
        ordering = ["minutes", "-number"]
        constraints = [models.UniqueConstraint(fields=["minutes", "number"], name="minutesversion_unique_number")]

    def __str__(self):
        return f"{self.minutes_id} v{self.number}"


class Topic(models.Model):
    """A topic of the decision register (public order, cross-border pursuit, training, ...): reference data."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200, validators=[single_line_text])
    # Audit history: registered in translation.py, after the translated fields exist.

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["code"]

    def __str__(self):
        return self.name


class Decision(models.Model):
    """A decision a body adopted at a meeting, numbered per body and year (``SOP-2022-03``), with the text adopted.

    ``language`` is the language it was adopted in: that text is fixed once published, translations are added to
    it; ``published_at`` is set when the minutes of its meeting are first published."""

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="decisions")
    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="decisions")
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1900), MaxValueValidator(2199)])
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    title = models.CharField(_("title"), max_length=300, validators=[single_line_text])
    text = models.TextField(_("text adopted"), validators=[multi_line_text])
    language = models.CharField(
        _("language adopted in"), max_length=2, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.PROTECT, null=True, blank=True, related_name="decisions"
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Audit history: registered in translation.py, after the translated fields exist.

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-year", "body__code", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["body", "year", "number"], name="decision_number_once_per_body_and_year"),
            models.CheckConstraint(condition=Q(number__gte=1), name="decision_number_positive"),
        ]
        indexes = [
            models.Index(fields=["-year", "-number"], name="decision_register_idx"),
            models.Index(fields=["meeting"], name="decision_meeting_idx"),
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("consultation:decision", args=[self.pk])

    @property
    def reference(self) -> str:
        return reference(self.body.code, self.year, self.number)


def reference(code: str, year: int, number: int) -> str:
    """A decision's number as the secretariat writes it: ``SOP-2022-03``."""
    return f"{code}-{year}-{number:02d}"


class ActionPoint(models.Model):
    """Something a body asked someone to do: owner (an organisation, or a person), due date and status.

    Overdue is worked out from the due date (still open after it). Open action points are carried into the
    body's next meeting's agenda, as its standing item."""

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="action_points")
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="action_points"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_points",
    )
    title = models.CharField(_("title"), max_length=300, validators=[single_line_text])
    description = models.TextField(_("description"), blank=True, validators=[multi_line_text])
    owner_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("owner organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultation_action_points",
    )
    owner_name = models.CharField(_("owner (person)"), max_length=200, blank=True, validators=[single_line_text])
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    status_note = models.CharField(_("progress note"), max_length=300, blank=True, validators=[single_line_text])
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Audit history: registered in translation.py, after the translated fields exist.

    class Meta:
        verbose_name = _("action point")
        verbose_name_plural = _("action points")
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_organisation__isnull=False) | ~Q(owner_name=""), name="actionpoint_has_owner"
            ),
            models.CheckConstraint(condition=Q(status__in=ActionStatus.values), name="actionpoint_status_valid"),
        ]
        indexes = [
            models.Index(fields=["body", "status", "due_date"], name="actionpoint_open_idx"),
            models.Index(fields=["status", "due_date", "id"], name="actionpoint_list_idx"),
        ]

    def __str__(self):
        return self.title

    def get_status_display(self):
        return choice_label(ActionStatus, self.status)


# Objectives, activities and working groups -------------------------------------------------------------------------


class WorkingGroup(models.Model):
    """A technical working group of Benelux police cooperation (control-room cooperation, radio communication,
    training, ANPR): an organisation of the kind "working group" in the accounts app (its name in four languages, its
    address, people may belong to it), steered by the consultation body that set it up and to which it reports
    (``body``: the Strategic Consultation for the technical working groups).

    Its members are the users with the working-group member role whose organisation is the group itself, and those
    seconded from their own service (``members``: a Dutch liaison officer sitting in the control-room group). They
    post the progress updates of the activities the group leads."""

    organisation = models.OneToOneField(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="working_group",
        limit_choices_to={"kind": "working_group"},
    )
    body = models.ForeignKey(
        Body,
        verbose_name=_("steered by"),
        on_delete=models.PROTECT,
        related_name="working_groups",
        help_text=_("The consultation body that set the group up and to which it reports."),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("members from other organisations"),
        through="WorkingGroupMember",
        related_name="consultation_working_groups",
        blank=True,
    )
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["organisation__short_name"]

    def __str__(self):
        return str(self.organisation)


class WorkingGroupMember(models.Model):
    """A user seconded to a working group from their own organisation."""

    working_group = models.ForeignKey(
        WorkingGroup, verbose_name=_("working group"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="consultation_working_group_memberships",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("working-group member")
        verbose_name_plural = _("working-group members")
        ordering = ["working_group", "user"]
        constraints = [models.UniqueConstraint(fields=["working_group", "user"], name="workinggroupmember_once")]

    def __str__(self):
        return f"{self.working_group_id}: {self.user_id}"


class Programme(models.Model):
    """A multi-year work programme of a body (the Strategic Consultation's 2017–2020, 2021–2024): its numbered
    objectives."""

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="programmes")
    start_year = models.PositiveSmallIntegerField(
        _("first year"), validators=[MinValueValidator(1900), MaxValueValidator(2199)]
    )
    end_year = models.PositiveSmallIntegerField(
        _("last year"), validators=[MinValueValidator(1900), MaxValueValidator(2199)]
    )
    title = models.CharField(_("title"), max_length=300, validators=[single_line_text])
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Audit history: registered in translation.py, after the translated fields exist.

    class Meta:
        verbose_name = _("work programme")
        verbose_name_plural = _("work programmes")
        ordering = ["-start_year", "body__code"]
        constraints = [
            models.CheckConstraint(condition=Q(end_year__gte=F("start_year")), name="programme_ends_after_it_starts"),
            models.UniqueConstraint(fields=["body", "start_year"], name="programme_once_per_body_and_start"),
        ]

    def __str__(self):
        return self.years

    def get_absolute_url(self):
        return reverse("consultation:programme", args=[self.pk])

    @property
    def years(self) -> str:
        return f"{self.start_year}–{self.end_year}"


class Objective(models.Model):
    """A numbered objective of a work programme ("Sign a new Benelux Police Treaty"): target date, the body that
    owns it, its status as reported by the secretariat (late, when the target date has passed and it is not done, is
    worked out). Its progress is that of its activities."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("work programme"), on_delete=models.PROTECT, related_name="objectives"
    )
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1), MaxValueValidator(999)])
    title = models.CharField(_("title"), max_length=300, validators=[single_line_text])
    description = models.TextField(_("description"), blank=True, validators=[multi_line_text])
    target_date = models.DateField(_("target date"))
    owner_body = models.ForeignKey(
        Body, verbose_name=_("owner body"), on_delete=models.PROTECT, related_name="owned_objectives"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ProgressStatus.choices, default=ProgressStatus.NOT_STARTED
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Audit history: registered in translation.py, after the translated fields exist.

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="objective_number_once_per_programme"),
            models.CheckConstraint(condition=Q(status__in=REPORTED_STATUSES), name="objective_status_reported"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse("consultation:objective", args=[self.pk])

    def shown_status(self, today) -> str:
        """The status as shown on ``today``: late once the target date has passed and it is not done or dropped."""
        if self.status not in CLOSED_STATUSES and self.target_date < today:
            return ProgressStatus.LATE
        return self.status


class Activity(models.Model):
    """An activity of an objective ("the Benelux smartphone app"), led by an organisation or a working group, from
    its start to its due date. Its status and progress are those of its latest progress update (late, when the due
    date has passed and it is not done or dropped, is worked out); ``changed_at`` is when an update or the
    secretariat last changed it, for "what changed since your last visit". It may be linked to the decisions and
    action points of meetings that concern it."""

    objective = models.ForeignKey(
        Objective, verbose_name=_("objective"), on_delete=models.PROTECT, related_name="activities"
    )
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1), MaxValueValidator(999)])
    title = models.CharField(_("title"), max_length=300, validators=[single_line_text])
    description = models.TextField(_("description"), blank=True, validators=[multi_line_text])
    lead = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("lead"),
        on_delete=models.PROTECT,
        related_name="consultation_activities",
        help_text=_("The organisation or working group that carries it out; its members post the progress updates."),
    )
    starts_on = models.DateField(_("start"))
    due_on = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=12, choices=ProgressStatus.choices, default=ProgressStatus.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    decisions = models.ManyToManyField(Decision, verbose_name=_("decisions"), related_name="activities", blank=True)
    action_points = models.ManyToManyField(
        ActionPoint, verbose_name=_("action points"), related_name="activities", blank=True
    )
    changed_at = models.DateTimeField(_("last changed"), default=timezone.now)
    # The due date each notice was last sent for (the daily task sends each once per due date): not history.
    due_soon_notified_for = models.DateField(null=True, blank=True, editable=False)
    late_notified_for = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Audit history: registered in translation.py, after the translated fields exist.

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["objective", "number"]
        constraints = [
            models.UniqueConstraint(fields=["objective", "number"], name="activity_number_once_per_objective"),
            models.CheckConstraint(condition=Q(due_on__gte=F("starts_on")), name="activity_due_after_start"),
            models.CheckConstraint(condition=Q(progress__gte=0, progress__lte=100), name="activity_progress_percent"),
            models.CheckConstraint(condition=Q(status__in=REPORTED_STATUSES), name="activity_status_reported"),
        ]
        indexes = [
            models.Index(fields=["status", "due_on"], name="activity_status_due_idx"),
            models.Index(fields=["lead", "due_on"], name="activity_lead_idx"),
            models.Index(fields=["changed_at"], name="activity_changed_idx"),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def get_absolute_url(self):
        return reverse("consultation:activity", args=[self.pk])

    @property
    def reference(self) -> str:
        """``2.3``: the objective's number, then the activity's (the objective must be loaded)."""
        return f"{self.objective.number}.{self.number}"

    def shown_status(self, today) -> str:
        """The status as shown on ``today``: late once the due date has passed and it is not done or dropped."""
        if self.status not in CLOSED_STATUSES and self.due_on < today:
            return ProgressStatus.LATE
        return self.status

    def get_status_display(self):
        return choice_label(ProgressStatus, self.status)


class ProgressUpdate(models.Model):
    """A dated progress update on an activity by a member of its lead (or the secretariat): what happened (in the
    author's language), the new status and percentage, and what they were before. The latest sets the activity's
    status; the history stays. A move back (reopening what was done, back to not started) carries its reason."""

    activity = models.ForeignKey(Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("posted"), default=timezone.now)
    text = models.TextField(_("progress"), validators=[multi_line_text])
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    status = models.CharField(_("new status"), max_length=12, choices=ProgressStatus.choices)
    progress = models.PositiveSmallIntegerField(
        _("new progress (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    previous_status = models.CharField(_("status before"), max_length=12, choices=ProgressStatus.choices)
    previous_progress = models.PositiveSmallIntegerField(_("progress before (%)"))
    reason = models.TextField(_("reason for going back"), blank=True, validators=[multi_line_text])
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__gte=0, progress__lte=100), name="update_progress_percent"),
            models.CheckConstraint(condition=Q(status__in=REPORTED_STATUSES), name="update_status_reported"),
        ]
        indexes = [
            models.Index(fields=["activity", "-created_at"], name="update_activity_idx"),
            models.Index(fields=["created_at"], name="update_created_idx"),
        ]

    def __str__(self):
        return f"{self.activity_id} {self.created_at:%Y-%m-%d}"

    def get_status_display(self):
        return choice_label(ProgressStatus, self.status)

    def get_previous_status_display(self):
        return choice_label(ProgressStatus, self.previous_status)


class DashboardVisit(models.Model):
    """When a user last opened the objectives dashboard: ``current_at`` is the start of their current visit,
    ``previous_at`` that of the visit before, since when the dashboard shows what changed. A visit is the
    dashboard's views less than ``selectors.VISIT_GAP`` apart. Bookkeeping, not a record: no audit history."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    previous_at = models.DateTimeField(_("visit before"), null=True, blank=True)
    current_at = models.DateTimeField(_("this visit"))

    class Meta:
        verbose_name = _("dashboard visit")
        verbose_name_plural = _("dashboard visits")

    def __str__(self):
        return f"{self.user_id} {self.current_at:%Y-%m-%d %H:%M}"


class MeetingDigest(models.Model):
    """The digest sent to a body's chiefs before one of its meetings (once per meeting: what changed in its
    programmes since the meeting before). Bookkeeping, not a record: no audit history."""

    meeting = models.OneToOneField(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="objectives_digest"
    )
    sent_at = models.DateTimeField(_("sent"))
    since = models.DateTimeField(_("changes since"), null=True, blank=True)
    figures = models.JSONField(_("figures"), default=dict)

    class Meta:
        verbose_name = _("objectives digest")
        verbose_name_plural = _("objectives digests")

    def __str__(self):
        return f"{self.meeting_id} {self.sent_at:%Y-%m-%d}"
