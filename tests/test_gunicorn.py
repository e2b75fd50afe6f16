"""The production web server's access log never writes a query string (the calendar feed's secret is in one)."""

import datetime
import logging
import runpy
from pathlib import Path
from types import SimpleNamespace

from gunicorn.config import Config
from gunicorn.glogging import Logger

CONF = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"


def test_access_log_names_the_path_but_not_the_feed_token(caplog):
    config = Config()
    for name, value in runpy.run_path(str(CONF)).items():
        if name in config.settings:
            config.set(name, value)
    logger = Logger(config)
    logger.access_log.propagate = True
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/api/v1/events.ics",
        "QUERY_STRING": "token=s3cret-feed-key",
        "RAW_URI": "/api/v1/events.ics?token=s3cret-feed-key",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "192.0.2.10",
    }
    response = SimpleNamespace(status="200 OK", sent=512, headers=[])
    request = SimpleNamespace(headers=[])
    with caplog.at_level(logging.INFO, logger="gunicorn.access"):
        logger.access(response, request, environ, datetime.timedelta(milliseconds=12))
    (line,) = [record.getMessage() for record in caplog.records if record.name == "gunicorn.access"]
    assert '"GET /api/v1/events.ics HTTP/1.1" 200 512' in line
    assert "s3cret" not in line
