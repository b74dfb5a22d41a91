"""The heatmap has one colour rule: the deck's and the workbook's fills are the web page's and the PDF's."""

from __future__ import annotations

import re

import pytest

from survey.documents.round.heat_colours import HEAT_FILLS, HEAT_INKS, heat_band, heat_bands
from tests.conftest import ROOT


@pytest.mark.parametrize("stylesheet", ["synthesis.css", "synthesis-print.css"])
def test_the_documents_colours_are_the_stylesheets(stylesheet):
    css = (ROOT / "static" / "css" / stylesheet).read_text()
    rules = re.findall(r"\.heat-(\d) \{ background: #([0-9a-f]{6}); color: #([0-9a-f]{3,6}); \}", css)
    assert [int(shade) for shade, _fill, _ink in rules] == list(range(len(HEAT_FILLS)))
    assert [fill.upper() for _shade, fill, _ink in rules] == list(HEAT_FILLS)
    assert ["FFFFFF" if ink == "fff" else ink.upper() for _shade, _fill, ink in rules] == list(HEAT_INKS)


def test_a_score_takes_the_colour_of_the_level_it_reaches(questionnaire):
    bands = heat_bands(questionnaire)
    assert [band.level_id for band in bands] == [level.id for level in questionnaire.levels]
    for level, band in zip(questionnaire.levels, bands, strict=True):
        assert heat_band(questionnaire, level.min) == band
        if level.min > 0:
            assert heat_band(questionnaire, level.min - 0.01) != band  # 44.99 is not yet "Structured"
    assert heat_band(questionnaire, None) is None
