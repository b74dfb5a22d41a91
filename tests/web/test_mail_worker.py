"""The mail worker as it runs in production, `flask --app app mail worker` in its own process, against a
real SMTP server: killed mid-batch and restarted it sends every message exactly once; two workers at once
on PostgreSQL share the outbox without sending anything twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter

import pytest

from survey.domain.fieldwork.invitees import Invitee
from survey.extensions import db
from survey.store.accounts import create_consultant
from survey.store.engagements import create_engagement
from survey.store.fieldwork.invitations import import_invitees
from survey.store.fieldwork.outbox import queue_invitations
from survey.store.models import OutboxMessage
from tests.conftest import ROOT
from tests.mailserver import MailServer


def queue(app, count: int) -> None:
    """An engagement whose Legal group has `count` invitees, their invitations queued."""
    with app.app_context():
        owner = create_consultant("worker@consulting.test", "a long enough password")
        engagement = create_engagement(owner.id, "Initech", "en", [("Legal", "staff")], None)
        round_ = engagement.current_round
        invitees = [Invitee(f"person{n}@initech.test", f"Person {n}") for n in range(count)]
        import_invitees(round_, engagement.groups[0].id, invitees, app.config["SECRET_KEY"])
        assert queue_invitations(round_.id) == count


def start_worker(app, server: MailServer) -> subprocess.Popen:
    env = {
        **os.environ,
        "APP_ENV": "testing",
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "SECRET_KEY": app.config["SECRET_KEY"],
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": str(server.port),
        "MAIL_DEFAULT_SENDER": "survey@consulting.test",
        "MAIL_BATCH_SIZE": "5",
        "MAIL_LEASE_SECONDS": "2",
        "PUBLIC_URL": "https://survey.example",
    }
    command = [sys.executable, "-m", "flask", "--app", "app", "mail", "worker", "--poll", "0.2"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def wait_for(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def stop(process: subprocess.Popen) -> str:
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=30)
    return err.decode()


def delivered(server: MailServer) -> Counter:
    return Counter(recipient for item in server.received for recipient in item.recipients)


def outbox_statuses(app) -> Counter:
    with app.app_context():
        return Counter(status for (status,) in db.session.query(OutboxMessage.status).all())


@pytest.mark.serial
def test_a_worker_killed_mid_batch_then_restarted_sends_each_message_once(app):
    count = 30
    queue(app, count)
    server = MailServer()
    announced = threading.Event()
    resume = threading.Event()
    recipients_seen = []

    def on_recipient(address: str) -> None:
        recipients_seen.append(address)
        if len(recipients_seen) == 12:  # the 12th message, in the middle of the third batch of 5
            announced.set()
            resume.wait(10)  # the worker is killed while the server holds this message's RCPT

    server.recorder.on_recipient = on_recipient
    server.start()
    try:
        first = start_worker(app, server)
        assert announced.wait(60)
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        resume.set()
        assert len(server.received) == 11
        second = start_worker(app, server)
        wait_for(lambda: len(server.received) >= count)
        time.sleep(1)  # anything more would be a duplicate
        stop(second)
    finally:
        resume.set()
        server.stop()
    sent = delivered(server)
    assert len(sent) == count and set(sent.values()) == {1}
    assert outbox_statuses(app) == Counter({"sent": count})


@pytest.mark.serial
def test_two_workers_at_once_on_postgresql_share_the_outbox(app):
    if not str(app.config["SQLALCHEMY_DATABASE_URI"]).startswith("postgresql"):
        pytest.skip("SELECT ... FOR UPDATE SKIP LOCKED is PostgreSQL's; SQLite has one writer")
    count = 60
    queue(app, count)
    server = MailServer()
    server.recorder.on_recipient = lambda address: time.sleep(0.05)  # a mail server that takes its time
    server.start()
    try:
        workers = [start_worker(app, server), start_worker(app, server)]
        wait_for(lambda: len(server.received) >= count)
        time.sleep(1)
        logs = [stop(worker) for worker in workers]
    finally:
        server.stop()
    sent = delivered(server)
    assert len(sent) == count and set(sent.values()) == {1}, logs
    with app.app_context():
        claimers = {worker for (worker,) in db.session.query(OutboxMessage.claimed_by).all()}
    assert len(claimers) == 2, logs  # both took their share
