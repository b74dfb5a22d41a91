"""An executive's own view against their team's: the team survey's page, JSON and exports compute it here.

Pure domain code, reusing the round's rules rather than restating them:
- the team is the round's aggregate (aggregate.py): below the anonymity threshold it holds only counts,
  and so does this view (no team score, no gap, no recommendation);
- the gaps are perception gaps between two "groups", the owner ("you", one response: theirs, which they
  see anyway) and the whole team, found and told in answers by the synthesis's code (perception_gaps,
  answer_gaps); the team's side only ever shows all-respondents counts, never a single answer;
- the plan rebuilt from both: the owner's own improvement items (their report's plan, in its order) and the
  team's recommendations (recommendations.py: the items most of the team's answers call for), one entry per
  question: the owner's priorities first (findings/priorities.py: the items that would raise their score
  most, in that order), then by horizon, then items both call for, then quick wins, then risk.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from survey.domain.questionnaire.model import DONT_KNOW, Improvement, Questionnaire
from survey.domain.questionnaire.scoring import question_score
from survey.domain.rounds.aggregate import OVERALL, RoundAggregator, perception_gaps
from survey.domain.rounds.aggregate_types import GroupSummary, RoundAggregate
from survey.domain.rounds.answer_gaps import AnswerGap, answer_gaps
from survey.domain.rounds.recommendations import EFFORT_ORDER, RISK_ORDER, recommendations

SELF, TEAM = "self", "team"
FROM_SELF, FROM_TEAM, FROM_BOTH = "you", "team", "both"


@dataclass(frozen=True)
class TeamPlanItem:
    """One item of the plan rebuilt from both views: whose answers call for it, and the team's share."""

    question_id: str
    dimension_id: str
    improvement: Improvement
    source: str  # FROM_SELF, FROM_TEAM or FROM_BOTH
    risk: str  # the risk behind it (the team's when the team calls for it, else the owner's answer's)
    team_respondents: int = 0
    team_answered: int = 0
    position: int = 0
    priority: int | None = None  # 1, 2, 3: the owner's priorities, in their order; None for the others

    @property
    def quick_win(self) -> bool:
        return self.risk == "high" and self.improvement.effort == "low"

    def order(self) -> tuple:
        return (
            self.priority is None,
            self.priority or 0,
            self.improvement.horizon_days,
            self.source != FROM_BOTH,
            not self.quick_win,
            RISK_ORDER.get(self.risk, 2),
            EFFORT_ORDER[self.improvement.effort],
            self.position,
        )


@dataclass(frozen=True)
class TeamView:
    respondents: int  # the team's submitted responses
    people: int  # as the anonymity threshold counts them
    threshold: int
    own: GroupSummary  # the owner's scores and answers
    team: GroupSummary | None = None  # None below the threshold
    gaps: tuple[AnswerGap, ...] = ()
    plan: tuple[TeamPlanItem, ...] = ()

    @property
    def has_results(self) -> bool:
        return self.team is not None


def own_summary(questionnaire: Questionnaire, profile: str, answers: Mapping[str, str]) -> GroupSummary:
    """The owner's response as a one-person group: their scores, as their report gives them."""
    aggregator = RoundAggregator(questionnaire)
    aggregator.add(SELF, profile, answers)
    return aggregator.result([(SELF, SELF)], threshold=1).groups[0]


def team_summary(questionnaire: Questionnaire, aggregate: RoundAggregate) -> GroupSummary | None:
    """Every team respondent as one group (all groups of the survey together), None below the threshold."""
    if not aggregate.has_results:
        return None
    questions = {}
    for question in questionnaire.questions_by_id.values():
        counts = aggregate.answers.get(question.id, {})
        scored = [(question_score(question, v), n) for v, n in counts.items() if v != DONT_KNOW]
        scored = [(score, n) for score, n in scored if score is not None and n > 0]
        if scored:
            questions[question.id] = sum(score * n for score, n in scored) / sum(n for _, n in scored)
    return GroupSummary(
        key=TEAM,
        label=TEAM,
        members=(),
        responses=aggregate.respondents,
        overall=aggregate.overall.mean if aggregate.overall else None,
        dimensions={d.id: aggregate.dimension_mean(d.id) for d in questionnaire.dimensions},
        questions=questions,
        spreads={OVERALL: aggregate.overall, **aggregate.dimensions},
        answers=aggregate.answers,
    )


def team_view(
    questionnaire: Questionnaire,
    profile: str,
    answers: Mapping[str, str],
    own_plan: Sequence[str],
    aggregate: RoundAggregate,
    priorities: Sequence[str] = (),
) -> TeamView:
    """The owner's view (profile, answers, their plan's and priorities' question ids in order) against the
    team's round."""
    own = own_summary(questionnaire, profile, answers)
    people = aggregate.respondents if aggregate.people is None else aggregate.people
    team = team_summary(questionnaire, aggregate)
    if team is None:
        return TeamView(aggregate.respondents, people, aggregate.threshold, own)
    both = RoundAggregate(
        respondents=aggregate.respondents,
        threshold=aggregate.threshold,
        people=people,
        groups=(own, team),
        gaps=perception_gaps(questionnaire, (own, team)),
    )
    return TeamView(
        aggregate.respondents,
        people,
        aggregate.threshold,
        own,
        team,
        answer_gaps(both),
        combined_plan(questionnaire, answers, own_plan, aggregate, priorities),
    )


def combined_plan(
    questionnaire: Questionnaire,
    answers: Mapping[str, str],
    own_plan: Sequence[str],
    aggregate: RoundAggregate,
    priorities: Sequence[str] = (),
) -> tuple[TeamPlanItem, ...]:
    """The owner's items and the team's recommendations, one per question (see the module docstring)."""
    positions = {question_id: i for i, question_id in enumerate(questionnaire.questions_by_id)}
    team_items = {
        item.question_id: item for item in recommendations(questionnaire, aggregate.answers, aggregate.threshold)
    }
    items = []
    for question_id in dict.fromkeys([*own_plan, *team_items]):
        question = questionnaire.questions_by_id[question_id]
        team_item = team_items.get(question_id)
        mine = question_id in own_plan
        choice = question.choices_by_value.get(answers.get(question_id, ""))
        items.append(
            TeamPlanItem(
                question_id=question_id,
                dimension_id=questionnaire.dimension_of_question[question_id].id,
                improvement=question.improvement,
                source=FROM_BOTH if mine and team_item else FROM_SELF if mine else FROM_TEAM,
                risk=team_item.risk if team_item else (choice.risk if choice else "medium"),
                team_respondents=team_item.respondents if team_item else 0,
                team_answered=team_item.answered if team_item else 0,
                position=positions[question_id],
                priority=priorities.index(question_id) + 1 if question_id in priorities else None,
            )
        )
    return tuple(sorted(items, key=TeamPlanItem.order))
