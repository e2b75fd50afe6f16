"""One error shape for the whole API: ``{"detail": "...", "errors": {"field": ["..."]}}``."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from apps.core.errors import ApplicationError


def _messages(data, field: str, into: dict[str, list[str]]) -> dict[str, list[str]]:
    """DRF's nested errors as the one shape: each message under the dotted path of its field (``lines.1.quantity``),
    so that every value of ``errors`` is a list of strings, as the schema says."""
    if isinstance(data, dict):
        for key, value in data.items():
            _messages(value, f"{field}.{key}" if field else str(key), into)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            if isinstance(value, dict | list):
                _messages(value, f"{field}.{index}" if isinstance(value, dict) else field, into)
            else:
                into.setdefault(field or "non_field_errors", []).append(str(value))
    else:
        into.setdefault(field or "non_field_errors", []).append(str(data))
    return into


def exception_handler(exc, context):
    if isinstance(exc, ApplicationError):
        return Response({"detail": str(exc.message), "errors": exc.errors}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = _messages(exc.detail, "", {})
        response.data = {"detail": _("The request contains invalid data."), "errors": errors}
    elif isinstance(exc, exceptions.ParseError) and exc.detail != exceptions.ParseError.default_detail:
        # DRF's JSON parser words its error in English whatever the client asked for (Accept-Language).
        response.data = {"detail": _("The body of the request is not valid JSON."), "errors": {}}
    else:
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else response.data
        response.data = {"detail": str(detail), "errors": {}}
    return response
