"""The Benelux assistance and loan request, its answers, messages, and loanable equipment."""

import secrets

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeOperators
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .choices import (
    CostArrangement,
    EscalationLevel,
    ItemCondition,
    LineDecision,
    OfferDecision,
    RequestKind,
    RequestStatus,
    ResourceCategory,
    Urgency,
)


def is_singular(quantity: int) -> bool:
    """Whether the active language writes ``quantity`` with the singular (CLDR's plural rules of the portal's
    languages: French says "0 véhicule" and "1 véhicule", Dutch, German and English only "1")."""
    if (translation.get_language() or "").split("-")[0] == "fr":
        return quantity in (0, 1)
    return quantity == 1


def choice_label(choices, value):
    """The label of ``value`` among ``choices`` (a TextChoices), or the value itself when it is not one."""
    try:
        return choices(value).label
    except ValueError:
        return value


class LegalBasis(models.Model):
    """A treaty or agreement under which assistance or a loan is asked (reference data)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    in_force_from = models.DateField(_("in force from"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # Audit history: registered in translation.py, after the translated fields exist.

    class Meta:
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
        ordering = ["-in_force_from", "code"]

    def __str__(self):
        return self.name


class ResourceType(models.Model):
    """An entry of the catalogue of what may be asked: units, dog teams, water cannons, ..."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=20, choices=ResourceCategory.choices)
    unit = models.CharField(_("counted in"), max_length=60, blank=True, help_text=_("e.g. platoons, teams, vehicles."))
    unit_one = models.CharField(
        _("counted in (one)"),
        max_length=60,
        blank=True,
        help_text=_("The unit for a quantity of one, e.g. platoon, team, vehicle."),
    )
    max_per_line = models.PositiveIntegerField(
        _("largest quantity per line"),
        default=100,
        help_text=_("A request line asking for more is refused as a typing error."),
    )
    is_loanable = models.BooleanField(_("loanable material"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    # Audit history: registered in translation.py, after the translated fields exist.

    class Meta:
        verbose_name = _("resource type")
        verbose_name_plural = _("resource types")
        ordering = ["category", "code"]
        constraints = [
            models.CheckConstraint(condition=Q(max_per_line__gt=0), name="resourcetype_max_per_line_positive")
        ]

    def __str__(self):
        return self.name

    def counted(self, quantity: int) -> str:
        """``quantity`` with its unit in the active language, singular or plural as that language says ("1 vehicle",
        "2 vehicles"; in French "0 véhicule"); the bare number when the type has no unit."""
        one = is_singular(quantity)
        unit = (self.unit_one or self.unit) if one else self.unit
        return f"{quantity} {unit}" if unit else str(quantity)


class HandlingCode(models.Model):
    """How the request's information may be handled (H0–H3, as in Europol's SIENA)."""

    code = models.CharField(_("code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # Audit history: registered in translation.py, after the translated fields exist.

    class Meta:
        verbose_name = _("handling code")
        verbose_name_plural = _("handling codes")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} – {self.name}"


class AnswerDeadline(models.Model):
    """How long a requested country has to acknowledge, per urgency (Directive (EU) 2023/977: 8 h / 7 days)."""

    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, unique=True)
    hours = models.PositiveIntegerField(_("hours"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("answer deadline")
        verbose_name_plural = _("answer deadlines")
        ordering = ["hours"]
        constraints = [models.CheckConstraint(condition=Q(hours__gt=0), name="answerdeadline_hours_positive")]

    def __str__(self):
        return f"{self.get_urgency_display()}: {self.hours} h"


class ReferenceCounter(models.Model):
    """The last reference number issued in a year; locked while a number is taken, so none is skipped or reused."""

    year = models.PositiveIntegerField(_("year"), primary_key=True)
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("reference counter")
        verbose_name_plural = _("reference counters")

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class AssistanceRequest(models.Model):
    """One Benelux assistance and/or loan request, from draft to closed."""

    reference = models.CharField(
        _("reference"), max_length=20, unique=True, null=True, blank=True, help_text=_("Given when submitted.")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=RequestKind.choices, default=RequestKind.ASSISTANCE)
    status = models.CharField(
        _("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.DRAFT, db_index=True
    )
    requesting_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("requesting organisation"),
        on_delete=models.PROTECT,
        related_name="assistance_requests",
    )
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact person"),
        on_delete=models.PROTECT,
        related_name="assistance_requests_as_contact",
        null=True,
        blank=True,
    )
    requested_countries = models.ManyToManyField(
        "accounts.Country",
        verbose_name=_("requested countries"),
        through="RequestedCountry",
        related_name="assistance_requests_received",
        blank=True,
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assistance_requests",
        help_text=_("The event in the calendar that this request is for, if any."),
    )
    title = models.CharField(_("title"), max_length=200)
    operational_context = models.TextField(_("operational context"), blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    start = models.DateTimeField(_("start"), null=True, blank=True)
    end = models.DateTimeField(_("end"), null=True, blank=True)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.ROUTINE)
    legal_basis = models.ForeignKey(
        LegalBasis, verbose_name=_("legal basis"), on_delete=models.PROTECT, null=True, blank=True
    )
    handling_code = models.ForeignKey(
        HandlingCode, verbose_name=_("handling code"), on_delete=models.PROTECT, null=True, blank=True
    )
    operational_control = models.CharField(
        _("operational control"),
        max_length=200,
        blank=True,
        help_text=_("Who of the requesting country directs the deployment."),
    )
    command = models.CharField(
        _("command"), max_length=200, blank=True, help_text=_("Who of the sending country keeps command.")
    )
    after_the_fact = models.BooleanField(
        _("after-the-fact record"),
        default=False,
        help_text=_(
            "Assistance already given (arranged by phone in an emergency) and filed afterwards as a record. "
            "Only such a record may be filed once its period has begun."
        ),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    acknowledge_by = models.DateTimeField(_("acknowledge by"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancellation"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assistance request")
        verbose_name_plural = _("assistance requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(end__isnull=True) | Q(end__gt=F("start")),
                name="assistancerequest_end_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "urgency", "submitted_at"], name="assistance_queue_idx"),
            models.Index(fields=["-created_at", "-id"], name="assistance_list_order_idx"),
            # Lists sorted by their start or by their filing time (``?sort=start``, ``?sort=-waiting``).
            models.Index(fields=["start", "id"], name="assistance_start_order_idx"),
            models.Index(fields=["submitted_at", "id"], name="assistance_filed_order_idx"),
        ]

    def __str__(self):
        return f"{self.reference or _('Draft')}: {self.title}"

    def get_absolute_url(self):
        return reverse("assistance:detail", args=[self.pk])

    # Django's own get_FOO_display() builds a dictionary of every choice, translated, at each call; lists of
    # requests call these for every row.
    def get_kind_display(self):
        return choice_label(RequestKind, self.kind)

    def get_status_display(self):
        return choice_label(RequestStatus, self.status)

    def get_urgency_display(self):
        return choice_label(Urgency, self.urgency)


class RequestedCountry(models.Model):
    """A country asked by a request, and when its control room acknowledged it."""

    request = models.ForeignKey(
        AssistanceRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="requested"
    )
    country = models.ForeignKey("accounts.Country", verbose_name=_("country"), on_delete=models.PROTECT)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("requested country")
        verbose_name_plural = _("requested countries")
        ordering = ["country__code"]
        constraints = [models.UniqueConstraint(fields=["request", "country"], name="requestedcountry_unique")]
        indexes = [
            # The queue's "awaiting my country's acknowledgement".
            models.Index(
                fields=["country", "request"],
                condition=Q(acknowledged_at__isnull=True),
                name="requestedcountry_unacked_idx",
            )
        ]

    def __str__(self):
        return f"{self.request_id} → {self.country_id}"


class RequestedResource(models.Model):
    """One line of the request: what, how many, substitutes, when and where."""

    request = models.ForeignKey(
        AssistanceRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="lines"
    )
    resource_type = models.ForeignKey(ResourceType, verbose_name=_("resource type"), on_delete=models.PROTECT)
    quantity = models.PositiveIntegerField(_("quantity"))
    substitutes = models.CharField(_("acceptable substitutes"), max_length=300, blank=True)
    start = models.DateTimeField(_("start, if different"), null=True, blank=True)
    end = models.DateTimeField(_("end, if different"), null=True, blank=True)
    muster_point = models.CharField(_("delivery or muster point"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("requested resource")
        verbose_name_plural = _("requested resources")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="requestedresource_quantity_positive"),
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(end__isnull=True) | Q(end__gt=F("start")),
                name="requestedresource_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.resource_type}"


class CountryResponse(models.Model):
    """A requested country's answer, and the requesting control room's decision on the offer."""

    request = models.ForeignKey(
        AssistanceRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="responses"
    )
    country = models.ForeignKey("accounts.Country", verbose_name=_("country"), on_delete=models.PROTECT)
    decision = models.CharField(_("decision"), max_length=10, choices=LineDecision.choices)
    note = models.TextField(_("note"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("answered by"), on_delete=models.PROTECT, related_name="+"
    )
    responded_at = models.DateTimeField(_("answered at"))
    offer_decision = models.CharField(
        _("offer"), max_length=10, choices=OfferDecision.choices, default=OfferDecision.PENDING
    )
    offer_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("offer decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    offer_decided_at = models.DateTimeField(_("offer decided at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("country response")
        verbose_name_plural = _("country responses")
        ordering = ["country__code"]
        constraints = [models.UniqueConstraint(fields=["request", "country"], name="countryresponse_one_per_country")]

    def __str__(self):
        return f"{self.country_id}: {self.get_decision_display()}"


class ResponseLine(models.Model):
    """A country's answer to one requested line: what it offers, on which conditions, at whose cost."""

    response = models.ForeignKey(
        CountryResponse, verbose_name=_("response"), on_delete=models.CASCADE, related_name="lines"
    )
    line = models.ForeignKey(
        RequestedResource, verbose_name=_("requested line"), on_delete=models.CASCADE, related_name="answers"
    )
    decision = models.CharField(_("decision"), max_length=10, choices=LineDecision.choices)
    offered_quantity = models.PositiveIntegerField(_("offered quantity"), default=0)
    conditions = models.TextField(_("conditions"), blank=True)
    cost_arrangement = models.CharField(
        _("cost arrangement"), max_length=10, choices=CostArrangement.choices, default=CostArrangement.TO_BE_AGREED
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("response line")
        verbose_name_plural = _("response lines")
        ordering = ["line_id"]
        constraints = [
            models.UniqueConstraint(fields=["response", "line"], name="responseline_one_per_line"),
            models.CheckConstraint(
                condition=Q(decision="declined", offered_quantity=0)
                | (~Q(decision="declined") & Q(offered_quantity__gt=0)),
                name="responseline_quantity_matches_decision",
            ),
        ]

    def __str__(self):
        return f"{self.get_decision_display()}: {self.offered_quantity}"


class StatusChange(models.Model):
    """One step of the procedure: who moved the request from which state to which, when, for which country."""

    request = models.ForeignKey(
        AssistanceRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="status_changes"
    )
    action = models.CharField(_("action"), max_length=20)
    from_status = models.CharField(_("from"), max_length=12, choices=RequestStatus.choices)
    to_status = models.CharField(_("to"), max_length=12, choices=RequestStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    country = models.ForeignKey(
        "accounts.Country", verbose_name=_("for country"), on_delete=models.PROTECT, null=True, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"


class Message(models.Model):
    """A message of the conversation between the control rooms on one request."""

    request = models.ForeignKey(
        AssistanceRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT)
    organisation = models.ForeignKey("accounts.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("sent at"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.body[:60]


class MessageRead(models.Model):
    """A read receipt: this user read this message at this time."""

    message = models.ForeignKey(Message, verbose_name=_("message"), on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reader"), on_delete=models.CASCADE)
    read_at = models.DateTimeField(_("read at"))

    class Meta:
        verbose_name = _("read receipt")
        verbose_name_plural = _("read receipts")
        constraints = [models.UniqueConstraint(fields=["message", "user"], name="messageread_once")]

    def __str__(self):
        return f"{self.user_id} read {self.message_id}"


class EquipmentItem(models.Model):
    """A loanable item in a police service's registry (e.g. water cannon WA-2 of the Belgian Federal Police)."""

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("owner"), on_delete=models.PROTECT, related_name="equipment"
    )
    resource_type = models.ForeignKey(ResourceType, verbose_name=_("resource type"), on_delete=models.PROTECT)
    name = models.CharField(_("name"), max_length=200)
    identifier = models.CharField(_("identifier"), max_length=60, help_text=_("Registration or inventory number."))
    notes = models.TextField(_("notes"), blank=True)
    condition = models.CharField(
        _("condition"),
        max_length=10,
        choices=ItemCondition.choices,
        default=ItemCondition.GOOD,
        help_text=_("As found at the last return, or when the item was registered."),
    )
    is_active = models.BooleanField(_("in service"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("equipment item")
        verbose_name_plural = _("equipment items")
        ordering = ["organisation__country__code", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "identifier"], name="equipmentitem_unique_identifier")
        ]

    def __str__(self):
        return f"{self.name} ({self.identifier})"

    def get_absolute_url(self):
        return reverse("assistance:equipment-detail", args=[self.pk])

    def get_condition_display(self):
        return choice_label(ItemCondition, self.condition)


class Booking(models.Model):
    """An item lent for a period under a request; the database refuses overlapping bookings of one item."""

    item = models.ForeignKey(EquipmentItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="bookings")
    request = models.ForeignKey(
        AssistanceRequest, verbose_name=_("request"), on_delete=models.PROTECT, related_name="bookings"
    )
    period = DateTimeRangeField(_("period"))
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("booked by"), on_delete=models.PROTECT, related_name="+"
    )
    booked_at = models.DateTimeField(_("booked at"))
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    return_condition = models.CharField(
        _("condition on return"), max_length=10, choices=ItemCondition.choices, blank=True
    )
    return_notes = models.TextField(_("notes on return"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["period"]
        constraints = [
            ExclusionConstraint(
                name="booking_no_overlap_per_item",
                expressions=[("item", RangeOperators.EQUAL), ("period", RangeOperators.OVERLAPS)],
                condition=Q(is_cancelled=False),
            ),
        ]

    def __str__(self):
        return f"{self.item} {self.period}"


class EscalationPolicy(models.Model):
    """Who a control room's unacknowledged requests escalate to: a level up, not the same operators again.

    Without a policy, a request that nobody of a requested country acknowledged in time goes to that country's
    police chiefs. An administrator names here, per control room, the duty officers (people) instead, or chiefs and
    duty officers together; the operators are reminded as well unless the policy says otherwise.
    """

    organisation = models.OneToOneField(
        "accounts.Organisation",
        verbose_name=_("control room"),
        on_delete=models.CASCADE,
        related_name="escalation_policy",
    )
    level = models.CharField(
        _("escalate to"), max_length=12, choices=EscalationLevel.choices, default=EscalationLevel.CHIEFS
    )
    duty_officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("duty officers"),
        blank=True,
        related_name="+",
        help_text=_("The people on duty above the operators; without any, the police chiefs are told."),
    )
    remind_operators = models.BooleanField(
        _("remind the operators too"), default=True, help_text=_("The control room's operators see the escalation.")
    )
    history = HistoricalRecords(m2m_fields=[duty_officers])

    class Meta:
        verbose_name = _("escalation policy")
        verbose_name_plural = _("escalation policies")
        ordering = ["organisation__country__code", "organisation__short_name"]

    def __str__(self):
        return f"{self.organisation}: {self.get_level_display()}"


def attachment_storage_name(instance, filename: str) -> str:
    """A random name under ``assistance/``: never the user's file name, which is kept in ``original_name``."""
    return f"assistance/{timezone.now():%Y/%m}/{secrets.token_hex(16)}"


class Attachment(models.Model):
    """A document attached to a request (an operational plan: PDF or office document).

    The file lives under the private ``MEDIA_ROOT``, which the web server never serves; it is
    downloaded only through a view that checks that the user may see the request.
    """

    request = models.ForeignKey(
        AssistanceRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=attachment_storage_name, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    description = models.CharField(_("description"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]
        constraints = [models.CheckConstraint(condition=Q(size__gt=0), name="attachment_size_positive")]

    def __str__(self):
        return self.original_name
