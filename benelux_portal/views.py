import redis
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from apps.accounts.choices import Role
from apps.accounts.selectors import user_load_roles_and_organisation
from apps.notifications.selectors import delivery_health


def home(request):
    """The dashboard: the cards that fit the user's roles, each leading to its part of the portal."""
    user = user_load_roles_and_organisation(user=request.user)  # one query; the user is loaded already
    roles = user.roles
    cards = [
        card for card in DASHBOARD_CARDS if not card["roles"] or roles.intersection(card["roles"]) or user.is_superuser
    ]
    return render(request, "home.html", {"profile": user, "cards": cards})


DASHBOARD_CARDS = [
    {
        "title": _("Joint objectives"),
        "text": _("Progress of the objectives and activities, red, amber or green at a glance."),
        "url": "consultation:index",
        "roles": {Role.POLICE_CHIEF, Role.SECRETARIAT, Role.WORKING_GROUP_MEMBER},
    },
    {
        "title": _("Meetings"),
        "text": _("The next Strategic Consultation, its agenda, minutes and open action points."),
        "url": "consultation:index",
        "roles": {Role.POLICE_CHIEF, Role.SECRETARIAT},
    },
    {
        "title": _("Request queue"),
        "text": _("Assistance and loan requests addressed to your country that await an answer."),
        "url": "assistance:index",
        "roles": {Role.OPERATOR},
    },
    {
        "title": _("Assistance and loans"),
        "text": _("Requests between the national control rooms and how fast they were answered."),
        "url": "assistance:index",
        "roles": {Role.POLICE_CHIEF, Role.SECRETARIAT},
    },
    {
        "title": _("My posting"),
        "text": _("Keep your posting, accreditations, coverage and absence current."),
        "url": "liaison:index",
        "roles": {Role.LIAISON_OFFICER},
    },
    {
        "title": _("Who covers which country"),
        "text": _("The liaison officers abroad and the countries each of them covers."),
        "url": "liaison:index",
        "roles": set(),
    },
    {
        "title": _("Upcoming events"),
        "text": _("Large events and joint trainings in the three countries."),
        "url": "events:index",
        "roles": set(),
    },
    {
        "title": _("Brochure"),
        "text": _("Cross-border police work explained, in Dutch, French, German and English."),
        "url": "brochure:index",
        "roles": set(),
    },
]


def _redis_ok() -> bool:
    try:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
        return bool(client.ping())
    except (redis.RedisError, OSError):
        return False


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # noqa: BLE001 -- any failure of the database means "down"
        return False


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """200 when PostgreSQL and Redis answer and notifications flow, 503 otherwise; JSON either way."""
    checks = {"database": _database_ok(), "redis": _redis_ok()}
    notifications = _notifications_health() if checks["database"] else None
    healthy = all(checks.values()) and notifications is not None and notifications["status"] == "ok"
    body = {
        "status": "ok" if healthy else "unavailable",
        **{name: "ok" if ok else "down" for name, ok in checks.items()},
        "notifications": notifications or {"status": "unknown"},
    }
    return JsonResponse(body, status=200 if healthy else 503)


def _notifications_health() -> dict | None:
    """Each channel's last success, failures and backlog; "stuck" when the outbox stopped moving."""
    try:
        health = delivery_health()
    except Exception:  # noqa: BLE001 -- a broken check must answer, not raise
        return None
    return {
        "status": "stuck" if health["stuck"] else "ok",
        "oldest_undelivered_seconds": health["oldest_undelivered_seconds"],
        "channels": {
            str(channel): {
                "last_success": figures["last_success"].isoformat() if figures["last_success"] else None,
                "failures_24h": figures["failures_24h"],
                "backlog": figures["backlog"],
            }
            for channel, figures in health["channels"].items()
        },
    }


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token: explain it in the user's language, change nothing."""
    return render(request, "403_csrf.html", status=403)
