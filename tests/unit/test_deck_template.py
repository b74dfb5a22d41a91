"""The consultant's PowerPoint template, checked on upload: refused with the reason when it is too large, not
a presentation, a zip bomb, macro-enabled or linked to files outside it; accepted when it is a firm's plain
template, whatever its size and fonts."""

from __future__ import annotations

import io
import zipfile

import pytest
from pptx import Presentation

from survey.documents.deck.template import TemplateError, check_template, title_layout
from tests.deck_templates import (
    macro_enabled_type,
    make_template,
    with_doctype,
    with_external_picture,
    with_macros,
    zip_bomb,
)

CAP = 8 * 1024 * 1024


def reason(data: bytes, cap: int = CAP) -> str:
    with pytest.raises(TemplateError) as refused:
        check_template(data, cap)
    return refused.value.reason


@pytest.mark.parametrize(("aspect", "fonts"), [("4:3", None), ("16:9", ("Georgia", "Verdana"))])
def test_a_firms_template_is_accepted_with_its_shape(aspect, fonts):
    checked = check_template(make_template(aspect, fonts), CAP)
    assert checked.aspect == aspect and checked.layouts == 11


def test_refusals_name_their_reason():
    template = make_template()
    assert reason(template, cap=len(template) - 1) == "too_large"
    assert reason(b"%PDF-1.7 not a presentation") == "not_pptx"
    assert reason(zip_bomb()) == "zip_bomb"
    assert reason(with_macros()) == "macros"
    assert reason(macro_enabled_type()) == "macros"
    assert reason(with_external_picture()) == "external"
    assert reason(with_doctype()) == "external"
    assert reason(make_template(keep_title_layouts=False)) == "no_title_layout"


def test_a_workbook_renamed_pptx_is_not_a_presentation():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", '<Types xmlns="x"><Default Extension="xml" ContentType="a"/></Types>')
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert reason(out.getvalue()) == "not_pptx"


def test_too_many_parts_is_a_zip_bomb():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for index in range(2001):
            archive.writestr(f"p/{index}.xml", "<x/>")
    assert reason(out.getvalue()) == "zip_bomb"


def test_the_layout_is_chosen_by_its_placeholders():
    presentation = Presentation(io.BytesIO(make_template()))
    assert title_layout(presentation).name == "Titre seul — Cabinet"  # a title, nothing else
    assert title_layout(presentation, centred=True).name == "Title Slide"
    without = Presentation(io.BytesIO(make_template(drop_title_only=True)))
    chosen = title_layout(without)  # no "Title Only": a layout with a title and the fewest body placeholders
    kinds = [p.placeholder_format.type.name for p in chosen.placeholders]
    assert "TITLE" in kinds and sum(k in ("BODY", "OBJECT") for k in kinds) <= 1
