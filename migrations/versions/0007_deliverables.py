"""Deliverables: the consultant's firm (name, logo) for the documents they hand over, and the comments
chosen before delivery (excluded or redacted; the respondent's comment itself is never changed).

Revision ID: 0007
Revises: 0004
Create Date: 2026-11-29 23:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('consultants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('firm_name', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('firm_logo', sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column('firm_logo_mime', sa.String(length=32), nullable=True))
    op.create_table('comment_choices',
    sa.Column('note_id', sa.Integer(), nullable=False),
    sa.Column('excluded', sa.Boolean(), nullable=True),
    sa.Column('redacted', sa.Text(), nullable=True),
    sa.Column('redacted_from', sa.Text(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['note_id'], ['dimension_notes.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('note_id')
    )


def downgrade():
    op.drop_table('comment_choices')
    with op.batch_alter_table('consultants', schema=None) as batch_op:
        batch_op.drop_column('firm_logo_mime')
        batch_op.drop_column('firm_logo')
        batch_op.drop_column('firm_name')
