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

from flask import Response, current_app, g


def start_rate_limit() -> str:
    """Responses started per address (/start and the invite links' Start button): START_RATE_LIMIT."""
    return current_app.config["START_RATE_LIMIT"]


def pdf_rate_limit() -> str:
    """PDF renders per address: PDF_RATE_LIMIT."""
    return current_app.config["PDF_RATE_LIMIT"]


def only_when_rendered(response: Response) -> bool:
    """Count a PDF request only when it rendered (render_slots marks it): a cached download costs nothing."""
    return bool(g.get("pdf_rendered"))


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
