"""Properties of the findings over random answer sheets, on the shipped questionnaire and on findings.yaml,
in both languages: what a report says always rests on an answer that was given."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from survey import create_app
from survey.documents.respondent.findings_text import findings_data
from survey.domain.findings.report import build_report
from survey.domain.questionnaire.languages import LANGUAGES
from survey.domain.questionnaire.model import DONT_KNOW

BLANK = None
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def babel_app():
    """Flask-Babel for the words; no database is touched."""
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    with app.app_context():
        yield app


@pytest.fixture(scope="module", params=["shipped", "risky"])
def any_questionnaire(request, questionnaire, risky):
    return questionnaire if request.param == "shipped" else risky


@st.composite
def sheets(draw, questionnaire, profiles=("candidate", "executive", "staff")):
    """A profile, answers (a choice, "don't know" or blank per question) and importance ratings."""
    profile = draw(st.sampled_from(profiles))
    answers = {}
    for question_id in questionnaire.applicable_question_ids(profile):
        question = questionnaire.questions_by_id[question_id]
        value = draw(st.sampled_from([*(c.value for c in question.choices), DONT_KNOW, BLANK]))
        if value is not BLANK:
            answers[question_id] = value
    importance = {d.id: draw(st.integers(1, 5)) for d in questionnaire.dimensions}
    return profile, answers, importance


def given_choice(questionnaire, answers, question_id):
    value = answers.get(question_id)
    return questionnaire.questions_by_id[question_id].choices_by_value.get(value)


@SETTINGS
@given(data=st.data(), lang=st.sampled_from(LANGUAGES))
def test_every_red_flag_quotes_a_high_risk_answer_given(babel_app, any_questionnaire, data, lang):
    q = any_questionnaire
    profile, answers, importance = data.draw(sheets(q, ("candidate",)))
    found = findings_data(build_report(q, profile, answers, importance), lang)
    high = {(qid, v) for qid, v in answers.items() if (c := given_choice(q, answers, qid)) and c.risk == "high"}
    flagged = {(flag["question"], flag["choice"]) for flag in found["red_flags"]}
    assert flagged == high  # each high-risk answer once, nothing else; none at all without one
    for flag in found["red_flags"]:
        label = q.questions_by_id[flag["question"]].choices_by_value[flag["choice"]].label.get(lang)
        assert f"“{label}”" in flag["text"] or f"«\u202f{label}\u202f»" in flag["text"]  # French spacing


@SETTINGS
@given(data=st.data(), lang=st.sampled_from(LANGUAGES))
def test_kit_questions_come_from_dont_know_or_risky_practices_and_never_from_an_answer(
    babel_app, any_questionnaire, data, lang
):
    q = any_questionnaire
    profile, answers, importance = data.draw(sheets(q, ("candidate",)))
    report = build_report(q, profile, answers, importance)
    answered = {qid for qid in answers if given_choice(q, answers, qid)}
    answered_texts = {q.questions_by_id[qid].interview.get(lang) for qid in answered}
    by_id = {f.dimension.id: f for f in report.findings}
    asked = findings_data(report, lang)["interview_questions"]
    for item in asked:
        finding = by_id[item["dimension"]]
        if item["source"] == "dont_know":
            assert answers[item["question"]] == DONT_KNOW
        elif item["source"] == "unanswered":
            assert item["question"] not in answers
            assert finding.answers.risk_rank or finding.low_confidence
        elif item["source"] == "verify":  # an answer given, to see for oneself: in the kit only
            assert given_choice(q, answers, item["question"]) is not None and item["in_kit"]
        else:
            assert given_choice(q, answers, item["question"]).risk == "high"
            assert item["text"] in {t.get(lang) for t in finding.dimension.interview_questions}
        assert item["text"] not in answered_texts
        # its reason quotes a question of its own practice, never another practice's
        own = {qq.text_for(profile).get(lang) for qq in finding.dimension.applicable_questions(profile)}
        others = {qq.text_for(profile).get(lang) for qq in q.questions_by_id.values()} - own
        assert any(text in item["because"] for text in own)
        assert not any(text in item["because"] for text in others if len(text) > 12)
    in_kit = [item for item in asked if item["in_kit"]]
    from_sources = [item for item in asked if item["source"] != "verify"]
    to_verify = answered - {item["question"] for item in from_sources}  # answers not already behind a question
    assert len(in_kit) == min(7, max(len(from_sources), min(5, len(from_sources) + len(to_verify))))
    assert [item["rank"] for item in asked] == list(range(1, len(asked) + 1))


@SETTINGS
@given(data=st.data(), lang=st.sampled_from(LANGUAGES))
def test_plan_items_come_from_answers_below_the_top_and_hold_the_weakest_practice(
    babel_app, any_questionnaire, data, lang
):
    q = any_questionnaire
    profile, answers, _ = data.draw(sheets(q, ("executive", "staff")))
    report = build_report(q, profile, answers)
    plan = findings_data(report, lang)["plan"]
    for item in plan:
        question = q.questions_by_id[item["question"]]
        choice = given_choice(q, answers, item["question"])
        assert choice is not None and choice.score < question.max_score
        assert item["action"] == question.improvement.action.get(lang)
    planned = {item["dimension"] for item in plan}
    high = {qid for qid in answers if (c := given_choice(q, answers, qid)) and c.risk == "high"}
    below_top = {qid for qid in answers if (c := given_choice(q, answers, qid)) and c.score < c_max(q, qid)}
    assert high & below_top <= {item["question"] for item in plan}
    scored = [f for f in report.findings if f.score.score is not None]
    improvable = [f for f in scored if any(a.below_top for a in f.answers.given)]
    if improvable:
        lowest = min(f.score.score for f in improvable)
        assert {f.dimension.id for f in improvable if f.score.score == lowest} <= planned
    assert {f.dimension.id for f in report.weaknesses} <= planned  # never contradicts the summary
    two_weakest = sorted(improvable, key=lambda f: f.score.score)[:2]
    risky = {a.question.id for f in two_weakest for a in f.answers.given if a.below_top and a.risk != "none"}
    assert risky <= {item["question"] for item in plan}  # every high- and medium-risk answer of the two weakest
    assert len({item["question"] for item in plan}) == len(plan)  # each action once
    horizons = [item["horizon_days"] for item in plan]
    assert horizons == sorted(horizons)


def c_max(q, question_id):
    return q.questions_by_id[question_id].max_score


@SETTINGS
@given(data=st.data())
def test_candidates_get_no_plan_and_insiders_no_verdict(babel_app, any_questionnaire, data):
    q = any_questionnaire
    profile, answers, importance = data.draw(sheets(q))
    report = build_report(q, profile, answers, importance)
    found = findings_data(report, "en")
    assert not any(f.low_confidence for f in report.strengths)  # a practice on one answer is no strength
    if report.candidate:
        low = {f.dimension.id for f in report.findings if f.low_confidence}
        strengths = [r for r in report.candidate.verdict.reasons if r.kind in {"strength", "strength_that_matters"}]
        assert not any(r.dimension.id in low for r in strengths)
        for f in report.findings:  # a practice that matters, "don't know" to half of it: never past "ask"
            if (importance.get(f.dimension.id) or 0) >= 4 and f.mostly_unknown:
                assert report.candidate.verdict.id in {"ask_before_you_sign", "serious_concerns"}
    if profile == "candidate":
        assert found["plan"] == [] and found["verdict"]["reasons"]
    else:
        assert found["verdict"] is None and found["red_flags"] == found["interview_questions"] == []
    for dimension in found["dimensions"]:
        answered, applicable = dimension["answered"], dimension["applicable"]
        # the page's words: a score on one answer, or on fewer than half the questions, is low confidence
        assert dimension["confidence"] == ("low" if answered <= 1 or answered * 2 < applicable else "sufficient")
