"""Mixed groups and headcounts: per group and round, when its group link stopped taking new responses (its
first personal invitation), and optionally how many people the group has at the client.

Existing rounds: a group that already has invitations had its link closed at its first one.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 00:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('group_targets', sa.Column('link_closed_at', sa.DateTime(), nullable=True))
    op.add_column('group_targets', sa.Column('headcount', sa.Integer(), nullable=True))
    first_invitation = (
        "SELECT MIN(i.created_at) FROM invitations i "
        "WHERE i.round_id = group_targets.round_id AND i.group_id = group_targets.group_id"
    )
    op.execute(f"UPDATE group_targets SET link_closed_at = ({first_invitation})")
    op.execute(
        "INSERT INTO group_targets (round_id, group_id, target, link_closed_at) "
        "SELECT i.round_id, i.group_id, 3, MIN(i.created_at) FROM invitations i "
        "WHERE NOT EXISTS (SELECT 1 FROM group_targets t WHERE t.round_id = i.round_id AND t.group_id = i.group_id) "
        "GROUP BY i.round_id, i.group_id"
    )


def downgrade():
    with op.batch_alter_table('group_targets', schema=None) as batch_op:
        batch_op.drop_column('headcount')
        batch_op.drop_column('link_closed_at')
