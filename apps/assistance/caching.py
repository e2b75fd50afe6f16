"""The version of the assistance data: every cached list and figure of this app is kept under it.

Any change to a request, its requested countries (acknowledgements), its answers or its history, and to what a
list shows of them (equipment, bookings, reference data, events, organisations), moves it on (``apps.py``), so that
every cached queue, search, API list and statistic is obsolete at once (see ``apps/core/caching.py``).
"""

from apps.core import caching

ASSISTANCE = caching.Version("assistance")
bump = ASSISTANCE.bump


def scope(user) -> list[str]:
    """What decides which requests a user sees: organisation and roles."""
    return [str(user.organisation_id), ",".join(sorted(user.roles))]


def lookup(name: str, request, *, along=()) -> caching.Cached:
    """A view of the assistance data in the cache, for everyone who sees the same at the same address."""
    return caching.lookup(
        caching.answer_key(f"assistance:{name}", scope(request.user), request=request), [ASSISTANCE], along=along
    )
