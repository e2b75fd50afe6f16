from celery import shared_task
from django.core import management

from .services import api_tokens_delete_expired


@shared_task
def ping(value: str) -> str:
    """A round trip through the broker and a worker, used by health checks and tests."""
    return f"pong:{value}"


@shared_task
def clear_expired_sessions() -> None:
    management.call_command("clearsessions")


@shared_task
def forget_old_login_failures() -> None:
    """Drop failed log-in records older than 30 days (django-axes keeps them otherwise)."""
    management.call_command("axes_reset_logs", age=30)


@shared_task
def delete_expired_api_tokens() -> int:
    """Delete the API tokens past their expiry (they authenticate nobody already)."""
    return api_tokens_delete_expired()
