"""What the deck and the workbook are built from: the round's report (the same figures as the web page
and the PDF, anonymity rules applied, comments as the consultant chose them), the consultant's firm and
both logos, in the engagement's language; and the few formatting rules they share.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import format_date, format_decimal
from flask_babel import gettext as _

from survey.documents.logos import stored_logo
from survey.documents.round.report import RoundReport, build_round_report
from survey.domain.plain_text import xml_text
from survey.domain.questionnaire.model import Questionnaire
from survey.domain.questionnaire.scoring import level_for, shown_decimal
from survey.domain.rounds.aggregate_types import Spread
from survey.store.models import utcnow

SCORE_FORMAT = "0.0"


@dataclass(frozen=True)
class Deliverable:
    questionnaire: Questionnaire
    report: RoundReport
    lang: str
    firm_name: str
    firm_logo: bytes | None
    client_logo: bytes | None
    made_on: date
    deck_template: bytes | None = None  # the consultant's .pptx template, checked on upload (deck/template.py)
    # the round against the benchmark, in words (consultant/benchmark_close.py: deliverable_benchmark); None: left off
    benchmark: dict | None = None
    portfolio: dict | None = None  # against the consultant's other clients (benchmark_close.py: deliverable_portfolio)

    @property
    def client(self) -> str:
        return xml_text(self.report.engagement.client_name)

    @property
    def footer(self) -> str:
        """The running footer of every page, slide and sheet."""
        return _("Confidential — %(client)s", client=self.client)

    def title(self, text) -> str:
        return text.get(self.lang) if text is not None else ""

    def practices(self):
        return self.questionnaire.dimensions

    def level_name(self, score: float | None) -> str:
        level = level_for(self.questionnaire.levels, score)
        return self.title(level.name) if level else ""

    def recommendation(self, practice, score: float | None) -> str:
        """The questionnaire's recommendation for a practice at the level its score reaches."""
        level = level_for(self.questionnaire.levels, score)
        found = practice.recommendation_for(level.id if level else None)
        return self.title(found.text) if found else ""


def score_text(value: float | None) -> str:
    """A score as the reader's language writes it (57.1, 57,1), a dash for no score."""
    return "—" if value is None else format_decimal(shown_decimal(value), format=SCORE_FORMAT)


def shown_score(value: float | None) -> float | None:
    """A score as the report prints it (one decimal): what a chart's data and a reader's eye share."""
    return None if value is None else float(shown_decimal(value))


def signed_text(value: float | None) -> str:
    """A change: +3,9, −4,4 (a true minus sign, as on the web page), 0,0, or a dash."""
    if value is None:
        return "—"
    if shown_decimal(value) == 0:
        return score_text(0.0)
    return ("+" if value > 0 else "−") + score_text(abs(value))


def spread_text(spread: Spread | None) -> str:
    if spread is None:
        return "—"
    return _(
        "mean %(mean)s, min %(min)s, max %(max)s, standard deviation %(sd)s",
        mean=score_text(spread.mean),
        min=score_text(spread.min),
        max=score_text(spread.max),
        sd=score_text(spread.stdev),
    )


def day_text(day) -> str:
    return format_date(day, format="long")


def clean_data(stored: bytes | None) -> bytes | None:
    """A stored logo as this app re-encoded it (PNG or JPEG), or None: the deck and workbook then show none."""
    logo = stored_logo(stored) if stored else None
    return logo.data if logo else None


def load_deliverable(questionnaire: Questionnaire, consultant, engagement, round_) -> Deliverable:
    """The round's report and both brandings, in the engagement's language (the client reads it)."""
    return Deliverable(
        questionnaire=questionnaire,
        report=build_round_report(questionnaire, engagement, round_),
        lang=engagement.language,
        firm_name=xml_text(consultant.firm_name or ""),
        firm_logo=clean_data(consultant.firm_logo),
        client_logo=clean_data(engagement.logo),
        made_on=utcnow().date(),
        deck_template=consultant.deck_template,
    )
