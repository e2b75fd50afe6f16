import time

from django_otp.oath import TOTP


def totp_code(device, steps_ahead: int = 0) -> str:
    """The code the user's authenticator app shows now (or a step later: each code is accepted only once)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"
