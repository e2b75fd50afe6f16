"""The version of the consultation data: every cached page body and API answer of this app is kept under it.

It moves on with every save and delete of a body, membership, meeting, agenda item, document, attendance row,
minutes, decision, action point or topic, working group, work programme, objective, activity or progress update, and
of an organisation or country (names shown on the pages): see
``apps.py``. A write that sends no signal (``bulk_create``, ``update()``) calls ``CONSULTATION.bump()`` itself.
See ``apps/core/caching.py``.

What a user sees of the consultation depends only on ``scope(user)``: everything for the secretariat; for a police
chief, the bodies their organisation is a member of; for everyone else, the published decisions of the bodies whose
decisions are public. It is worked out from the user's roles and organisation (loaded with the session), without a
query, so that a cached page costs none.
"""

from apps.accounts.choices import Role
from apps.core import caching

CONSULTATION = caching.Version("consultation")

SECRETARIAT = "secretariat"
READER = "reader"


def scope(user) -> str:
    """What decides which meetings, minutes, decisions and action points the user sees."""
    if not (user.is_authenticated and user.is_active):
        return "anonymous"
    if user.has_role(Role.SECRETARIAT):
        return SECRETARIAT
    if user.organisation_id and user.has_role(Role.POLICE_CHIEF):
        return f"chief:{user.organisation_id}"
    return READER


def lookup(name: str, request, *, extra=()) -> caching.Cached:
    """A view of the consultation data in the cache, for everyone of the same scope at the same address."""
    key = caching.answer_key(f"consultation:{name}", [scope(request.user), *extra], request=request)
    return caching.lookup(key, [CONSULTATION])
