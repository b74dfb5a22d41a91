"""The versions of a candidate's answers, and what the update after an interview changed, in words.

The response row is the latest version; the earlier ones are snapshots (store/models/spaces.py). Each is
scored by the same code as the report (report.build_view), so a change of verdict here is the report's."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date

from flask_babel import force_locale, ngettext

from survey.documents.respondent.findings_text import verdict_titles
from survey.documents.respondent.report import build_view, series_name, sheet_of
from survey.domain.findings.comparison import version_change
from survey.domain.questionnaire.model import Questionnaire
from survey.domain.questionnaire.scoring import rounded


def _view(questionnaire: Questionnaire, sheet, lang: str, day: date):
    return build_view(questionnaire, sheet, lang, day, series_name(sheet, lang))


def version_history(questionnaire: Questionnaire, response, versions: Sequence, lang: str) -> dict:
    """`versions` (report.json: number, date, verdict, overall; the latest last) and, once an update was
    submitted, `change`: the "don't know"s now answered, the verdict before -> after, the kit questions answered."""
    current = sheet_of(response)
    today = (response.submitted_at or response.updated_at).date()
    sheets = [
        (
            v.number,
            (v.submitted_at or v.created_at).date(),
            dataclasses.replace(current, answers=dict(v.answers), importance=dict(v.importance)),
        )
        for v in versions
    ]
    sheets.append((len(versions) + 1, today, current))
    views = [(number, day, sheet, _view(questionnaire, sheet, lang, day)) for number, day, sheet in sheets]
    with force_locale(lang):
        titles = verdict_titles()
        listed = [
            {
                "number": number,
                "date": day.isoformat(),
                "day": day,  # for the page (dates in the reader's language); not in report.json
                "verdict": view.report.candidate.verdict.id if view.report.candidate else None,
                "verdict_title": titles.get(view.report.candidate.verdict.id) if view.report.candidate else None,
                "overall": rounded(view.report.card.score),
                "submitted": number <= len(versions) or response.submitted_at is not None,
            }
            for number, day, _, view in views
        ]
        change = None
        if len(views) > 1:
            _, _, before_sheet, before = views[-2]
            _, _, after_sheet, after = views[-1]
            found = version_change(before.report, after.report, before_sheet.answers, after_sheet.answers)
            answered = set(found.now_answered)
            change = {
                "now_answered": len(found.now_answered),
                "summary": ngettext(
                    "%(num)d “Don't know” now answered",
                    "%(num)d “Don't know” now answered",
                    len(found.now_answered),
                ),
                "verdict_before": titles.get(found.verdict_before),
                "verdict_after": titles.get(found.verdict_after),
                "verdict_changed": found.verdict_changed,
                "overall_before": rounded(found.overall_before),
                "overall_after": rounded(found.overall_after),
                "kit": [
                    {"text": q["text"], "answered": q["question"] in answered}
                    for q in before.data["interview_questions"]
                    if q["in_kit"]
                ],
            }
    return {"versions": listed, "change": change}
