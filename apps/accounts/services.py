"""Writes of the accounts app: roles, languages, users, organisations, passwords, two-factor devices, sessions, API
tokens, lock-outs, and the security audit log (``SecurityEvent``)."""

import logging
from datetime import UTC
from importlib import import_module

from axes.helpers import get_client_ip_address
from axes.utils import reset as axes_reset
from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth import SESSION_KEY, authenticate
from django.contrib.auth.models import Group, Permission
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import devices_for_user, user_has_device
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice, key_validator
from knox.models import AuthToken

from apps.core.errors import ApplicationError
from apps.core.logs import redact

from .choices import Role, SecurityEventKind
from .models import Country, Organisation, SecurityEvent, User
from .session_user import forget_users

# Permissions of each role on the accounts app itself. Other apps add theirs through a
# ``role_permissions`` attribute on their AppConfig ({role: ["app_label.codename", ...]}),
# so accounts never imports them.
ROLE_PERMISSIONS = {
    Role.POLICE_CHIEF: ["accounts.view_country", "accounts.view_organisation"],
    Role.SECRETARIAT: ["accounts.view_country", "accounts.view_organisation", "accounts.view_user"],
    Role.OPERATOR: ["accounts.view_country", "accounts.view_organisation"],
    Role.LIAISON_OFFICER: ["accounts.view_country", "accounts.view_organisation"],
    Role.WORKING_GROUP_MEMBER: ["accounts.view_country", "accounts.view_organisation"],
    Role.ADMINISTRATOR: [
        f"accounts.{action}_{model}"
        for model in ("country", "organisation", "user")
        for action in ("add", "change", "delete", "view")
    ]
    + [
        "auth.view_group",
        "auth.change_group",
        # API tokens: seen and revoked, never made in the admin (a token is handed out after the password and code).
        "knox.view_authtoken",
        "knox.delete_authtoken",
        # Lock-outs: seen in axes' admin, lifted by the audited action on users ("Lift the log-in lock-out").
        "axes.view_accessattempt",
        "accounts.view_securityevent",
    ],
}


def _role_permission_names() -> dict[str, set[str]]:
    names = {role: set(perms) for role, perms in ROLE_PERMISSIONS.items()}
    for config in django_apps.get_app_configs():
        for role, perms in getattr(config, "role_permissions", {}).items():
            names.setdefault(role, set()).update(perms)
    return names


def roles_sync() -> None:
    """Create one group per role and give it exactly the permissions the roles table names."""
    wanted = _role_permission_names()
    permissions = {
        f"{perm.content_type.app_label}.{perm.codename}": perm
        for perm in Permission.objects.select_related("content_type")
    }
    for role in Role.values:
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.set([permissions[name] for name in sorted(wanted.get(role, ())) if name in permissions])


@transaction.atomic
def user_record_login(sender, user: User, **kwargs) -> None:
    """Receiver of ``user_logged_in``: note the time of the log-in (one UPDATE, no audit history row)."""
    user.last_login = timezone.now()
    User.objects.filter(pk=user.pk).update(last_login=user.last_login)
    forget_users([user.pk])


def user_set_language(*, actor: User, user: User, language: str) -> User:
    """The language ``user`` reads the portal in (``actor``: themselves, from the language switcher)."""
    if language not in dict(settings.LANGUAGES):
        raise ApplicationError(_("This language is not available."), {"language": [_("Choose nl, fr, de or en.")]})
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    return user


@transaction.atomic
def user_upsert(*, username: str, organisation: Organisation | None, roles: list[str], password: str, **fields) -> User:
    """Create or update a user with the given roles; used by the demo data and admin tools."""
    user = _upsert(User, {"username": username}, {"organisation": organisation, **fields})
    if not user.password or not user.has_usable_password():
        user.set_password(password)
        user.save(update_fields=["password"])
    user.groups.set(Group.objects.filter(name__in=roles))
    return user


