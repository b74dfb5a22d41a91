"""`make deliverable-screenshots`: the round deck's slides and the workbook's sheets as PNG images.

Seeds a throw-away database with a varied French engagement (four groups that answer differently, one of
them under the anonymity threshold, two rounds, comments, a client and a firm logo), downloads the deck
and the workbook through the app, and renders them with LibreOffice (Debian's libreoffice-impress and
libreoffice-calc; a test-only tool, not needed to run the site) and pdftoppm, into docs/deliverables/.
Usage: python -m tests.e2e.deliverable_screenshots [--out DIR]
"""

from __future__ import annotations

import argparse
import io
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from flask_migrate import upgrade
from PIL import Image, ImageDraw, ImageOps

from survey import create_app
from survey.extensions import db
from survey.store.accounts import create_consultant, update_firm
from survey.store.engagements import create_engagement, open_next_round
from survey.store.models import Engagement
from survey.store.responses import create_response, save_answers, submit_response
from tests.e2e.screenshots import shrink

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "screenshots password, long enough"
# (group, profile, respondents in round 1 and 2, how often they pick the better choices)
GROUPS = [
    ("Comité de direction", "executive", (4, 4), 0.8),
    ("Communication et marketing", "staff", (5, 6), 0.55),
    ("Community management", "staff", (4, 5), 0.3),
    ("Juridique", "staff", (2, 2), 0.5),
]
COMMENTS = [
    "Trois validations avant chaque publication : la réactivité en souffre.",
    "On répond vite quand il y a une crise, mais rarement le week-end.",
    "Le budget social media n'existe pas vraiment, on fait avec les moyens du bord.",
    "La direction fait confiance à l'équipe, c'est une vraie force.",
    "Personne ne sait qui remplace la community manager pendant ses congés.",
    "Nous écoutons peu ce qui se dit de nous en ligne.",
]


def sheet(rng: random.Random, questionnaire, profile: str, optimism: float) -> dict[str, str]:
    """An answer per question: a better choice with probability `optimism`, sometimes "don't know"."""
    answers = {}
    for dimension in questionnaire.dimensions:
        for question in dimension.applicable_questions(profile):
            ordered = sorted(question.choices, key=lambda c: c.score)
            if rng.random() < 0.06:
                answers[question.id] = "dont_know"
                continue
            position = min(
                len(ordered) - 1, int(rng.betavariate(1 + 4 * optimism, 1 + 4 * (1 - optimism)) * len(ordered))
            )
            answers[question.id] = ordered[position].value
    return answers


def logo(text: str, colour: tuple[int, int, int]) -> bytes:
    image = Image.new("RGB", (360, 120), colour)
    ImageDraw.Draw(image).text((20, 45), text, fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def seed(app, rng: random.Random) -> tuple[int, str]:
    """The demo engagement; returns its id and the consultant's e-mail."""
    questionnaire = app.extensions["questionnaire"]
    with app.app_context():
        consultant = create_consultant("conseil@example.com", PASSWORD)
        update_firm(consultant, "Conseil & Associés", (logo("Conseil & Associes", (31, 78, 121)), "image/png"), False)
        groups = [(name, profile) for name, profile, _, _ in GROUPS]
        engagement = create_engagement(
            consultant.id, "Maison Duval", "fr", groups, (logo("Maison Duval", (120, 40, 60)), "image/png")
        )
        for round_index in range(2):
            round_ = engagement.rounds[0] if round_index == 0 else open_next_round(engagement)
            for group, (_name, profile, sizes, optimism) in zip(engagement.groups, GROUPS, strict=True):
                for _ in range(sizes[round_index]):
                    response = create_response(questionnaire, profile, "", "fr", round_id=round_.id, group_id=group.id)
                    notes = (
                        {rng.choice(questionnaire.dimensions).id: rng.choice(COMMENTS)} if rng.random() < 0.5 else None
                    )
                    save_answers(response, sheet(rng, questionnaire, profile, optimism + 0.08 * round_index), notes)
                    submit_response(questionnaire, response)
        return engagement.id, consultant.email


def signed_in_client(app, email: str):
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
    return client


def render(document: Path, out: Path, prefix: str, resolution: int, crop: bool, keep: int) -> list[Path]:
    """document -> PDF (LibreOffice) -> one PNG per page (pdftoppm)."""
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(document.parent), str(document)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(resolution), str(document.with_suffix(".pdf")), str(out / prefix)],
        check=True,
        timeout=300,
    )
    pages = sorted(out.glob(f"{prefix}-*.png"))
    for extra in pages[keep:]:  # the responses sheet prints on many pages: its first one shows it
        extra.unlink()
    pages = pages[:keep]
    for page in pages:
        if crop:
            trim(page)
        shrink(page)
    return pages


def trim(path: Path, margin: int = 12) -> None:
    """Cut a printed sheet down to its content: the page around a few rows is white paper."""
    with Image.open(path) as image:
        rgb = image.convert("RGB")
    body = rgb.crop((0, 0, rgb.width, int(rgb.height * 0.88)))  # above the printed footer
    box = ImageOps.invert(body).getbbox()
    if box:
        left, top, right, bottom = box
        rgb.crop((max(0, left - margin), max(0, top - margin), right + margin, bottom + margin)).save(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "deliverables")
    args = parser.parse_args()
    missing = [tool for tool in ("soffice", "pdftoppm") if shutil.which(tool) is None]
    if missing:
        print(
            f"deliverable screenshots need {', '.join(missing)}"
            " (apt-get install libreoffice-impress libreoffice-calc poppler-utils)",
            file=sys.stderr,
        )
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    for old in args.out.glob("*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(folder) / 'demo.db'}",
                "RATELIMIT_ENABLED": False,
                "SERVER_NAME": "demo.test",
            }
        )
        with app.app_context():
            upgrade()
        engagement_id, email = seed(app, random.Random(17))
        client = signed_in_client(app, email)
        for suffix, prefix, resolution in (("pptx", "deck", 60), ("xlsx", "workbook", 110)):
            response = client.get(f"/engagements/{engagement_id}/rounds/2/report.{suffix}")
            assert response.status_code == 200, response.status_code
            document = Path(folder) / f"{prefix}.{suffix}"
            document.write_bytes(response.data)
            for page in render(
                document, args.out, prefix, resolution, crop=suffix == "xlsx", keep=99 if suffix == "pptx" else 4
            ):
                print(page.relative_to(ROOT) if page.is_relative_to(ROOT) else page)
        with app.app_context():
            db.session.get(Engagement, engagement_id)
            db.engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
