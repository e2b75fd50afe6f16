"""The production web server's access log never writes a secret: not a query string (the calendar feed's secret is in
one), not a secret in a path (the personal feed's address)."""

import datetime
import logging
import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

CONF = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"
SECRET = "soWRZJXEdcERKiyMijfzrZSwmlr_wfX_xZCbAVOgEqs"


def _access_line(caplog, path: str, query: str = "") -> str:
    config = Config()
    for name, value in runpy.run_path(str(CONF)).items():
        if name in config.settings:
            config.set(name, value)
    logger = config.logger_class(config)
    logger.access_log.propagate = True
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "RAW_URI": f"{path}?{query}" if query else path,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "192.0.2.10",
    }
    response = SimpleNamespace(status="200 OK", sent=512, headers=[])
    request = SimpleNamespace(headers=[])
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="gunicorn.access"):
        logger.access(response, request, environ, datetime.timedelta(milliseconds=12))
    (line,) = [record.getMessage() for record in caplog.records if record.name == "gunicorn.access"]
    return line


def test_access_log_names_the_path_but_not_the_feed_token(caplog):
    line = _access_line(caplog, "/api/v1/events.ics", f"token={SECRET}")
    assert '"GET /api/v1/events.ics HTTP/1.1" 200 512' in line
    assert SECRET not in line


def test_access_log_leaves_the_secret_of_a_feed_address_out(caplog):
    line = _access_line(caplog, f"/events/feed/{SECRET}.ics")
    assert '"GET /events/feed/[secret].ics HTTP/1.1" 200 512' in line


@pytest.mark.django_db
def test_an_unknown_feed_address_is_logged_without_its_secret(client):
    """Django's "Not Found" warning writes the path: through the portal's log handler, without the secret."""
    import io

    handlers = [handler for handler in logging.getLogger().handlers if handler.get_name() == "console"]
    assert handlers, "the console handler of LOGGING"
    written = io.StringIO()
    previous = handlers[0].setStream(written)
    try:
        assert client.get(f"/events/feed/{SECRET}.ics").status_code == 404
    finally:
        handlers[0].setStream(previous)
    assert "Not Found: /events/feed/[secret].ics" in written.getvalue()
    assert SECRET not in written.getvalue()
