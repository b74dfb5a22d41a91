"""The consultant's side of the benchmark: a closed round's all-respondents scores added to it when the
consultant ticks that the client agreed (the close page's checkbox; never by default), and the round report's
comparison with it."""

from __future__ import annotations

from dataclasses import replace

from flask import flash, request
from flask_babel import force_locale, format_number
from flask_babel import gettext as _

from survey.documents.round.portfolio import portfolio_of, round_scores
from survey.documents.round.report import build_round_report
from survey.domain.benchmark.pool import SECTORS, SIZE_BANDS, contribution_scores
from survey.extensions import get_questionnaire
from survey.store.benchmark import contribute, read_cell
from survey.web.i18n.benchmark_words import cell_name, sector_choices, size_choices

ROUND_PROFILE = "round"  # a consultant's round: every respondent of the organisation, aggregated


def add_round_if_agreed(engagement, round_) -> None:
    """After closing: add the round's scores when the box is ticked with a sector and a size band."""
    if request.form.get("benchmark") != "agreed":
        return
    sector, size_band = request.form.get("sector"), request.form.get("size_band")
    if sector not in SECTORS or size_band not in SIZE_BANDS:
        flash(_("Not added to the benchmark: choose a sector and a size."), "error")
        return
    aggregate = build_round_report(get_questionnaire(), engagement, round_).aggregate
    if not aggregate.has_results or aggregate.overall is None:
        flash(_("Not added to the benchmark: the round has no scores to show."), "error")
        return
    practices = {d.id: aggregate.dimension_mean(d.id) for d in get_questionnaire().dimensions}
    code = contribute(contribution_scores(aggregate.overall.mean, practices), ROUND_PROFILE, sector, size_band)
    flash(_("Added to the benchmark. Withdrawal code, shown only once: %(code)s", code=code), "info")


def round_benchmark(report, args) -> dict:
    """The round report's benchmark: the round's all-respondents scores against the cell the consultant picks
    (?sector=&size=; neither: the whole pool), every profile of contributor, under the k-anonymity rule."""
    sector = args.get("sector") if args.get("sector") in SECTORS else None
    size_band = args.get("size") if args.get("size") in SIZE_BANDS else None
    cell = read_cell(sector, size_band)
    aggregate = report.aggregate
    own = {}
    if aggregate.has_results and aggregate.overall is not None:
        practices = {d.id: aggregate.dimension_mean(d.id) for d in get_questionnaire().dimensions}
        own = contribution_scores(aggregate.overall.mean, practices)
    return {
        "cell": cell,
        "count": format_number(cell.count),
        "cell_name": cell_name(sector, size_band),
        "sector": sector,
        "size_band": size_band,
        "own": own,
        "sectors": sector_choices(),
        "sizes": size_choices(),
    }


def deliverable_benchmark(report, args, lang: str) -> dict | None:
    """The round's benchmark for the deck and the workbook, in the client's words (call inside force_locale):
    the sentence, and per practice then overall [practice, this round, median, 25th-75th] once the cell is shown."""
    panel = round_benchmark(report, args)
    if not panel["own"]:
        return None
    cell, own = panel["cell"], panel["own"]
    if not cell.shown:
        sentence = _(
            "%(count)s so far in %(cell)s, shown from %(k)s.", count=panel["count"], cell=panel["cell_name"], k=cell.k
        )
        return {"shown": False, "sentence": sentence, "demo": cell.demo, "rows": []}
    sentence = _(
        "This round (all respondents) against the median of %(count)s organisations in %(cell)s.",
        count=panel["count"],
        cell=panel["cell_name"],
    )
    return {"shown": True, "sentence": sentence, "demo": cell.demo, "rows": comparison_rows(cell, own, lang)}


def comparison_rows(cell, own: dict[str, int], lang: str) -> list[list]:
    """[practice, this round, median, 25th, 75th] per practice the cell shows, then overall."""
    titles = [(d.id, d.title.get(lang)) for d in get_questionnaire().dimensions] + [("overall", _("Overall"))]
    return [
        [title, own.get(key), cell.dimensions[key].p50, cell.dimensions[key].p25, cell.dimensions[key].p75]
        for key, title in titles
        if key in cell.dimensions
    ]


def round_portfolio(report, consultant) -> dict | None:
    """The round's client against the consultant's other clients' closed engagements (their own data: no
    opt-in), shown from PORTFOLIO_K other clients."""
    questionnaire = get_questionnaire()
    own = round_scores(questionnaire, report.aggregate)
    if not own:
        return None
    cell = portfolio_of(questionnaire, consultant.engagements, report.engagement.client_name)
    titles = [(d.id, d.title) for d in questionnaire.dimensions]
    return {"cell": cell, "count": format_number(cell.count), "own": own, "titles": titles}


def deliverable_portfolio(report, consultant, lang: str) -> dict | None:
    """The portfolio for the deck, in the client's words (call inside force_locale)."""
    panel = round_portfolio(report, consultant)
    if panel is None:
        return None
    cell, own = panel["cell"], panel["own"]
    if not cell.shown:
        sentence = _("%(count)s other clients so far, shown from %(k)s.", count=panel["count"], k=cell.k)
        return {"shown": False, "sentence": sentence, "rows": []}
    sentence = _(
        "This organisation against the median of %(count)s other organisations the same consultant audited.",
        count=panel["count"],
    )
    return {"shown": True, "sentence": sentence, "rows": comparison_rows(cell, own, lang)}


def with_benchmark(deliverable, args, consultant):
    """The deliverable with the round against the benchmark cell picked on the report page (args: ?sector=&size=)
    and against the consultant's other clients: the same whether it is built in the request or by the job worker."""
    with force_locale(deliverable.lang):
        report, lang = deliverable.report, deliverable.lang
        return replace(
            deliverable,
            benchmark=deliverable_benchmark(report, args, lang),
            portfolio=deliverable_portfolio(report, consultant, lang),
        )


def benchmark_args(args) -> dict[str, str]:
    """The report page's benchmark cell (?sector=&size=) as a job's payload keeps it."""
    return {name: args[name] for name in ("sector", "size") if args.get(name)}
