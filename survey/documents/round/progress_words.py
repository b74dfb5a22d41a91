"""The words of progress between two rounds, shared by the web report, its PDF, the deck and the workbook.

The verdict on a change is decided once, in the domain (ScoreChange.verdict: "clear rise", "clear fall",
"no clear change"); every document only translates it here, so that no format can call a move inside
the noise a rise or a fall.
"""

from __future__ import annotations

from flask_babel import format_decimal
from flask_babel import gettext as _

from survey.domain.questionnaire.scoring import shown_decimal
from survey.domain.rounds.group_progress import CLEAR_FALL, CLEAR_RISE, NO_CLEAR_CHANGE

NO_VALUE = "—"


def verdict_text(verdict: str | None) -> str:
    """A verdict in the reader's language; a dash where there is no change to judge."""
    words = {CLEAR_RISE: _("clear rise"), CLEAR_FALL: _("clear fall"), NO_CLEAR_CHANGE: _("no clear change")}
    return words.get(verdict, NO_VALUE)


def noise_text(noise: float | None) -> str:
    """The half-width of the noise band: "±12.3" ("±12,3" in French), a dash when it cannot be measured."""
    return NO_VALUE if noise is None else "±" + format_decimal(shown_decimal(noise), format="#,##0.0")


def verdict_class(verdict: str | None) -> str:
    """The web page's class for a change: only clear changes are coloured."""
    return {CLEAR_RISE: "up", CLEAR_FALL: "down"}.get(verdict, "steady")


def noise_note() -> str:
    """What the noise band is, under every progress table (the web page's words)."""
    return _(
        "Each change is shown with its noise band (±): about two standard errors of the difference between the two rounds' means. A change is a clear rise or a clear fall only when it is wider than the noise; narrower changes read “no clear change”, whatever their sign."  # noqa: E501 (one message to translate)
    )
