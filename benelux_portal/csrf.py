"""The request's CSRF token, masked once per request, with one draw of random bytes.

Django masks the secret anew each time a token is asked for (``get_token``), drawing the 32 characters of the mask
one by one, a system call each: about 40 µs (10 µs here), on every page with a form (the frame's log-out button is
one). A page asked twice, for its frame's forms (the ``csrf`` context processor) and for a form kept as HTML
(``rendered_once.with_csrf_token``). Here a response's forms share one masked token, as the forms of one template
do, and its mask comes from one call to ``secrets.token_bytes``; each response still gets its own mask, in
Django's format (``CsrfViewMiddleware`` unmasks it as its own).
"""

import secrets

from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, get_token
from django.utils.functional import SimpleLazyObject

_INDEX = {character: index for index, character in enumerate(CSRF_ALLOWED_CHARS)}
# Bytes below this map evenly onto the allowed characters (byte % their number); the others are drawn again.
_EVEN_BELOW = 256 - 256 % len(CSRF_ALLOWED_CHARS)


def _random_characters(count: int) -> str:
    """``count`` characters, each drawn evenly from ``CSRF_ALLOWED_CHARS`` by the system's secure random source."""
    drawn = []
    while len(drawn) < count:
        drawn.extend(
            CSRF_ALLOWED_CHARS[byte % len(CSRF_ALLOWED_CHARS)]
            for byte in secrets.token_bytes(2 * count)
            if byte < _EVEN_BELOW
        )
    return "".join(drawn[:count])


def _masked(secret: str) -> str:
    """Django's masking (``_mask_cipher_secret``): a random mask, then each secret character shifted by the mask's."""
    mask = _random_characters(CSRF_SECRET_LENGTH)
    size = len(CSRF_ALLOWED_CHARS)
    return mask + "".join(
        CSRF_ALLOWED_CHARS[(_INDEX[character] + _INDEX[shift]) % size]
        for character, shift in zip(secret, mask, strict=True)
    )


def token(request) -> str:
    """This request's masked CSRF token; a new one after the secret changes (``rotate_token`` at login)."""
    secret = request.META.get("CSRF_COOKIE")
    kept = getattr(request, "_masked_csrf_token", None)
    if kept is not None and kept[0] == secret:
        return kept[1]
    if secret is not None and len(secret) == CSRF_SECRET_LENGTH and all(character in _INDEX for character in secret):
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True  # as get_token: the cookie goes out again, renewing its expiry
        masked = _masked(secret)
    else:  # no secret yet: Django makes one and sets its cookie
        masked = get_token(request)
    request._masked_csrf_token = (request.META.get("CSRF_COOKIE"), masked)
    return masked


def context_processor(request) -> dict:
    """``csrf_token`` for templates (in place of Django's built-in processor's), from ``token``."""
    return {"csrf_token": SimpleLazyObject(lambda: token(request))}