def _upsert(model, lookup: dict, values: dict):
    """Create, or update only what differs, so that loading the same data twice writes no history."""
    instance, created = model.objects.get_or_create(**lookup, defaults=values)
    changed = [field for field, value in values.items() if getattr(instance, field) != value]
    if not created and changed:
        for field in changed:
            setattr(instance, field, values[field])
        instance.save(update_fields=changed)
    return instance


def country_upsert(*, code: str, is_member: bool, names: dict[str, str]) -> Country:
    names = {f"name_{lang}": name for lang, name in names.items()}
    return _upsert(Country, {"code": code}, {"is_member": is_member, **names})


def organisation_upsert(
    *, country: Country | None, kind: str, short_name: str, names: dict[str, str], **fields
) -> Organisation:
    """An organisation of ``country``, or a joint Benelux body of none (``country=None``)."""
    names = {f"name_{lang}": name for lang, name in names.items()}
    return _upsert(Organisation, {"country": country, "short_name": short_name}, {"kind": kind, **names, **fields})


def two_factor_is_needed(user: User) -> bool:
    """Whether this user must pass a TOTP check: always in production, else once they have a device."""
    return settings.TWO_FACTOR_REQUIRED or user_has_device(user)


def token_obtain(*, request, username: str, password: str, otp_token: str = "") -> tuple[AuthToken, str]:
    """Check the credentials (through django-axes, which needs the request) and, where two-factor applies, a code of
    the user's authenticator app; then issue a new API token (``api_token_issue``)."""
    user = authenticate(request=request, username=username, password=password)
    if user is None or not user.is_active:
        raise ApplicationError(_("Unable to log in with the given username and password."))
    if two_factor_is_needed(user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            raise ApplicationError(_("Set up two-factor authentication in the portal before using the API."))
        refused = ApplicationError(
            _("A valid two-factor code is required."),
            {"otp_token": [_("Enter the code from your authenticator app.")]},
        )
        if not otp_token:
            raise refused
        try:
            two_factor_check(actor=user, device=device, token=otp_token, request=request, where="API token")
        except ApplicationError:
            raise refused from None
    return api_token_issue(user=user, request=request)


# API tokens (django-rest-knox) ----------------------------------------------------------------------------------
#
# The database keeps a hash of each token, its first characters (``token_key``: what the owner sees to tell their
# tokens apart, never enough to use one) and its expiry (REST_KNOX["TOKEN_TTL"], from API_TOKEN_DAYS). A token ends
# when it expires (the daily task deletes it), when its owner revokes it (profile page or API), when an administrator
# deletes it, and when the owner's password changes (``passwords.PasswordChangeEndsApiTokens``), their account is
# deactivated (``receivers.py``), their sessions are ended or their two-factor authentication is reset.


def api_token_issue(*, user: User, request=None) -> tuple[AuthToken, str]:
    """A new API token of ``user``: its row (no secret in it) and the token itself, which nobody can see again."""
    instance, token = AuthToken.objects.create(user=user)
    security_event_record(
        user=user,
        actor=user,
        kind=SecurityEventKind.API_TOKEN_ISSUED,
        request=request,
        detail=f"{instance.token_key}, expires {instance.expiry.astimezone(UTC).isoformat()}",
    )
    return instance, token


@transaction.atomic
def api_tokens_end(
    *, user: User, actor: User | None, reason: str, request=None, token_keys: list[str] | None = None
) -> int:
    """End ``user``'s API tokens (those whose ``token_key`` is given, or all of them), record it, and say how many
    there were."""
    tokens = AuthToken.objects.filter(user=user)
    if token_keys is not None:
        tokens = tokens.filter(token_key__in=token_keys)
    keys = sorted(tokens.values_list("token_key", flat=True))
    if not keys:
        return 0
    AuthToken.objects.filter(user=user, token_key__in=keys).delete()
    security_event_record(
        user=user,
        actor=actor,
        kind=SecurityEventKind.API_TOKEN_REVOKED,
        request=request,
        detail=f"{reason}: {', '.join(keys)}",
    )
    return len(keys)


def api_tokens_delete_expired() -> int:
    """Delete the tokens past their expiry (the daily task): they no longer authenticate anyone."""
    deleted, _by_model = AuthToken.objects.filter(expiry__lte=timezone.now()).delete()
    return deleted


# The security audit log -----------------------------------------------------------------------------------------

security_log = logging.getLogger("apps.accounts.security")


def _printable(text: str, limit: int) -> str:
    """``text`` without control characters (PostgreSQL refuses a NUL) and no longer than ``limit``."""
    return "".join(char for char in str(text) if char.isprintable())[:limit]


def security_event_record(
    *,
    user: User | None,
    actor: User | None,
    kind: str,
    request=None,
    detail: str = "",
    username: str | None = None,
) -> SecurityEvent:
    """Write an entry of the security audit log: what happened to ``user``'s account (or, when there is no such
    account, to the ``username`` someone typed), done by ``actor`` (None: by the system or by nobody known), from the
    client address of ``request`` (as django-axes reads it, proxies included), at the present time (UTC). The same
    entry goes to the ``apps.accounts.security`` logger, for a log collector."""
    actor = actor if actor is not None and actor.is_authenticated else None
    event = SecurityEvent.objects.create(
        user=user,
        username=_printable(user.get_username() if user is not None else username or "", 150),
        actor=actor,
        kind=kind,
        client_address=get_client_ip_address(request) if request is not None else None,
        detail=_printable(redact(detail), SecurityEvent._meta.get_field("detail").max_length),
    )
    security_log.info(
        "%s user=%s actor=%s address=%s at=%s detail=%s",
        kind,
        event.username or "-",
        actor.get_username() if actor is not None else "-",
        event.client_address or "-",
        event.at.astimezone(UTC).isoformat(),
        event.detail or "-",
    )
    return event


def _user_named(username: str) -> User | None:
    return User.objects.filter(username=username).first() if username else None


def login_record(*, user: User, request) -> SecurityEvent:
    """A log-in with the password (the pages' and the admin's; the API's is the token it issues)."""
    return security_event_record(
        user=user, actor=user, kind=SecurityEventKind.LOGGED_IN, request=request, detail=_where(request)
    )


def login_failure_record(*, username: str, request) -> SecurityEvent:
    """A log-in refused (a wrong password, an unknown user, or a locked-out one), on a page or at the API."""
    username = _printable(username, 150)
    return security_event_record(
        user=_user_named(username),
        actor=None,
        kind=SecurityEventKind.LOGIN_FAILED,
        request=request,
        detail=_where(request),
        username=username,
    )


def lockout_record(*, username: str, request) -> SecurityEvent:
    """django-axes locked ``username`` out from this client's address."""
    username = _printable(username, 150)
    return security_event_record(
        user=_user_named(username),
        actor=None,
        kind=SecurityEventKind.LOCKED_OUT,
        request=request,
        detail=_where(request),
        username=username,
    )


def logout_record(*, user: User, request, expired: str = "") -> SecurityEvent:
    """A log-out: by the user, or by the portal when the session was unused too long or reached its maximum age
    (``expired`` says which)."""
    kind = SecurityEventKind.SESSION_EXPIRED if expired else SecurityEventKind.LOGGED_OUT
    return security_event_record(user=user, actor=None if expired else user, kind=kind, request=request, detail=expired)


def access_refused_record(*, request, status: int) -> SecurityEvent:
    """A request the portal refused: a 403 (no permission, a session owing its two-factor code, a failed CSRF check),
    or a 401 to a client that sent credentials (an unknown, revoked or expired API token)."""
    user = getattr(request, "user", None)
    user = user if user is not None and user.is_authenticated else None
    detail = f"{status} {_where(request)}"
    return security_event_record(
        user=user, actor=user, kind=SecurityEventKind.ACCESS_REFUSED, request=request, detail=detail
    )


def _where(request) -> str:
    """The method and address of the request (nothing for a request made up in code, as ``force_login``'s)."""
    return f"{request.method} {request.path}" if request is not None and request.method else ""


# Passwords ------------------------------------------------------------------------------------------------------


@transaction.atomic
def user_password_change(*, actor: User, user: User, password: str, request=None) -> User:
    """Give ``user`` a new password (validated by the caller's form). Every other session of theirs ends at its next
    request: the session's auth hash no longer matches (the caller keeps its own with ``update_session_auth_hash``)."""
    user.set_password(password)
    user.save(update_fields=["password"])
    security_event_record(user=user, actor=actor, kind=SecurityEventKind.PASSWORD_CHANGED, request=request)
    return user


# Two-factor authentication --------------------------------------------------------------------------------------
#
# Turning it on: the set-up page keeps the secret of the authenticator app being added in the session (never in
# the database) until the user confirms it with a code; only then ``two_factor_enrol`` creates the device. A user
# who has no device yet enrols after logging in with the password (that is how TWO_FACTOR_REQUIRED onboards them);
# a user who has one must be in a session verified by it and give their password again, and the new app then
# replaces every device they had. A user who lost their app asks an administrator, who resets their two-factor
# (``two_factor_reset``: the Django admin's action on users); they then log in with the password and enrol anew.


def _code_step(key: str, token: str) -> tuple[int, int] | None:
    """The time step and drift at which ``token`` is the code of the authenticator app of ``key`` (hex), with the
    tolerance and settings a TOTP device has; None when it is not."""
    try:
        key_validator(key)
        value = int(token)
    except (ValidationError, TypeError, ValueError):
        return None
    like = TOTPDevice(key=key)  # never saved: its defaults are those of the device to be created
    totp = TOTP(like.bin_key, like.step, like.t0, like.digits, like.drift)
    if not totp.verify(value, like.tolerance):
        return None
    return totp.t(), totp.drift


def _password_is_right(*, user: User, password: str, request) -> bool:
    """Whether ``password`` is the user's, checked as a log-in is (django-axes counts a wrong one, and locks out)."""
    if not password:
        return False
    checked = authenticate(request=request, username=user.get_username(), password=password)
    return checked is not None and checked.pk == user.pk


def two_factor_enrol(
    *, actor: User, key: str, token: str, request, password: str = "", verified_device: Device | None = None
) -> TOTPDevice:
    """Turn on two-factor authentication for ``actor`` with the authenticator app whose secret (``key``, hex) the
    set-up page showed them, now that it shows ``token``; return the new, confirmed device.

    A user who has a confirmed device already replaces it only from a session verified by one of their devices
    (``verified_device``: ``request.user.otp_device``) and with their current ``password``: the new device then
    replaces all of their devices. Anything refused changes nothing, is recorded in the security log (a wrong code
    or password) and raises ``ApplicationError`` naming the field.
    """
    with transaction.atomic():
        # One enrolment of a user at a time: the check of their devices below stays true until the new one exists.
        user = User.objects.select_for_update().get(pk=actor.pk)
        devices = list(devices_for_user(user, confirmed=None))
        confirmed = {device.persistent_id for device in devices if device.confirmed}
        if confirmed and (verified_device is None or verified_device.persistent_id not in confirmed):
            message = _("Enter a code of your current authenticator app first.")
            raise ApplicationError(message, {"otp_token": [message]})
        if confirmed and not _password_is_right(user=user, password=password, request=request):
            kind, field, message = SecurityEventKind.PASSWORD_REFUSED, "password", _("That password is not correct.")
        elif (step := _code_step(key, token)) is None:
            kind, field = SecurityEventKind.TWO_FACTOR_CODE_REFUSED, "otp_token"
            message = _("That code is not valid. Check the time on your phone and try again.")
        else:
            for device in devices:
                device.delete()
            last_t, drift = step
            device = TOTPDevice.objects.create(
                user=user, name=_("Authenticator app"), key=key, confirmed=True, last_t=last_t, drift=drift
            )
            kind = SecurityEventKind.TWO_FACTOR_REPLACED if confirmed else SecurityEventKind.TWO_FACTOR_ENROLLED
            security_event_record(user=user, actor=actor, kind=kind, request=request, detail=device.name)
            return device
    # Refused: no device was touched. Recorded once the lock is released.
    security_event_record(user=user, actor=actor, kind=kind, request=request, detail="set-up")
    raise ApplicationError(message, {field: [message]})


def two_factor_check(*, actor: User, device: Device, token: str, request=None, where: str = "log-in") -> Device:
    """Check a code of the user's device, and record the outcome in the security log; a wrong one raises
    ``ApplicationError``.

    Each code is good once: django-otp remembers the time step of the last code accepted and refuses that step and
    earlier ones, and throttles repeated failures. The device's row stays locked while it checks, so two requests
    sending the same code at the same moment cannot both pass."""
    with transaction.atomic():
        device = type(device).objects.select_for_update().get(pk=device.pk)
        verified = device.verify_token(token)
    kind = SecurityEventKind.TWO_FACTOR_VERIFIED if verified else SecurityEventKind.TWO_FACTOR_CODE_REFUSED
    security_event_record(user=actor, actor=actor, kind=kind, request=request, detail=where)
    if not verified:
        raise ApplicationError(_("That code is not valid. Check the time on your phone and try again."))
    return device


def _sessions_of(user: User) -> list[str]:
    """The keys of the user's sessions that have not expired (every session is read: an administrator's action)."""
    now = timezone.now()
    return [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=now).iterator()
        if session.get_decoded().get(SESSION_KEY) == str(user.pk)
    ]


