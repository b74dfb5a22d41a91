"""Fieldwork: queueing invitations for 10,000 invitees against 10, and the mail worker's send rate.

    .venv/bin/python -m bench.fieldwork          (about 20 s)

Queueing is the consultant's press of "Send N invitations", timed through the test client as the aggregation
bench times its page (POST /engagements/<id>/rounds/<n>/fieldwork/send, CSRF and session included): one
INSERT ... SELECT whatever N (store/outbox.queue_invitations), so 10,000 cost far less than 1,000 times 10
(target: a ratio of at most 50). The bare INSERT's times are printed too.
The import of the 10,000 pasted addresses (parsing, then batched INSERTs in one transaction) is timed too.
The send rate is the worker's pass (claim, render in the engagement's language, SMTP, record) against an
aiosmtpd server on loopback: it says what one worker process sends per second, not what a real server takes.
"""

from __future__ import annotations

import re
import tempfile
import time
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import delete, func, select, update

from bench.figures import Figure
from survey import create_app
from survey.domain.fieldwork.invitees import parse_pasted
from survey.extensions import db
from survey.mail.smtp import MailSettings
from survey.mail.worker import Worker
from survey.store.accounts import create_consultant
from survey.store.engagements import create_engagement, open_next_round
from survey.store.fieldwork.invitations import import_invitees
from survey.store.fieldwork.outbox import queue_invitations
from survey.store.models import Invitation, OutboxMessage

TARGET_RATIO = 50.0
SIZES = (10, 10_000)
SENT = 300
PASSWORD = "bench password, long enough"
GROUPS = [("Executive committee", "executive"), ("Legal", "staff")]


def pasted(size: int, round_number: int) -> str:
    return "\n".join(f"Person {n} <person{n}.r{round_number}@bench.test>" for n in range(size))


def reset(app, round_id: int) -> None:
    """The round's invitees back to "not sent", their queued e-mails gone."""
    with app.app_context():
        db.session.execute(delete(OutboxMessage))
        db.session.execute(update(Invitation).where(Invitation.round_id == round_id).values(status="new"))
        db.session.commit()


def time_queueing(app, round_id: int, runs: int) -> float:
    """Best of `runs` calls of the store function alone."""
    best = float("inf")
    for _ in range(runs):
        reset(app, round_id)
        with app.app_context():
            started = time.perf_counter()
            queue_invitations(round_id)
            best = min(best, time.perf_counter() - started)
    return best


def time_press(app, client, engagement_id: int, number: int, round_id: int, runs: int) -> float:
    """Best of `runs` presses of "Send N invitations" on the round page, through the test client."""
    best = float("inf")
    page = f"/engagements/{engagement_id}/rounds/{number}/fieldwork"
    for _ in range(runs):
        reset(app, round_id)
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get(page).get_data(as_text=True)).group(1)
        started = time.perf_counter()
        response = client.post(f"{page}/send", data={"csrf_token": token})
        best = min(best, time.perf_counter() - started)
        assert response.status_code == 302, response.status_code
        with app.app_context():
            queued = db.session.scalar(select(func.count()).select_from(OutboxMessage))
            invited = db.session.scalar(select(func.count()).where(Invitation.round_id == round_id))
        assert queued == invited, (queued, invited)  # the press queued every invitation
    return best


def send_rate(app, round_id: int) -> float:
    """Messages per second of one worker pass sending SENT invitations to a loopback aiosmtpd."""
    from tests.mailserver import MailServer

    server = MailServer().start()
    try:
        db.session.execute(delete(OutboxMessage))
        db.session.execute(update(Invitation).values(status="sent"))
        db.session.execute(
            update(Invitation)
            .where(Invitation.round_id == round_id, Invitation.id.in_(_first_ids(round_id, SENT)))
            .values(status="new")
        )
        db.session.commit()
        queue_invitations(round_id)
        app.config.update(server.settings())
        worker = Worker(app, MailSettings.from_config(app.config))
        with app.test_request_context(base_url="https://survey.example"):
            started = time.perf_counter()
            result = worker.run_pass()
            elapsed = time.perf_counter() - started
        assert result.sent == SENT and len(server.received) == SENT, (result, len(server.received))
        return SENT / elapsed
    finally:
        server.stop()


def _first_ids(round_id: int, count: int):
    return select(Invitation.id).where(Invitation.round_id == round_id).order_by(Invitation.id).limit(count)


def run(runs: int = 3) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False, "SERVER_NAME": "bench.test"})
        with app.app_context():
            upgrade()
            consultant = create_consultant("bench@example.com", PASSWORD)
            engagement = create_engagement(consultant.id, "Bench", "en", GROUPS, None)
            rounds, imports = {}, {}
            for index, size in enumerate(SIZES):
                round_ = engagement.rounds[0] if index == 0 else open_next_round(engagement)
                started = time.perf_counter()
                parsed = parse_pasted(pasted(size, round_.number))
                import_invitees(round_, engagement.groups[1].id, parsed.invitees, app.config["SECRET_KEY"])
                imports[size] = time.perf_counter() - started
                rounds[size] = (round_.number, round_.id)
            for round_ in engagement.rounds:
                round_.closed_at = None  # both rounds open: a closed round takes no press of "Send"
            db.session.commit()
            engagement_id = engagement.id
        client = login(app)
        presses = {size: time_press(app, client, engagement_id, *rounds[size], runs) for size in SIZES}
        queueing = {size: time_queueing(app, rounds[size][1], runs) for size in SIZES}
        with app.app_context():
            rate = send_rate(app, rounds[SIZES[1]][1])
            db.engine.dispose()
    small, large = SIZES
    return {
        "presses": presses,
        "queueing": queueing,
        "imports": imports,
        "ratio": presses[large] / presses[small],
        "rate": rate,
    }


def login(app):
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    client.post("/login", data={"email": "bench@example.com", "password": PASSWORD, "csrf_token": token})
    return client


def fieldwork_figures(bench_run) -> list:
    """The bench table's rows."""
    result = run()
    return [
        Figure("queue invitations (press of Send) 10,000 / 10 invitees", result["ratio"], TARGET_RATIO, "<="),
        Figure("import 10,000 pasted invitees (s)", result["imports"][SIZES[1]]),
        Figure("mail worker send rate, loopback aiosmtpd (messages/s)", result["rate"]),
    ]


def main() -> None:
    started = time.perf_counter()
    result = run()
    for size in SIZES:
        print(
            f"{size:>6} invitees: import {result['imports'][size] * 1000:8.1f} ms, press of Send "
            f"{result['presses'][size] * 1000:7.2f} ms (the INSERT alone {result['queueing'][size] * 1000:6.2f} ms)"
        )
    verdict = "met" if result["ratio"] <= TARGET_RATIO else "NOT met"
    print(f"queueing ratio {SIZES[1]} / {SIZES[0]}: {result['ratio']:.1f} (target <= {TARGET_RATIO:g}: {verdict})")
    print(f"mail worker: {result['rate']:.0f} messages/s to a loopback aiosmtpd ({SENT} sent)")
    print(f"bench took {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
