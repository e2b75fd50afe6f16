"""The version of the liaison network: every cached page body and API answer of this app is kept under it.

It moves on with every save and delete of a desk, an officer, a posting, an accreditation, an absence or a priority
country (``apps.py``); a write that sends no signal (``bulk_create`` in the bench generator, ``update()``) calls
``NETWORK.bump()`` itself. What the answers show also depends on the day (postings start and end, records go
stale): their keys carry the date. See ``apps/core/caching.py``.
"""

from apps.core.caching import Version

NETWORK = Version("liaison:network")
