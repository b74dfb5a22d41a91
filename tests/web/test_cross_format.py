"""One truth in every format: Hypothesis makes rounds (2 to 5 groups of 1 to 8 respondents, one or two
rounds, varied answers, in French or in English), and the web report, its PDF, the deck, the workbook, the
JSON export and the API's scores must show the same groups (none under the anonymity threshold), the same
practice means at display precision, the same heatmap level in each cell, the same widest gaps in the same
order, the same progress verdicts and the same recommendations.

The oracle is the round's report as the domain builds it (build_round_report); each format is read back as
its reader reads it (HTML, pypdf, python-pptx, openpyxl, JSON). Run it alone with `-m cross_format`.
"""

from __future__ import annotations

import itertools
import os
import random
import re
from dataclasses import dataclass

import pytest
from flask_babel import force_locale
from flask_babel import gettext as _
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st
from pptx.enum.chart import XL_CHART_TYPE

from survey.documents.round.heat_colours import heat_bands
from survey.documents.round.progress_words import noise_note, verdict_text
from survey.documents.round.report import build_round_report, group_label
from survey.extensions import db
from survey.store.accounts import create_consultant
from survey.store.models import Consultant, Engagement
from survey.web.i18n.number_format import points
from tests.conftest import Browser
from tests.web import formats
from tests.web.consultant import PASSWORD, api_token_for, create_engagement, login, seed_responses

pytestmark = pytest.mark.cross_format

NAMES = ["Comité exécutif", "Marketing & communication", "Community management", "Juridique", "Service client"]
EMAIL = "cross-format@example.com"
_engagements = itertools.count(1)
TWO_DECIMALS = 0.005 + 1e-9  # the JSON's rounding, and a float's last bit


@dataclass(frozen=True)
class Plan:
    lang: str
    profiles: tuple[str, ...]  # one per group
    sizes: tuple[tuple[int, ...], ...]  # per round, respondents per group
    leanings: tuple[tuple[float, ...], ...]  # per round, where each group's answers lean (0 worst, 1 best)
    seed: int


@st.composite
def plans(draw) -> Plan:
    groups = draw(st.integers(2, 5))
    rounds = draw(st.integers(1, 2))
    per_group = st.lists(st.integers(1, 8), min_size=groups, max_size=groups)
    leaning = st.lists(st.sampled_from([0.0, 0.2, 0.5, 0.8, 1.0]), min_size=groups, max_size=groups)
    return Plan(
        lang=draw(st.sampled_from(["en", "fr"])),
        profiles=tuple(draw(st.lists(st.sampled_from(["executive", "staff"]), min_size=groups, max_size=groups))),
        sizes=tuple(tuple(draw(per_group)) for _ in range(rounds)),
        leanings=tuple(tuple(draw(leaning)) for _ in range(rounds)),
        seed=draw(st.integers(0, 2**16)),
    )


def answers_for(questionnaire, profile: str, leaning: float, rng: random.Random) -> dict[str, str]:
    """A respondent who leans toward the best or the worst choices, not always, and sometimes does not know."""
    answers = {}
    for dimension in questionnaire.dimensions:
        for question in dimension.applicable_questions(profile):
            if rng.random() < 0.12:
                answers[question.id] = "dont_know"
                continue
            ordered = sorted(question.choices, key=lambda c: c.score)
            index = round(leaning * (len(ordered) - 1) + rng.gauss(0, 0.9))
            answers[question.id] = ordered[min(max(index, 0), len(ordered) - 1)].value
    return answers


def build_engagement(app, consultant, questionnaire, plan: Plan) -> int:
    groups = [(NAMES[i], profile) for i, profile in enumerate(plan.profiles)]
    engagement_id = create_engagement(consultant, f"Client {next(_engagements)}", groups, language=plan.lang)
    rng = random.Random(plan.seed)
    for number, (sizes, leanings) in enumerate(zip(plan.sizes, plan.leanings, strict=True), start=1):
        if number > 1:
            consultant.get(f"/engagements/{engagement_id}")
            assert consultant.post(f"/engagements/{engagement_id}/rounds").status_code == 302
        for (name, profile), size, leaning in zip(groups, sizes, leanings, strict=True):
            for _respondent in range(size):
                answers = answers_for(questionnaire, profile, leaning, rng)
                seed_responses(app, engagement_id, name, answers, 1, number=number)
    return engagement_id


