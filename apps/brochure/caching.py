"""The version of the brochure: every cached page body, search answer, PDF and API answer of this app is kept
under it. It moves on with every save and delete of an edition, chapter, section or contact point (``apps.py``);
a write that sends no signal (``bulk_create`` when a draft is copied or in the bench generator, ``update()``)
calls ``BROCHURE.bump()`` itself. See ``apps/core/caching.py``.
"""

from apps.core.caching import Version

BROCHURE = Version("brochure")
