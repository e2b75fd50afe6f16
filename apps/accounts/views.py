from base64 import b32encode
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from apps.core.errors import ApplicationError

from .forms import LanguageForm, OTPTokenForm, TwoFactorSetupForm
from .middleware import redirect_to_verify
from .selectors import api_token_list_of, api_token_of, user_for_profile
from .services import api_tokens_end, two_factor_check, two_factor_enrol, user_password_change, user_set_language

# The session key of the secret of the authenticator app being added, until the user confirms it with a code.
PENDING_KEY = "accounts_two_factor_pending_key"
# The profile page lists this many of the user's API tokens, the newest; "Revoke all" ends the others too.
TOKENS_SHOWN = 20


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        user = user_password_change(
            actor=self.request.user, user=form.user, password=form.cleaned_data["new_password1"], request=self.request
        )
        # This session goes on; the user's other sessions end at their next request.
        update_session_auth_hash(self.request, user)
        messages.success(self.request, _("Your password has been changed."))
        return HttpResponseRedirect(self.get_success_url())


def _own_address(request, target: str) -> bool:
    return url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def _safe_next(request, fallback="/"):
    """Where to go next: the ``next`` asked for if it is one of the portal's own addresses, else ``fallback``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    return target if _own_address(request, target) else fallback


@login_not_required
@require_POST
def set_language(request):
    """Switch the portal's language; remembered on the user (and in a cookie for the log-in page)."""
    form = LanguageForm(request.POST)
    referer = request.headers.get("Referer", "")
    response = HttpResponseRedirect(_safe_next(request, referer if _own_address(request, referer) else "/"))
    if not form.is_valid():
        messages.error(request, _("This language is not available."))
        return response
    language = form.cleaned_data["language"]
    if request.user.is_authenticated:
        user_set_language(actor=request.user, user=request.user, language=language)
    translation.activate(language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
    )
    return response


def profile(request):
    user = user_for_profile(user=request.user)
    # A session verified with an authenticator app (as every session is where two-factor is required) answers
    # without a query.
    verified_by = getattr(request.user, "otp_device", None)
    has_device = (isinstance(verified_by, TOTPDevice) and verified_by.confirmed) or (
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    )
    tokens = list(api_token_list_of(user=user)[: TOKENS_SHOWN + 1])
    return render(
        request,
        "accounts/profile.html",
        {
            "profile": user,
            "has_two_factor": has_device,
            "api_tokens": tokens[:TOKENS_SHOWN],
            "more_api_tokens": len(tokens) > TOKENS_SHOWN,
        },
    )


@require_POST
def api_token_revoke(request, token_key: str):
    """The owner revokes one of their API tokens (a system that uses it gets 401 from now on)."""
    if api_token_of(user=request.user, token_key=token_key) is None:
        raise Http404
    api_tokens_end(
        user=request.user, actor=request.user, reason="revoked by the owner", request=request, token_keys=[token_key]
    )
    messages.success(request, _("The API token %(token)s… is revoked.") % {"token": token_key})
    return redirect("accounts:profile")


@require_POST
def api_tokens_revoke_all(request):
    """The owner revokes all of their API tokens."""
    count = api_tokens_end(user=request.user, actor=request.user, reason="all revoked by the owner", request=request)
    messages.success(
        request,
        ngettext("%(count)d API token is revoked.", "%(count)d API tokens are revoked.", count) % {"count": count}
        if count
        else _("You had no API token."),
    )
    return redirect("accounts:profile")


def _qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


def _show_errors(form, error: ApplicationError) -> None:
    for field, field_messages in error.errors.items():
        for message in field_messages:
            form.add_error(field if field in form.fields else None, message)
    if not error.errors:
        form.add_error(None, error.message)


def two_factor_setup(request):
    """Scan a QR code (or type the key) into an authenticator app, then confirm with one code.

    Nothing is written until the code confirms the app: the app's secret waits in the session (the same one each time
    the page is shown). A user who has an app already comes here only from a session verified by it, and gives their
    password again to replace it (``services.two_factor_enrol`` checks both once more).
    """
    user = request.user
    replacing = user.is_verified() or user_has_device(user)
    if replacing and not user.is_verified():
        return redirect_to_verify(request)
    key = request.session.get(PENDING_KEY)
    form = TwoFactorSetupForm(request.POST if request.method == "POST" else None, ask_password=replacing)
    if request.method == "POST" and key is None:
        form = TwoFactorSetupForm(ask_password=replacing)
        messages.error(request, _("This set-up page had expired. Scan the code below and enter the code it shows."))
    elif request.method == "POST" and form.is_valid():
        try:
            device = two_factor_enrol(
                actor=user,
                key=key,
                token=form.cleaned_data["otp_token"],
                password=form.cleaned_data.get("password", ""),
                verified_device=user.otp_device,
                request=request,
            )
        except ApplicationError as error:
            _show_errors(form, error)
        else:
            del request.session[PENDING_KEY]
            otp_login(request, device)
            messages.success(request, _("Two-factor authentication is on."))
            return redirect(_safe_next(request, reverse("home")))
    if key is None:
        key = request.session[PENDING_KEY] = random_hex(20)
    pending = TOTPDevice(user=user, key=key)  # never saved: it only draws the QR code and shows the key
    secret = b32encode(pending.bin_key).decode().rstrip("=")
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": _qr_svg(pending.config_url),
            "secret": secret,
            "replacing": replacing,
            "next": _safe_next(request, ""),
        },
    )


def two_factor_verify(request):
    """The second step of logging in: a code from the user's authenticator app."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return redirect("accounts:two_factor_setup")
    form = OTPTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = two_factor_check(
                actor=request.user, device=device, token=form.cleaned_data["otp_token"], request=request
            )
        except ApplicationError as error:
            form.add_error("otp_token", error.message)
        else:
            otp_login(request, device)
            return redirect(_safe_next(request, reverse_lazy("home")))
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _safe_next(request, "")})
