"""The JSON API, /api/v1: score an answer sheet (open), and with a consultant's token, engagements,
rounds, aggregated scores and responses. Errors are JSON with a message; no cookies, so no CSRF."""

from flask import Blueprint

from survey.extensions import csrf

bp = Blueprint("api", __name__)
csrf.exempt(bp)

from survey.api import routes  # noqa: E402,F401  (routes register themselves on bp)
