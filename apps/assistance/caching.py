"""The generation of the assistance data: part of the key of every cached list and figure of this app.

Any change to a request, its requested countries (acknowledgements), its answers or its history, and to what a
list shows of them (equipment, bookings, reference data, events, organisations), moves the generation on, so that
every cached queue, search, API list and statistic is obsolete at once (see ``benelux_portal/generation.py``).
"""

from collections.abc import Iterable

from benelux_portal.generation import Entry, Generation

GENERATION = Generation("assistance")
generation = GENERATION.current
bump = GENERATION.bump
data_changed = GENERATION.data_changed


def entry(name: str, request, *, along: Iterable[str] = ()) -> Entry:
    """A view of the assistance data in the cache, for everyone who sees the same (organisation, roles) at the same
    address (``Generation.entry``)."""
    user = request.user
    return GENERATION.entry(name, request, str(user.organisation_id), ",".join(sorted(user.roles)), along=along)
