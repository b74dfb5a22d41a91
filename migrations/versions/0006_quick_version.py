"""Responses remember whether the candidate chose the 10-minute version (only the quick questions).

A plain ADD COLUMN, not batch mode: on SQLite, batch mode rebuilds `responses` by dropping it, and the
drop cascades to every answer and note (ON DELETE CASCADE).

Revision ID: 0006
Revises: 0003
Create Date: 2026-11-29 23:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column(
        'responses', sa.Column('quick_version', sa.Boolean(), server_default=sa.false(), nullable=False)
    )


def downgrade():
    op.drop_column('responses', 'quick_version')
