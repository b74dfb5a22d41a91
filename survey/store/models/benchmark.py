"""The benchmark pool: organisations' scores added by choice, in tables of their own.

A contribution holds no organisation name, comment or answer and no link to a response or a round: whole-point
scores, a profile kind, a sector, a size band, an optional country, the month, and the SHA-256 of the
withdrawal code. Its key is a random UUID and it has no timestamp finer than the month, so rows say nothing of
who came when. `benchmark_tallies` counts contributions per cell, dimension and whole-point score, kept in step
with every addition and withdrawal: percentiles read a few hundred rows whatever the size of the pool.
"""

from __future__ import annotations

import uuid

from sqlalchemy import JSON, Boolean, Integer, PrimaryKeyConstraint, String, false
from sqlalchemy.orm import Mapped, mapped_column

from survey.extensions import db


def random_key() -> str:
    return str(uuid.uuid4())


class BenchmarkContribution(db.Model):
    __tablename__ = "benchmark_contributions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=random_key)
    profile: Mapped[str] = mapped_column(String(32))
    sector: Mapped[str] = mapped_column(String(32))
    size_band: Mapped[str] = mapped_column(String(16))
    country: Mapped[str | None] = mapped_column(String(2))
    month: Mapped[str] = mapped_column(String(7))  # "2026-12"
    scores: Mapped[dict[str, int]] = mapped_column(JSON)  # dimension id (and "overall") -> whole points
    withdrawal_hash: Mapped[str] = mapped_column(String(64), unique=True)
    demo: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class BenchmarkTally(db.Model):
    __tablename__ = "benchmark_tallies"
    __table_args__ = (PrimaryKeyConstraint("sector", "size_band", "profile", "demo", "dimension", "score"),)

    sector: Mapped[str] = mapped_column(String(32))
    size_band: Mapped[str] = mapped_column(String(16))
    profile: Mapped[str] = mapped_column(String(32))
    demo: Mapped[bool] = mapped_column(Boolean)
    dimension: Mapped[str] = mapped_column(String(64))
    score: Mapped[int] = mapped_column(Integer)
    organisations: Mapped[int] = mapped_column(Integer)
