"""The deck built on a firm's own PowerPoint template, uploaded on /account/firm: its size, theme fonts and
layouts carry over, its sample slides do not, nothing spills off the slide, and the file opens without a
repair prompt (package checked; converted by LibreOffice where it is installed). Both databases."""

# ruff: noqa: F811 (the fixtures `consultant` and `round_one` come from test_deliverables)
from __future__ import annotations

import io
import shutil
import subprocess
import zipfile

import pytest
from pptx import Presentation
from pptx.util import Inches

from tests.deck_templates import make_template, with_external_picture, with_macros
from tests.pptx_package import package_problems
from tests.web.test_deliverables import round_one  # noqa: F401

TEMPLATES = {
    "4:3": dict(aspect="4:3", drop_title_only=True),
    "16:9 Georgia/Verdana": dict(aspect="16:9", fonts=("Georgia", "Verdana")),
}


def upload(consultant, data: bytes, name: str = "cabinet.pptx"):
    consultant.get("/account/firm")
    return consultant.post("/account/firm/template", {"template": (io.BytesIO(data), name)})


def deck_bytes(consultant, engagement_id: int) -> bytes:
    response = consultant.get(f"/engagements/{engagement_id}/rounds/1/report.pptx")
    assert response.status_code == 200
    return response.data


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_the_deck_is_built_on_the_firms_template(consultant, round_one, name):  # noqa: F811
    options = TEMPLATES[name]
    template = make_template(**options)
    before = deck_bytes(consultant, round_one)
    assert upload(consultant, template).status_code == 302, consultant.last_page
    assert "cabinet.pptx" in consultant.get("/account/firm").get_data(as_text=True)
    data = deck_bytes(consultant, round_one)
    assert data != before  # not the cached deck of the app's own look
    assert package_problems(data) == []
    deck = Presentation(io.BytesIO(data))
    width = Inches(10) if options["aspect"] == "4:3" else Inches(13.333)
    assert (deck.slide_width, deck.slide_height) == (width, Inches(7.5))
    layout_names = {slide.slide_layout.name for slide in deck.slides}
    template_layouts = {layout.name for layout in Presentation(io.BytesIO(template)).slide_layouts}
    assert layout_names <= template_layouts
    texts = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    assert not any("modèle de présentation" in text or "Slide d’exemple" in text for text in texts)
    assert any(text.startswith("Globex") for text in texts)  # the deck's own title slide
    for number, slide in enumerate(deck.slides, 1):
        for shape in slide.shapes:
            if shape.width is None:
                continue
            assert shape.left >= 0 and shape.left + shape.width <= deck.slide_width + Inches(0.05), (number, shape.name)
            assert shape.top + shape.height <= deck.slide_height + Inches(0.05), (number, shape.name)
        placeholders = [p.placeholder_format.type.name for p in slide.placeholders]
        assert placeholders == [placeholders[0]] and "TITLE" in placeholders[0]  # no empty "click to add text"
    theme = zipfile.ZipFile(io.BytesIO(data)).read("ppt/theme/theme1.xml").decode()
    if "fonts" in options:
        assert '<a:majorFont><a:latin typeface="Georgia"/>' in theme
        assert '<a:minorFont><a:latin typeface="Verdana"/>' in theme
    assert 'val="C0392B"' in theme  # the firm's accent colour
    slide_xml = b"".join(
        zipfile.ZipFile(io.BytesIO(data)).read(n)
        for n in zipfile.ZipFile(io.BytesIO(data)).namelist()
        if n.startswith("ppt/slides/slide")
    )
    assert b'<a:schemeClr val="tx1"/>' in slide_xml and b'val="1F2937"' not in slide_xml  # text in the theme's colour


def test_without_a_template_the_deck_keeps_the_apps_own_look(consultant, round_one):  # noqa: F811
    data = deck_bytes(consultant, round_one)
    assert package_problems(data) == []
    deck = Presentation(io.BytesIO(data))
    assert deck.slide_width == Inches(13.333)
    upload(consultant, make_template())
    consultant.get("/account/firm")
    consultant.post("/account/firm/template", {"remove_template": "y"})
    assert "No template yet" in consultant.get("/account/firm").get_data(as_text=True)
    assert Presentation(io.BytesIO(deck_bytes(consultant, round_one))).slide_layouts[0].name == "Title Slide"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (with_macros(), "holds macros"),
        (with_external_picture(), "links to files outside it"),
        (b"not a zip", "not a PowerPoint presentation"),
    ],
)
def test_a_refused_template_is_named_and_nothing_is_kept(consultant, data, message):
    response = upload(consultant, data, "évil.pptm")
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "évil.pptm: " in page and message in page
    assert "No template yet" in page


def test_a_template_upload_without_its_csrf_token_is_refused(client, consultant):
    response = client.post("/account/firm/template", data={"template": (io.BytesIO(make_template()), "a.pptx")})
    assert response.status_code in (400, 422)
    assert "No template yet" in consultant.get("/account/firm").get_data(as_text=True)


def test_a_template_over_the_cap_is_refused(app, consultant, monkeypatch):
    monkeypatch.setitem(app.config, "DECK_TEMPLATE_MAX_BYTES", 50_000)
    big = make_template() + b"\0" * 60_000
    page = upload(consultant, big).get_data(as_text=True)
    assert "cabinet.pptx: The template is too large" in page and "No template yet" in page


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("name", list(TEMPLATES))
def test_libreoffice_converts_the_templated_deck_to_pdf(consultant, round_one, tmp_path, name):  # noqa: F811
    upload(consultant, make_template(**TEMPLATES[name]))
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(deck_bytes(consultant, round_one))
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(deck),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    pdf = tmp_path / "deck.pdf"
    assert pdf.exists() and pdf.stat().st_size > 10_000, result.stderr.decode(errors="replace")
    from pypdf import PdfReader

    assert len(PdfReader(str(pdf)).pages) == len(Presentation(str(deck)).slides)
