"""The generation of the assistance data: part of the key of every cached list and figure of this app.

Any change to a request, its requested countries (acknowledgements), its answers or its history, and to what a
list shows of them (equipment, bookings, reference data, events, organisations), moves the generation on, so that
every cached queue, search, API list and statistic is obsolete at once (see ``benelux_portal/generation.py``).
"""

from benelux_portal.generation import Generation

GENERATION = Generation("assistance")
generation = GENERATION.current
bump = GENERATION.bump
data_changed = GENERATION.data_changed


def view_key(name: str, request) -> str:
    """What a view of the assistance data depends on besides the address: who sees what (organisation, roles)."""
    user = request.user
    return GENERATION.view_key(name, request, str(user.organisation_id), ",".join(sorted(user.roles)))
