"""Jinja helpers: questionnaire texts in the page's language, language links."""

from __future__ import annotations

from urllib.parse import urlencode

from babel.numbers import format_decimal
from flask import Flask, current_app, g, request, url_for
from jinja2 import pass_context
from werkzeug.exceptions import HTTPException

from survey.domain.aggregate import ANONYMITY_THRESHOLD
from survey.domain.languages import DEFAULT_LANGUAGE, LANGUAGES
from survey.web import template_i18n
from survey.web.assets import plotly_js_url
from survey.web.locale import LOCALES, current_language

LANGUAGE_NAMES = {"en": "English", "fr": "Français"}


def _locale(context):
    return LOCALES.get(context.get("lang") or current_language(), LOCALES[DEFAULT_LANGUAGE])


@pass_context
def score_text(context, value: float | None) -> str:
    """`{{ value | score }}`: one decimal as the page's language writes it ("49.1", "49,1"), a dash for none."""
    if value is None:
        return "—"
    return format_decimal(value, format="0.0", locale=_locale(context))


@pass_context
def signed_score_text(context, value: float | None) -> str:
    """`{{ change | signed_score }}`: a change of score with its sign ("+3.2", "−3,2"), "0.0" for none."""
    if value is None:
        return "—"
    if round(value, 1) == 0:
        return format_decimal(0, format="0.0", locale=_locale(context))
    return format_decimal(value, format="+0.0;\u22120.0", locale=_locale(context))


@pass_context
def localized(context, text) -> str:
    """`{{ question.text | t }}`: a questionnaire text in the page's language."""
    return "" if text is None else text.get(context.get("lang") or current_language())


def url_in_language(lang: str) -> str:
    """The current page in another language, or the home page where the path only takes a POST."""
    path = request.path
    if request.method != "GET" and not _accepts_get(path):
        path = url_for("respondent.landing")
    return f"{path}?{urlencode({**request.args.to_dict(), 'lang': lang})}"


def _accepts_get(path: str) -> bool:
    try:
        current_app.url_map.bind("localhost").match(path, method="GET")
    except HTTPException:
        return False
    return True


def register_template_helpers(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.filters["t"] = localized
    app.jinja_env.filters["score"] = score_text
    app.jinja_env.filters["signed_score"] = signed_score_text
    app.jinja_env.globals["anonymity_threshold"] = ANONYMITY_THRESHOLD
    template_i18n.install(app.jinja_env)  # in place of Flask-Babel's, which look the catalog up for each string
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    @app.context_processor
    def page_context() -> dict:
        return {
            **template_i18n.render_context(),
            "lang": current_language(),
            "languages": LANGUAGES,
            "language_names": LANGUAGE_NAMES,
            "url_in_language": url_in_language,
            "questionnaire": app.extensions["questionnaire"],
            "response": g.get("response"),
            "plotly_js_url": plotly_js_url,
        }
