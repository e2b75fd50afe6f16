"""The test suite: the real PostgreSQL and Redis of ``make test``, quick password hashing, mail kept in memory."""

import tempfile
import uuid
from pathlib import Path

from .base import *  # noqa: F403
from .base import REST_FRAMEWORK, env

DEBUG = False
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="test-only-not-a-secret-3b8d0f6c1e")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TWO_FACTOR_REQUIRED = False
CACHES = {
    "default": {
        "BACKEND": "apps.core.cache_backend.RedisCache",
        "LOCATION": env.str("REDIS_URL", default="redis://127.0.0.1:6379/0"),
        # One key space per test run (the Celery worker of the run is given the same): the test database is new
        # each run, the Redis is not, and rows cached by an earlier run (a user of the same id) must not be read.
        "KEY_PREFIX": env.str("TEST_CACHE_KEY_PREFIX", default=f"portal-test-{uuid.uuid4().hex[:12]}"),
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"token": "10000/minute"}}
# Tests run Celery tasks through a real worker where they need one; the rest must not queue silently.
CELERY_TASK_ALWAYS_EAGER = False
# Uploaded files of the tests go to the machine's temporary folder, never to var/media.
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=Path(tempfile.gettempdir()) / "benelux-portal-test-media")
