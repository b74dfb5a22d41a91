"""A candidate's private space of employers, and the versions of a response kept after an interview.

- spaces: one per candidate comparing employers; reached by its own private link (token_hash, SHA-256 of a
  random token, like a response's); `importance` holds the ratings the comparison weighs every employer by.
- responses.space_id: the space a candidate's response belongs to (plain ADD COLUMN: a batch rebuild of
  responses on SQLite would cascade deletes).
- response_versions: the answers of a response as they were before "Update my answers after the interview";
  the response row keeps the latest version (so its link, its PDFs and the comparison read it unchanged).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 01:40:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "spaces",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("importance", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_spaces_token_hash", "spaces", ["token_hash"], unique=True)
    op.add_column("responses", sa.Column("space_id", sa.Integer(), nullable=True))
    op.create_index("ix_responses_space_id", "responses", ["space_id"])
    op.create_table(
        "response_versions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("response_id", sa.Integer(), sa.ForeignKey("responses.id", ondelete="CASCADE"), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("importance", sa.JSON(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("response_id", "number", name="uq_response_versions_number"),
    )
    op.create_index("ix_response_versions_response_id", "response_versions", ["response_id"])


def downgrade():
    op.drop_index("ix_response_versions_response_id", table_name="response_versions")
    op.drop_table("response_versions")
    op.drop_index("ix_responses_space_id", table_name="responses")
    op.drop_column("responses", "space_id")
    op.drop_index("ix_spaces_token_hash", table_name="spaces")
    op.drop_table("spaces")
