"""gunicorn settings of the production image (read from the working directory; command-line flags win).

The access log names the path but never the query string: the personal calendar feed is authenticated by a secret
in its URL (``/api/v1/events.ics?token=...``), and a log line must not hand that secret to whoever reads the logs.
"""

accesslog = "-"
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)s'
