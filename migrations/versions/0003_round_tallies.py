"""Round tallies: running sums per group and metric, and score histograms, behind a round's report;
backfilled from the answers of the responses already submitted. A covering index for per-group counts.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 22:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('round_tallies',
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('scoring', sa.String(length=100), nullable=False),
    sa.Column('metric', sa.String(length=80), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('total', sa.Float(), nullable=False),
    sa.Column('squares', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['role_groups.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['rounds.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('round_id', 'group_id', 'scoring', 'metric')
    )
    op.create_table('round_score_values',
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('scoring', sa.String(length=100), nullable=False),
    sa.Column('metric', sa.String(length=80), nullable=False),
    sa.Column('value', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['role_groups.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['rounds.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('round_id', 'group_id', 'scoring', 'metric', 'value')
    )
    with op.batch_alter_table('responses', schema=None) as batch_op:
        batch_op.create_index('ix_responses_round_group_submitted', ['round_id', 'group_id', 'submitted_at'], unique=False)
    backfill()


def backfill():
    """Tallies for the rounds that already have submitted responses, scored by the app's questionnaire.

    Uses the app's own rebuild (the same scoring as every later write). Were it skipped, each round
    would be rebuilt on its first report instead: tallies that miss responses are never trusted.
    """
    from flask import current_app

    from survey.tallies import rebuild_round

    questionnaire = current_app.extensions["questionnaire"]
    connection = op.get_bind()
    round_ids = connection.execute(
        sa.text('SELECT DISTINCT round_id FROM responses WHERE round_id IS NOT NULL AND submitted_at IS NOT NULL')
    ).scalars().all()
    for round_id in round_ids:
        rebuild_round(connection, questionnaire, round_id)


def downgrade():
    with op.batch_alter_table('responses', schema=None) as batch_op:
        batch_op.drop_index('ix_responses_round_group_submitted')
    op.drop_table('round_score_values')
    op.drop_table('round_tallies')
