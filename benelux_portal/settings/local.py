"""What ``make run`` uses: debug on, a fixed development secret, two-factor optional."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="local-development-only-not-a-secret-9f3c1e7a2b")
