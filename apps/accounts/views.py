from base64 import b32encode
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.core.errors import ApplicationError

from .forms import LanguageForm, OTPTokenForm
from .selectors import user_for_profile
from .services import totp_device_confirm, totp_device_create, user_set_language


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)


def _safe_next(request, fallback="/"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


@login_not_required
@require_POST
def set_language(request):
    """Switch the portal's language; remembered on the user (and in a cookie for the log-in page)."""
    form = LanguageForm(request.POST)
    response = HttpResponseRedirect(_safe_next(request, request.META.get("HTTP_REFERER") or "/"))
    if not form.is_valid():
        messages.error(request, _("This language is not available."))
        return response
    language = form.cleaned_data["language"]
    if request.user.is_authenticated:
        user_set_language(user=request.user, language=language)
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
    return render(request, "accounts/profile.html", {"profile": user, "has_two_factor": has_device})


def _qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


def two_factor_setup(request):
    """Scan a QR code (or type the key) into an authenticator app, then confirm with one code."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if request.method == "POST" and device is not None:
        form = OTPTokenForm(request.POST)
        if form.is_valid():
            try:
                totp_device_confirm(device=device, token=form.cleaned_data["otp_token"])
            except ApplicationError as error:
                form.add_error("otp_token", error.message)
            else:
                otp_login(request, device)
                messages.success(request, _("Two-factor authentication is on."))
                return redirect(_safe_next(request, reverse_lazy("home")))
    else:
        if device is None:
            device = totp_device_create(user=request.user)
        form = OTPTokenForm()
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return render(
        request,
        "accounts/two_factor_setup.html",
        {"form": form, "qr_svg": _qr_svg(device.config_url), "secret": secret, "next": _safe_next(request, "")},
    )


def two_factor_verify(request):
    """The second step of logging in: a code from the user's authenticator app."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return redirect("accounts:two_factor_setup")
    form = OTPTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["otp_token"]):
            otp_login(request, device)
            return redirect(_safe_next(request, reverse_lazy("home")))
        form.add_error("otp_token", _("That code is not valid. Check the time on your phone and try again."))
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _safe_next(request, "")})
