"""One error shape for the whole API: ``{"detail": "...", "errors": {"field": ["..."]}}``."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from apps.core.errors import ApplicationError


def _flatten(data):
    if isinstance(data, dict):
        return {key: _flatten(value) for key, value in data.items()}
    if isinstance(data, list):
        flat = []
        for item in data:
            value = _flatten(item)
            flat.extend(value if isinstance(value, list) else [value])
        return flat
    return [str(data)] if not isinstance(data, dict) else data


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
        errors = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        errors = {field: _flatten(messages) for field, messages in errors.items()}
        response.data = {"detail": _("The request contains invalid data."), "errors": errors}
    else:
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else response.data
        response.data = {"detail": str(detail), "errors": {}}
    return response
