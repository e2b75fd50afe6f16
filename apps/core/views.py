"""The dashboard, ``/healthz`` and the page shown for a failed CSRF check."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from redis import Redis
from redis.exceptions import RedisError

from .parts import dashboard_cards, health_checks, home_panels

API_PREFIX = "/api/"


def home(request):
    """The dashboard: the panels of the apps for the user's roles (``HomePanel``), then the cards that fit the user's
    roles, each leading to its part of the portal; never two to the same place (a user of several roles, or an
    administrator, who sees every card: the first of them)."""
    user = request.user
    panels = [render_panel(request) for panel, render_panel in home_panels() if panel.shown_to(user)]
    cards, places = [], set()
    for card in dashboard_cards():
        if card.shown_to(user) and card.url_name not in places:
            places.add(card.url_name)
            cards.append(card)
    return render(request, "home.html", {"profile": user, "cards": cards, "panels": panels})


def _redis_ok() -> bool:
    try:
        client = Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
        return bool(client.ping())
    except (RedisError, OSError):
        return False


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # noqa: BLE001 -- any failure of the database means "down"
        return False


def _check(check) -> dict:
    try:
        return check()
    except Exception:  # noqa: BLE001 -- a broken check must answer, not raise
        return {"status": "unknown"}


def _may_read_health_details(request) -> bool:
    """Monitoring: a logged-in staff member, or a caller with the health token (``PORTAL_HEALTH_TOKEN``)."""
    token = settings.HEALTH_TOKEN
    given = request.headers.get("X-Health-Token", "")
    if token and given and constant_time_compare(given, token):
        return True
    return request.user.is_authenticated and request.user.is_staff


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """200 when PostgreSQL and Redis answer and every app's check (``health_checks``) is ok, 503 otherwise.

    Anyone learns the status; which part is down, the notification backlog and when each channel last delivered are
    for monitoring only (``_may_read_health_details``)."""
    checks = {"database": _database_ok(), "redis": _redis_ok()}
    parts = {
        name: _check(check) if checks["database"] else {"status": "unknown"} for name, check in health_checks().items()
    }
    healthy = all(checks.values()) and all(part.get("status") == "ok" for part in parts.values())
    body = {"status": "ok" if healthy else "unavailable"}
    if _may_read_health_details(request):
        body.update({name: "ok" if ok else "down" for name, ok in checks.items()}, **parts)
    return JsonResponse(body, status=200 if healthy else 503)


def page_not_found(request, exception):
    """An address nothing answers: the API's error shape under ``/api/``, the portal's 404 page elsewhere."""
    if request.path_info.startswith(API_PREFIX):
        return JsonResponse({"detail": _("Not found."), "errors": {}}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    """A failure of ours: the API's error shape under ``/api/``, the portal's 500 page elsewhere."""
    if request.path_info.startswith(API_PREFIX):
        return JsonResponse(
            {"detail": _("Something went wrong on our side; nothing was changed."), "errors": {}}, status=500
        )
    return defaults.server_error(request)


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token: explain it in the user's language, change nothing."""
    return render(request, "403_csrf.html", status=403)
