"""A read that stands in for the request's connection health check (``benelux_portal.db.checked_read``)."""

import time

import pytest
from django.db import connection

from apps.events.selectors import calendar_version

pytestmark = pytest.mark.django_db(transaction=True)


def _next_request_begins():
    """What Django does as a request starts (``close_old_connections``): a kept connection is due for its check."""
    connection.ensure_connection()
    connection.close_at = None  # kept, however long the test run has taken so far (CONN_MAX_AGE)
    connection.close_if_unusable_or_obsolete()


def _terminate(pid: int) -> None:
    """End the server's side of a connection, as a restart of PostgreSQL does, and wait until it is gone."""
    other = connection.get_new_connection(connection.get_connection_params())
    other.autocommit = True
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            for _ in range(100):
                cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [pid])
                if cursor.fetchone()[0] == 0:
                    return
                time.sleep(0.05)
    finally:
        other.close()
    pytest.fail("the connection was not terminated")


def test_calendar_page_reads_its_version_without_a_separate_connection_check(monkeypatch):
    calendar_version()
    _next_request_begins()
    assert connection.connection is not None and not connection.health_check_done
    monkeypatch.setattr(connection, "is_usable", lambda: pytest.fail("a SELECT 1 was sent before the read"))
    calendar_version()
    assert connection.health_check_done


def test_calendar_page_reads_its_version_after_the_database_dropped_the_kept_connection():
    version = calendar_version()
    pid = connection.connection.info.backend_pid
    _terminate(pid)
    _next_request_begins()
    assert calendar_version() == version
    assert connection.connection.info.backend_pid != pid
