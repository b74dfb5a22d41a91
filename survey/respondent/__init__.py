"""The respondent's blueprint: landing page, private survey pages, review, report, erasure."""

from flask import Blueprint

bp = Blueprint("respondent", __name__)

from survey.respondent import (  # noqa: E402,F401  (routes register themselves on bp)
    benchmark_routes,
    report_routes,
    routes,
    space_routes,
    team_routes,
)
from survey.respondent.radio_groups import question_radio_group  # noqa: E402

bp.add_app_template_global(question_radio_group)
