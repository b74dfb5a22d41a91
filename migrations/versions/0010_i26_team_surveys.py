"""Team surveys: an engagement owned by a private response instead of a consultant account.

- engagements.owner_id becomes nullable (a team survey has no consultant);
- engagements.owner_response_id: the response whose private link owns the team survey (unique; erasing the
  response erases the team survey, by the app and by ON DELETE CASCADE).

SQLite cannot change a column's nullability in place: the table is rebuilt with foreign keys off, so that
dropping the old table cascades to nothing (role groups, rounds and responses stay).

Revision ID: 0010_i26
Revises: 0009_i22b
Create Date: 2026-12-07 01:30:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0010_i26"
down_revision = "0009_i22b"
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == "sqlite":
        op.execute("PRAGMA foreign_keys=OFF")
        with op.batch_alter_table("engagements", recreate="always") as batch_op:
            batch_op.alter_column("owner_id", existing_type=sa.Integer(), nullable=True)
            batch_op.add_column(sa.Column("owner_response_id", sa.Integer(), nullable=True))
            batch_op.create_foreign_key(
                "fk_engagements_owner_response", "responses", ["owner_response_id"], ["id"], ondelete="CASCADE"
            )
            batch_op.create_unique_constraint("uq_engagements_owner_response", ["owner_response_id"])
        op.execute("PRAGMA foreign_keys=ON")
        return
    op.alter_column("engagements", "owner_id", existing_type=sa.Integer(), nullable=True)
    op.add_column("engagements", sa.Column("owner_response_id", sa.Integer(), nullable=True))
    op.create_foreign_key(
        "fk_engagements_owner_response", "engagements", "responses", ["owner_response_id"], ["id"], ondelete="CASCADE"
    )
    op.create_unique_constraint("uq_engagements_owner_response", "engagements", ["owner_response_id"])


def downgrade():
    op.execute("DELETE FROM engagements WHERE owner_id IS NULL")
    with op.batch_alter_table("engagements") as batch_op:
        batch_op.drop_constraint("uq_engagements_owner_response", type_="unique")
        batch_op.drop_constraint("fk_engagements_owner_response", type_="foreignkey")
        batch_op.drop_column("owner_response_id")
        batch_op.alter_column("owner_id", existing_type=sa.Integer(), nullable=False)
