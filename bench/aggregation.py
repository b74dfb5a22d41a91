"""How the aggregated report scales: a round of 10 responses against a round of 10,000.

    .venv/bin/python -m bench.aggregation            (about 40 s; sizes with --sizes 10 10000)

Seeds a throw-away SQLite database with bulk inserts (every response answers every question
of its profile, 4 groups) and the round's tallies, built by the app's own tally writer
(tallies.rebuild_round, the code every submit, edit and erase goes through), then times the report
page, GET /engagements/<id>/rounds/<n>/report, through the test client, best of a few runs:
- cold: the first page after the round changed: before each run, a submitted response's answers
  are edited through responses.save_answers, so its tallies are rewritten as in production;
- warm: the page again while the round is unchanged.
There is no cache: the report reads its round's tallies (a few rows per group and metric) whatever
the round's size, so both should be near. It prints both times and ratios; the target is at most 3.
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
import time
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import insert, select

from bench.figures import Figure
from survey import create_app
from survey.domain.questionnaire.model import DONT_KNOW
from survey.extensions import db
from survey.store.accounts import create_consultant
from survey.store.engagements import create_engagement, open_next_round
from survey.store.models import Answer, Response
from survey.store.responses import save_answers
from survey.store.tallies import rebuild_round
from survey.store.tokens import token_digest

TARGET_RATIO = 3.0
PASSWORD = "bench password, long enough"
GROUPS = [("Executive committee", "executive"), ("Marketing", "staff"), ("Community", "staff"), ("Legal", "staff")]


def seed_round(app, engagement_id: int, round_id: int, size: int, rng: random.Random) -> None:
    """`size` submitted responses spread over the groups, inserted in bulk."""
    from survey.store.models import Engagement

    questionnaire = app.extensions["questionnaire"]
    engagement = db.session.get(Engagement, engagement_id)
    groups = engagement.groups
    responses = [
        {
            "token_hash": token_digest(f"bench-{round_id}-{index}"),
            "profile": groups[index % len(groups)].profile,
            "language": "en",
            "questionnaire_id": questionnaire.id,
            "questionnaire_version": questionnaire.version,
            "round_id": round_id,
            "group_id": groups[index % len(groups)].id,
            "submitted_at": engagement.created_at,
        }
        for index in range(size)
    ]
    for start in range(0, size, 5000):
        db.session.execute(insert(Response), responses[start : start + 5000])
    rows = db.session.execute(select(Response.id, Response.profile).where(Response.round_id == round_id)).all()
    choices = {
        profile: [(q.id, [c.value for c in q.choices] + [DONT_KNOW]) for q in questionnaire.questions_by_id.values()]
        for profile in questionnaire.profile_ids
    }
    applicable = {profile: set(questionnaire.applicable_question_ids(profile)) for profile in questionnaire.profile_ids}
    batch: list[dict] = []
    for response_id, profile in rows:
        for question_id, values in choices[profile]:
            if question_id in applicable[profile]:
                batch.append({"response_id": response_id, "question_id": question_id, "value": rng.choice(values)})
        if len(batch) >= 50_000:
            db.session.execute(insert(Answer), batch)
            batch = []
    if batch:
        db.session.execute(insert(Answer), batch)
    rebuild_round(db.session.connection(), questionnaire, round_id)
    db.session.commit()


def edit_a_response(app, round_id: int, rng: random.Random) -> None:
    """Change one answer of a submitted response of the round, through the service the survey pages use."""
    with app.app_context():
        questionnaire = app.extensions["questionnaire"]
        response = db.session.scalars(select(Response).where(Response.round_id == round_id).limit(1)).one()
        question = rng.choice(list(questionnaire.questions_by_id.values()))
        save_answers(response, {question.id: rng.choice([c.value for c in question.choices])})


def best_time(client, url: str, runs: int, before=None) -> float:
    best = float("inf")
    for _ in range(runs):
        if before:
            before()
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
        assert response.status_code == 200, response.status_code
        best = min(best, elapsed)
    return best


def run(sizes: tuple[int, int] = (10, 10_000), runs: int = 3) -> dict:
    """Seed one round per size and time its report, cold and warm; returns the times and ratios."""
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False, "SERVER_NAME": "bench.test"})
        rng = random.Random(2026)
        with app.app_context():
            upgrade()
            consultant = create_consultant("bench@example.com", PASSWORD)
            engagement = create_engagement(consultant.id, "Bench", "en", GROUPS, None)
            numbers, round_ids = [], []
            for index, size in enumerate(sizes):
                round_ = engagement.rounds[0] if index == 0 else open_next_round(engagement)
                seed_round(app, engagement.id, round_.id, size, rng)
                numbers.append(round_.number)
                round_ids.append(round_.id)
            engagement_id = engagement.id
        client = app.test_client()
        page = client.get("/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        client.post("/login", data={"email": "bench@example.com", "password": PASSWORD, "csrf_token": token})

        results = {}
        for size, number, round_id in zip(sizes, numbers, round_ids, strict=True):
            report = f"/engagements/{engagement_id}/rounds/{number}/report"
            results[size] = {
                "cold": best_time(client, report, runs, before=lambda r=round_id: edit_a_response(app, r, rng)),
                "warm": best_time(client, report, runs + 2),
            }
        with app.app_context():
            db.engine.dispose()
    small, large = sizes
    return {
        "times": results,
        "cold_ratio": results[large]["cold"] / results[small]["cold"],
        "warm_ratio": results[large]["warm"] / results[small]["warm"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=(10, 10_000))
    args = parser.parse_args()
    started = time.perf_counter()
    result = run(tuple(args.sizes))
    small, large = args.sizes
    for size, times in result["times"].items():
        print(
            f"report of a round of {size:>6} responses: cold {times['cold'] * 1000:8.1f} ms, "
            f"warm {times['warm'] * 1000:7.1f} ms"
        )
    print(
        f"ratio {large} / {small} responses, warm (round unchanged): {result['warm_ratio']:.2f} "
        f"(target <= {TARGET_RATIO:g}: {'met' if result['warm_ratio'] <= TARGET_RATIO else 'NOT met'})"
    )
    print(
        f"ratio {large} / {small} responses, cold (first page after a change): {result['cold_ratio']:.2f} "
        f"(target <= {TARGET_RATIO:g}: {'met' if result['cold_ratio'] <= TARGET_RATIO else 'NOT met'})"
    )
    print(f"bench took {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()


def aggregation_figures(bench_run) -> list:
    """The bench table's rows: a round of 10,000 responses over one of 10, warm and on a first build."""
    result = run()
    return [
        Figure("aggregated report 10,000 / 10 responses (warm)", result["warm_ratio"], TARGET_RATIO, "<="),
        Figure("aggregated report 10,000 / 10 responses (after a change)", result["cold_ratio"], TARGET_RATIO, "<="),
    ]