def _sessions_end(session_keys: list[str]) -> None:
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session_key in session_keys:
        store(session_key=session_key).delete()


def _end_sessions_of(user: User) -> int:
    """End every session of ``user`` (in the cache and the database); say how many there were. Call it in a
    transaction."""
    sessions = _sessions_of(user)
    _sessions_end(sessions)
    # A request that read a session from the database before this transaction commits may put it back in the cache.
    transaction.on_commit(lambda: _sessions_end(sessions))
    return len(sessions)


@transaction.atomic
def two_factor_reset(*, user: User, actor: User, request=None) -> SecurityEvent:
    """An administrator's answer to a lost authenticator app: delete the user's two-factor devices, end their
    sessions and their API tokens, and record it. The user then logs in with their password and enrols a new app (a
    first enrolment); an administrator who doubts the password sets a new one as well."""
    devices = list(devices_for_user(user, confirmed=None))
    for device in devices:
        device.delete()
    tokens = api_tokens_end(user=user, actor=actor, reason="two-factor reset", request=request)
    sessions = _end_sessions_of(user)
    return security_event_record(
        user=user,
        actor=actor,
        kind=SecurityEventKind.TWO_FACTOR_RESET,
        request=request,
        detail=f"devices deleted: {len(devices)}, API tokens deleted: {tokens}, sessions ended: {sessions}",
    )


# What administrators do for a user: end their sessions, lift a lock-out ------------------------------------------


@transaction.atomic
def user_sessions_end(*, user: User, actor: User, request=None) -> SecurityEvent:
    """An administrator ends every session and API token of ``user`` (a stolen laptop, a leaked token, a person who
    left): the user logs in again, and systems using their tokens ask for new ones. Recorded."""
    tokens = api_tokens_end(user=user, actor=actor, reason="sessions ended by an administrator", request=request)
    sessions = _end_sessions_of(user)
    return security_event_record(
        user=user,
        actor=actor,
        kind=SecurityEventKind.SESSIONS_ENDED,
        request=request,
        detail=f"sessions ended: {sessions}, API tokens ended: {tokens}",
    )


def user_lockout_lift(*, user: User, actor: User, request=None) -> SecurityEvent:
    """An administrator lets ``user`` log in again before the lock-out's cool-off has passed, from every address:
    django-axes forgets their failed log-ins. Recorded."""
    attempts = axes_reset(username=user.get_username())
    return security_event_record(
        user=user,
        actor=actor,
        kind=SecurityEventKind.LOCKOUT_LIFTED,
        request=request,
        detail=f"addresses with failed log-ins forgotten: {attempts}",
    )
