"""How the benchmark's percentiles scale: a pool of 100,000 contributions against the respondent's report page.

    .venv/bin/python -m bench.benchmark_pool            (about a minute; --size 100000)

Seeds a throw-away SQLite database with `size` contributions in bulk, their tallies built by the domain's own
counting (the same rows every addition keeps up to date), and one submitted executive response. Then times,
through the test client, best of a few runs: the report page of that response (the reference), and
GET /api/v1/benchmark for the whole pool, for a sector and for a sector x size cell. Reading a cell sums
pre-aggregated (dimension x score) rows, so the pool's size does not matter; the target is at most 3x the report.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import insert

from survey import create_app
from survey.domain.benchmark.pool import OVERALL, SECTORS, SIZE_BANDS, cells_of, tally
from survey.extensions import db
from survey.store.models import BenchmarkContribution, BenchmarkTally
from survey.store.models.benchmark import random_key
from survey.store.tokens import token_digest
from tests.stored_responses import add_submitted_executive

TARGET_RATIO = 3.0
PROFILES = ("executive", "staff", "candidate")


def seed_pool(app, size: int, rng: random.Random) -> None:
    practices = [d.id for d in app.extensions["questionnaire"].dimensions]
    rows = []
    for index in range(size):
        scores = {d: rng.randint(0, 100) for d in practices}
        scores[OVERALL] = round(sum(scores.values()) / len(scores))
        cell = (rng.choice(SECTORS), rng.choice(SIZE_BANDS), rng.choice(PROFILES))
        rows.append((cell, scores, index))
    contributions = [
        {
            "id": random_key(),
            "profile": profile,
            "sector": sector,
            "size_band": size_band,
            "country": None,
            "month": "2026-12",
            "scores": scores,
            "withdrawal_hash": token_digest(f"bench-{index}"),
            "demo": False,
        }
        for (sector, size_band, profile), scores, index in rows
    ]
    for start in range(0, size, 5000):
        db.session.execute(insert(BenchmarkContribution), contributions[start : start + 5000])
    by_cell: dict[tuple, list] = {}
    for cell, scores, _ in rows:
        for rolled_up in cells_of(*cell):
            by_cell.setdefault(rolled_up, []).append(scores)
    tallies = [
        {"sector": s, "size_band": b, "profile": p, "demo": False, "dimension": d, "score": score, "organisations": n}
        for (s, b, p), members in by_cell.items()
        for d, counts in tally(members).items()
        for score, n in counts.items()
    ]
    db.session.execute(insert(BenchmarkTally), tallies)
    db.session.commit()


def seed_response(app) -> str:
    token = "bench-benchmark-report-token"
    add_submitted_executive(app.extensions["questionnaire"], token)
    return token


def best_time(client, url: str, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
        assert response.status_code in (200, 404), (url, response.status_code)
        best = min(best, elapsed)
    return best


def run(size: int = 100_000, runs: int = 7) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'pool.db'}"
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False, "SERVER_NAME": "bench.test"})
        with app.app_context():
            upgrade()
            seed_pool(app, size, random.Random(28))
            token = seed_response(app)
        client = app.test_client()
        report = best_time(client, f"/r/{token}/report", runs)
        figures = {
            "report": report,
            "pool": best_time(client, "/api/v1/benchmark", runs),
            "sector": best_time(client, "/api/v1/benchmark?sector=retail", runs),
            "cell": best_time(client, "/api/v1/benchmark?sector=retail&size=50-249&profile=executive", runs),
        }
        with app.app_context():
            db.engine.dispose()
        return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    args = parser.parse_args()
    started = time.perf_counter()
    figures = run(args.size)
    report = figures["report"]
    print(f"pool of {args.size:,} contributions; respondent report page (reference): {report * 1000:.1f} ms")
    for name in ("pool", "sector", "cell"):
        ratio = figures[name] / report
        verdict = "ok" if ratio <= TARGET_RATIO else "TOO SLOW"
        print(f"  GET /api/v1/benchmark ({name}): {figures[name] * 1000:.1f} ms = {ratio:.2f}x the report ({verdict})")
    print(f"bench took {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
