"""`make screenshots`: a PNG of every page type, in every language, on a desktop and on a phone.

Writes docs/screenshots/<page>-<lang>-<desktop|mobile>.png (full page, device scale 1 to keep the
files small), from the real app on a throw-away database, in Debian's Chromium; and each page of the
consultant's round PDF as consultant-report-pdf-<lang>-<n>.png (poppler's pdftoppm).
Usage: python -m tests.e2e.screenshots [--out DIR] [--pages landing,report]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

from survey.domain.questionnaire.languages import LANGUAGES
from tests.e2e.live import DESKTOP, MOBILE, chromium_missing_reason, launch_chromium, live_server
from tests.e2e.pages import PAGE_TYPES, open_page_type

ROOT = Path(__file__).resolve().parents[2]
SCREENS = {"desktop": DESKTOP, "mobile": {**MOBILE, "device_scale_factor": 1}}
PALETTE_COLOURS = 256  # flat-coloured pages look the same, in a third of the bytes
PDF_DPI = 60  # an A4 page 500 pixels wide: readable, small


def shrink(path: Path) -> None:
    """Rewrite a screenshot with an adaptive palette, no dithering.

    Maximum coverage refined by one k-means pass keeps the large flat colours exact (white, the page
    wash, the brand blue, a thin orange border); median cut and octree each shifted one of them.
    """
    with Image.open(path) as image:
        rgb = image.convert("RGB")
    palette = rgb.quantize(PALETTE_COLOURS, Image.Quantize.MAXCOVERAGE, dither=Image.Dither.NONE, kmeans=1)
    palette.save(path, optimize=True)


def take_screenshots(out: Path, page_types: list[str]) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp, live_server(Path(tmp)) as server, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for screen, options in SCREENS.items():
            context = browser.new_context(**options)
            for name in page_types:
                for lang in LANGUAGES:
                    context.clear_cookies()
                    page = context.new_page()
                    open_page_type(page, server, name, lang)
                    path = out / f"{name}-{lang}-{screen}.png"
                    page.screenshot(path=path, full_page=True, animations="disabled", caret="hide")
                    shrink(path)
                    written.append(path)
                    if name == "consultant-report" and screen == "desktop":
                        written += pdf_pages(page.context.request.get(page.url + ".pdf").body(), out, lang)
                    page.close()
            context.close()
        browser.close()
    return written


def pdf_pages(pdf: bytes, out: Path, lang: str) -> list[Path]:
    """Each page of the round PDF as consultant-report-pdf-<lang>-<n>.png; nothing without pdftoppm."""
    if shutil.which("pdftoppm") is None:
        print("screenshots: pdftoppm not found (Debian's poppler-utils): no PDF pages", file=sys.stderr)
        return []
    for old in out.glob(f"consultant-report-pdf-{lang}-*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "report.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", str(PDF_DPI), source, Path(tmp) / "page"], check=True)
        pages = []
        for number, png in enumerate(sorted(Path(tmp).glob("page-*.png")), start=1):
            target = out / f"consultant-report-pdf-{lang}-{number}.png"
            shutil.move(png, target)
            shrink(target)
            pages.append(target)
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--pages", default=",".join(PAGE_TYPES), help="page types, comma-separated")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.pages.split(",")) - set(PAGE_TYPES))
    if unknown:
        parser.error(f"unknown page types {unknown}; known: {', '.join(PAGE_TYPES)}")
    reason = chromium_missing_reason()
    if reason:
        print(f"screenshots: {reason}", file=sys.stderr)
        return 2
    for path in take_screenshots(args.out, args.pages.split(",")):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
