"""Background jobs: a large round's deck, workbook and PDF are built by `flask jobs worker`, one build per
document version (unique key), claimed with a lease like the outbox.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 01:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('jobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(), nullable=False),
    sa.Column('lease_until', sa.DateTime(), nullable=True),
    sa.Column('claimed_by', sa.String(length=32), nullable=True),
    sa.Column('last_error', sa.String(length=300), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['round_id'], ['rounds.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key', name='uq_jobs_key')
    )
    op.create_index('ix_jobs_round_id', 'jobs', ['round_id'], unique=False)
    op.create_index('ix_jobs_status_next_attempt', 'jobs', ['status', 'next_attempt_at'], unique=False)


def downgrade():
    op.drop_index('ix_jobs_status_next_attempt', table_name='jobs')
    op.drop_index('ix_jobs_round_id', table_name='jobs')
    op.drop_table('jobs')
