"""The benchmark pool: contributions (no link to a response, random keys) and their per-score tallies.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 01:40:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "benchmark_contributions",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("profile", sa.String(length=32), nullable=False),
        sa.Column("sector", sa.String(length=32), nullable=False),
        sa.Column("size_band", sa.String(length=16), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("scores", sa.JSON(), nullable=False),
        sa.Column("withdrawal_hash", sa.String(length=64), nullable=False),
        sa.Column("demo", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("withdrawal_hash"),
    )
    op.create_table(
        "benchmark_tallies",
        sa.Column("sector", sa.String(length=32), nullable=False),
        sa.Column("size_band", sa.String(length=16), nullable=False),
        sa.Column("profile", sa.String(length=32), nullable=False),
        sa.Column("demo", sa.Boolean(), nullable=False),
        sa.Column("dimension", sa.String(length=64), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("organisations", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("sector", "size_band", "profile", "demo", "dimension", "score"),
    )


def downgrade():
    op.drop_table("benchmark_tallies")
    op.drop_table("benchmark_contributions")
