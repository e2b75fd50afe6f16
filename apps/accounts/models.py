from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .choices import JOINT_BODY_KINDS, LANGUAGE_CHOICES, OrganisationKind, Role, SecurityEventKind


class Country(models.Model):
    """A country taking part in Benelux police cooperation: a member (BE, NL, LU) or a partner."""

    code = models.CharField(_("ISO code"), max_length=2, unique=True, help_text=_("ISO 3166-1 alpha-2, e.g. BE."))
    name = models.CharField(_("name"), max_length=100)
    is_member = models.BooleanField(
        _("Benelux member"), default=False, help_text=_("Belgium, the Netherlands and Luxembourg are members.")
    )
    # Audit history: registered in translation.py, after the translated fields exist.

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["code"]

    def __str__(self):
        return self.name


class Organisation(models.Model):
    """A police service, a national control room, the secretariat or a working group.

    A police service and a control room belong to their country. A joint Benelux body (the Secretariat-General, a
    Benelux working group: ``JOINT_BODY_KINDS``) belongs to none of the three: its ``country`` is empty, and what
    depends on "the user's country" (a country's requests, its restricted events, its training registrations) is
    not its own."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, help_text=_("Unique within the country, e.g. LOCC."))
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="organisations",
        null=True,
        blank=True,
        help_text=_("Empty for a joint Benelux body (the Secretariat-General, a Benelux working group)."),
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # Audit history: registered in translation.py, after the translated fields exist.

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["country__code", "name"]
        constraints = [
            # Joint bodies (no country) share one namespace of short names.
            models.UniqueConstraint(
                fields=["country", "short_name"],
                name="organisation_unique_short_name_per_country",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=Q(country__isnull=False) | Q(kind__in=JOINT_BODY_KINDS),
                name="organisation_national_kinds_have_a_country",
                violation_error_message=_(
                    "A police service or a control room belongs to a country; only a joint Benelux body (the "
                    "secretariat, a working group) has none."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_joint_body(self) -> bool:
        """A Benelux body of the three countries together, of none of them."""
        return self.country_id is None

    @property
    def country_label(self) -> str:
        """The country's name, or "Benelux" for a joint body: what a page shows beside the organisation."""
        return self.country.name if self.country_id else gettext("Benelux")

    @property
    def country_code_label(self) -> str:
        """The country's ISO code, or "Benelux" for a joint body."""
        return self.country.code if self.country_id else gettext("Benelux")


class User(AbstractUser):
    """A person using the portal: a member of one organisation, with roles (groups) and a language."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="members",
        null=True,
        blank=True,
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=LANGUAGE_CHOICES, default=settings.LANGUAGE_CODE
    )
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def country(self):
        """The country of the user's organisation: None without one, and for a member of a joint Benelux body."""
        return self.organisation.country if self.organisation_id else None

    # What a user built from the session cache (session_user.py) knows of its password, which that cache never holds:
    # Django's session auth hash and whether the password is usable. Asked only while the password is not loaded.
    password_facts: tuple[str, bool] | None = None

    def _password_facts(self) -> tuple[str, bool] | None:
        if self.password_facts is None or "password" not in self.get_deferred_fields():
            return None
        return self.password_facts

    def get_session_auth_hash(self) -> str:
        """Django's hash of the password, checked against the session's on every request: from the session cache
        for a user that came from it (no password there), worked out from the password otherwise (also once it is
        set or read, so a changed password gives the new hash)."""
        facts = self._password_facts()
        return facts[0] if facts is not None else super().get_session_auth_hash()

    def has_usable_password(self) -> bool:
        facts = self._password_facts()
        return facts[1] if facts is not None else super().has_usable_password()

    @cached_property
    def roles(self) -> frozenset[str]:
        """The user's roles: one query the first time, then remembered (permission checks ask several times a page).

        The session's user gets them from the cache (``session_user.py``), ``set_roles`` from a query that read them
        with something else; adding or removing a group of this user forgets them (``forget_roles``, connected to
        ``m2m_changed`` in ``apps.py``)."""
        if self.pk is None:
            return frozenset()
        return frozenset(self.groups.filter(name__in=Role.values).values_list("name", flat=True))

    def set_roles(self, group_names) -> None:
        """Remember the user's roles from the names of their groups, read by the caller."""
        self.roles = frozenset(name for name in group_names if name in Role.values)

    def forget_roles(self) -> None:
        vars(self).pop("roles", None)

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        if fields is None:  # a whole reload reads the groups again too, as a prefetch would be
            self.forget_roles()

    @property
    def roles_are_known(self) -> bool:
        return "roles" in vars(self)

    @property
    def role_list(self) -> list[str]:
        """The roles in the order of ``Role``, for showing them."""
        return [role for role in Role.values if role in self.roles]

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))


class SecurityEvent(models.Model):
    """An entry of the security audit log: a log-in, a failed log-in or lock-out, a log-out or timed-out session,
    a two-factor event, a changed or refused password, sessions ended or a lock-out lifted by an administrator, an API
    token issued or revoked, a refused request (``SecurityEventKind``). Written by the services only, never changed;
    kept when the user is deleted (``username`` remembers whom it was about, or the name someone typed)."""

    user = models.ForeignKey(
        User,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="security_events",
    )
    username = models.CharField(_("username"), max_length=150)
    actor = models.ForeignKey(
        User,
        verbose_name=_("done by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("event"), max_length=40, choices=SecurityEventKind.choices)
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)  # stored in UTC (USE_TZ)
    client_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.username}"
