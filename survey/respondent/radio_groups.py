"""A survey question's radio group, rendered once per question and answer and kept on the app."""

from __future__ import annotations

from flask import current_app, get_template_attribute
from markupsafe import Markup

from survey.respondent.forms import QuestionChoices


def question_radio_group(question: QuestionChoices, selected: str | None, error: str | None) -> Markup:
    """A survey question's radio group (the `radio_group` macro). Without an error, the same question and
    answer give the same markup: it is rendered once and kept, which was a third of the survey page's
    rendering. Only valid answers are kept, so that posted values cannot grow the cache."""
    if error or (selected is not None and all(value != selected for value, _ in question.options)):
        return _radio_group(question, selected, error)
    cache = current_app.extensions.setdefault("radio_groups", {})
    key = (question, selected)
    if key not in cache:
        cache[key] = _radio_group(question, selected, None)
    return cache[key]


def _radio_group(question: QuestionChoices, selected: str | None, error: str | None) -> Markup:
    radio_group = get_template_attribute("_macros.html", "radio_group")
    return radio_group(question.id, question.text, question.options, selected, error)
