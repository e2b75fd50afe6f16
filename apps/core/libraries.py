"""The libraries' apps under readable names in the portal's four languages: Django's admin shows each app's
``verbose_name`` as the heading of its models, and the libraries give none of their own ("Knox", "Otp_Totp").

Each class is the library's own app configuration (its ``ready()`` and defaults kept) with a name, and
``INSTALLED_APPS`` names the class instead of the library, as Django documents for renaming an app
(``"apps.core.libraries.LockoutConfig"`` for ``"axes"``).
"""

from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticDevicesConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TotpDevicesConfig


class LockoutConfig(AxesAppConfig):
    """django-axes: failed log-ins and the lock-outs they lead to."""

    verbose_name = _("Lock-out")


class TwoFactorDevicesConfig(TotpDevicesConfig):
    """django-otp's authenticator apps (TOTP)."""

    verbose_name = _("Two-factor devices")


class TwoFactorBackupCodesConfig(StaticDevicesConfig):
    """django-otp's one-time backup codes."""

    verbose_name = _("Two-factor backup codes")


class ApiTokensConfig(AppConfig):
    """django-rest-knox's API tokens (the library declares no app configuration of its own)."""

    name = "knox"
    verbose_name = _("API tokens")
