"""Personal links bound to the browser that opened them, who sends the invitations, private-link e-mails.

- invitations.browser_key_hash: SHA-256 of the secret the opening browser keeps in a cookie; another
  browser is told the invitation was already opened.
- rounds.invitations_sent_by ("app" or "consultant"; unset: the app when mail is configured) and
  rounds.links_exported_at (once the consultant downloaded the personal links, the round is theirs to send).
- outbox.link_seed: the seed of a respondent's private link while its e-mail waits (erased with the message).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 00:45:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("invitations", sa.Column("browser_key_hash", sa.String(length=64), nullable=True))
    op.add_column("rounds", sa.Column("invitations_sent_by", sa.String(length=16), nullable=True))
    op.add_column("rounds", sa.Column("links_exported_at", sa.DateTime(), nullable=True))
    op.add_column("outbox", sa.Column("link_seed", sa.String(length=32), nullable=True))


def downgrade():
    with op.batch_alter_table("outbox") as batch_op:
        batch_op.drop_column("link_seed")
    with op.batch_alter_table("rounds") as batch_op:
        batch_op.drop_column("links_exported_at")
        batch_op.drop_column("invitations_sent_by")
    with op.batch_alter_table("invitations") as batch_op:
        batch_op.drop_column("browser_key_hash")
