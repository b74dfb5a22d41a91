"""Production server settings, read by `gunicorn` from the working directory (or `gunicorn -c gunicorn.conf.py`).

Environment: BIND (default 127.0.0.1:8000), WEB_CONCURRENCY (worker processes, default 2),
SECRET_KEY (required: the app refuses to start in production without it), DATABASE_URL, TRUSTED_PROXIES.
"""

import gc
import os

os.environ.setdefault("APP_ENV", "production")

wsgi_app = "app:app"
bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))

# The app (and its questionnaire: 120 kB of YAML, parsed and validated) is loaded once, before the
# workers are forked, rather than by each worker: workers start in milliseconds instead of seconds and
# share that memory. create_app() opens no database connection, so no connection crosses the fork.
preload_app = True


def pre_fork(server, worker):
    """Freeze what the app loaded before the fork (questionnaire, templates, libraries: 160,000 objects):
    the collector then leaves them out of its full collections, which took 20 to 100 ms each, in a
    worker that then kept its copy of those pages untouched instead of writing to them."""
    gc.freeze()


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

# One JSON line per request on stdout, written by gunicorn once the response is sent, with the same fields
# as in development and every private token masked (see survey/server_log.py); the app then writes none.
os.environ.setdefault("REQUEST_LOG_BY_SERVER", "1")
accesslog = "-"
errorlog = "-"
logger_class = "survey.server_log.RequestLineLogger"
