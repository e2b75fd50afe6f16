"""A read that is also the request's database health check.

With ``CONN_HEALTH_CHECKS``, Django checks a connection kept from an earlier request with a ``SELECT 1`` before the
request's first query: a round trip to PostgreSQL on every page that reads the database at all. A page whose only
query is one small read (the calendar's version) pays it twice. ``checked_read`` lets that read be the check: if
the kept connection turns out broken (the server restarted, or closed it), it is closed and the read is made once
more on a new one, which is what the check would have done.
"""

from collections.abc import Callable
from typing import TypeVar

from django.db import InterfaceError, OperationalError, connection

T = TypeVar("T")


def checked_read(read: Callable[[], T]) -> T:
    """``read()``, a read-only query on the default connection, standing in for the connection's health check when
    it is due (``read`` must be safe to run twice)."""
    if (
        connection.connection is None
        or not connection.health_check_enabled
        or connection.health_check_done
        or connection.in_atomic_block
    ):
        return read()
    connection.health_check_done = True
    try:
        return read()
    except (InterfaceError, OperationalError):
        connection.close()
        return read()
