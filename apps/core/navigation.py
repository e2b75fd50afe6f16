"""What every page's frame shows: the main navigation with the current part marked, the site's addresses and the
languages (the ``navigation`` context processor)."""

from functools import cache

from django.conf import settings
from django.urls import get_script_prefix, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.text import capfirst
from django.utils.translation import get_language_info

from .caching import csrf_token
from .parts import navigation_items

# The other addresses every page links to (base.html: ``site_urls.profile``).
SITE_URLS = {
    "home": "home",
    "set_language": "accounts:set_language",
    "profile": "accounts:profile",
    "logout": "accounts:logout",
    "admin": "admin:index",
    "api_docs": "api-docs",
    "unread": "notifications:unread",
}


@cache
def _site(script_prefix: str) -> dict:
    """What every page's frame links to and offers, worked out once per process (and script prefix): the
    addresses, and each language under its own name."""
    return {
        "urls": {key: reverse(name) for key, name in SITE_URLS.items()},
        "navigation": {item.url_name: reverse(item.url_name) for item in navigation_items()},
        "languages": [(code, capfirst(get_language_info(code)["name_local"])) for code, _name in settings.LANGUAGES],
    }


def navigation(request):
    """The main navigation, with the current part marked; the addresses and languages of the page's frame."""
    site = _site(get_script_prefix())
    context = {"site_urls": site["urls"], "site_languages": site["languages"]}
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {**context, "navigation": []}
    match = request.resolver_match
    current = f"{match.namespace}:index" if match and match.namespace else (match.url_name if match else "")
    urls = site["navigation"]
    return {
        **context,
        # The part of the portal the page is in: one of what the page frame depends on (base.html).
        "navigation_current": current,
        "navigation": [
            {
                "url_name": item.url_name,
                "url": urls[item.url_name],
                "label": item.label,
                "current": item.url_name == current,
            }
            for item in navigation_items()
        ],
    }


def csrf(request):
    """``csrf_token`` for templates, in place of Django's processor: one masked token for all a response's forms
    (``caching.csrf_token``), the cached body's as well as the frame's."""
    return {"csrf_token": SimpleLazyObject(lambda: csrf_token(request))}
