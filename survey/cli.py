"""Command-line interface: `flask --app app questions check|dump`, `score FILE`, `report SHEET`,
`users create|set-password|sign-out EMAIL`.

Bad input ends with one line naming the culprit and exit code 2; an invalid questionnaire
lists every problem and exits 1. Never a traceback.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, date
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from survey.domain.questionnaire.answersheet import AnswerSheetError, load_sheets, parse_sheet
from survey.domain.questionnaire.languages import LANGUAGES
from survey.domain.questionnaire.loader import QuestionnaireError, load_questionnaire
from survey.domain.questionnaire.scoring import score_answers
from survey.store.accounts import (
    AccountError,
    change_password,
    create_consultant,
    end_sessions,
    find_consultant,
    normalise_email,
)
from survey.store.models import Consultant

USAGE_ERROR = 2


def fail(message: str, code: int = USAGE_ERROR) -> None:
    """Print one line to stderr and exit with `code`."""
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def read_input_file(path: str) -> str:
    """Read a file named on the command line ('-' for stdin), or exit 2 naming it."""
    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        fail(f"{path}: no such file")
    except IsADirectoryError:
        fail(f"{path}: is a directory, not a file")
    except (OSError, UnicodeDecodeError) as error:
        fail(f"{path}: cannot read: {getattr(error, 'strerror', None) or error}")
    raise AssertionError("unreachable")


class OneLineErrorCommand(click.Command):
    """Usage mistakes (a missing option, a bad value) end with one line and exit code 2, not a usage dump."""

    def make_context(self, info_name, args, parent=None, **extra):
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.UsageError as error:
            fail(f"{info_name}: {error.format_message()}")


@click.group("questions")
def questions_group() -> None:
    """Check or export the questionnaire."""


@questions_group.command("check", cls=OneLineErrorCommand)
@click.argument("path", required=False)
@with_appcontext
def check_command(path: str | None) -> None:
    """Validate a questionnaire file (default: the app's questions.yaml); exit 1 on problems."""
    path = path or current_app.config["QUESTIONNAIRE_PATH"]
    try:
        questionnaire = load_questionnaire(path)
    except QuestionnaireError as error:
        click.echo(str(error), err=True)
        click.echo(f"{len(error.problems)} problem(s) found in {path}", err=True)
        sys.exit(1)
    count = len(questionnaire.questions_by_id)
    click.echo(f"{path}: OK ({len(questionnaire.dimensions)} dimensions, {count} questions)")


@questions_group.command("dump", cls=OneLineErrorCommand)
@with_appcontext
def dump_command() -> None:
    """Print the normalized questionnaire as JSON, for integrations."""
    questionnaire = current_app.extensions["questionnaire"]
    click.echo(json.dumps(questionnaire.model_dump(mode="json", exclude_none=True), ensure_ascii=False, indent=2))


@click.command("score", cls=OneLineErrorCommand)
@click.argument("file")
@with_appcontext
def score_command(file: str) -> None:
    """Score an answer sheet (or a JSON list of sheets) read from FILE ('-' for stdin)."""
    questionnaire = current_app.extensions["questionnaire"]
    text = read_input_file(file)
    try:
        raw_sheets, is_list = load_sheets(text)
        results = []
        for index, raw in enumerate(raw_sheets):
            sheet = parse_sheet(questionnaire, raw, f"sheet {index}" if is_list else "")
            results.append(score_answers(sheet.scored_on(questionnaire), sheet.profile, sheet.answers).as_dict())
    except AnswerSheetError as error:
        fail(f"{file}: {error}")
    click.echo(json.dumps(results if is_list else results[0], indent=2))


@click.command("report", cls=OneLineErrorCommand)
@click.argument("sheet_file")
@click.option("--pdf", "pdf_path", help="Where to write the PDF scorecard.")
@click.option("--json", "json_path", help="Where to write the report as JSON ('-' for standard output).")
@click.option("--lang", default="en", help="Language of the scorecard: en or fr.")
@with_appcontext
def report_command(sheet_file: str, pdf_path: str | None, json_path: str | None, lang: str) -> None:
    """Render the PDF scorecard and/or the report as JSON of one answer sheet (the `score` format), without the web."""
    from survey.documents.respondent.report import build_view, render_scorecard_pdf, report_document, series_name

    if lang not in LANGUAGES:
        fail(f"--lang {lang}: expected one of {', '.join(LANGUAGES)}")
    if not pdf_path and not json_path:
        fail("report: give --pdf FILE, --json FILE or both")
    questionnaire = current_app.extensions["questionnaire"]
    text = read_input_file(sheet_file)
    try:
        raw_sheets, is_list = load_sheets(text)
        if is_list:
            raise AnswerSheetError("expected one answer sheet, not a list")
        sheet = parse_sheet(questionnaire, raw_sheets[0])
    except AnswerSheetError as error:
        fail(f"{sheet_file}: {error}")
    view = build_view(questionnaire, sheet, lang, date.today(), series_name(sheet, lang))
    if json_path:
        text = json.dumps(report_document(view), ensure_ascii=False, indent=2)
        if json_path == "-":
            click.echo(text)
        else:
            content = (text + "\n").encode()
            write_output(json_path, content)
            click.echo(f"{json_path}: {max(1, len(content) // 1024)} KB")
    if pdf_path:
        content = render_scorecard_pdf(view)
        write_output(pdf_path, content)
        click.echo(f"{pdf_path}: {len(content) // 1024} KB", err=json_path == "-")


def write_output(path: str, content: bytes) -> None:
    """Write a file named on the command line, or exit 2 naming it."""
    try:
        Path(path).write_bytes(content)
    except OSError as error:
        fail(f"{path}: cannot write: {error.strerror or error}")


@click.group("users")
def users_group() -> None:
    """Manage consultant accounts."""


password_stdin_option = click.option(
    "--password-stdin", is_flag=True, help="Read the password from the first line of standard input."
)


def read_new_password(password_stdin: bool) -> str:
    """The password from the first line of standard input, or asked for twice."""
    if password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


def existing_account(email: str) -> Consultant:
    consultant = find_consultant(email)
    if consultant is None:
        fail(f"no account for {normalise_email(email)}")
    return consultant


@users_group.command("create", cls=OneLineErrorCommand)
@click.argument("email")
@password_stdin_option
@with_appcontext
def create_user_command(email: str, password_stdin: bool) -> None:
    """Create a consultant account; the password is asked for (twice) unless --password-stdin."""
    password = read_new_password(password_stdin)
    try:
        consultant = create_consultant(email, password)
    except AccountError as error:
        fail(str(error))
    click.echo(f"Created consultant account {consultant.email}")


@click.command("demo", cls=OneLineErrorCommand)
@click.option("--url", default="http://127.0.0.1:5000", show_default=True, help="Where the site runs (`make run`).")
@click.option("--benchmark-pool", is_flag=True, help="Also seed a synthetic benchmark pool (flagged as demo data).")
@with_appcontext
def demo_command(url: str, benchmark_pool: bool = False) -> None:
    """Fill an empty database with a realistic example: a consultant, a French engagement in two rounds,
    a candidate's and an executive's private reports; prints how to sign in and the private links."""
    from datetime import datetime

    from sqlalchemy.exc import SQLAlchemyError

    from survey.store.demo import DemoError, seed_demo

    try:
        site = seed_demo(current_app.extensions["questionnaire"], datetime.now(UTC).replace(tzinfo=None))
    except DemoError as error:
        fail(str(error))
    except SQLAlchemyError as error:
        fail(f"the database cannot be used ({type(error).__name__}): run `flask --app app db upgrade` first")
    base = url.rstrip("/")
    click.echo(f"Consultant: sign in at {base}/login as {site.email}, password {site.password}")
    click.echo(f"  The engagement's round 2 report: {base}/engagements/{site.engagement_id}/rounds/2/report")
    click.echo(f"Candidate (French), private link: {base}/r/{site.candidate_token}/report")
    click.echo(f"Executive (English), private link: {base}/r/{site.executive_token}/report")
    if benchmark_pool:
        from survey.store.benchmark import seed_demo_pool

        practices = [d.id for d in current_app.extensions["questionnaire"].dimensions]
        click.echo(f"Benchmark: {seed_demo_pool(practices)} synthetic organisations, shown as demo data")


@users_group.command("set-password", cls=OneLineErrorCommand)
@click.argument("email")
@password_stdin_option
@with_appcontext
def set_password_command(email: str, password_stdin: bool) -> None:
    """Give an account a new password; every session signed in with the old one ends."""
    consultant = existing_account(email)
    try:
        change_password(consultant, read_new_password(password_stdin))
    except AccountError as error:
        fail(str(error))
    click.echo(f"New password set for {consultant.email}; its sessions are signed out")


@users_group.command("sign-out", cls=OneLineErrorCommand)
@click.argument("email")
@with_appcontext
def sign_out_command(email: str) -> None:
    """End every session of an account, on every device (a lost laptop, a shared computer)."""
    consultant = existing_account(email)
    end_sessions(consultant)
    click.echo(f"Every session of {consultant.email} is signed out")