def signed_in(app) -> Browser:
    with app.app_context():
        if db.session.query(Consultant).filter_by(email=EMAIL).one_or_none() is None:
            create_consultant(EMAIL, PASSWORD)
    browser = Browser(app.test_client())
    login(browser, EMAIL)
    return browser


@dataclass
class Expected:
    """The report as the domain builds it, worded in the engagement's language."""

    has_results: bool
    groups: list[str]
    hidden: list[str]  # groups under the threshold: never a column, a row, a series
    keys: list[str]  # the groups' keys, as the API names them
    practices: list[str]  # practice names, then "Overall"
    cells: dict  # (practice name, group name or "*") -> (text, level id)
    exact: dict  # (dimension id or "overall", group key or "all") -> exact mean
    levels: dict  # same keys -> level id
    web_gaps: list
    deck_gaps: list
    deck_gap_titles: list
    sheet_gaps: list
    api_gaps: list
    verdicts: dict  # (group name, practice name) -> words
    api_verdicts: dict  # (group key, dimension id or "overall") -> the domain's verdict
    actions: list[str]  # every recommended action, in plan order
    shown_actions: list[str]  # the web page's (and PDF's), in its order
    api_items: list[tuple[str, str]]
    progress_words: str  # where the progress section's hint starts
    heat_caption: str
    all_respondents: str
    overall: str


def expected_report(app, questionnaire, engagement_id: int, lang: str) -> Expected:
    with app.test_request_context(), force_locale(lang):
        engagement = db.session.get(Engagement, engagement_id)
        round_ = max(engagement.rounds, key=lambda r: r.number)
        report = build_round_report(questionnaire, engagement, round_)
        synthesis, aggregate = report.synthesis, report.aggregate
        heatmap = synthesis.heatmap
        groups = [group_label(g) for g in heatmap.groups] if heatmap else []
        keys = [str(g.key) for g in heatmap.groups] if heatmap else []
        cells, exact, levels = {}, {}, {}
        for row in heatmap.rows if heatmap else ():
            name = practice_name_in(questionnaire, row.dimension_id, lang)
            for group, key, cell in [*zip(groups, keys, row.cells, strict=True), ("*", "all", row.everyone)]:
                cells[name, group] = (points(cell.value), cell.level_id)
                exact[row.dimension_id, key] = cell.value
                levels[row.dimension_id, key] = cell.level_id
        web_gaps, deck_gaps, deck_gap_titles, sheet_gaps, api_gaps = [], [], [], [], []
        for item in synthesis.gaps:
            gap = item.gap
            name = practice_name_in(questionnaire, gap.dimension_id, lang)
            high, low = gap.high.dimensions[gap.dimension_id], gap.low.dimensions[gap.dimension_id]
            means = _(
                "%(high_group)s %(high)s, %(low_group)s %(low)s",
                high_group=group_label(gap.high),
                high=points(high),
                low_group=group_label(gap.low),
                low=points(low),
            )
            apart = _("%(points)s points apart", points=points(gap.difference))
            web_gaps.append(
                (f"{item.rank}. {name} {apart}", means) if item.prominent else (name, means, points(gap.difference))
            )
            deck_gaps.append(f"{item.rank}. {name} — {means} · {apart}")
            if item.prominent and item.questions:  # a slide of its own, its means in the title (issue 25)
                deck_gap_titles.append(
                    _(
                        "%(practice)s: %(high_group)s %(high)s, %(low_group)s %(low)s",
                        practice=name,
                        high_group=group_label(gap.high),
                        high=points(high),
                        low_group=group_label(gap.low),
                        low=points(low),
                    )
                )
            sheet_gaps.append((name, group_label(gap.high), group_label(gap.low), points(gap.difference)))
            api_gaps.append((gap.dimension_id, str(gap.high.key), str(gap.low.key), gap.difference))
        everyone = _("All respondents")
        verdicts, api_verdicts = {}, {}
        for row in synthesis.progress:
            name = everyone if row.key == "all" else group_label(row)
            for change in row.changes:
                verdicts[name, practice_name_in(questionnaire, change.key, lang)] = verdict_text(change.verdict)
                api_verdicts[str(row.key), change.key] = change.verdict
        shown = sorted(synthesis.key_recommendations, key=lambda item: item.improvement.horizon_days)
        return Expected(
            has_results=aggregate.has_results,
            groups=groups,
            hidden=[name for name in aggregate.merged_groups],
            keys=keys,
            practices=[*(d.title.get(lang) for d in questionnaire.dimensions), _("Overall")],
            cells=cells,
            exact=exact,
            levels=levels,
            web_gaps=web_gaps,
            deck_gaps=deck_gaps,
            deck_gap_titles=deck_gap_titles,
            sheet_gaps=sheet_gaps,
            api_gaps=api_gaps,
            verdicts=verdicts,
            api_verdicts=api_verdicts,
            actions=[item.improvement.action.get(lang) for item in synthesis.recommendations],
            shown_actions=[item.improvement.action.get(lang) for item in shown],
            api_items=[(item.question_id, item.dimension_id) for item in synthesis.recommendations],
            progress_words=noise_note()[:30],
            heat_caption=formats.squeeze(_("Scores by group (0 to 100)")),
            all_respondents=everyone,
            overall=_("Overall"),
        )


