"""How fast the round's deliverables are built: the deck (.pptx) and the workbook (.xlsx) of a round of
10,000 responses, each as a ratio to the same round's web report.

    .venv/bin/python -m bench.deliverables            (about a minute; --size to change the round)

Seeds a throw-away SQLite database as bench.aggregation does (bulk inserts and the app's own tally
writer), adds a comment to one response in twenty, signs in, then times each download through the test
client, best of a few runs, the round unchanged between them: built anew (the instance's copy dropped
before each run) and as a repeated download finds it (see documents/round/deliverable_cache.py). Each time is
taken in elapsed time and in this process's CPU time; the figures use the CPU time (one thread does all
the work, so it is the work itself, and barely moves when other programs share the machine). The report
and the deck read the round's tallies, so they cost the same whatever its size; the workbook also writes
one row per response (its responses sheet, like the CSV export, printed beside them), so it grows with
the round.
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

from bench.aggregation import GROUPS, PASSWORD, seed_round
from bench.figures import Figure
from survey import create_app
from survey.documents.round.deliverable_cache import DOCUMENTS as BUILT
from survey.extensions import db
from survey.store.accounts import create_consultant
from survey.store.engagements import create_engagement
from survey.store.models import DimensionNote, Response

TARGET_RATIO = 3.0
DOCUMENTS = {"deck": "report.pptx", "workbook": "report.xlsx"}
CONTEXT = {"csv export": "responses.csv"}  # printed for comparison: the same row-level data, no target


def add_comments(app, round_id: int, rng: random.Random) -> None:
    questionnaire = app.extensions["questionnaire"]
    ids = db.session.scalars(select(Response.id).where(Response.round_id == round_id)).all()
    notes = [
        {"response_id": rid, "dimension_id": rng.choice(questionnaire.dimensions).id, "comment": f"Remark {rid}"}
        for rid in ids[::20]
    ]
    db.session.execute(insert(DimensionNote), notes)
    db.session.commit()


def best_times(client, url: str, runs: int, before=None) -> tuple[float, float]:
    """The shortest elapsed and CPU times of `runs` downloads of `url` (`before` runs ahead of each)."""
    wall = cpu = float("inf")
    for _ in range(runs):
        if before:
            before()
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        wall, cpu = min(wall, time.perf_counter() - started), min(cpu, time.process_time() - started_cpu)
        assert response.status_code == 200, response.status_code
    return wall, cpu


def run(size: int = 10_000, runs: int = 3) -> dict:
    """Seed one round and time its web report, deck and workbook; returns the times and the ratios."""
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False, "SERVER_NAME": "bench.test"})
        rng = random.Random(2026)
        with app.app_context():
            upgrade()
            consultant = create_consultant("bench@example.com", PASSWORD)
            engagement = create_engagement(consultant.id, "Bench", "fr", GROUPS, None)
            seed_round(app, engagement.id, engagement.rounds[0].id, size, rng)
            add_comments(app, engagement.rounds[0].id, rng)
            base = f"/engagements/{engagement.id}/rounds/1/"
        client = app.test_client()
        page = client.get("/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        client.post("/login", data={"email": "bench@example.com", "password": PASSWORD, "csrf_token": token})
        times = {"report": best_times(client, base + "report", runs + 2)}
        for name, path in DOCUMENTS.items():  # built anew: the instance's copy dropped before each
            times[f"{name} (first build)"] = best_times(client, base + path, runs, before=BUILT.clear)
            times[f"{name} (unchanged round)"] = best_times(client, base + path, runs + 2)
        for name, path in CONTEXT.items():
            times[name] = best_times(client, base + path, runs)
        with app.app_context():
            db.engine.dispose()
    return {
        "times": times,
        "ratios": {name: cpu / times["report"][1] for name, (_, cpu) in times.items() if name != "report"},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    args = parser.parse_args()
    started = time.perf_counter()
    result = run(args.size)
    for name, (wall, cpu) in result["times"].items():
        print(f"{name:>10} of a round of {args.size} responses: {wall * 1000:8.1f} ms, CPU {cpu * 1000:8.1f} ms")
    for name, ratio in result["ratios"].items():
        verdict = "no target" if name in CONTEXT else ("met" if ratio <= TARGET_RATIO else "NOT met")
        print(f"{name} / web report, CPU time: {ratio:.2f} (target <= {TARGET_RATIO:g}: {verdict})")
    print(f"bench took {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()


def deliverables_figures(bench_run) -> list:
    """The bench table's rows: deck and workbook of a round of 10,000 responses, over its web report."""
    ratios = run()["ratios"]
    return [
        Figure(f"{name} / web report, 10,000 responses", ratio, TARGET_RATIO, "<=")
        for name, ratio in ratios.items()
        if name not in CONTEXT
    ]
