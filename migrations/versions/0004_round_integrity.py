"""Responses remember which browser started them from an invite (a digest of a random marker cookie), so
that a round's anonymity threshold counts people rather than responses.

Revision ID: 0004
Revises: 0005
Create Date: 2026-11-29 23:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0005'
branch_labels = None
depends_on = None


# Plain ALTER TABLE on both databases (SQLite 3.35+ drops a column in place): a batch rebuild of `responses`
# would cascade-delete every answer on SQLite, whose foreign keys are on.
def upgrade():
    op.add_column('responses', sa.Column('browser_key', sa.String(length=64), nullable=True))
    # A round's people per group, counted from the index alone (see store.round_data.people_per_group).
    op.create_index('ix_responses_round_group_people', 'responses', ['round_id', 'group_id', 'submitted_at', 'browser_key'])


def downgrade():
    op.drop_index('ix_responses_round_group_people', table_name='responses')
    op.drop_column('responses', 'browser_key')
