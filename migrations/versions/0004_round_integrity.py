"""Responses remember which browser started them from an invite (a digest of a random marker cookie), so
that a round's anonymity threshold counts people rather than responses.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 23:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('responses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('browser_key', sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table('responses', schema=None) as batch_op:
        batch_op.drop_column('browser_key')
