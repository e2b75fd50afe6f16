import functools

from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_otp import user_has_device

from .otp import verified_user
from .services import access_refused_record, two_factor_is_needed
from .sessions import session_expiry

API_PREFIX = "/api/"


def redirect_to_verify(request):
    """To the page asking for a code of the user's authenticator app, and back here afterwards."""
    return redirect(f"{reverse('accounts:two_factor_verify')}?{urlencode({'next': request.get_full_path()})}")


class OTPMiddleware:
    """What django-otp's ``OTPMiddleware`` gives (``request.user.otp_device``: the device that verified the session,
    or None; ``request.user.is_verified()``), on django-otp's public API and without a device query per request: the
    device comes with the session's user from the cache (``apps/accounts/otp.py``). Like django-otp's, it works the
    user out only when the request asks for it. WSGI only, as the portal runs."""

    sync_capable = True
    async_capable = False

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None:
            request.user = SimpleLazyObject(functools.partial(verified_user, request, user))
        return self.get_response(request)


class UserLanguageMiddleware:
    """Show the portal in the language the logged-in user chose, wherever they log in from."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.preferred_language:
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language
        return self.get_response(request)


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Every page needs a log-in; the API answers 401 itself (DRF), so it is left to DRF."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith(API_PREFIX):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class TwoFactorMiddleware:
    """A session that still owes a TOTP code reaches only the code's page, log-out and the language switch, and the
    set-up page only while the user has no device (a first enrolment, after the password): a user who has one
    proves it before adding or replacing one."""

    ALLOWED_VIEW_NAMES = {"accounts:two_factor_verify", "accounts:logout", "accounts:set_language"}
    SETUP_VIEW_NAME = "accounts:two_factor_setup"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        view_name = request.resolver_match.view_name if request.resolver_match else None
        if view_name == self.SETUP_VIEW_NAME:
            return None if not user_has_device(user) else redirect_to_verify(request)
        if view_name in self.ALLOWED_VIEW_NAMES:
            return None
        is_api = request.path_info.startswith(API_PREFIX)
        # DRF marks its views login_not_required (it checks itself), but a session owing a code must not use them.
        if not is_api and not getattr(view_func, "login_required", True):
            return None
        if not two_factor_is_needed(user):
            return None
        if is_api:
            return JsonResponse({"detail": _("Two-factor verification is required."), "errors": {}}, status=403)
        target = (
            "accounts:two_factor_verify"
            if user.totpdevice_set.filter(confirmed=True).exists()
            else "accounts:two_factor_setup"
        )
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")


class SessionTimeoutMiddleware:
    """Logs a session out once it has gone unused for ``SESSION_IDLE_TIMEOUT`` or reached ``SESSION_COOKIE_AGE`` from
    its log-in (``sessions.py``); the page then asks for a log-in (with a word on why), the API answers 401."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if SESSION_KEY in request.session and (expired := session_expiry(request)):
            request.session_expired = expired  # for the security log (receivers.logged_out)
            logout(request)
            request.user = verified_user(request, request.user)  # an anonymous user, as OTPMiddleware gives one
            if not request.path_info.startswith(API_PREFIX):
                messages.info(
                    request,
                    _("You were logged out after a time without activity. Please log in again.")
                    if expired == "inactivity"
                    else _("You were logged out: your session reached its maximum length. Please log in again."),
                )
        return self.get_response(request)


class RefusedAccessMiddleware:
    """Every refused request goes to the security log: a 403 (no permission, a session still owing its two-factor
    code, a failed CSRF check, on a page or at the API), and a 401 to a client that sent credentials (an unknown,
    revoked or expired API token). A 404 is not recorded: the portal answers 404 both for what does not exist and for
    what the user may not see, on purpose, and cannot tell one from the other without looking (Django logs each 404
    as a warning, with the address)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403 or (response.status_code == 401 and "Authorization" in request.headers):
            access_refused_record(request=request, status=response.status_code)
        return response
