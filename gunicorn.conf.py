"""gunicorn settings of the production image (read from the working directory; command-line flags win).

The access log names the path but never the query string (``/api/v1/events.ics?token=...`` carries the personal
calendar feed's secret), and writes a secret in a path (``/events/feed/<key>.ics``) as ``[secret]``
(``apps/core/logs.py``): a log line must not hand that secret to whoever reads the logs.
"""

import sys
from pathlib import Path

from gunicorn.glogging import Logger

# The `gunicorn` command does not put the working directory on the import path before it reads this file.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from apps.core.logs import redact  # noqa: E402

accesslog = "-"
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)s'


class RedactingLogger(Logger):
    """gunicorn's logger, with secrets left out of the paths it writes in the access log."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for name in ("U", "r", "f"):  # path, request line, referer
            if isinstance(atoms.get(name), str):
                atoms[name] = redact(atoms[name])
        return atoms


logger_class = RedactingLogger
