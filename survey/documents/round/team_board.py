"""The board's one page (A4) of a team survey: the two radars, the top 3 priorities, participation and three
figures, in the survey's language (the engagement's: the owner's when they asked).

The priorities are the owner's (domain/findings/priorities.py: their plan's items that would raise their
score most, with what each brings), the same that open the plan rebuilt from both views.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from markupsafe import Markup

from survey.documents.charts.radar import RadarSeries
from survey.documents.pdf.renderer import render_pdf
from survey.documents.respondent.findings_text import gain_text
from survey.documents.round.report import all_respondents_scores, radar
from survey.documents.round.team import TeamPage
from survey.domain.questionnaire.model import Improvement

BOARD_TEMPLATE = "respondent/team_board_pdf.html"
TOP_PRIORITIES = 3


@dataclass(frozen=True)
class BoardFigures:
    own_overall: float | None
    team_overall: float | None
    widest_gap_dimension: str | None
    widest_gap: float | None


@dataclass(frozen=True)
class BoardPriority:
    improvement: Improvement
    gain: str  # "+12.5 points on Reactivity, +1.4 overall", in the current locale


def top_priorities(page: TeamPage, lang: str) -> tuple[BoardPriority, ...]:
    """The owner's top priorities and what each brings (call within the survey's locale)."""
    return tuple(
        BoardPriority(priority.item.improvement, gain_text(priority, lang))
        for priority in page.priorities[:TOP_PRIORITIES]
    )


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
            priorities=top_priorities(page, lang),
            figures=board_figures(page),
        )


def board_pdf(page: TeamPage) -> bytes:
    return render_pdf(board_html(page), current_app.static_folder)
