"""The generation of the assistance data: part of the key of every cached list and figure of this app.

Any change to a request, its requested countries (acknowledgements), its answers or its history moves the
generation on, so that every cached queue and statistic is obsolete at once. It moves twice: when the row is
written (so the writing transaction reads its own change) and after the commit (so that no reader who read
the old rows meanwhile keeps them cached under the new generation).
"""

import time

from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "assistance:generation"


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        # Never restart at a number an earlier generation may have used (after an eviction or a flush).
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        value = cache.get(GENERATION_KEY)
    return value


def bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set (yet, or evicted)
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def data_changed(**kwargs) -> None:
    """Receiver of post_save and post_delete of the models the cached lists and figures are made of."""
    bump()
    transaction.on_commit(bump)
