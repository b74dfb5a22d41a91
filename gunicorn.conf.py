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

# Sync workers, one request at a time per process: our pages are CPU-bound (Jinja, WTForms, SQLite),
# so threads only add GIL switching. Measured with `python -m bench` on 2 cores, both settings with 2
# workers: sync served the survey page at 207-268 req/s and the report at 189-311, gthread with 4 threads
# at 154 and 129 (2 threads: 125 and 109). gthread's keep-alive makes a bare "hello" faster (2,770
# against 1,589 req/s), not our pages. Sync workers want a buffering reverse proxy (nginx) in front, so
# that a slow client cannot hold a worker.
# The app (and its questionnaire: 120 kB of YAML, parsed and validated) is loaded once, before the
# workers are forked, rather than by each worker: workers start in milliseconds instead of seconds and
# share that memory. create_app() opens no database connection, so no connection crosses the fork.
preload_app = True
worker_class = "sync"
threads = 1
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
