"""The board's one page (A4) of a team survey: the two radars, the top 3 priorities, participation and three
figures, in the survey's language (the engagement's: the owner's when they asked).

The priorities are the first items of the plan rebuilt from both views (domain/rounds/team_view.py).
SEAM: when the respondent's findings carry `priorities` (with gain_points / gain_overall), take the
owner's priorities and their gains here instead (see `top_priorities`).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from markupsafe import Markup

from survey.documents.charts.radar import RadarSeries
from survey.documents.pdf.renderer import render_pdf
from survey.documents.round.report import all_respondents_scores, radar
from survey.documents.round.team import TeamPage
from survey.domain.rounds.team_view import TeamPlanItem

BOARD_TEMPLATE = "respondent/team_board_pdf.html"
TOP_PRIORITIES = 3


@dataclass(frozen=True)
class BoardFigures:
    own_overall: float | None
    team_overall: float | None
    widest_gap_dimension: str | None
    widest_gap: float | None


def top_priorities(page: TeamPage) -> tuple[TeamPlanItem, ...]:
    """The first items of the plan rebuilt from both (items both views call for come first in a horizon)."""
    return page.view.plan[:TOP_PRIORITIES]


def board_figures(page: TeamPage) -> BoardFigures:
    view = page.view
    widest = next((item.gap for item in view.gaps if item.gap.difference > 0), None)
    return BoardFigures(
        own_overall=view.own.overall,
        team_overall=view.team.overall if view.team else None,
        widest_gap_dimension=widest.dimension_id if widest else None,
        widest_gap=widest.difference if widest else None,
    )


def board_radars(page: TeamPage, lang: str) -> tuple[Markup, Markup]:
    """You and your team; then the team's rounds (the previous one and this one) when there are two."""
    report = page.report
    rounds = [
        RadarSeries(_("Round %(number)d", number=round_.number), all_respondents_scores(page.questionnaire, aggregate))
        for round_, aggregate in ((report.previous_round, report.previous), (report.round, report.aggregate))
        if round_ is not None and aggregate is not None and aggregate.has_results
    ]
    return page.radar(lang), radar(page.questionnaire, rounds, lang) if len(rounds) > 1 else Markup("")


def board_html(page: TeamPage) -> str:
    lang = page.engagement.language
    with force_locale(lang):
        own_radar, rounds_radar = board_radars(page, lang)
        return render_template(
            BOARD_TEMPLATE,
            page=page,
            view=page.view,
            lang=lang,
            own_radar=own_radar,
            rounds_radar=rounds_radar,
            priorities=top_priorities(page),
            figures=board_figures(page),
        )


def board_pdf(page: TeamPage) -> bytes:
    return render_pdf(board_html(page), current_app.static_folder)
