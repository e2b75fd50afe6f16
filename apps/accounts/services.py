"""Writes of the accounts app: roles, languages, users, organisations, tokens."""

from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from apps.core.errors import ApplicationError

from .choices import Role
from .models import Country, Organisation, User
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


def user_set_language(*, user: User, language: str) -> User:
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
        if not otp_token or not device.verify_token(otp_token):
            raise ApplicationError(
                _("A valid two-factor code is required."),
                {"otp_token": [_("Enter the code from your authenticator app.")]},
            )
    token, _created = Token.objects.get_or_create(user=user)
    return token


@transaction.atomic
def totp_device_create(*, user: User) -> TOTPDevice:
    """Start two-factor set-up: an unconfirmed device whose secret the user scans."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, token: str) -> TOTPDevice:
    if not device.verify_token(token):
        raise ApplicationError(_("That code is not valid. Check the time on your phone and try again."))
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device
