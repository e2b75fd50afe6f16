from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

LANGUAGE_CHOICES = settings.LANGUAGES


class OrganisationKind(models.TextChoices):
    POLICE_SERVICE = "police_service", _("Police service")
    CONTROL_ROOM = "control_room", _("National control room")
    SECRETARIAT = "secretariat", _("Secretariat")
    WORKING_GROUP = "working_group", _("Working group")


# The kinds of organisation that may be joint Benelux bodies, of no single country (``Organisation.country`` empty).
JOINT_BODY_KINDS = [OrganisationKind.SECRETARIAT.value, OrganisationKind.WORKING_GROUP.value]


class Role(models.TextChoices):
    """The roles of the portal; each is a group of permissions of the same name."""

    POLICE_CHIEF = "police_chief", _("Police chief")
    SECRETARIAT = "secretariat", _("Secretariat")
    OPERATOR = "operator", _("Control room operator")
    LIAISON_OFFICER = "liaison_officer", _("Liaison officer")
    LIAISON_COORDINATOR = "liaison_coordinator", _("Liaison-officer coordinator")
    WORKING_GROUP_MEMBER = "working_group_member", _("Working-group member")
    ADMINISTRATOR = "administrator", _("Administrator")


class SecurityEventKind(models.TextChoices):
    """What happened to the security of an account (``SecurityEvent``)."""

    TWO_FACTOR_ENROLLED = "two_factor_enrolled", _("Two-factor authentication turned on")
    TWO_FACTOR_REPLACED = "two_factor_replaced", _("Authenticator app replaced")
    TWO_FACTOR_RESET = "two_factor_reset", _("Two-factor authentication reset by an administrator")
    TWO_FACTOR_CODE_REFUSED = "two_factor_code_refused", _("Two-factor code refused")
    PASSWORD_REFUSED = "password_refused", _("Password refused when confirming an action")
    PASSWORD_CHANGED = "password_changed", _("Password changed")
    TWO_FACTOR_VERIFIED = "two_factor_verified", _("Two-factor code accepted")
    LOGGED_IN = "logged_in", _("Logged in")
    LOGIN_FAILED = "login_failed", _("Log-in failed")
    LOCKED_OUT = "locked_out", _("Locked out after repeated failed log-ins")
    LOCKOUT_LIFTED = "lockout_lifted", _("Log-in lock-out lifted by an administrator")
    LOGGED_OUT = "logged_out", _("Logged out")
    SESSION_EXPIRED = "session_expired", _("Session ended: inactive too long or at its maximum age")
    SESSIONS_ENDED = "sessions_ended", _("Sessions and API tokens ended by an administrator")
    ACCESS_REFUSED = "access_refused", _("Access refused")
    API_TOKEN_ISSUED = "api_token_issued", _("API token issued")
    API_TOKEN_REVOKED = "api_token_revoked", _("API token revoked")
