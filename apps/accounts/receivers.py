"""Receivers of Django's, django-axes' and the user model's signals (connected in ``apps.py``): each hands what
happened to a service, which records it in the security log or ends what must end."""

from django.contrib.auth import get_user_model

from . import services
from .sessions import session_times_start


def logged_in(sender, request, user, **kwargs) -> None:
    """``user_logged_in``: recorded, and the session's clocks (inactivity, maximum age) start."""
    if request is not None and hasattr(request, "session"):
        session_times_start(request)
    services.login_record(user=user, request=request)


def login_failed(sender, credentials, request=None, **kwargs) -> None:
    """``user_login_failed`` (Django sends it for every refused ``authenticate``: pages, admin and API)."""
    username = credentials.get(get_user_model().USERNAME_FIELD, "")
    services.login_failure_record(username=username if isinstance(username, str) else "", request=request)


def locked_out(sender, request, username, ip_address, **kwargs) -> None:
    """django-axes' ``user_locked_out``."""
    services.lockout_record(username=username or "", request=request)


def logged_out(sender, request, user, **kwargs) -> None:
    """``user_logged_out`` (nothing to record for a visitor who was not logged in)."""
    if user is not None:
        services.logout_record(user=user, request=request, expired=getattr(request, "session_expired", ""))


def user_saved(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    """``post_save`` of a user: a deactivated account's API tokens end (its sessions already count for nothing:
    Django's backend refuses an inactive user)."""
    if raw or instance.is_active or (update_fields is not None and "is_active" not in update_fields):
        return
    services.api_tokens_end(user=instance, actor=None, reason="account deactivated")
