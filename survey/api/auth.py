"""Bearer-token authentication for the API: `Authorization: Bearer <token>`, never a cookie."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import g, jsonify, request

from survey.store.accounts import consultant_for_api_token
from survey.store.models import Consultant


def bearer_token() -> str | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def token_required(view: Callable) -> Callable:
    """Run `view` with g.consultant set from a valid API token, or answer 401 in JSON."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        consultant = consultant_for_api_token(bearer_token() or "")
        if consultant is None:
            response = jsonify(error="a valid API token is required: Authorization: Bearer <token>")
            response.status_code = 401
            response.headers["WWW-Authenticate"] = 'Bearer realm="api"'
            return response
        g.consultant = consultant
        return view(*args, **kwargs)

    return wrapper


def api_consultant() -> Consultant:
    return g.consultant
