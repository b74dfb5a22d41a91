"""Operations endpoints: /healthz tells a load balancer whether the app and its database answer.

Anyone may call /healthz, as often as they like, so it must cost the database next to nothing. Each
call runs a read (SELECT 1): a database that stopped answering is seen at once. Whether it still
accepts writes is checked by a write that touches no row, at most once per HEALTH_WRITE_CHECK_SECONDS
per process: tried on every call, it took SQLite's write lock (or a PostgreSQL transaction) each time,
in the way of the respondents saving answers. A failed write check is not remembered, so a database
that comes back is seen at the next call; one that turns read-only is seen within those seconds.
"""

from __future__ import annotations

import time
from threading import Lock

from flask import Blueprint, current_app, jsonify
from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError

from survey.extensions import db
from survey.store.models import Response
from survey.web.errors import forget_request_state

bp = Blueprint("health", __name__)

READ_CHECK = select(1)
WRITE_CHECK = update(Response).where(Response.id == -1).values(updated_at=Response.updated_at)


class WriteCheck:
    """When this process last saw the database accept a write (monotonic seconds)."""

    def __init__(self) -> None:
        self.succeeded_at: float | None = None
        self.lock = Lock()

    def due(self, interval: float) -> bool:
        with self.lock:
            return self.succeeded_at is None or time.monotonic() - self.succeeded_at >= interval

    def succeeded(self) -> None:
        with self.lock:
            self.succeeded_at = time.monotonic()


@bp.get("/healthz")
def healthz():
    """200 when the database answers and accepts writes; 503 otherwise.

    A database that answers reads but refuses writes (a read-only SQLite file, a read-only PostgreSQL)
    cannot store answers, so it counts as down.
    """
    check = current_app.extensions.setdefault("health_write_check", WriteCheck())
    try:
        db.session.execute(READ_CHECK)
        if check.due(current_app.config["HEALTH_WRITE_CHECK_SECONDS"]):
            db.session.execute(WRITE_CHECK)
            check.succeeded()
        db.session.rollback()
    except SQLAlchemyError:
        forget_request_state()
        return jsonify(status="unavailable", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
