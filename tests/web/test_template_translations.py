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


IMPORTED_MACRO = '{% from "_macros.html" import default_next_button %}{{ default_next_button() }}'


def test_imported_macros_follow_a_forced_language_too(app):
    """Macros imported without the page's context use the global `_()`: it must see force_locale() as well."""
    with app.test_request_context("/?lang=en"):
        assert ">Next</button>" in render_template_string(IMPORTED_MACRO)
        with force_locale("fr"):
            assert ">Suivant</button>" in render_template_string(IMPORTED_MACRO)
        assert ">Next</button>" in render_template_string(IMPORTED_MACRO)


def test_template_strings_are_formatted_and_escaped_like_jinjas_gettext(app):
    with app.test_request_context("/?lang=en"):
        assert render_template_string("{{ _('100%% listening') }}") == "100% listening"
        shown = render_template_string("{{ _('%(name)s wrote', name=name) }}", name="<b>Ann</b>")
        assert shown == "&lt;b&gt;Ann&lt;/b&gt; wrote"
        counted = render_template_string("{{ ngettext('%(num)d of %(all)d', '%(num)d of %(all)d', 3, num=2, all=9) }}")
        assert counted == "2 of 9"
