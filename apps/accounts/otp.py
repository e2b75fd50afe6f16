"""The two-factor device that verified a session, without a query or a cache read of its own.

django-otp's ``OTPMiddleware`` loads that device from the database on every request, to know whether the session
is verified (a deleted or unconfirmed device ends the verification). Ours (``middleware.OTPMiddleware``, through
``verified_user`` below: the same rules, on django-otp's public API) takes it from the cache entry of the session's
user (``session_user.py``), which carries the user's confirmed devices; every save or delete of a device drops that
entry (``apps.py`` connects the receiver). Only a confirmed device of the session's user is taken from there; anything
else is checked in the database again, so a stale entry (a database restored under the cache) can delay nothing
but a refusal by ``session_user.CACHE_SECONDS`` at most, and only for a change that bypassed ``save()``/``delete()``.
The secret key never goes into the cache: the device we hand out is a Django instance with only ``id``,
``user_id``, ``confirmed`` and ``name`` loaded; any other field loads from the database when read, as a
deferred field does.
"""

import functools

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.models import Device

from .session_user import forget_users

FIELDS = ("id", "user_id", "confirmed", "name")


def _model(persistent_id: str):
    model_label, _slash, device_id = persistent_id.rpartition("/")
    model = apps.get_model(model_label)
    if not issubclass(model, Device):
        raise LookupError(model_label)
    return model, int(device_id)


def _device(model, values: dict) -> Device:
    names = [field.attname for field in model._meta.concrete_fields if field.attname in FIELDS]
    return model.from_db(DEFAULT_DB_ALIAS, names, [values[name] for name in names])


def session_device(user, persistent_id: str) -> Device | None:
    """The device of this persistent id (``otp_totp.totpdevice/12``), or None when there is no such device.

    A confirmed device of ``user`` comes from what the cache holds of the session's user (``user.confirmed_devices``);
    any other is read from the database, for django-otp to refuse.
    """
    try:
        model, device_id = _model(persistent_id)
    except (ValueError, LookupError):
        return None
    known = getattr(user, "confirmed_devices", {}).get(persistent_id)
    if known is not None:
        _label, pk, name = known
        return _device(model, {"id": pk, "user_id": user.pk, "confirmed": True, "name": name})
    values = model.objects.filter(pk=device_id).values(*FIELDS).first()
    return _device(model, values) if values is not None else None


def _is_verified(user) -> bool:
    return user.otp_device is not None


def verified_user(request, user):
    """``user`` (the session's) with ``otp_device`` (the device that verified the session: a confirmed device of
    theirs, else None) and ``is_verified()``, as django-otp's ``OTPMiddleware`` sets them. A session whose device no
    longer counts (deleted, unconfirmed, another user's) forgets it, and must pass a code again."""
    user.otp_device = None
    user.is_verified = functools.partial(_is_verified, user)
    if user.is_authenticated:
        persistent_id = request.session.get(DEVICE_ID_SESSION_KEY)
        device = session_device(user, persistent_id) if persistent_id else None
        if device is not None and (device.user_id != user.pk or not device.confirmed):
            device = None
        if device is None and persistent_id is not None:
            del request.session[DEVICE_ID_SESSION_KEY]
        user.otp_device = device
    return user


def forget_device(sender, instance, **kwargs) -> None:
    """Receiver of post_save and post_delete: a changed or deleted device is read from the database again."""
    if isinstance(instance, Device):
        forget_users([instance.user_id])
