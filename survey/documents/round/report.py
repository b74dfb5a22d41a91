"""Assembling a round's aggregated report (web page, PDF and API share it) and its radar series."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from markupsafe import Markup

from survey.documents.charts.radar import RadarSeries, radar_axes
from survey.documents.charts.radar_svg import radar_svg
from survey.documents.logos import stored_logo
from survey.documents.respondent.report import file_slug
from survey.domain.questionnaire.model import Questionnaire
from survey.domain.rounds.aggregate import ANONYMITY_THRESHOLD, OTHER_GROUPS
from survey.domain.rounds.aggregate_types import Change, GroupSummary, RoundAggregate, anonymous_comments, progress
from survey.domain.rounds.synthesis import Synthesis, build_synthesis
from survey.store.comment_choices import commenting_groups, delivered_round_comments, withheld_round_comments
from survey.store.engagements import previous_round
from survey.store.models import Engagement, Round, utcnow
from survey.store.round_data import Participation, aggregate_round, participation


@dataclass(frozen=True)
class RoundReport:
    engagement: Engagement
    round: Round
    aggregate: RoundAggregate
    participation: list[Participation]
    comments: dict[str, list[str]]
    more_comments: dict[str, int]  # dimension id -> comments not shown (see delivered_round_comments)
    withheld_comments: int = 0  # comments of groups too small to show them, not chosen by the consultant
    previous_round: Round | None = None
    previous: RoundAggregate | None = None
    changes: tuple[Change, ...] = ()
    synthesis: Synthesis = Synthesis()

    @property
    def threshold(self) -> int:
        return self.aggregate.threshold


def build_round_report(questionnaire: Questionnaire, engagement: Engagement, round_: Round) -> RoundReport:
    """Round n's figures, and round n-1's to measure progress against."""
    aggregate = aggregate_round(questionnaire, round_)
    comments, more, withheld = {}, {}, 0
    if aggregate.has_results:
        shown_groups = commenting_groups(round_.id, aggregate.threshold)[0]
        shown, totals = delivered_round_comments(round_.id, shown_groups)
        comments = anonymous_comments(shown)
        more = {key: total - len(comments.get(key, ())) for key, total in totals.items()}
        withheld = withheld_round_comments(round_.id, shown_groups)
    previous_round_ = previous_round(engagement, round_)
    previous = aggregate_round(questionnaire, previous_round_) if previous_round_ else None
    return RoundReport(
        engagement=engagement,
        round=round_,
        aggregate=aggregate,
        participation=participation(round_),
        comments=comments,
        more_comments={key: count for key, count in more.items() if count > 0},
        withheld_comments=withheld,
        previous_round=previous_round_,
        previous=previous,
        changes=progress(previous, aggregate) if previous is not None else (),
        synthesis=build_synthesis(questionnaire, aggregate, previous),
    )


def round_synthesis(
    questionnaire: Questionnaire, engagement: Engagement, round_: Round
) -> tuple[RoundAggregate, Synthesis]:
    """A round's figures and its synthesis against round n-1, for the API and the JSON export."""
    aggregate = aggregate_round(questionnaire, round_)
    before = previous_round(engagement, round_)
    previous = aggregate_round(questionnaire, before) if before else None
    return aggregate, build_synthesis(questionnaire, aggregate, previous)


def round_day(round_: Round) -> date:
    """The date a round's documents carry: the day it closed (its figures are final), or today."""
    return (round_.closed_at or utcnow()).date()


def round_filename(engagement: Engagement, round_: Round, suffix: str) -> str:
    """`acme-co-round-1-2026-11-29.pdf`: the client, the round and its day."""
    slug = file_slug(engagement.client_name)
    return f"{slug + '-' if slug else ''}round-{round_.number}-{round_day(round_).isoformat()}{suffix}"


def group_label(group: GroupSummary) -> str:
    """A group's name, or "Other groups" for the merge of the small ones."""
    return _("Other groups") if group.key == OTHER_GROUPS else group.label or ""


def all_respondents_scores(questionnaire: Questionnaire, aggregate: RoundAggregate) -> tuple[float | None, ...]:
    return tuple(aggregate.dimension_mean(d.id) for d in questionnaire.dimensions)


def aggregated_radar_series(questionnaire: Questionnaire, aggregate: RoundAggregate) -> list[RadarSeries]:
    """One series per group shown, then "All respondents" (nothing below the anonymity threshold)."""
    if not aggregate.has_results:
        return []
    series = [
        RadarSeries(group_label(group), tuple(group.dimensions.get(d.id) for d in questionnaire.dimensions))
        for group in aggregate.groups
    ]
    series.append(RadarSeries(_("All respondents"), all_respondents_scores(questionnaire, aggregate)))
    return series


def progress_radar_series(questionnaire: Questionnaire, report: RoundReport) -> list[RadarSeries]:
    """One series per round (n-1, then n), all respondents, where each round has results."""
    rounds = [(report.previous_round, report.previous), (report.round, report.aggregate)]
    return [
        RadarSeries(_("Round %(number)d", number=round_.number), all_respondents_scores(questionnaire, aggregate))
        for round_, aggregate in rounds
        if round_ is not None and aggregate is not None and aggregate.has_results
    ]


def radar(questionnaire: Questionnaire, series: list[RadarSeries], lang: str) -> Markup:
    """The vector radar (the charts module escapes every text it draws), or nothing without series."""
    if not series:
        return Markup("")
    return Markup(radar_svg(radar_axes(questionnaire, lang), series, lang))  # noqa: S704 - escaped by radar_svg


def logo_data_url(data: bytes | None) -> str | None:
    """A stored logo (a client's or a firm's) inlined for the PDF, as this app re-encoded it (the PDF's URL
    fetcher accepts only PNG and JPEG data: URLs)."""
    logo = stored_logo(data) if data else None
    if logo is None:
        return None
    return f"data:{logo.mime_type};base64,{base64.b64encode(logo.data).decode('ascii')}"


__all__ = ["ANONYMITY_THRESHOLD", "RoundReport", "build_round_report"]