def practice_name_in(questionnaire, dimension_id: str, lang: str) -> str:
    if dimension_id == "overall":
        return _("Overall")
    return questionnaire.dimension(dimension_id).title.get(lang)


# --- Each format against the oracle -------------------------------------------------------------------------


def check_web(page: str, want: Expected, questionnaire, lang: str) -> None:
    levels_by_name = {level.name.get(lang): level.id for level in questionnaire.levels}
    seen = formats.web_report(page, levels_by_name)
    assert seen.groups == squeezed(want.groups)
    assert seen.cells == {squeezed(key): (text, level) for key, (text, level) in want.cells.items()}
    assert seen.gaps == [squeezed(gap) for gap in want.web_gaps]
    renamed = {
        (group, want.overall if practice == "overall" else practice): v
        for (group, practice), v in seen.verdicts.items()
    }
    assert renamed == {squeezed(key): squeezed(value) for key, value in want.verdicts.items()}
    assert seen.actions == squeezed(want.shown_actions)


def squeezed(value):
    """Strings (alone, or in a tuple or list) as the readers of HTML and PDF text see them."""
    if isinstance(value, str):
        return formats.squeeze(value)
    return type(value)(squeezed(item) for item in value)


def check_pdf(data: bytes, want: Expected, questionnaire) -> None:
    pages, texts = formats.pdf_pages(data)
    text = formats.pdf_text(texts)
    fills = {band.fill: band.level_id for band in heat_bands(questionnaire)}
    under = formats.pdf_fills_under_numbers(pages, texts, want.heat_caption)
    heat = [(number, fills[fill]) for number, fill in under if fill in fills]
    expected_heat = [
        (want.cells[practice, group][0], want.cells[practice, group][1])
        for practice in want.practices
        for group in [*want.groups, "*"]
        if (practice, group) in want.cells and want.cells[practice, group][1] is not None
    ]
    assert [(formats.squeeze(n), level) for n, level in heat] == [(formats.squeeze(n), lv) for n, lv in expected_heat]
    header = text.split(want.heat_caption, 1)[1].split(want.practices[0], 1)[0]  # the heatmap's column heads
    for name in want.groups:
        assert formats.squeeze(name) in header
    for name in want.hidden:
        assert formats.squeeze(name) not in header
    assert_in_order(text, [formats.squeeze(" ".join(gap)) for gap in want.web_gaps])
    if want.verdicts:
        section = text.split(want.progress_words.split(" ")[0] + " " + want.progress_words.split(" ")[1])[0]
        words = sorted({formats.squeeze(v) for v in want.verdicts.values()} - {"—"}, key=len, reverse=True)
        found = [m for m in re.findall("|".join(re.escape(w) for w in words), section)]
        web_order = [v for v in pdf_verdict_order(want) if v != "—"]
        assert found[-len(web_order) :] == web_order
    assert_in_order(text, [formats.squeeze(action) for action in want.shown_actions])


