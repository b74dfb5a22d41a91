"""The team page and team.json: an executive's (or staff member's) own view against their team's.

Built on the round report (report.py: the team survey is an engagement) and the domain's team view
(domain/rounds/team_view.py); the owner's own plan comes from their report, as their report shows it.
Nothing here reads a team member's row: only the round's aggregate, its anonymity rules applied.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from markupsafe import Markup

from survey.documents.charts.radar import RadarSeries
from survey.documents.respondent.report import sheet_of
from survey.documents.round.report import RoundReport, build_round_report, progress_radar_series, radar
from survey.documents.round.synthesis_json import improvement_item, rounded
from survey.domain.findings.priorities import Priority
from survey.domain.findings.report import build_report
from survey.domain.questionnaire.model import Questionnaire
from survey.domain.rounds.team_view import TeamView, team_view
from survey.store.models import Engagement, ResponseReads, Round
from survey.store.team_surveys import team_target


@dataclass(frozen=True)
class TeamPage:
    engagement: Engagement
    report: RoundReport  # the current round's report (participation, comments, progress against round n-1)
    view: TeamView
    target: int | None
    questionnaire: Questionnaire
    priorities: tuple[Priority, ...] = ()  # the owner's, as their report gives them (with their gains)

    @property
    def round(self) -> Round:
        return self.report.round

    def radar(self, lang: str) -> Markup:
        """You and your team on one radar; your answers alone below the threshold."""
        dimensions = [d.id for d in self.questionnaire.dimensions]
        series = [RadarSeries(_("You"), tuple(self.view.own.dimensions.get(d) for d in dimensions))]
        if self.view.team is not None:
            series.append(RadarSeries(_("Your team"), tuple(self.view.team.dimensions.get(d) for d in dimensions)))
        return radar(self.questionnaire, series, lang)

    def progress_radar(self, lang: str) -> Markup:
        """The team's rounds on one radar (each round with results)."""
        series = progress_radar_series(self.questionnaire, self.report)
        return radar(self.questionnaire, series, lang) if len(series) > 1 else Markup("")


@dataclass(frozen=True)
class OwnPlan:
    """The owner's side, as their report has it: the questionnaire their response is scored on, their
    answers, their plan (question ids, in order) and their priorities."""

    questionnaire: Questionnaire
    answers: dict
    plan: list[str]
    priorities: tuple[Priority, ...]


def own_plan(questionnaire: Questionnaire, response: ResponseReads) -> OwnPlan:
    sheet = sheet_of(response)
    scored = sheet.scored_on(questionnaire)
    report = build_report(scored, sheet.profile, sheet.answers, sheet.importance, sheet.comments)
    plan = [item.answer.question.id for item in report.plan.items] if report.plan else []
    return OwnPlan(scored, dict(sheet.answers), plan, report.priorities)


def build_team_page(
    questionnaire: Questionnaire, response: ResponseReads, engagement: Engagement, round_: Round | None = None
) -> TeamPage:
    own = own_plan(questionnaire, response)
    report = build_round_report(questionnaire, engagement, round_ or engagement.current_round)
    first = [priority.item.answer.question.id for priority in own.priorities]
    view = team_view(own.questionnaire, response.profile, own.answers, own.plan, report.aggregate, first)
    return TeamPage(engagement, report, view, team_target(engagement), own.questionnaire, own.priorities)


def team_json(page: TeamPage, rounds: list[TeamPage]) -> dict:
    """team.json: counts always; the team's scores, gaps and plan only from the anonymity threshold."""
    view = page.view
    document = {
        "team": {
            "responses": view.respondents,
            "shown": view.has_results,
            "threshold": view.threshold,
            "target": page.target,
        },
        "self": {d: rounded(v) for d, v in view.own.dimensions.items()},
        "gaps": [],
        "plan": [],
        "rounds": [
            {
                "number": other.round.number,
                "opened_at": other.round.opened_at.isoformat(),
                "closed_at": other.round.closed_at.isoformat() if other.round.closed_at else None,
                "responses": other.view.respondents,
                "shown": other.view.has_results,
                **_scores(other.view),
            }
            for other in rounds
        ],
    }
    if view.team is None:
        return document
    document.update(_scores(view))
    document["gaps"] = [
        {
            "dimension": item.gap.dimension_id,
            "self": rounded(view.own.dimensions.get(item.gap.dimension_id)),
            "team": rounded(view.team.dimensions.get(item.gap.dimension_id)),
            "difference": rounded(
                view.own.dimensions[item.gap.dimension_id] - view.team.dimensions[item.gap.dimension_id]
            ),
            "questions": [
                {
                    "question": question.question_id,
                    "self_choice": _own_choice(view, question.question_id),
                    "team_shares": question.shares().get("team", {}),
                }
                for question in item.questions
            ],
        }
        for item in page.view.gaps
    ]
    document["plan"] = [
        improvement_item(item)
        | {
            "from": item.source,
            "team_respondents": item.team_respondents,
            "team_answered": item.team_answered,
            "priority": item.priority,
        }
        for item in view.plan
    ]
    return document


def _scores(view: TeamView) -> dict:
    """{"team_scores": {...}}, or nothing below the threshold: the key is absent, not null."""
    if view.team is None:
        return {}
    return {"team_scores": {d: rounded(v) for d, v in view.team.dimensions.items()}}


def _own_choice(view: TeamView, question_id: str) -> str | None:
    counts = view.own.answers.get(question_id, {})
    return next(iter(counts), None)
