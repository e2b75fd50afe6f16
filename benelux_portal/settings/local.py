"""What ``make run`` uses: the portal as production shows it, with a fixed development secret, two-factor optional,
e-mails written to files, and links that lead to where make run serves."""

from .base import *  # noqa: F403
from .base import BASE_DIR, env

# Off, as in production: a missing page is the portal's own 404 in the reader's language, a failure its own 500
# page, never Django's debug pages (DJANGO_DEBUG=true for those).
DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="local-development-only-not-a-secret-9f3c1e7a2b")

# Static files straight from the checkout, without collectstatic, and picked up when they change (whitenoise:
# runserver serves none while DEBUG is off).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Unless EMAIL_URL names a mail server, every e-mail is written to a file under var/mail, with one line in the log
# per e-mail (apps/core/mail.py).
if not env.str("EMAIL_URL", default=""):
    EMAIL_BACKEND = "apps.core.mail.FileEmailBackend"
    EMAIL_FILE_PATH = env.str("DJANGO_EMAIL_FILE_PATH", default=str(BASE_DIR / "var" / "mail"))

# Links in e-mails and webhooks lead to the address make run listens on (scripts/devstack.py: 127.0.0.1 and PORT),
# unless PORTAL_BASE_URL says otherwise.
NOTIFICATIONS_BASE_URL = env.str("PORTAL_BASE_URL", default=f"http://127.0.0.1:{env.int('PORT', default=8000)}").rstrip(
    "/"
)
