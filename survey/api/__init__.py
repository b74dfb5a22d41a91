"""The JSON API, /api/v1: score an answer sheet (open), and with a consultant's token, engagements,
rounds, aggregated scores and responses. Errors are JSON with a message; no cookies, so no CSRF."""

from flask import Blueprint

from survey.extensions import csrf
from survey.web.security import no_store

bp = Blueprint("api", __name__)
csrf.exempt(bp)
bp.after_request(no_store)  # an engagement's figures and links: no cache keeps them

from survey.api import benchmark, routes  # noqa: E402,F401  (routes register themselves on bp)
