"""`flask --app app questions stats [--json] [--profile P]`: the questionnaire's reliability on the database's
submitted responses (Cronbach's alpha per practice, item-rest correlation per question)."""

from __future__ import annotations

import json

import click
from flask.cli import with_appcontext
from sqlalchemy.exc import SQLAlchemyError

from survey.cli import OneLineErrorCommand, fail, questions_group
from survey.domain.benchmark.reliability import ALPHA_FLOOR, ITEM_REST_FLOOR, reliability_of
from survey.extensions import get_questionnaire
from survey.store.benchmark import submitted_answer_sheets


def _figure(value: float | None) -> str:
    return "  -  " if value is None else f"{value:5.2f}"


@questions_group.command("stats", cls=OneLineErrorCommand)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--profile", default=None, help="Only the responses of this profile (e.g. executive).")
@with_appcontext
def stats_command(as_json: bool, profile: str | None) -> None:
    """Cronbach's alpha per practice and each question's item-rest correlation, on submitted responses."""
    questionnaire = get_questionnaire()
    if profile is not None and profile not in questionnaire.profile_ids:
        fail(f"--profile: unknown profile {profile!r}: expected one of {', '.join(questionnaire.profile_ids)}")
    try:
        every_sheet = submitted_answer_sheets()
    except SQLAlchemyError as error:
        fail(f"cannot read the responses ({type(error).__name__}): is the database migrated (flask db upgrade)?", 1)
    sheets = [answers for who, _, answers in every_sheet if profile in (None, who)]
    practices = reliability_of(questionnaire, sheets)
    if as_json:
        click.echo(json.dumps({"responses": len(sheets), "practices": [p.as_dict() for p in practices]}, indent=2))
        return
    click.echo(f"Questionnaire reliability on {len(sheets)} submitted responses")
    click.echo(f"(alpha below {ALPHA_FLOOR} flagged; item-rest r below {ITEM_REST_FLOOR}: review this question)")
    for practice in practices:
        flag = "  alpha below 0.6" if practice.flagged else ""
        click.echo(f"\n{practice.dimension_id}: alpha {_figure(practice.alpha)} ({practice.responses} responses){flag}")
        for item in practice.items:
            review = "  review this question" if item.flagged else ""
            click.echo(f"  {item.question_id:<32} r {_figure(item.item_rest)} ({item.responses} responses){review}")
