"""An executive's view against their team's (domain/rounds/team_view.py): counts only below the threshold,
gaps told in answers with the executive's own choice, the plan rebuilt from both."""

from __future__ import annotations

from survey.domain.rounds.aggregate import RoundAggregator
from survey.domain.rounds.team_view import FROM_BOTH, FROM_SELF, FROM_TEAM, team_view
from tests.web.consultant import all_answers


def team_round(questionnaire, answers: dict, count: int):
    aggregator = RoundAggregator(questionnaire)
    for _ in range(count):
        aggregator.add("team", "staff", answers)
    return aggregator.result([("team", "Team")])


def test_below_the_threshold_the_view_holds_only_counts(questionnaire):
    own = all_answers(questionnaire, "executive", "best")
    view = team_view(questionnaire, "executive", own, [], team_round(questionnaire, own, 2))
    assert (view.respondents, view.people, view.has_results) == (2, 2, False)
    assert view.team is None and view.gaps == () and view.plan == ()
    assert view.own.dimensions and all(score == 100 for score in view.own.dimensions.values() if score is not None)


def test_gaps_set_the_executive_own_answer_against_the_team_counts(questionnaire):
    own = all_answers(questionnaire, "executive", "best")
    view = team_view(
        questionnaire, "executive", own, [], team_round(questionnaire, all_answers(questionnaire, "staff", "worst"), 3)
    )
    assert view.team is not None and view.gaps
    widest = view.gaps[0]
    assert widest.gap.high.key == "self" and widest.gap.low.key == "team"
    question = widest.questions[0]
    mine, theirs = question.groups
    assert mine.counts == {own[question.question_id]: 1}
    assert theirs.total == 3 and own[question.question_id] not in theirs.counts


def test_the_plan_rebuilt_from_both_puts_shared_items_first_in_their_horizon(questionnaire):
    own = all_answers(questionnaire, "executive", "worst")
    team = team_round(questionnaire, all_answers(questionnaire, "staff", "worst"), 3)
    team_only = team_view(questionnaire, "executive", own, [], team)
    assert team_only.plan and {item.source for item in team_only.plan} == {FROM_TEAM}
    shared = team_only.plan[-1].question_id  # the team's last item: latest horizon, lowest priority
    mine_only = team_only.plan[0].question_id
    team_answers = all_answers(questionnaire, "staff", "worst")
    team_answers[mine_only] = all_answers(questionnaire, "staff", "best")[mine_only]  # the team sees no problem there
    team = team_round(questionnaire, team_answers, 3)
    view = team_view(questionnaire, "executive", own, [shared, mine_only], team)
    sources = {item.question_id: item.source for item in view.plan}
    assert sources[shared] == FROM_BOTH and sources[mine_only] == FROM_SELF
    horizons = [item.improvement.horizon_days for item in view.plan]
    assert horizons == sorted(horizons)
    same_horizon = [
        item for item in view.plan if item.improvement.horizon_days == team_only.plan[-1].improvement.horizon_days
    ]
    assert same_horizon[0].question_id == shared
    assert len(view.plan) == len({item.question_id for item in view.plan})
