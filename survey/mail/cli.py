"""`flask --app app mail send` (one pass, for cron) and `flask --app app mail worker` (until stopped)."""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import with_appcontext

from survey.mail.smtp import MailSettings
from survey.mail.worker import Worker
from survey.store.fieldwork.schedule import close_due_rounds
from survey.store.queues.leases import run_until_stopped

USAGE_ERROR = 2


def _worker() -> Worker:
    settings = MailSettings.from_config(current_app.config)
    if settings is None:
        click.echo("Error: mail is not configured: set MAIL_SERVER (see README, Fieldwork)", err=True)
        sys.exit(USAGE_ERROR)
    return Worker(current_app._get_current_object(), settings)


@click.group("mail")
def mail_group() -> None:
    """Send the fieldwork e-mails waiting in the outbox."""


@mail_group.command("send")
@with_appcontext
def send_command() -> None:
    """One pass: close rounds past their deadline, queue scheduled reminders, send every message due.
    Without MAIL_SERVER, only the first: rounds close at their deadline whether or not mail is configured."""
    if MailSettings.from_config(current_app.config) is None:
        closed = close_due_rounds()
        click.echo(f"mail send: rounds closed {closed}; mail is not configured (MAIL_SERVER), no e-mail sent", err=True)
        return
    worker = _worker()
    with current_app.test_request_context(base_url=current_app.config["PUBLIC_URL"]):
        click.echo(f"mail send: {worker.run_pass()}", err=True)


@mail_group.command("worker")
@click.option("--poll", type=float, default=None, help="Seconds between two passes when idle (MAIL_POLL_SECONDS).")
@with_appcontext
def worker_command(poll: float | None) -> None:
    """Send as messages arrive, until SIGTERM or Ctrl-C (the message in hand is finished first)."""
    worker = _worker()
    poll = current_app.config["MAIL_POLL_SECONDS"] if poll is None else poll
    run_until_stopped(worker, "mail worker", poll, describe)


def describe(result) -> str | None:
    return str(result) if result.sent or result.failed or result.retried else None
