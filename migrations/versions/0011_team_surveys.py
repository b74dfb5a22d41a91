"""Team surveys: an engagement owned by a private response instead of a consultant account.

- engagements.owner_id becomes nullable (a team survey has no consultant);
- engagements.owner_response_id: the response whose private link owns the team survey (unique; erasing the
  response erases the team survey, by the app and by ON DELETE CASCADE).

SQLite cannot change a column's nullability with ALTER TABLE, and rebuilding the table would cascade its
drop to every round and response: its stored schema is edited instead (see _sqlite_upgrade).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 01:30:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_upgrade()
        return
    op.alter_column("engagements", "owner_id", existing_type=sa.Integer(), nullable=True)
    op.add_column("engagements", sa.Column("owner_response_id", sa.Integer(), nullable=True))
    op.create_foreign_key(
        "fk_engagements_owner_response", "engagements", "responses", ["owner_response_id"], ["id"], ondelete="CASCADE"
    )
    op.create_index("uq_engagements_owner_response", "engagements", ["owner_response_id"], unique=True)


def _sqlite_upgrade():
    """In place, never rebuilding the table: with foreign keys on, dropping the old engagements table would
    cascade to every role group, round and response. ADD COLUMN takes a REFERENCES clause (its default is
    NULL), and a NOT NULL constraint is removed by editing the stored schema, the procedure SQLite's
    documentation gives for it (https://www.sqlite.org/lang_altertable.html#otheralter)."""
    op.execute(
        "ALTER TABLE engagements ADD COLUMN owner_response_id INTEGER "
        "CONSTRAINT fk_engagements_owner_response REFERENCES responses (id) ON DELETE CASCADE"
    )
    op.create_index("uq_engagements_owner_response", "engagements", ["owner_response_id"], unique=True)
    bind = op.get_bind()
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar()
    bind.exec_driver_sql("PRAGMA writable_schema=ON")
    bind.exec_driver_sql(
        "UPDATE sqlite_master SET sql = replace(sql, 'owner_id INTEGER NOT NULL', 'owner_id INTEGER') "
        "WHERE type = 'table' AND name = 'engagements'"
    )
    bind.exec_driver_sql(f"PRAGMA schema_version={int(version) + 1}")
    bind.exec_driver_sql("PRAGMA writable_schema=OFF")


def downgrade():
    op.execute("DELETE FROM engagements WHERE owner_id IS NULL")
    with op.batch_alter_table("engagements") as batch_op:
        batch_op.drop_index("uq_engagements_owner_response")
        batch_op.drop_constraint("fk_engagements_owner_response", type_="foreignkey")
        batch_op.drop_column("owner_response_id")
        batch_op.alter_column("owner_id", existing_type=sa.Integer(), nullable=False)
