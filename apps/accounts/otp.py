"""The two-factor device that verified a session, read once and then from the cache.

django-otp's ``OTPMiddleware`` loads that device from the database on every request, to know whether the session
is verified (a deleted or unconfirmed device ends the verification). What it needs of the device (its owner and
whether it is confirmed) changes only when the device is saved or deleted, so we keep those two facts in the
cache under the device's persistent id and drop them whenever a device is saved or deleted (``apps.py``
connects the receivers). Only a confirmed device of the session's user is taken from the cache; anything else
is checked in the database again, so a stale entry (a database restored under the cache) can delay nothing but
a refusal by ``CACHE_SECONDS`` at most, and only for a change that bypassed ``save()``/``delete()``.
The secret key never goes into the cache: the device we hand out is a Django instance with only ``id``,
``user_id``, ``confirmed`` and ``name`` loaded; any other field loads from the database when read, as a
deferred field does.
"""

from django.apps import apps
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS
from django_otp.models import Device

CACHE_SECONDS = 5 * 60
FIELDS = ("id", "user_id", "confirmed", "name")


def _key(persistent_id: str) -> str:
    return f"accounts:otp-device:{persistent_id}"


def _model(persistent_id: str):
    model_label, _slash, device_id = persistent_id.rpartition("/")
    model = apps.get_model(model_label)
    if not issubclass(model, Device):
        raise LookupError(model_label)
    return model, int(device_id)


def device_from_persistent_id(persistent_id: str, *, user_id: int | None = None) -> Device | None:
    """The device of this persistent id (``otp_totp.totpdevice/12``), or None when there is no such device.

    With ``user_id``, the cache answers only when it knows the device as that user's and confirmed.
    """
    try:
        model, device_id = _model(persistent_id)
    except (ValueError, LookupError):
        return None
    facts = cache.get(_key(persistent_id))
    if facts is None or facts["user_id"] != user_id or not facts["confirmed"]:
        facts = model.objects.filter(pk=device_id).values(*FIELDS).first()
        if facts is None:
            cache.delete(_key(persistent_id))
            return None
        cache.set(_key(persistent_id), facts, CACHE_SECONDS)
    names = [field.attname for field in model._meta.concrete_fields if field.attname in FIELDS]
    return model.from_db(DEFAULT_DB_ALIAS, names, [facts[name] for name in names])


def forget_device(sender, instance, **kwargs) -> None:
    """Receiver of post_save and post_delete: a changed or deleted device is read from the database again."""
    if isinstance(instance, Device) and instance.pk is not None:
        cache.delete(_key(instance.persistent_id))
