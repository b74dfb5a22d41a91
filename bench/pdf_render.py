"""PDF render time of a full scorecard, as a ratio to WeasyPrint rendering a one-line HTML
document in the same process (target: at most 6).

    python -m bench.pdf_render
"""

from __future__ import annotations

import statistics
import time
from datetime import date

TARGET = 6.0
ONE_LINE = "<!doctype html><html lang='en'><head><title>x</title></head><body><p>hello</p></body></html>"


def _best_of(render, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        render()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def scorecard_sheet(questionnaire):
    """A candidate who answered everything, with comments and importance: the heaviest scorecard."""
    from survey.domain.answersheet import AnswerSheet

    answers = {}
    for index, question_id in enumerate(questionnaire.applicable_question_ids("candidate")):
        question = questionnaire.questions_by_id[question_id]
        answers[question_id] = "dont_know" if index % 6 == 5 else question.choices[index % len(question.choices)].value
    comments = {d.id: "Every post waits for two sign-offs, sometimes three days." for d in questionnaire.dimensions}
    importance = {d.id: 1 + index % 5 for index, d in enumerate(questionnaire.dimensions)}
    return AnswerSheet("candidate", answers, "ACME Corporation", importance, comments)


def pdf_render_ratio(repeat: int = 5) -> tuple[float, float, float]:
    """(ratio, scorecard seconds, one-line seconds), both measured now in this process."""
    from weasyprint import HTML

    from survey import create_app
    from survey.documents.pdf import render_pdf
    from survey.documents.reports import build_view, render_scorecard_pdf
    from survey.extensions import get_questionnaire

    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "bench"})
    with app.app_context():
        questionnaire = get_questionnaire()
        view = build_view(questionnaire, scorecard_sheet(questionnaire), "en", date.today(), "ACME Corporation")
        render_scorecard_pdf(view)  # warm-up: fonts, templates
        HTML(string=ONE_LINE).write_pdf()
        scorecard = _best_of(lambda: render_scorecard_pdf(view), repeat)
        one_line = _best_of(lambda: render_pdf(ONE_LINE, app.static_folder), repeat)
    return scorecard / one_line, scorecard, one_line


def main() -> None:
    ratio, scorecard, one_line = pdf_render_ratio()
    verdict = "PASS" if ratio <= TARGET else "FAIL"
    print(f"PDF render: scorecard {scorecard * 1000:.0f} ms, one-line {one_line * 1000:.0f} ms")
    print(f"ratio {ratio:.2f} (target <= {TARGET}) {verdict}")


if __name__ == "__main__":
    main()


def pdf_render_figures(bench_run) -> list:
    """The bench table's row: scorecard render time over a one-line document's (lower is better)."""
    from bench.scenarios import Figure

    ratio, _, _ = pdf_render_ratio()
    return [Figure("PDF render / one-line HTML (same process)", ratio, TARGET, "<=")]
