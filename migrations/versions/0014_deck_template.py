"""The firm's PowerPoint template: consultants.deck_template (the checked .pptx) and its file name.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 01:30:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("consultants", sa.Column("deck_template", sa.LargeBinary(), nullable=True))
    op.add_column("consultants", sa.Column("deck_template_name", sa.String(length=200), nullable=True))


def downgrade():
    with op.batch_alter_table("consultants") as batch:
        batch.drop_column("deck_template_name")
        batch.drop_column("deck_template")
