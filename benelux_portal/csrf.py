"""The request's CSRF token, masked once per request.

Django masks the secret anew each time a token is asked for (``get_token``), drawing 32 random characters: a page
asked twice, for its frame's forms (the ``csrf`` context processor) and for a form kept as HTML
(``rendered_once.with_csrf_token``). One masked token serves every form of a response, as it does within one
template; each response still gets its own.
"""

from django.middleware.csrf import get_token
from django.utils.functional import SimpleLazyObject


def token(request) -> str:
    """This request's masked CSRF token; a new one after the secret changes (``rotate_token`` at login)."""
    kept = getattr(request, "_masked_csrf_token", None)
    if kept is not None and kept[0] == request.META.get("CSRF_COOKIE"):
        return kept[1]
    masked = get_token(request)
    request._masked_csrf_token = (request.META.get("CSRF_COOKIE"), masked)
    return masked


def context_processor(request) -> dict:
    """``csrf_token`` for templates (in place of Django's built-in processor's), from ``token``."""
    return {"csrf_token": SimpleLazyObject(lambda: token(request))}
