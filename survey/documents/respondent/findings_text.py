"""The findings in words: one structure that the web report, the PDF and report.json all render.

The domain (survey/domain/findings/report.py) decides what a report says and which answer each finding rests
on; this module puts it into sentences in the reader's language, quoting the answers. Field names are
those of the JSON (see survey/api/openapi.py): the pages read the same keys.
"""

from __future__ import annotations

from flask_babel import force_locale, format_decimal, gettext, ngettext
from flask_babel import lazy_gettext as _l

from survey.documents.charts.radar import format_score
from survey.domain.findings import candidate as cf
from survey.domain.findings.given_answers import GivenAnswer
from survey.domain.findings.improvement_plan import PlanItem
from survey.domain.findings.interview_kit import DONT_KNOW_SOURCE, UNANSWERED_SOURCE, VERIFY_SOURCE, KitQuestion
from survey.domain.findings.priorities import Priority
from survey.domain.findings.report import Report
from survey.domain.questionnaire.model import CANDIDATE
from survey.domain.questionnaire.scoring import rounded


def verdict_titles() -> dict[str, str]:
    return {
        cf.STRONG_FIT: gettext("Strong fit"),
        cf.GOOD_FIT: gettext("Good fit, with room to grow"),
        cf.ASK_BEFORE_YOU_SIGN: gettext("Ask before you sign"),
        cf.SERIOUS_CONCERNS: gettext("Serious concerns"),
        cf.NOT_ENOUGH_INFORMATION: gettext("Not enough information"),
    }


def findings_data(report: Report, lang: str) -> dict:
    """Everything the report says, as JSON-ready data in `lang` (the pages render it, report.json returns it)."""
    with force_locale(lang):
        return _findings_data(report, lang)


def _findings_data(report: Report, lang: str) -> dict:
    profile = report.profile
    candidate = report.candidate
    data = {
        "profile": profile,
        "overall": {"score": rounded(report.card.score), "level": report.card.level},
        "dimensions": [
            {
                "id": f.dimension.id,
                "title": f.dimension.title.get(lang),
                "score": rounded(f.score.score),
                "level": f.score.level,
                "answered": f.score.answered,
                "applicable": f.score.applicable,
                "dont_know": f.dont_know_count,
                "confidence": f.confidence,
            }
            for f in report.findings
        ],
        "verdict": None,
        "red_flags": [],
        "interview_questions": [],
        "negotiate": [],
        "for_you": [],
        "plan": [],
        "priorities": [],
    }
    if candidate is not None:
        data["verdict"] = {
            "id": candidate.verdict.id,
            "title": verdict_titles()[candidate.verdict.id],
            "reasons": [reason_text(reason, lang) for reason in candidate.verdict.reasons],
            # the 10-minute version's verdict says what it rests on
            "basis": (
                gettext("From %(num)s questions: confirm at interview.", num=format_decimal(report.applicable_count))
                if report.quick
                else None
            ),
        }
        data["red_flags"] = [
            {
                **_quoted(flag.answer, profile, lang),
                "text": gettext("You answered “%(answer)s”.", answer=flag.answer.choice.label.get(lang))
                + " "
                + flag.why.get(lang),
            }
            for flag in candidate.red_flags
        ]
        kit = set(id(item) for item in candidate.kit.questions)
        data["interview_questions"] = [
            _kit_question(item, id(item) in kit, profile, lang) for item in candidate.kit.all
        ]
        data["negotiate"] = [
            {**_quoted(point.answer, profile, lang), "text": point.text.get(lang)} for point in candidate.negotiate
        ]
        data["for_you"] = [
            {
                "dimension": f.dimension.id,
                "title": f.dimension.title.get(lang),
                "text": f.dimension.for_candidate.get(lang),
            }
            for f in candidate.for_you
        ]
    if report.plan is not None:
        data["plan"] = [_plan_item(item, report, lang) for item in report.plan.items]
        data["priorities"] = [_priority(priority, report, lang) for priority in report.priorities]
    return data


def _quoted(answer: GivenAnswer, profile: str, lang: str) -> dict:
    """Where a finding comes from: the practice, the question and the answer given, ids and words."""
    return {
        "dimension": answer.dimension.id,
        "dimension_title": answer.dimension.title.get(lang),
        "question": answer.question.id,
        "choice": answer.choice.value,
        "question_text": answer.question.text_for(profile).get(lang),
        "answer": answer.choice.label.get(lang),
    }


def _kit_question(item: KitQuestion, in_kit: bool, profile: str, lang: str) -> dict:
    listen_for = item.question.listen_for
    return {
        "dimension": item.dimension.id,
        "question": item.question.id,
        "text": kit_text(item, lang),
        "rank": item.rank,
        "source": item.source,
        "in_kit": in_kit,
        "dimension_title": item.dimension.title.get(lang),
        "because": kit_because(item, profile, lang),
        "listen_for": (
            {"good": listen_for.good.get(lang), "warning": listen_for.warning.get(lang)} if listen_for else None
        ),
    }


def kit_text(item: KitQuestion, lang: str) -> str:
    """The question to ask; a verify question asks to see what the candidate was told."""
    if item.source == VERIFY_SOURCE:
        return gettext("You were told “%(answer)s”: ask to see it.", answer=item.answer.choice.label.get(lang))
    return item.text.get(lang)


