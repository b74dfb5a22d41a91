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
    """Tallies for the rounds that already have submitted responses, scored by the questionnaire the app loads.

    Self-contained on purpose: it reads questions.yaml and scores the answers with a copy of the scoring
    rules of this revision (question score 100 x choice / best choice; a practice, the weighted mean of its
    scored questions; overall, the weighted mean of the practices; "c:<question>:<choice position or dk>"
    counts who gave each answer), so that a later change of the app cannot
    change what this migration does. Were it skipped, each round would be rebuilt on its first report
    instead: tallies that miss responses are never trusted.
    """
    from collections import defaultdict
    from itertools import groupby

    import yaml
    from flask import current_app

    with open(current_app.config["QUESTIONNAIRE_PATH"], encoding="utf-8") as stream:
        questionnaire = yaml.safe_load(stream)
    scoring = f"{questionnaire['id']}@{questionnaire['version']}"
    dimension_weights = {d["id"]: float(d.get("weight", 1)) for d in questionnaire["dimensions"]}

    def score_table(profile):
        table, codes = {}, {}
        for dimension in questionnaire["dimensions"]:
            for question in dimension["questions"]:
                if question.get("profiles") and profile not in question["profiles"]:
                    continue
                best = max(choice["score"] for choice in question["choices"])
                codes[question["id"], "dont_know"] = "dk"
                for index, choice in enumerate(question["choices"]):
                    codes[question["id"], choice["value"]] = str(index)
                    table[question["id"], choice["value"]] = (
                        dimension["id"], 100.0 * choice["score"] / best, float(question.get("weight", 1))
                    )
        return table, codes

    tables = {}
    sums = defaultdict(lambda: [0, 0.0, 0.0])
    values = defaultdict(int)
    connection = op.get_bind()
    rows = connection.execute(sa.text(
        'SELECT r.id, r.round_id, r.group_id, r.profile, a.question_id, a.value FROM responses r '
        'JOIN answers a ON a.response_id = r.id '
        'WHERE r.round_id IS NOT NULL AND r.group_id IS NOT NULL AND r.submitted_at IS NOT NULL ORDER BY r.id'
    ))
    for (_, round_id, group_id, profile), answers in groupby(rows, key=lambda row: tuple(row[:4])):
        table, codes = tables.setdefault(profile, score_table(profile))
        lines = [("responses", None)]
        per_dimension = {}
        for *_, question_id, value in answers:
            if (question_id, value) in codes:
                lines.append((f"c:{question_id}:{codes[question_id, value]}", None))
            scored = table.get((question_id, value))
            if scored is None:  # "don't know", a question this profile is not asked, an unknown value
                continue
            dimension_id, score, weight = scored
            totals = per_dimension.setdefault(dimension_id, [0.0, 0.0])
            totals[0] += score * weight
            totals[1] += weight
            lines.append((f"q:{question_id}", score))
        overall_sum = overall_weight = 0.0
        for dimension_id, (weighted_sum, weight) in per_dimension.items():
            lines.append((f"s:{dimension_id}", weighted_sum / weight))
            overall_sum += weighted_sum / weight * dimension_weights[dimension_id]
            overall_weight += dimension_weights[dimension_id]
        if overall_weight:
            lines.append(("s:overall", overall_sum / overall_weight))
        for metric, value in lines:
            line = sums[round_id, group_id, metric]
            line[0] += 1
            if value is not None:
                line[1] += value
                line[2] += value * value
                if metric.startswith("s:"):
                    values[round_id, group_id, metric, round(value * 1_000_000)] += 1
    tallies = sa.table('round_tallies', *(sa.column(name) for name in (
        'round_id', 'group_id', 'scoring', 'metric', 'count', 'total', 'squares')))
    score_values = sa.table('round_score_values', *(sa.column(name) for name in (
        'round_id', 'group_id', 'scoring', 'metric', 'value', 'count')))
    if sums:
        op.bulk_insert(tallies, [
            {'round_id': r, 'group_id': g, 'scoring': scoring, 'metric': m, 'count': c, 'total': t, 'squares': s}
            for (r, g, m), (c, t, s) in sorted(sums.items())
        ])
    if values:
        op.bulk_insert(score_values, [
            {'round_id': r, 'group_id': g, 'scoring': scoring, 'metric': m, 'value': v, 'count': c}
            for (r, g, m, v), c in sorted(values.items())
        ])


def downgrade():
    with op.batch_alter_table('responses', schema=None) as batch_op:
        batch_op.drop_index('ix_responses_round_group_submitted')
    op.drop_table('round_score_values')
    op.drop_table('round_tallies')
