import time
from base64 import b32decode

from django_otp.oath import TOTP


def totp_code(device, steps_ahead: int = 0) -> str:
    """The code the user's authenticator app shows now (or a step later: each code is accepted only once)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def code_for_key(key: str, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows for a key typed in as the set-up page shows it (base32, no padding)."""
    totp = TOTP(b32decode(key + "=" * (-len(key) % 8)))
    totp.time = time.time() + steps_ahead * 30
    return f"{totp.token():06d}"
