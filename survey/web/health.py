"""Operations endpoints: /healthz tells a load balancer whether the app and its database answer."""

from __future__ import annotations

from flask import Blueprint, jsonify
from sqlalchemy import update
from sqlalchemy.exc import SQLAlchemyError

from survey.extensions import db
from survey.store.models import Response
from survey.web.errors import forget_request_state

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """200 when the database answers and accepts writes; 503 otherwise.

    A write that touches no row is tried and rolled back: a database that answers reads but refuses
    writes (a read-only SQLite file, a read-only PostgreSQL) cannot store answers, so it counts as down.
    """
    try:
        db.session.execute(update(Response).where(Response.id == -1).values(updated_at=Response.updated_at))
        db.session.rollback()
    except SQLAlchemyError:
        forget_request_state()
        return jsonify(status="unavailable", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
