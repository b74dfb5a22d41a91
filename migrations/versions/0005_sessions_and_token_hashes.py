"""Sessions and token hashes: respondents' private tokens stored as their SHA-256, invite tokens no longer
stored (derived from the invite id, see survey/store/tokens.py; the random token of an invite made before
keeps working through its hash), and a session version per consultant account.

The responses table is altered in place (a column renamed, an index replaced), never rebuilt: rebuilding
it on SQLite, whose foreign keys are on, would cascade-delete every answer. The invites table, which no
table references, is rebuilt by batch mode to drop its unique token.

Downgrade cannot give the clear tokens back: respondents' old links stop working (each link would be
its own digest, which no one holds) and invites get new random tokens.

Revision ID: 0005
Revises: 0006
Create Date: 2026-11-29 23:30:00

"""
import hashlib
import secrets

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0006'
branch_labels = None
depends_on = None

BATCH = 1000


def digest(token: str) -> str:
    """survey.store.tokens.token_digest, copied: a migration does not import the app."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def rewrite(table: str, source: str, target: str, change) -> None:
    """Set `target` to change(`source`) on every row of `table`, a batch of rows at a time."""
    connection = op.get_bind()
    rows = connection.execute(sa.text(f"SELECT id, {source} FROM {table}")).all()
    statement = sa.text(f"UPDATE {table} SET {target} = :value WHERE id = :id")
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        connection.execute(statement, [{"id": row_id, "value": change(value)} for row_id, value in batch])


def upgrade():
    op.drop_index('ix_responses_token', table_name='responses')
    op.execute('ALTER TABLE responses RENAME COLUMN token TO token_hash')
    rewrite('responses', 'token_hash', 'token_hash', digest)
    op.create_index('ix_responses_token_hash', 'responses', ['token_hash'], unique=True)

    op.add_column('invites', sa.Column('legacy_token_hash', sa.String(length=64), nullable=True))
    rewrite('invites', 'token', 'legacy_token_hash', digest)
    with op.batch_alter_table('invites', schema=None) as batch_op:
        batch_op.drop_constraint('uq_invites_token', type_='unique')
        batch_op.drop_column('token')
        batch_op.create_unique_constraint('uq_invites_legacy_token_hash', ['legacy_token_hash'])

    op.add_column('consultants', sa.Column('session_version', sa.Integer(), server_default='1', nullable=False))


def downgrade():
    op.execute('ALTER TABLE consultants DROP COLUMN session_version')  # in place: engagements cascade from it

    op.add_column('invites', sa.Column('token', sa.String(length=64), nullable=True))
    rewrite('invites', 'id', 'token', lambda _: secrets.token_urlsafe(24))
    with op.batch_alter_table('invites', schema=None) as batch_op:
        batch_op.drop_constraint('uq_invites_legacy_token_hash', type_='unique')
        batch_op.drop_column('legacy_token_hash')
        batch_op.alter_column('token', existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint('uq_invites_token', ['token'])

    op.drop_index('ix_responses_token_hash', table_name='responses')
    op.execute('ALTER TABLE responses RENAME COLUMN token_hash TO token')
    op.create_index('ix_responses_token', 'responses', ['token'], unique=True)
