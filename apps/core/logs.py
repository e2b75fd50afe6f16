"""No secret in any log line: the personal calendar feed's address carries its secret in the path
(``/events/feed/<key>.ics``), and Django's "Not Found" warning and the web server's access log write paths.

The portal's secrets in addresses are made by ``secrets.token_urlsafe(32)``: 43 characters of the URL-safe alphabet.
No other part of an address is 32 such characters long, so any run of 32 or more is written as ``[secret]``. Plain
Python, no Django: gunicorn.conf.py uses it too.
"""

import logging
import re

SECRET = re.compile(r"[A-Za-z0-9_-]{32,}")


def redact(text: str) -> str:
    return SECRET.sub("[secret]", text)


class RedactSecrets(logging.Filter):
    """A logging filter (``LOGGING["filters"]``) that writes every record's message with its secrets left out."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True
