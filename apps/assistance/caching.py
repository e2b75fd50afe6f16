"""The generation of the assistance data: part of the key of every cached list and figure of this app.

Any change to a request, its requested countries (acknowledgements), its answers or its history moves the
generation on, so that every cached queue and statistic is obsolete at once. It moves twice: when the row is
written (so the writing transaction reads its own change) and after the commit (so that no reader who read
the old rows meanwhile keeps them cached under the new generation).
"""

import hashlib
import time

from django.core.cache import cache
from django.db import transaction
from django.utils import translation

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


def view_key(name: str, request) -> str:
    """The cache key of what a view shows of the assistance data: the generation, who sees what (organisation and
    roles), the language, and the whole address asked for (host, path and query: links in the answer use them)."""
    user = request.user
    address = f"{request.get_host()}{request.get_full_path()}"
    return ":".join(
        [
            "assistance",
            name,
            str(generation()),
            str(user.organisation_id),
            ",".join(sorted(user.roles)),
            translation.get_language(),
            hashlib.blake2b(address.encode(), digest_size=16).hexdigest(),
        ]
    )


def data_changed(**kwargs) -> None:
    """Receiver of post_save and post_delete of the models the cached lists and figures are made of."""
    bump()
    transaction.on_commit(bump)
