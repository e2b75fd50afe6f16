"""The version of the calendar: every cached page body, feed and API answer of this app is kept under it.

It moves on with every save and delete of an event, a share of an event with a partner country (who sees it), a
training registration, an organisation (organisers' names, who sees a restricted event) or a country
(``apps.py``); a write that sends no signal (``bulk_create`` in the bench generator, ``update()``) calls
``CALENDAR.bump()`` itself. See ``apps/core/caching.py``.
"""

from apps.core.caching import Version

CALENDAR = Version("events:calendar")
