"""`_()` and `ngettext()` in templates follow the page's language, also when it is forced mid-request."""

from __future__ import annotations

from flask import render_template_string
from flask_babel import force_locale

PAGE = (
    "{{ _('Next') }} / "
    "{{ ngettext('%(num)d answer is missing or invalid.', '%(num)d answers are missing or invalid.', 2) }}"
)


def test_templates_speak_the_request_language_and_a_forced_one(app):
    with app.test_request_context("/?lang=en"):
        assert render_template_string(PAGE) == "Next / 2 answers are missing or invalid."
        with force_locale("fr"):
            assert render_template_string(PAGE) == "Suivant / 2 réponses sont manquantes ou invalides."
        assert render_template_string(PAGE) == "Next / 2 answers are missing or invalid."
    with app.test_request_context("/?lang=fr"):
        assert render_template_string(PAGE).startswith("Suivant / ")
