"""The opt-in benchmark on the respondent's side: join with the report's scores (never by default), see the
organisation against the pool's median, withdraw with the code shown once."""

from __future__ import annotations

import hashlib
import json

from flask import abort, current_app, g, render_template, request, session
from flask_babel import format_number
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup
from wtforms import SelectField, StringField
from wtforms.validators import InputRequired, Length, Optional, Regexp

from survey.documents.fragments import LockedLRU, SharedPageCache
from survey.documents.respondent.report import sheet_of
from survey.domain.benchmark.pool import SECTORS, SIZE_BANDS, contribution_scores
from survey.domain.questionnaire.scoring import score_answers
from survey.extensions import get_questionnaire
from survey.respondent import bp
from survey.respondent.context import current_response
from survey.store.benchmark import contribute, read_cell, withdraw
from survey.web.i18n.benchmark_words import cell_name, sector_choices, size_choices
from survey.web.i18n.locale import current_language

JOINED = "benchmark_joined"  # in the respondent's own (signed) session cookie: response id -> the cell joined


class JoinForm(FlaskForm):
    sector = SelectField(_l("Sector"), validators=[InputRequired()])
    size_band = SelectField(_l("Size"), validators=[InputRequired()])
    country = StringField(
        _l("Country (optional, two-letter code such as FR)"),
        validators=[Optional(), Length(max=2), Regexp(r"^[A-Za-z]{2}$", message=_l("Two letters, such as FR."))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sector.choices = sector_choices()
        self.size_band.choices = size_choices()


class WithdrawForm(FlaskForm):
    code = StringField(_l("Withdrawal code"), validators=[InputRequired(), Length(max=100)])


def eligible(response) -> bool:
    """A submitted response of its own (not a consultant's round: the consultant adds a round's scores) that has
    an overall score: a sheet of nothing but "don't know" has no figure to compare or to add."""
    return response.is_submitted and response.round_id is None and own_scores(response) is not None


def own_scores(response) -> dict[str, int] | None:
    """The scores a contribution carries (rounded, see contribution_scores), None without an overall score;
    remembered per (response, last update, questionnaire version), as response_document_key is: the report
    page asks on every view, and every saved answer moves updated_at."""
    memo = current_app.extensions.setdefault("benchmark_own_scores", LockedLRU(size=4096))
    questionnaire = get_questionnaire()
    version = (response.id, response.updated_at, questionnaire.version)
    found = memo.get(version)
    if found is None:
        sheet = sheet_of(response)
        card = score_answers(sheet.scored_on(questionnaire), sheet.profile, sheet.answers)
        scores = (
            None if card.score is None else contribution_scores(card.score, {d.id: d.score for d in card.dimensions})
        )
        found = (scores,)
        memo.put(version, found)
    return None if found[0] is None else dict(found[0])  # a copy: the kept one is shared by every request


def joined_cell(response) -> dict | None:
    return session.get(JOINED, {}).get(str(response.id))


def benchmark_panel(response, page: bool = True) -> dict | None:
    """What the report's benchmark section shows: the organisation's scores against the chosen cell's median
    (only from k organisations), and on the `page` (not in the PDF) the join form until it has joined."""
    if not eligible(response):
        return None
    joined = joined_cell(response)
    sector = request.args.get("sector") or (joined or {}).get("sector")
    size_band = request.args.get("size") or (joined or {}).get("size")
    sector = sector if sector in SECTORS else None
    size_band = size_band if size_band in SIZE_BANDS else None
    cell = read_cell(sector, size_band, response.profile)
    card = own_scores(response)
    return {
        "cell": cell,
        "count": format_number(cell.count),
        "cell_name": cell_name(sector, size_band),
        "sector": sector,
        "size_band": size_band,
        "own": card,
        "join": page and not joined,  # the join form, on the page until this browser has joined
        "sectors": sector_choices(),
        "sizes": size_choices(),
    }


def benchmark_section(response) -> Markup:
    """The report page's benchmark section. Respondents whose figures, filter and language are alike see the
    same section but for their private token and CSRF token: it is rendered once and each visitor's own tokens
    put back in (fragments.SharedPageCache), as the survey pages are; its form and its lists cost a third of a
    report view otherwise. The key names everything the section shows."""
    panel = benchmark_panel(response)
    if panel is None:
        return Markup("")
    cell = panel["cell"]
    key = (
        current_language(),
        get_questionnaire().version,  # the practices' names and order
        cell.count,
        cell.k,
        cell.demo,
        tuple(sorted((name, spread.p25, spread.p50, spread.p75) for name, spread in cell.dimensions.items())),
        panel["sector"],
        panel["size_band"],
        tuple(sorted(panel["own"].items())),
        panel["join"],
        request.root_path,  # the section's links and form actions
    )

    def render() -> str:
        form = JoinForm(formdata=None, meta={"csrf": False}) if panel["join"] else None  # the macro writes the token
        return render_template("report/_benchmark.html", benchmark={**panel, "form": form})

    secrets = {"response_token": g.response_token}
    if panel["join"]:
        secrets["csrf_token"] = generate_csrf()
    cache = current_app.extensions.setdefault("benchmark_sections", SharedPageCache())
    return Markup(cache.get_or_render(key, render, secrets))  # noqa: S704 - our own autoescaped template


def benchmark_printable(panel: dict | None) -> tuple[dict | None, str]:
    """The panel's figures for the PDF scorecard (no form, no filter), with a digest of them for the PDF's cache
    key: the PDF shows exactly what the page does, and a change in the pool makes a new PDF."""
    if panel is None:
        return None, ""
    printable = {key: panel[key] for key in ("cell", "count", "cell_name", "own")}
    figures = [panel["cell"].as_dict(), panel["cell"].demo, str(panel["cell_name"]), panel["count"], panel["own"]]
    return printable, hashlib.sha256(json.dumps(figures, sort_keys=True).encode()).hexdigest()


@bp.post("/r/<token>/benchmark")
def join_benchmark():
    response = current_response()
    if not eligible(response):
        abort(404)
    form = JoinForm()
    if not form.validate():
        return render_template("benchmark/join.html", form=form), 422
    scores = own_scores(response)
    code = contribute(
        scores, response.profile, form.sector.data, form.size_band.data, (form.country.data or "").upper()
    )
    joined = dict(session.get(JOINED, {}))
    joined[str(response.id)] = {"sector": form.sector.data, "size": form.size_band.data}
    session[JOINED] = joined
    return render_template("benchmark/code.html", code=code)


@bp.route("/benchmark/withdraw", methods=["GET", "POST"])
def withdraw_benchmark():
    form = WithdrawForm()
    done = None
    if form.validate_on_submit():
        done = withdraw(form.code.data)
        if not done:
            form.code.errors.append(str(_l("No contribution has this code: check it, or it was already withdrawn.")))
    return render_template("benchmark/withdraw.html", form=form, done=done), (200 if done in (None, True) else 422)
