"""The heatmap's one colour rule in the deck and the workbook: the web page's and the PDF's.

A score takes the colour of the questionnaire level it falls in (domain/rounds/synthesis.py: heat_cell and
level_shades), darker as the level falls, so that the table reads in greyscale too; the number is always
written in the cell. The fills are those of static/css/synthesis.css (.heat-0 to .heat-4), the ink the
text colour that stays readable on each.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import format_decimal
from flask_babel import gettext as _

from survey.domain.questionnaire.model import Questionnaire
from survey.domain.rounds.synthesis import heat_cell, level_shades

HEAT_FILLS = ("7F1D1D", "B4471F", "EAB04A", "B5D9A7", "EEF7EA")  # .heat-0 ... .heat-4
HEAT_INKS = ("FFFFFF", "FFFFFF", "1B2430", "1B2430", "1B2430")


@dataclass(frozen=True)
class HeatBand:
    """One level's colours, and the lowest score it takes: a line of the legend, a rule of the workbook."""

    level_id: str
    name: object  # the level's name, a questionnaire text in both languages
    min: float
    fill: str  # hex RGB
    ink: str


def heat_bands(questionnaire: Questionnaire) -> tuple[HeatBand, ...]:
    """Every level, lowest first, with its colours."""
    shades = level_shades(questionnaire)
    return tuple(
        HeatBand(level.id, level.name, level.min, HEAT_FILLS[shade], HEAT_INKS[shade])
        for level, shade in zip(questionnaire.levels, shades, strict=True)
    )


def heat_band(questionnaire: Questionnaire, score: float | None) -> HeatBand | None:
    """The band a score falls in (the web page's heat_cell decides), or None for no score."""
    cell = heat_cell(questionnaire, score)
    if cell.level_id is None:
        return None
    return next(band for band in heat_bands(questionnaire) if band.level_id == cell.level_id)


def legend_label(band: HeatBand, lang: str) -> str:
    """ "Structured (from 45)", as the web page's colour key words it."""
    return f"{band.name.get(lang)} ({_('from %(score)s', score=format_decimal(band.min))})"