def pdf_verdict_order(want: Expected) -> list[str]:
    """The progress verdicts in the order the report prints them: each group's overall, then by practice."""
    names = list(dict.fromkeys(group for group, _practice in want.verdicts))
    order = [formats.squeeze(want.verdicts[name, want.overall]) for name in names]
    for practice in want.practices[:-1]:
        order.extend(formats.squeeze(want.verdicts[name, practice]) for name in names)
    return order


def assert_in_order(text: str, parts: list[str]) -> None:
    position = 0
    for part in parts:
        found = text.find(part, position)
        assert found >= 0, (part, text[position : position + 500])
        position = found + len(part)


def check_deck(data: bytes, want: Expected, questionnaire, lang: str) -> None:
    with force_locale(lang):
        slides = formats.deck_slides(data)
        heat_title = _("Heatmap: scores by practice and group")
        gaps_title = _("Perception gaps")
    fills = {band.fill: band.level_id for band in heat_bands(questionnaire)}
    heat = next(found for title, found in slides.items() if title.startswith(heat_title))
    table = formats.table_of(heat[0])  # a row per practice and the overall score, a column per group (issue 25)
    rows = [[cell for cell in row.cells] for row in table.rows]
    header = [cell.text for cell in rows[0]][1:]
    assert header == [*want.groups, want.all_respondents]
    assert [row[0].text for row in rows[1:]] == want.practices
    for row, practice in zip(rows[1:], want.practices, strict=True):
        for cell, group in zip(row[1:], [*want.groups, "*"], strict=True):
            assert (cell.text, fills.get(formats.cell_fill(cell))) == want.cells[practice, group]
    radar = next(
        s.chart
        for slide in sum(slides.values(), [])
        for s in slide.shapes
        if s.has_chart and s.chart.chart_type in (XL_CHART_TYPE.RADAR, XL_CHART_TYPE.RADAR_MARKERS)
    )
    assert [s.name for s in radar.plots[0].series] == [*want.groups, want.all_respondents]
    for series, group in zip(radar.plots[0].series, [*want.groups, "*"], strict=True):  # the radar's data
        shown = [points(value) for value in series.values]
        assert shown == [want.cells[practice, group][0] for practice in want.practices[:-1]]
    if want.deck_gap_titles:  # one slide per highlighted gap, in the report's order
        assert [title for title in slides if title in want.deck_gap_titles] == want.deck_gap_titles
    else:
        text = formats.slide_text(slides[gaps_title][0]).split("\n")
        assert [line for line in text if re.match(r"\d+\. ", line)] == want.deck_gaps[:3]
    if want.verdicts:
        verdicts = {}
        for title, found in slides.items():
            for slide in found:
                table = next((s.table for s in slide.shapes if s.has_table), None)
                if table is None or title not in progress_titles(lang):
                    continue
                heads = [cell.text for cell in table.rows[0].cells]
                for row in list(table.rows)[1:]:
                    cells = [cell.text for cell in row.cells]
                    if len(heads) == 6 and heads[-1] == verdict_word(lang):  # all respondents
                        verdicts[want.all_respondents, cells[0]] = cells[5]
                    else:
                        for head, text in zip(heads[1:], cells[1:], strict=True):
                            verdicts[head, cells[0]] = text.rsplit(" · ", 1)[-1]
        assert verdicts == want.verdicts
    roadmap = "\n".join(slide.notes_slide.notes_text_frame.text for slide in sum(slides.values(), []))
    for action in want.actions:
        assert action in roadmap


def progress_titles(lang: str) -> tuple[str, str]:
    """The deck's two progress slides (round 2 against round 1)."""
    with force_locale(lang):
        return (
            _("Progress since round %(number)d", number=1),
            _("Progress by group since round %(number)d", number=1),
        )


def verdict_word(lang: str) -> str:
    with force_locale(lang):
        return _("Verdict")


