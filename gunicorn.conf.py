"""Production server settings, read by `gunicorn` from the working directory (or `gunicorn -c gunicorn.conf.py`).

Environment: BIND (default 127.0.0.1:8000), WEB_CONCURRENCY (worker processes, default 2),
SECRET_KEY (required: the app refuses to start in production without it), DATABASE_URL, TRUSTED_PROXIES.
"""

import os
import re

from gunicorn.glogging import Logger

os.environ.setdefault("APP_ENV", "production")

wsgi_app = "app:app"
bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))

# The app (and its questionnaire: 120 kB of YAML, parsed and validated) is loaded once, before the
# workers are forked, rather than by each worker: workers start in milliseconds instead of seconds and
# share that memory. create_app() opens no database connection, so no connection crosses the fork.
preload_app = True

# Threaded workers. Measured with the bench on 2 cores, each setting loaded in turn in 1-second slices:
# with the machine otherwise quiet, sync and gthread served our pages equally fast (survey page 380
# and 370 req/s, CPU per request within 10%), sync with about half the p99 latency; on a busy machine
# gthread served 1.3 to 2.8 times more, partly by taking a larger share of the shared cores. Threads
# are kept for what the bench does not load: a request that waits (PostgreSQL round trips, a PDF
# render, a slow client) holds a whole sync worker, half of this server. The cost: with SQLite, up to
# 8 requests queue for its write lock (page submit p99 90 ms against 50 ms with sync workers).
worker_class = "gthread"
threads = 4
timeout = 30
graceful_timeout = 20

# One JSON line per request on stdout. The private token in /r/<token>/ is a password to someone's
# answers, so it never reaches the logs (see RedactingLogger); neither do the query string or the referrer.
accesslog = "-"
errorlog = "-"
access_log_format = (
    '{"time": "%(t)s", "remote": "%(h)s", "method": "%(m)s", "path": "%(U)s", "status": %(s)s, '
    '"bytes": "%(b)s", "duration_ms": %(M)s, "pid": "%(p)s", "agent": "%(a)s"}'
)

PRIVATE_PATH = re.compile(r"^/r/[^/]+")


class RedactingLogger(Logger):
    """Access log atoms with the respondent's token replaced by a placeholder."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["U"] = PRIVATE_PATH.sub("/r/<token>", atoms["U"] or "")
        atoms["a"] = atoms["a"].replace('"', "'")
        return atoms


logger_class = RedactingLogger
