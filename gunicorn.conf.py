"""Production server settings, read by `gunicorn` from the working directory (or `gunicorn -c gunicorn.conf.py`).

Environment: BIND (default 127.0.0.1:8000), WEB_CONCURRENCY (worker processes, default 2), GUNICORN_THREADS
(threads per worker, default 2), SECRET_KEY and TRUSTED_HOSTS (required: the app refuses to start in production
without them), DATABASE_URL, TRUSTED_PROXIES, RATELIMIT_STORAGE_URI (a warning at start-up when several workers
would each count the rate limits on their own).
"""

import gc
import os

os.environ.setdefault("APP_ENV", "production")

wsgi_app = "app:app"
bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Each worker listens on its own socket (SO_REUSEPORT) and the kernel spreads new connections over them. On one
# shared socket, a worker that wakes first can accept a whole burst of keep-alive connections and serve them
# alone, on one core, for as long as they last: the bench's heaviest survey page ran at 0.15-0.18 of hello in
# 2 of 6 whole 10 s runs, one worker at 100 % of a core and the other idle.
reuse_port = True

# Whose X-Forwarded-Proto (and -Ssl, -Protocol) gunicorn itself believes: by its own default, any client on
# 127.0.0.1, even with TRUSTED_PROXIES=0, so a local process could pass for HTTPS. The app trusts proxies
# through TRUSTED_PROXIES alone (werkzeug's ProxyFix, see survey/web/security.py): with none, gunicorn trusts
# no one either; with some, its default (the local proxy) or FORWARDED_ALLOW_IPS.
trusted_proxies = int(os.environ.get("TRUSTED_PROXIES", "0"))
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1") if trusted_proxies > 0 else ""

# The app (and its questionnaire: 120 kB of YAML, parsed and validated) is loaded once, before the
# workers are forked, rather than by each worker: workers start in milliseconds instead of seconds and
# share that memory. create_app() opens no database connection, so no connection crosses the fork.
preload_app = True


def on_starting(server):
    """Warn loudly, once, when the workers would each count the rate limits on their own (memory:// with
    several workers): survey/web/rate_limits.py says why this warns rather than refuses to start."""
    from survey.web.rate_limits import per_worker_warning

    warning = per_worker_warning(server.app.wsgi().config, server.cfg.workers)
    if warning:
        server.log.warning(warning)


def when_ready(server):
    """With reuse_port the master opens no socket and its own "Listening at:" line names none: say where."""
    server.log.info("Listening at: %s, one socket per worker (reuse_port)", ", ".join(server.cfg.bind))


def pre_fork(server, worker):
    """Freeze what the app loaded before the fork (questionnaire, templates, libraries: 160,000 objects):
    the collector then leaves them out of its full collections, which took 20 to 100 ms each, in a
    worker that then kept its copy of those pages untouched instead of writing to them."""
    gc.freeze()


# Threaded workers, two threads each (GUNICORN_THREADS). A second thread lets a worker go on serving
# while one request waits (a PostgreSQL round trip, a PDF render, a slow client), which would hold a
# whole sync worker, half of this server. More threads only fight for the GIL on our CPU-bound pages:
# each SQLite call lets another thread run up to 5 ms while the writer holding the write lock waits,
# and every other writer with it. Measured with the bench on 2 cores (ratio to hello, same settings):
# 4 threads: page submit 0.13-0.18, survey page 0.28-0.30, cached PDF 0.38-0.43;
# 2 threads: page submit 0.21, survey page 0.34, cached PDF 0.40; 1 thread: 0.25, 0.35, 0.54.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = 30
graceful_timeout = 20

# One JSON line per request on stdout, written by gunicorn once the response is sent, with the same fields
# as in development and every private token masked (see survey/web/server_log.py); the app then writes none.
os.environ.setdefault("REQUEST_LOG_BY_SERVER", "1")
accesslog = "-"
errorlog = "-"
logger_class = "survey.web.server_log.RequestLineLogger"
