"""The workbook's heatmap colours: conditional formatting by the questionnaire's level thresholds, the rule
the web page, the PDF and the deck follow (documents/round/heat_colours.py), and its colour key.

A rule per level, the highest first, each stopping the others: a score takes the colour of the highest
level whose lowest score it reaches. An empty cell (no score) takes none. The rules stay live: a consultant
who edits a number in Excel sees its colour follow its level.
"""

from __future__ import annotations

from flask_babel import gettext as _
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font, PatternFill

from survey.documents.round.deliverable import Deliverable
from survey.documents.round.heat_colours import heat_bands, legend_label
from survey.documents.workbook.cells import text


def level_rules(sheet, cells: str, deliverable: Deliverable) -> None:
    """Colour `cells` (a range such as "C3:L6") by level, as the web page's heatmap does."""
    first = cells.split(":")[0]
    for band in reversed(heat_bands(deliverable.questionnaire)):
        rule = FormulaRule(
            formula=[f"AND(ISNUMBER({first}),{first}>={band.min:g})"],
            fill=PatternFill(fill_type="solid", start_color=band.fill, end_color=band.fill),
            font=Font(color=band.ink),
            stopIfTrue=True,
        )
        sheet.conditional_formatting.add(cells, rule)


def colour_key(sheet, deliverable: Deliverable) -> None:
    """Rows under the table: "Colour key", then each level's name and lowest score in its colour."""
    sheet.append([])
    sheet.append([text(sheet, _("Colour key"), bold=True)])
    for band in heat_bands(deliverable.questionnaire):
        cell = text(sheet, legend_label(band, deliverable.lang))
        cell.fill = PatternFill(fill_type="solid", start_color=band.fill, end_color=band.fill)
        cell.font = Font(name="Calibri", color=band.ink)
        sheet.append([cell])
