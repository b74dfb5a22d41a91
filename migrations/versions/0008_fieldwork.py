"""Fieldwork: personal invitations (address and status, never tied to answers once submitted), an outbox
of e-mails the mail worker sends, targets per group, a deadline and scheduled reminders per round.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 23:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('invitations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('address', sa.String(length=254), nullable=False),
    sa.Column('address_key', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=True),
    sa.Column('link_seed', sa.String(length=32), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('submitted_on', sa.Date(), nullable=True),
    sa.Column('reminders_sent', sa.Integer(), nullable=False),
    sa.Column('unsubscribed', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['role_groups.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['rounds.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('round_id', 'address_key', name='uq_invitations_round_address'),
    sa.UniqueConstraint('token_hash', name='uq_invitations_token_hash')
    )
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.create_index('ix_invitations_round_group', ['round_id', 'group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_invitations_group_id'), ['group_id'], unique=False)

    op.create_table('outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('invitation_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('batch', sa.String(length=32), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(), nullable=False),
    sa.Column('lease_until', sa.DateTime(), nullable=True),
    sa.Column('claimed_by', sa.String(length=32), nullable=True),
    sa.Column('last_error', sa.String(length=300), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['invitation_id'], ['invitations.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_status_next_attempt', ['status', 'next_attempt_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbox_invitation_id'), ['invitation_id'], unique=False)

    op.create_table('group_targets',
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('target', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['role_groups.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['rounds.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('round_id', 'group_id')
    )
    with op.batch_alter_table('rounds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('deadline', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('reminder_days_before', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('scheduled_reminder_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('engagements', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sender_name', sa.String(length=200), nullable=True))
    # Plain ALTER TABLE ... ADD COLUMN, never a batch copy of `responses`: on SQLite a copy drops the old
    # table, and with foreign keys on that deletes every answer (ON DELETE CASCADE).
    if op.get_bind().dialect.name == 'sqlite':  # SQLite adds a column with its REFERENCES clause, not a constraint
        op.execute(
            'ALTER TABLE responses ADD COLUMN invitation_id INTEGER '
            'CONSTRAINT fk_responses_invitation_id REFERENCES invitations (id) ON DELETE SET NULL'
        )
    else:
        op.add_column('responses', sa.Column('invitation_id', sa.Integer(), nullable=True))
        op.create_foreign_key(
            'fk_responses_invitation_id', 'responses', 'invitations', ['invitation_id'], ['id'], ondelete='SET NULL'
        )
    op.add_column('responses', sa.Column('invited', sa.Boolean(), server_default=sa.false(), nullable=False))
    op.create_index('ix_responses_invitation_id', 'responses', ['invitation_id'], unique=True)


def downgrade():
    op.drop_index('ix_responses_invitation_id', table_name='responses')
    with op.batch_alter_table('responses', schema=None) as batch_op:
        batch_op.drop_constraint('fk_responses_invitation_id', type_='foreignkey')
        batch_op.drop_column('invited')
        batch_op.drop_column('invitation_id')
    with op.batch_alter_table('engagements', schema=None) as batch_op:
        batch_op.drop_column('sender_name')
    with op.batch_alter_table('rounds', schema=None) as batch_op:
        batch_op.drop_column('scheduled_reminder_at')
        batch_op.drop_column('reminder_days_before')
        batch_op.drop_column('deadline')
    op.drop_table('group_targets')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_invitation_id'))
        batch_op.drop_index('ix_outbox_status_next_attempt')
    op.drop_table('outbox')
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invitations_group_id'))
        batch_op.drop_index('ix_invitations_round_group')
    op.drop_table('invitations')
