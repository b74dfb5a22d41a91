"""The rate limits of anonymous work, per client address, and the start-up warning about per-process counts.

Limits count per client address (TRUSTED_PROXIES decides where it comes from), in RATELIMIT_STORAGE_URI.
With `memory://` each process counts on its own: under gunicorn's N workers, a limit of 5 a minute lets
a client make up to 5 x N. The server warns about it loudly at start-up (gunicorn.conf.py calls
`per_worker_warning`) rather than refusing to start: the database is the one service a deployment needs,
and requiring a Redis server of every two-worker installation (the bench's and the tests' included) would
be a steep price for limits that keep their purpose when multiplied (5 or 10 sign-in attempts a minute
are both hopeless against a password zxcvbn rates 3 or more). The warning says how to count once.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask, abort, current_app, has_request_context
from flask_limiter.util import get_remote_address
from limits import parse_many

from survey.extensions import limiter


def start_rate_limit() -> str:
    """Responses started per address (/start and the invite links' Start button): START_RATE_LIMIT."""
    return current_app.config["START_RATE_LIMIT"]


def register_rate_limits(app: Flask) -> None:
    """The PDF render limit runs just before a render (see render_slots.render_slot), not on every download."""
    app.extensions.setdefault("before_pdf_render", []).append(count_pdf_render)


def count_pdf_render() -> None:
    """Count one PDF render for the client's address (PDF_RATE_LIMIT), or answer 429 when it has had its share.

    Counted here rather than by a decorator on the download views: a download served from the cache costs
    nothing and counts for nothing, and checking a limit on each of them cost a third of its time."""
    if not (limiter.enabled and has_request_context()):
        return
    address = get_remote_address()
    for item in parse_many(current_app.config["PDF_RATE_LIMIT"]):
        if not limiter.limiter.hit(item, "pdf-render", address):
            abort(429)


def per_worker_warning(config: Mapping, workers: int) -> str | None:
    """The start-up warning when `workers` processes would each count the limits on their own, else None."""
    storage = str(config.get("RATELIMIT_STORAGE_URI") or "memory://")
    if workers <= 1 or not config.get("RATELIMIT_ENABLED", True) or not storage.startswith("memory://"):
        return None
    return (
        f"RATE LIMITS ARE COUNTED PER WORKER: RATELIMIT_STORAGE_URI={storage} with {workers} workers lets a client "
        f"make {workers} times each limit (sign-in: {config.get('LOGIN_RATE_LIMIT')} per worker). "
        "Set RATELIMIT_STORAGE_URI=redis://host:6379 to count once for all workers and instances."
    )
