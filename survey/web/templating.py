"""Jinja helpers: questionnaire texts in the page's language, language links."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from babel.numbers import format_decimal
from flask import Flask, current_app, g, request, url_for
from jinja2 import pass_context
from werkzeug.exceptions import HTTPException

from survey.documents.round.progress_words import noise_text, verdict_class, verdict_text
from survey.domain.questionnaire.languages import DEFAULT_LANGUAGE, LANGUAGES
from survey.domain.questionnaire.scoring import shown_decimal
from survey.domain.rounds.aggregate import ANONYMITY_THRESHOLD
from survey.web.assets import plotly_js_url
from survey.web.i18n import template_i18n
from survey.web.i18n.locale import LOCALES, current_language
from survey.web.i18n.number_format import register_number_filters

PATH_PUNCTUATION = "/-._~!$&'()*+,;=:@"  # RFC 3986 pchar and "/", less "%": the path is decoded
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}


def _locale(context):
    return LOCALES.get(context.get("lang") or current_language(), LOCALES[DEFAULT_LANGUAGE])


@pass_context
def score_text(context, value: float | None) -> str:
    """`{{ value | score }}`: one decimal as the page's language writes it ("49.1", "49,1"), a dash for none."""
    if value is None:
        return "—"
    return format_decimal(shown_decimal(value), format="0.0", locale=_locale(context))


@pass_context
def localized(context, text) -> str:
    """`{{ question.text | t }}`: a questionnaire text in the page's language."""
    return "" if text is None else text.get(context.get("lang") or current_language())


def url_in_language(lang: str) -> str:
    """The current page in another language, or the home page where the path only takes a POST."""
    if request.method != "GET" and not _accepts_get(request.path):
        path = url_for("respondent.landing")
    else:
        path = same_site_path()
    return f"{path}?{urlencode({**request.args.to_dict(), 'lang': lang})}"


def same_site_path() -> str:
    """The requested path, written so that a browser reads it as a path of this site whatever it holds (it
    may be any 404): a 404 for /%5Cevil.example/ linked to "/\\evil.example/", which browsers read as
    //evil.example/, another site. Every character but a path's own punctuation is %-escaped (a backslash,
    a control character, a space), and leading slashes are one."""
    return request.script_root + "/" + quote(request.path.lstrip("/"), safe=PATH_PUNCTUATION)


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
    register_number_filters(app)
    app.jinja_env.filters.update(verdict=verdict_text, verdict_class=verdict_class, noise=noise_text)
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
