"""A large round's deck, workbook and PDF, built in the background (store/queues/jobs.py, web/jobs.py).

Below JOBS_MIN_RESPONSES responses a round's documents are built in the request, as fast as a page. From
there, a download first looks for the file in the database (shared by every instance); if it is not there,
it asks for its build (once per document version, whatever the number of requests) and answers at once
with a page that reloads itself every few seconds (no script needed) until the file is served.
"""

from __future__ import annotations

from flask import Blueprint, current_app, render_template
from flask import Response as HttpResponse
from flask_babel import force_locale

from survey.consultant.benchmark_close import with_benchmark
from survey.documents.deck.build import build_deck
from survey.documents.pdf.renderer import render_pdf
from survey.documents.round.deliverable import load_deliverable
from survey.documents.workbook.build import build_workbook
from survey.extensions import db, get_questionnaire
from survey.store.comment_choices import round_comment_list
from survey.store.documents import cached_content
from survey.store.models import Consultant
from survey.store.models.jobs import JOB_FAILED
from survey.store.queues.jobs import request_build
from survey.store.round_data import exported_round
from survey.web.access import owned_round
from survey.web.downloads import download_headers

REFRESH_SECONDS = 3


def is_large(response_count: int) -> bool:
    return response_count >= int(current_app.config["JOBS_MIN_RESPONSES"])


def built_or_progress(key, kind, engagement, round_, payload: dict, mimetype: str, name: str, inline=False):
    """The stored file if it is built, else a progress page that reloads itself (its build asked for once)."""
    content = cached_content(key)
    if content is not None:
        return HttpResponse(content, mimetype=mimetype, headers=download_headers(name, inline=inline))
    state = request_build(key, kind, round_.id, payload)
    failed = state.status == JOB_FAILED
    page = render_template(
        "consultant/building.html",
        engagement=engagement,
        round=round_,
        kind=kind,
        state=state,
        refresh=None if failed else REFRESH_SECONDS,
    )
    return HttpResponse(page, status=500 if failed else 202)


def build_deliverable(kind: str, payload: dict) -> tuple[bytes, str]:
    consultant = db.session.get(Consultant, payload["consultant_id"])
    engagement, round_ = owned_round(consultant.id, payload["engagement_id"], payload["number"])
    deliverable = load_deliverable(get_questionnaire(), consultant, engagement, round_)
    deliverable = with_benchmark(deliverable, payload.get("benchmark", {}), consultant)
    with force_locale(deliverable.lang):
        if kind == "pptx":
            return build_deck(deliverable), deliverable.lang
        chosen = [c for c in round_comment_list(round_) if c.included]  # as the download's (deliverables.py)
        return build_workbook(
            deliverable, exported_round(deliverable.questionnaire, round_, scored=False), chosen
        ), deliverable.lang


def build_round_pdf(payload: dict) -> tuple[bytes, str]:
    return render_pdf(payload["html"], current_app.static_folder), payload["lang"]


BUILDERS = {
    "pptx": lambda payload: build_deliverable("pptx", payload),
    "xlsx": lambda payload: build_deliverable("xlsx", payload),
    "pdf": build_round_pdf,
}


def register_builders(bp: Blueprint) -> None:
    """The job worker (web/jobs.py) finds the builders by kind in app.extensions."""
    bp.record_once(lambda state: state.app.extensions.setdefault("job_builders", {}).update(BUILDERS))
