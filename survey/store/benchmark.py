"""The benchmark pool in the database: add a contribution, withdraw it with its code, read a cell.

Every addition and withdrawal changes `benchmark_tallies` in the same transaction, so reading a cell sums a
few hundred pre-aggregated rows (dimension x score) rather than scanning the contributions."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from sqlalchemy import bindparam, case, delete, func, select, update

from survey.domain.benchmark.pool import ANY, Cell, K, cell_from_counts, cells_of
from survey.extensions import db
from survey.store.models import BenchmarkContribution, BenchmarkTally, Response
from survey.store.tokens import new_token, token_digest
from survey.store.upserts import upsert


def contribute(
    scores: Mapping[str, int],
    profile: str,
    sector: str,
    size_band: str,
    country: str | None = None,
    month: date | None = None,
    demo: bool = False,
) -> str:
    """Add an organisation's whole-point scores to the pool; returns the withdrawal code (only its hash is kept)."""
    code = new_token()
    db.session.add(
        BenchmarkContribution(
            profile=profile,
            sector=sector,
            size_band=size_band,
            country=country or None,
            month=(month or date.today()).strftime("%Y-%m"),
            scores=dict(scores),
            withdrawal_hash=token_digest(code),
            demo=demo,
        )
    )
    _count(profile, sector, size_band, demo, scores, +1)
    db.session.commit()
    return code


def withdraw(code: str) -> bool:
    """Take a contribution back with its code; False when no contribution has it."""
    contribution = db.session.scalars(
        select(BenchmarkContribution).where(BenchmarkContribution.withdrawal_hash == token_digest(code.strip()))
    ).one_or_none()
    if contribution is None:
        return False
    deleted = db.session.execute(
        delete(BenchmarkContribution).where(BenchmarkContribution.id == contribution.id)
    ).rowcount
    if deleted:
        c = contribution
        _count(c.profile, c.sector, c.size_band, c.demo, c.scores, -1)
    db.session.commit()
    return bool(deleted)


def _count(profile: str, sector: str, size_band: str, demo: bool, scores: Mapping[str, int], step: int) -> None:
    """Add (or take) one organisation to the tallies of every cell it counts in, roll-ups included."""
    keys = [
        {"sector": se, "size_band": si, "profile": pr, "demo": demo}
        for se, si, pr in cells_of(sector, size_band, profile)
    ]
    if step > 0:
        rows = [{**key, "dimension": d, "score": int(s), "organisations": 1} for key in keys for d, s in scores.items()]
        upsert(db.session.connection(), BenchmarkTally.__table__, rows, list(rows[0])[:-1], ["organisations"], True)
        return
    table = BenchmarkTally
    for key in keys:
        for dimension, score in scores.items():
            where = [getattr(table, column) == value for column, value in key.items()]
            where += [table.dimension == dimension, table.score == int(score)]
            db.session.execute(update(table).where(*where).values(organisations=table.organisations - 1))
    db.session.execute(delete(table).where(table.organisations <= 0))


# One statement for every cell, its filter bound at execution: report pages read a cell on every view.
_tally = BenchmarkTally.__table__.c
_CELL = (
    select(_tally.dimension, _tally.score, func.sum(_tally.organisations), func.max(case((_tally.demo, 1), else_=0)))
    .where(
        _tally.sector == bindparam("sector"),
        _tally.size_band == bindparam("size_band"),
        _tally.profile == bindparam("profile"),
    )
    .group_by(_tally.dimension, _tally.score)
)


def read_cell(sector: str | None = None, size_band: str | None = None, profile: str | None = None, k: int = K) -> Cell:
    """The pool filtered by sector, size band and profile (None: any), under the k-anonymity rule: one exact
    lookup of the pre-aggregated tallies (the primary key's prefix), whatever the pool's size."""
    filters = {"sector": sector or ANY, "size_band": size_band or ANY, "profile": profile or ANY}
    counts: dict[str, dict[int, int]] = {}
    demo = False
    for dimension, score, organisations, has_demo in db.session.connection().execute(_CELL, filters):
        counts.setdefault(dimension, {})[score] = int(organisations)
        demo = demo or bool(has_demo)
    return cell_from_counts(counts, k=k, demo=demo)


def contributions_count() -> int:
    return db.session.scalar(select(func.count()).select_from(BenchmarkContribution)) or 0


def submitted_answer_sheets() -> list[tuple[str, bool, dict[str, str]]]:
    """Every submitted response's (profile, quick version, answers), for the questionnaire's reliability."""
    responses = db.session.scalars(select(Response).where(Response.submitted_at.is_not(None))).all()
    return [(r.profile, r.quick_version, r.answer_values()) for r in responses]


def seed_demo_pool(practices: list[str], organisations: int = 150, seed: int = 28) -> int:
    """A synthetic pool flagged as demo data (pages then say so), for `flask --app app demo --benchmark-pool`.
    Most organisations in retail and technology, so that their cells pass k; a few elsewhere stay below it."""
    import random

    from survey.domain.benchmark.pool import OVERALL, SECTORS, SIZE_BANDS

    rng = random.Random(seed)
    for index in range(organisations):
        sector = ("retail", "tech")[index % 2] if index < organisations - 8 else rng.choice(SECTORS)
        level = rng.gauss(55, 15)
        scores = {d: max(0, min(100, round(rng.gauss(level, 12)))) for d in practices}
        scores[OVERALL] = round(sum(scores.values()) / len(scores))
        profile = ("executive", "staff", "candidate")[index % 3]
        contribute(scores, profile, sector, rng.choice(SIZE_BANDS), demo=True)
    return organisations


RELIABILITY_FROM = 30  # submitted responses before a round's report states alpha per practice
_closed_rounds: dict[tuple, dict] = {}  # a closed round never changes: its figures are computed once


def round_reliability(questionnaire, round_) -> dict:
    """For the round report's method: alpha per practice on the round's submitted responses, once the round is
    closed and has at least RELIABILITY_FROM of them (`practices` is None otherwise, with the count so far)."""
    from survey.domain.benchmark.reliability import reliability_of
    from survey.store.models import Answer

    key = (round_.id, round_.closed_at or round_.deadline)
    if round_.is_closed and key in _closed_rounds:
        return _closed_rounds[key]
    submitted = select(Response.id).where(Response.round_id == round_.id, Response.submitted_at.is_not(None))
    count = db.session.scalar(select(func.count()).select_from(submitted.subquery())) or 0
    result = {"responses": count, "minimum": RELIABILITY_FROM, "closed": round_.is_closed, "practices": None}
    if not round_.is_closed or count < RELIABILITY_FROM:
        return result
    sheets: dict[int, dict[str, str]] = {}
    rows = db.session.execute(
        select(Answer.response_id, Answer.question_id, Answer.value).where(Answer.response_id.in_(submitted))
    )
    for response_id, question_id, value in rows:
        sheets.setdefault(response_id, {})[question_id] = value
    result["practices"] = reliability_of(questionnaire, list(sheets.values()))
    _closed_rounds[key] = result
    return result