def kit_because(item: KitQuestion, profile: str, lang: str) -> str:
    """Why the question is in the kit, quoting a question of its own practice (and the answer given to it)."""
    question = item.question.text_for(profile).get(lang)
    if item.source == DONT_KNOW_SOURCE:
        return gettext("You answered “Don’t know” to “%(question)s”.", question=question)
    if item.source == UNANSWERED_SOURCE:
        return gettext("You did not answer “%(question)s”.", question=question)
    return gettext(
        "You answered “%(answer)s” to “%(question)s”.", answer=item.answer.choice.label.get(lang), question=question
    )


def _plan_item(item: PlanItem, report: Report, lang: str) -> dict:
    improvement = item.improvement
    owner = report.questionnaire.owner(improvement.owner)
    return {
        **_quoted(item.answer, report.profile, lang),
        "action": improvement.action.get(lang),
        "owner": improvement.owner,
        "owner_name": owner.name.get(lang),
        "effort": improvement.effort,
        "horizon_days": improvement.horizon_days,
        "risk": item.answer.risk,
        "quick_win": item.quick_win,
    }


def gain_text(priority: Priority, lang: str) -> str:
    """What a priority brings ("+12.5 points on Reactivity, +1.4 overall"), numbers in the current locale."""
    return gettext(
        "+%(points)s points on %(practice)s, +%(overall)s overall",
        points=format_decimal(round(priority.gain_points, 1), format="#,##0.0"),
        practice=priority.item.answer.dimension.title.get(lang),
        overall=format_decimal(round(priority.gain_overall, 1), format="#,##0.0"),
    )


def _priority(priority: Priority, report: Report, lang: str) -> dict:
    """A top item of the plan and what it brings: "+12.5 points on Reactivity, +1.4 overall"."""
    item = priority.item
    improvement = item.improvement
    gain_points, gain_overall = round(priority.gain_points, 1), round(priority.gain_overall, 1)
    return {
        "question": item.answer.question.id,
        "dimension": item.answer.dimension.id,
        "dimension_title": item.answer.dimension.title.get(lang),
        "action": improvement.action.get(lang),
        "owner": improvement.owner,
        "owner_name": report.questionnaire.owner(improvement.owner).name.get(lang),
        "effort": improvement.effort,
        "horizon_days": improvement.horizon_days,
        "quick_win": item.quick_win,
        "gain_points": gain_points,
        "gain_overall": gain_overall,
        "gain_text": gain_text(priority, lang),
        "because": gettext(
            "You answered “%(answer)s” to “%(question)s”.",
            answer=item.answer.choice.label.get(lang),
            question=item.answer.question.text_for(report.profile).get(lang),
        ),
    }


# How each kind of reason is worded; %-placeholders are filled from the reason (see reason_text).
REASON_TEXTS = {
    cf.RISK_THAT_MATTERS: _l("You rated %(practice)s %(importance)d/5 and answered “%(answer)s”."),
    cf.UNKNOWN_THAT_MATTERS: _l(
        "You rated %(practice)s %(importance)d/5 but could answer only %(answered)d of its %(applicable)d questions."
    ),
    (cf.DONT_KNOW_THAT_MATTERS, 1): _l(
        "You rated %(practice)s %(importance)d/5 and do not know the answer to “%(question)s”: ask before you sign."
    ),
    cf.DONT_KNOW_THAT_MATTERS: _l(
        "You rated %(practice)s %(importance)d/5 and do not know the answer to %(dont_know)d of its %(applicable)d "
        "questions, starting with “%(question)s”: ask before you sign."
    ),
    (cf.UNKNOWN_THAT_MATTERS, 0): _l(
        "You rated %(practice)s %(importance)d/5 but could answer none of its %(applicable)d questions."
    ),
    cf.RISK: _l("%(practice)s: you answered “%(answer)s”."),
    cf.STRENGTH_THAT_MATTERS: _l(
        "You rated %(practice)s %(importance)d/5 and it looks sound: you answered “%(answer)s”."
    ),
    cf.WEAK_PRACTICE: _l("%(practice)s scores %(score)s: you answered “%(answer)s”."),
    (cf.WEAK_PRACTICE, "low"): _l(
        "%(practice)s scores %(score)s on %(answered)d of its %(applicable)d questions, a low-confidence score: "
        "you answered “%(answer)s”."
    ),
    cf.STRENGTH: _l("%(practice)s looks sound: you answered “%(answer)s”."),
    cf.ALL_UNKNOWN: _l(
        "None of your answers could be scored (%(dont_know)d “Don’t know” out of %(applicable)d questions)."
    ),
}


def reason_text(reason: cf.Reason, lang: str) -> str:
    """One reason behind the verdict, as a sentence that quotes the answer or the rating it rests on."""
    if reason.kind == cf.NO_HIGH_RISK:
        return ngettext(
            "Your only answer points to no high risk.",
            "None of your %(num)d answers points to a high risk.",
            reason.count,
        )
    values = {
        "practice": reason.dimension.title.get(lang) if reason.dimension else "",
        "importance": reason.importance or 0,
        "answer": reason.answer.choice.label.get(lang) if reason.answer else "",
        "score": format_score(reason.score, lang) if reason.score is not None else "",
        "answered": reason.count,
        "dont_know": reason.count,
        "applicable": reason.of,
        "question": reason.question.text_for(CANDIDATE).get(lang) if reason.question else "",
    }
    variant = "low" if reason.low_confidence else reason.count
    text = REASON_TEXTS.get((reason.kind, variant)) or REASON_TEXTS[reason.kind]
    return str(text) % values
