"""Writes of the accounts app: roles, languages, users, organisations, passwords, two-factor devices, tokens, and
the security audit log (``SecurityEvent``)."""

from importlib import import_module

from axes.helpers import get_client_ip_address
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
from rest_framework.authtoken.models import Token

from apps.core.errors import ApplicationError

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
        "authtoken.view_tokenproxy",
        "authtoken.add_tokenproxy",
        "authtoken.delete_tokenproxy",
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
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
    *, country: Country, kind: str, short_name: str, names: dict[str, str], **fields
) -> Organisation:
    names = {f"name_{lang}": name for lang, name in names.items()}
    return _upsert(Organisation, {"country": country, "short_name": short_name}, {"kind": kind, **names, **fields})


def two_factor_is_needed(user: User) -> bool:
    """Whether this user must pass a TOTP check: always in production, else once they have a device."""
    return settings.TWO_FACTOR_REQUIRED or user_has_device(user)


def token_obtain(*, request, username: str, password: str, otp_token: str = "") -> Token:
    """Check the credentials (through django-axes, which needs the request) and return the user's token."""
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
    token, _created = Token.objects.get_or_create(user=user)
    return token


# The security audit log -----------------------------------------------------------------------------------------


def security_event_record(
    *, user: User, actor: User | None, kind: str, request=None, detail: str = ""
) -> SecurityEvent:
    """Write an entry of the security audit log: what happened to ``user``'s account, done by ``actor`` (None: by
    the system), from the client address of ``request`` (as django-axes reads it, proxies included)."""
    return SecurityEvent.objects.create(
        user=user,
        username=user.get_username(),
        actor=actor if actor is not None and actor.is_authenticated else None,
        kind=kind,
        client_address=get_client_ip_address(request) if request is not None else None,
        detail=detail[: SecurityEvent._meta.get_field("detail").max_length],
    )


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
    """Check a code of the user's device (django-otp throttles repeated failures); a wrong one is recorded in the
    security log and raises ``ApplicationError``."""
    if not device.verify_token(token):
        security_event_record(
            user=actor, actor=actor, kind=SecurityEventKind.TWO_FACTOR_CODE_REFUSED, request=request, detail=where
        )
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


@transaction.atomic
def two_factor_reset(*, user: User, actor: User, request=None) -> SecurityEvent:
    """An administrator's answer to a lost authenticator app: delete the user's two-factor devices, end their
    sessions and delete their API token, and record it. The user then logs in with their password and enrols a new
    app (a first enrolment); an administrator who doubts the password sets a new one as well."""
    devices = list(devices_for_user(user, confirmed=None))
    for device in devices:
        device.delete()
    tokens, _deleted = Token.objects.filter(user=user).delete()
    sessions = _sessions_of(user)
    _sessions_end(sessions)
    # A request that read a session from the database before this transaction commits may put it back in the cache.
    transaction.on_commit(lambda: _sessions_end(sessions))
    return security_event_record(
        user=user,
        actor=actor,
        kind=SecurityEventKind.TWO_FACTOR_RESET,
        request=request,
        detail=f"devices deleted: {len(devices)}, API tokens deleted: {tokens}, sessions ended: {len(sessions)}",
    )
