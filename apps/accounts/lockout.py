import ipaddress

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .middleware import API_PREFIX


def lockout_response(request, original_response, credentials):
    """What django-axes answers once an account is locked: JSON in the error shape for the API, a page otherwise."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    status = settings.AXES_HTTP_RESPONSE_CODE
    if request.path_info.startswith(API_PREFIX):
        message = _("Too many failed log-ins: try again in %(minutes)d minutes.") % {"minutes": minutes}
        return JsonResponse({"detail": message, "errors": {}}, status=status)
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, {"cooloff_minutes": minutes}, status=status)


def client_address(request) -> str | None:
    """The client's address, for the lock-out, the security log and (by the same rule, DRF's ``NUM_PROXIES``) the
    API's throttle: the address the outermost of our ``PROXY_COUNT`` reverse proxies saw, that is the entry the first
    of them appended to ``X-Forwarded-For``, counted from the right, never one a client wrote there itself; without a
    proxy, the connection's own address. django-axes' ``AXES_CLIENT_IP_CALLABLE``."""
    remote = request.META.get("REMOTE_ADDR")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if not settings.PROXY_COUNT or not forwarded:
        return remote
    entries = [entry.strip() for entry in forwarded.split(",")]
    candidate = entries[-min(settings.PROXY_COUNT, len(entries))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:  # a proxy that is not ours, or none: not an address to count by
        return remote
