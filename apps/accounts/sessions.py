"""How long a logged-in session lasts: ``SESSION_IDLE_TIMEOUT`` without use, ``SESSION_COOKIE_AGE`` from the log-in at
most, however busy (OWASP ASVS 5.0, session timeouts).

Django's own expiry of a session counts from its last save, so a session written now and then would live for ever;
the two clocks here live in the session itself (Django's public session API): the log-in time, set once, and the time
of the last use, written at most once a minute (the session is read from the cache and written through to the
database: a write per request would cost a database write per request). ``SessionTimeoutMiddleware`` checks them on
every request of a logged-in session and logs it out when either is past.
"""

import time

from django.conf import settings

LOGGED_IN_AT = "accounts_logged_in_at"
USED_AT = "accounts_used_at"
# The time of the last use is written again only when the one kept is older than this (seconds).
USED_AT_PRECISION = 60


def session_times_start(request) -> None:
    """At log-in: both clocks start now."""
    now = int(time.time())
    request.session[LOGGED_IN_AT] = now
    request.session[USED_AT] = now


def is_use(request) -> bool:
    """Whether this request is the person's doing: a page opened or a form sent. A script's background read (the
    unread count every few seconds, which the browser marks ``Sec-Fetch-Mode: cors``) is not, or a page left open on
    an unattended desk would keep its session for ever. A request without ``Sec-Fetch-Mode`` (an older browser)
    counts as a use."""
    if request.method not in ("GET", "HEAD"):
        return True
    mode = request.headers.get("Sec-Fetch-Mode")
    return mode is None or mode == "navigate"


def session_expiry(request) -> str:
    """For a logged-in session: why it is over ("inactivity", "maximum age"), or "" when it goes on (its time of last
    use then moves on if this request is a use, at most once a minute)."""
    session = request.session
    now = int(time.time())
    logged_in_at, used_at = session.get(LOGGED_IN_AT), session.get(USED_AT)
    if not isinstance(logged_in_at, int) or not isinstance(used_at, int):
        # A session begun before the portal kept these clocks: they start now.
        session_times_start(request)
        return ""
    if now - logged_in_at >= settings.SESSION_COOKIE_AGE:
        return "maximum age"
    if now - used_at >= settings.SESSION_IDLE_TIMEOUT:
        return "inactivity"
    if now - used_at >= USED_AT_PRECISION and is_use(request):
        session[USED_AT] = now
    return ""