def check_workbook(data: bytes, want: Expected, questionnaire, lang: str) -> None:
    book = formats.workbook(data)
    with force_locale(lang):
        scores, gaps, items = book[_("Scores")], book[_("Perception gaps")], book[_("Recommendations")]
        progress = book[_("Progress")] if want.verdicts else None
    fills = {band.fill: band.level_id for band in heat_bands(questionnaire)}
    rows = formats.table_rows(scores)
    assert [row[0] for row in rows] == [*want.groups, want.all_respondents]
    for r, (row, group) in enumerate(zip(rows, [*want.groups, "*"], strict=True), start=3):
        for c, (value, practice) in enumerate(zip(row[2:], want.practices, strict=True), start=3):
            level = fills.get(formats.level_fill(scores, c, r, value))
            assert (points(value), level) == want.cells[practice, group]
    sheet_gaps = [(row[0], row[2], row[4], points(row[6])) for row in formats.table_rows(gaps) if not row[1]]
    assert sheet_gaps == want.sheet_gaps
    if progress is not None:
        assert {(row[0], row[1]): row[6] for row in formats.table_rows(progress)} == want.verdicts
    assert [row[2] for row in formats.table_rows(items)] == want.actions


def check_json(result: dict, want: Expected) -> None:
    """The API's scores and the JSON export: the same data, the figures to two decimals."""
    heat = result["heatmap"]
    assert [row["group"] for row in heat] == [*want.keys, "all"]
    for row in heat:
        for key, value in row["scores"].items():
            exact = want.exact[key, row["group"]]
            assert (value is None) == (exact is None) and (value is None or abs(value - exact) <= TWO_DECIMALS)
            assert row["levels"][key] == want.levels[key, row["group"]]
    if "groups" in result:  # the API's scores (the export carries the responses instead)
        assert [str(g["key"]) for g in result["groups"]] == want.keys
    gaps = [(g["dimension"], g["high_group"], g["low_group"]) for g in result["gaps"]]
    assert gaps == [gap[:3] for gap in want.api_gaps]
    assert all(abs(g["difference"] - w[3]) <= TWO_DECIMALS for g, w in zip(result["gaps"], want.api_gaps, strict=True))
    verdicts = {}
    for row in result["progress"]:
        verdicts[row["group"], "overall"] = row["verdict"]
        verdicts |= {(row["group"], key): change["verdict"] for key, change in row["dimensions"].items()}
    assert verdicts == want.api_verdicts
    assert [(item["question"], item["dimension"]) for item in result["recommendations"]] == want.api_items


@settings(
    max_examples=int(os.environ.get("CROSS_FORMAT_EXAMPLES", "10")),
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking a round of 80 answer sheets takes hours
    print_blob=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(plan=plans())
def test_every_format_shows_the_same_round(app, questionnaire, plan):
    note(repr(plan))
    consultant = signed_in(app)
    engagement_id = build_engagement(app, consultant, questionnaire, plan)
    number = len(plan.sizes)
    want = expected_report(app, questionnaire, engagement_id, plan.lang)
    base = f"/engagements/{engagement_id}/rounds/{number}"
    page = consultant.get(f"{base}/report").get_data(as_text=True)
    pdf = consultant.get(f"{base}/report.pdf").data
    deck = consultant.get(f"{base}/report.pptx").data
    book = consultant.get(f"{base}/report.xlsx").data
    exported = consultant.get(f"{base}/responses.json").json
    headers = {"Authorization": f"Bearer {api_token_for(app, EMAIL)}"}
    scores = app.test_client().get(f"/api/v1{base}/scores", headers=headers).json
    for hidden in want.hidden:
        assert hidden not in want.groups
    if not want.has_results:
        assert "heatmap" not in page and not scores["heatmap"] and not exported["heatmap"]
        return
    check_web(page, want, questionnaire, plan.lang)
    check_pdf(pdf, want, questionnaire)
    with app.test_request_context(), force_locale(plan.lang):  # the documents' words and numbers
        check_deck(deck, want, questionnaire, plan.lang)
        check_workbook(book, want, questionnaire, plan.lang)
    check_json(scores, want)
    check_json(exported, want)
