"""Answer sheets: the JSON exchanged by `flask score`, `answers.json`, the report CLI and the API.

    {"profile": "candidate", "organisation": "optional name",
     "quick": true,                                  (optional: the candidate's 10-minute version)
     "answers": {"<question id>": "<choice value>" or "dont_know"},
     "importance": {"<dimension id>": 1-5},          (optional, candidates)
     "comments": {"<dimension id>": "free text"}}    (optional)

Pure domain code. A bad sheet raises AnswerSheetError naming the culprit in one line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from survey.domain.questionnaire.model import CANDIDATE, DONT_KNOW, Questionnaire

KNOWN_KEYS = ("profile", "organisation", "quick", "answers", "importance", "comments")
IMPORTANCE_RANGE = range(1, 6)
MAX_COMMENT_LENGTH = 2000
MAX_DEPTH = 10  # a list of sheets: list > sheet > answers
MAX_NUMBER_DIGITS = 30


class AnswerSheetError(ValueError):
    """An answer sheet that cannot be scored; the message names the culprit."""


@dataclass(frozen=True)
class AnswerSheet:
    profile: str
    answers: dict[str, str]
    organisation: str | None = None
    importance: dict[str, int] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)
    quick: bool = False  # the candidate's 10-minute version: only the quick questions were asked

    def scored_on(self, questionnaire: Questionnaire) -> Questionnaire:
        """The questions this sheet was asked: the 10-minute version's, or all of them."""
        return questionnaire.ten_minute_version if self.quick else questionnaire

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"profile": self.profile, "organisation": self.organisation, "answers": self.answers}
        if self.quick:
            data["quick"] = True
        if self.importance:
            data["importance"] = self.importance
        if self.comments:
            data["comments"] = self.comments
        return data


def load_sheets(text: str) -> tuple[list[Any], bool]:
    """Decode JSON holding one sheet or a list; returns (raw sheets, was_a_list).

    Bounded, since the API decodes whatever it is sent: a sheet nests three levels deep and holds no
    number longer than a 1-5 rating, so a body nested MAX_DEPTH levels or a number of MAX_NUMBER_DIGITS
    digits is refused before it costs a deep recursion or a quadratic conversion to int."""
    try:
        data = json.loads(text, parse_int=_bounded_number(int), parse_float=_bounded_number(float))
    except json.JSONDecodeError as error:
        raise AnswerSheetError(f"malformed JSON at line {error.lineno}, column {error.colno}: {error.msg}") from None
    except RecursionError:
        raise AnswerSheetError(f"the JSON is nested more than {MAX_DEPTH} levels deep") from None
    if _deeper_than(data, MAX_DEPTH):
        raise AnswerSheetError(f"the JSON is nested more than {MAX_DEPTH} levels deep")
    if isinstance(data, list):
        return data, True
    return [data], False


def _bounded_number(convert):
    def parse(text: str):
        if len(text) > MAX_NUMBER_DIGITS:
            raise AnswerSheetError(f"a number in the JSON is longer than {MAX_NUMBER_DIGITS} characters")
        return convert(text)

    return parse


def _deeper_than(data: Any, limit: int) -> bool:
    """Whether lists and objects nest more than `limit` levels (walked without recursion)."""
    pending = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict | list):
            if depth > limit:
                return True
            children = value.values() if isinstance(value, dict) else value
            pending.extend((child, depth + 1) for child in children)
    return False


def parse_sheet(questionnaire: Questionnaire, data: Any, where: str = "") -> AnswerSheet:
    """Check a decoded sheet against the questionnaire; raise AnswerSheetError on the first problem."""
    prefix = f"{where}: " if where else ""

    def fail(message: str) -> AnswerSheetError:
        return AnswerSheetError(prefix + message)

    if not isinstance(data, dict):
        raise fail("an answer sheet must be a JSON object")
    unknown = [key for key in data if key not in KNOWN_KEYS]
    if unknown:
        raise fail(f"unknown key '{unknown[0]}'")
    profile = data.get("profile")
    if profile not in questionnaire.profile_ids:
        raise fail(f"unknown profile {json.dumps(profile)} (expected one of {', '.join(questionnaire.profile_ids)})")
    organisation = data.get("organisation")
    if organisation is not None and not isinstance(organisation, str):
        raise fail("'organisation' must be a string")
    quick = data.get("quick", False)
    if not isinstance(quick, bool):
        raise fail("'quick' must be true or false")
    if quick and profile != CANDIDATE:
        raise fail(f"the 10-minute version ('quick') is for profile '{CANDIDATE}' only")
    answers = data.get("answers", {})
    if not isinstance(answers, dict):
        raise fail("'answers' must be an object of question id -> choice value")
    for question_id, value in answers.items():
        question = questionnaire.questions_by_id.get(question_id)
        if question is None:
            raise fail(f"unknown question id '{question_id}'")
        if not question.applies_to(profile):
            raise fail(f"question '{question_id}' does not apply to profile '{profile}'")
        if quick and not question.quick:
            raise fail(f"question '{question_id}' is not in the 10-minute version")
        if value != DONT_KNOW and (not isinstance(value, str) or value not in question.choices_by_value):
            raise fail(f"unknown choice {json.dumps(value)} for question '{question_id}'")
    importance = _dimension_map(questionnaire, data.get("importance", {}), "importance", fail)
    for dimension_id, value in importance.items():
        if not isinstance(value, int) or isinstance(value, bool) or value not in IMPORTANCE_RANGE:
            raise fail(f"importance of '{dimension_id}' must be an integer from 1 to 5")
    comments = _dimension_map(questionnaire, data.get("comments", {}), "comments", fail)
    for dimension_id, value in comments.items():
        if not isinstance(value, str) or len(value) > MAX_COMMENT_LENGTH:
            raise fail(f"comment on '{dimension_id}' must be a string of at most {MAX_COMMENT_LENGTH} characters")
    return AnswerSheet(profile, dict(answers), organisation, dict(importance), dict(comments), quick)


def _dimension_map(questionnaire: Questionnaire, value: Any, key: str, fail) -> dict:
    if not isinstance(value, dict):
        raise fail(f"'{key}' must be an object of dimension id -> value")
    known = {d.id for d in questionnaire.dimensions}
    for dimension_id in value:
        if dimension_id not in known:
            raise fail(f"unknown dimension id '{dimension_id}' in '{key}'")
    return value
