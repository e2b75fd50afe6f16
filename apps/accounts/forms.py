from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class OTPTokenForm(forms.Form):
    otp_token = forms.RegexField(
        label=_("Six-digit code"),
        regex=r"^\s*\d{6}\s*$",
        max_length=12,
        error_messages={"invalid": _("Enter the six digits shown by your authenticator app.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}),
    )

    def clean_otp_token(self):
        return self.cleaned_data["otp_token"].strip()


class TwoFactorSetupForm(OTPTokenForm):
    """The code of the authenticator app being added; replacing one also asks for the password again."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password to replace your authenticator app.")},
    )

    field_order = ["password", "otp_token"]

    def __init__(self, *args, ask_password: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not ask_password:
            del self.fields["password"]
        else:
            self.fields["otp_token"].widget.attrs.pop("autofocus", None)
            self.fields["password"].widget.attrs["autofocus"] = True
