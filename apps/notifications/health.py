"""The notifications part of ``/healthz`` (declared in ``apps.py`` as a health check)."""

from .selectors import delivery_health


def check() -> dict:
    """Each channel's last success, failures and backlog; "stuck" when the outbox stopped moving."""
    health = delivery_health()
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
