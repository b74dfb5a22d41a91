"""`make report-images`: the README's pictures of the three reports and two PDFs, from realistic answers.

Three respondents who answer like real ones (a candidate who could not tell several things and rates
what matters, an executive proud of some practices and weak on others, a team member in French), stored
through the app's own services on a throw-away database, then: the top of each web report in Chromium,
and PDF pages with pdftoppm. Writes docs/report-*.png, docs/scorecard-*.png, docs/interview-sheet-*.png.
Usage: python -m tests.e2e.report_images [--out DIR]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from survey.domain.questionnaire.model import DONT_KNOW
from survey.extensions import get_questionnaire
from survey.store.responses import create_response, save_answers, save_importance, submit_response
from tests.e2e.live import DESKTOP, chromium_missing_reason, launch_chromium, live_server
from tests.e2e.pages import wait_for_chart
from tests.e2e.screenshots import shrink

ROOT = Path(__file__).resolve().parents[2]
TOP_OF_PAGE = {"x": 0, "y": 0, "width": 1280, "height": 1500}

# Where each respondent's answers sit on each practice's scale (0 = worst choice, 3 = best), in the
# questionnaire's order of practices, and which questions (by position in the practice) they could not tell.
PERSONAS = {
    "candidate": {
        "organisation": "Northwind Retail",
        "lang": "en",
        "positions": (0, 1, 2, 2, 1, 0, 2, 3, 1),
        "dont_know": {(1, 2), (2, 1), (4, 2), (5, 1), (6, 3), (8, 0), (8, 2)},
        "importance": (5, 5, 3, 2, 4, 4, 3, 2, 3),
        "comments": {
            "validation": "The job ad mentions “guidelines approved by legal”. Three people reviewed my test post.",
            "reactivity": "Their last bad review on Google got an answer nine days later.",
        },
    },
    "executive": {
        "organisation": "Globex Insurance",
        "lang": "en",
        "positions": (1, 2, 3, 1, 0, 1, 2, 2, 3),
        "dont_know": {(4, 3), (5, 2)},
        "importance": None,
        "comments": {"budget": "Budget is decided yearly by marketing; social media gets what is left."},
    },
    "staff": {
        "organisation": "Hôpital Saint-Roch",
        "lang": "fr",
        "positions": (0, 1, 1, 0, 2, 1, 3, 2, 1),
        "dont_know": {(3, 1), (8, 2), (8, 3)},
        "importance": None,
        "comments": {
            "validation": "Tout passe par la direction de la communication, puis par le cabinet du directeur."
        },
    },
}


def seed(app, profile: str) -> tuple[str, str]:
    """Store and submit the persona's response; returns (token, language)."""
    persona = PERSONAS[profile]
    with app.app_context():
        questionnaire = get_questionnaire()
        response = create_response(questionnaire, profile, persona["organisation"], persona["lang"])
        answers = {}
        for d, dimension in enumerate(questionnaire.dimensions):
            for q, question in enumerate(dimension.applicable_questions(profile)):
                step = persona["positions"][d] + (q % 3 == 2) - (q % 4 == 3)  # a step either way, now and then
                position = min(max(step, 0), len(question.choices) - 1)
                answers[question.id] = DONT_KNOW if (d, q) in persona["dont_know"] else question.choices[position].value
        save_answers(response, answers, persona["comments"])
        if persona["importance"]:
            save_importance(
                response, dict(zip((d.id for d in questionnaire.dimensions), persona["importance"], strict=True))
            )
        submit_response(questionnaire, response)
        return response.token, persona["lang"]


def clip_for(page, profile: str) -> dict:
    """A candidate's report from its top (the verdict comes first); an insider's from the summary to the plan."""
    if profile == "candidate":
        return TOP_OF_PAGE
    top = page.locator(".report-summary").bounding_box()["y"] - 16
    plan = page.locator(".action-plan").bounding_box()
    return {**TOP_OF_PAGE, "y": top, "height": min(TOP_OF_PAGE["height"], plan["y"] + plan["height"] - top + 16)}


def pdf_page_image(pdf: bytes, page: int, out: Path) -> None:
    """One page of a PDF as a PNG, 70 dots per inch (readable in the README, small in the repository)."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "doc.pdf"
        source.write_bytes(pdf)
        if page < 0:
            count = int(next(line for line in _pdfinfo(source) if line.startswith("Pages:")).split()[1])
            page = count + 1 + page
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "70",
                "-png",
                "-f",
                str(page),
                "-l",
                str(page),
                "-singlefile",
                source,
                out.with_suffix(""),
            ],
            check=True,
        )
    shrink(out)


def sheet_page(pdf: bytes) -> int:
    """The page the interview sheet starts on (1-based): the one with its header to fill in."""
    import io

    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(pdf)).pages
    return next(i for i, page in enumerate(pages, start=1) if "Personne rencontrée" in page.extract_text())


def _pdfinfo(path: Path) -> list[str]:
    return subprocess.run(["pdfinfo", path], check=True, capture_output=True, text=True).stdout.splitlines()


def make_images(out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    written = []
    with tempfile.TemporaryDirectory() as tmp, live_server(Path(tmp)) as server, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        context = browser.new_context(**DESKTOP)
        for profile, name in (("candidate", "candidate-en"), ("executive", "executive-en"), ("staff", "staff-fr")):
            token, lang = seed(server.app, profile)
            page = context.new_page()
            page.goto(f"{server.url}/r/{token}/report?lang={lang}")
            wait_for_chart(page)
            path = out / f"report-{name}.png"
            page.screenshot(
                path=path, full_page=True, clip=clip_for(page, profile), animations="disabled", caret="hide"
            )
            shrink(path)
            written.append(path)
            if profile != "staff":
                pdf_lang = "fr" if profile == "candidate" else "en"
                pdf = page.request.get(f"{server.url}/r/{token}/report.pdf?lang={pdf_lang}").body()
                pages = [("scorecard", 1 if profile == "candidate" else 2)]
                pages += [("interview-sheet", sheet_page(pdf))] if profile == "candidate" else []
                for kind, number in pages:
                    path = out / f"{kind}-{profile}-{pdf_lang}.png"
                    pdf_page_image(pdf, number, path)
                    written.append(path)
            page.close()
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args(argv)
    reason = chromium_missing_reason()
    if reason:
        print(f"report images: {reason}", file=sys.stderr)
        return 2
    for path in make_images(args.out):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
