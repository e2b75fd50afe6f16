"""``make bench``: the production settings on loopback, plus a bare view and a query-count header.

Production minus what cannot work over plain HTTP on 127.0.0.1 (HTTPS redirect, secure cookies, HSTS).
DEBUG stays off, two-factor stays required (the bench users have authenticator apps), templates are cached,
static files come from the manifest storage, as in production.
"""

import os

# A fixed secret: the bench database holds nothing worth protecting. Set before production reads it.
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-a-secret-5d1c9a7e3b2f4a6c8e0d1b3f5a7c9e1d3b5f7a9c")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

from .production import *  # noqa: E402, F403
from .production import MIDDLEWARE, SESSION_COOKIE_AGE  # noqa: E402

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SECURE_HSTS_PRELOAD = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
# The run logs its users in once, then each role's sessions wait while the other roles' rows run, for longer than half
# an hour at full scale: only the session's maximum age applies.
SESSION_IDLE_TIMEOUT = SESSION_COOKIE_AGE

ROOT_URLCONF = "benelux_portal.bench_urls"
# First, so that it counts the queries of every other middleware (session, user) too.
MIDDLEWARE = ["apps.core.benchmark.QueryCountMiddleware", *MIDDLEWARE]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_secrets": {"()": "apps.core.logs.RedactSecrets"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_secrets"]}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
