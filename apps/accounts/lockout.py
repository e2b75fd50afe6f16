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
