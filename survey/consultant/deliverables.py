"""The round's editable deliverables (PowerPoint deck, Excel workbook) and the comments chosen for them.
Owner only: another consultant's round is a 404."""

from __future__ import annotations

from flask import Response as HttpResponse
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from survey.consultant import bp
from survey.consultant.builds import built_or_progress, is_large
from survey.consultant.forms import CommentChoiceForm
from survey.documents.deck.build import build_deck
from survey.documents.round.deliverable import load_deliverable
from survey.documents.round.deliverable_cache import cached_document, deliverable_key
from survey.documents.round.report import round_filename
from survey.documents.workbook.build import build_workbook
from survey.domain.rounds.aggregate import ANONYMITY_THRESHOLD
from survey.extensions import get_questionnaire
from survey.store.comment_choices import find_round_comment, round_comment_list, save_comment_choice
from survey.store.round_data import exported_round, responses_version
from survey.web.access import owned_round
from survey.web.downloads import download_headers

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.get("/engagements/<int:engagement_id>/rounds/<int:number>/report.pptx")
@login_required
def report_pptx(engagement_id: int, number: int):
    engagement, round_ = owned_round(current_user.id, engagement_id, number)
    deliverable = load_deliverable(get_questionnaire(), current_user, engagement, round_)
    key, name = deliverable_key("pptx", deliverable), round_filename(engagement, round_, ".pptx")
    if is_large(responses_version(round_.id)[0]):
        payload = background_payload(engagement_id, number)
        return built_or_progress(key, "pptx", engagement, round_, payload, PPTX, name)
    with force_locale(deliverable.lang):
        body = cached_document(key, lambda: build_deck(deliverable))
    return HttpResponse(body, mimetype=PPTX, headers=download_headers(name))


@bp.get("/engagements/<int:engagement_id>/rounds/<int:number>/report.xlsx")
@login_required
def report_xlsx(engagement_id: int, number: int):
    engagement, round_ = owned_round(current_user.id, engagement_id, number)
    deliverable = load_deliverable(get_questionnaire(), current_user, engagement, round_)
    version = responses_version(round_.id)
    key, name = deliverable_key("xlsx", deliverable, version), round_filename(engagement, round_, ".xlsx")
    if is_large(version[0]):
        payload = background_payload(engagement_id, number)
        return built_or_progress(key, "xlsx", engagement, round_, payload, XLSX, name)
    with force_locale(deliverable.lang):
        body = cached_document(
            key, lambda: build_workbook(deliverable, exported_round(deliverable.questionnaire, round_, scored=False))
        )
    return HttpResponse(body, mimetype=XLSX, headers=download_headers(name))


def background_payload(engagement_id: int, number: int) -> dict:
    return {"consultant_id": current_user.id, "engagement_id": engagement_id, "number": number}


@bp.get("/engagements/<int:engagement_id>/rounds/<int:number>/comments")
@login_required
def comments(engagement_id: int, number: int):
    engagement, round_ = owned_round(current_user.id, engagement_id, number)
    listed = round_comment_list(round_)
    by_practice = [(d, [c for c in listed if c.dimension_id == d.id]) for d in get_questionnaire().dimensions]
    return render_template(
        "consultant/comments.html",
        engagement=engagement,
        round=round_,
        by_practice=[(d, sorted(cs, key=lambda c: c.text.casefold())) for d, cs in by_practice if cs],
        total=len(listed),
        included=sum(c.included for c in listed),
        edited_since=sum(c.edited_since for c in listed),
        threshold=ANONYMITY_THRESHOLD,
    )


@bp.post("/engagements/<int:engagement_id>/rounds/<int:number>/comments/<int:comment_id>")
@login_required
def choose_comment(engagement_id: int, number: int, comment_id: int):
    _engagement, round_ = owned_round(current_user.id, engagement_id, number)
    comment = find_round_comment(round_, comment_id)
    if comment is None:
        abort(404)
    form = CommentChoiceForm()
    if not form.validate_on_submit():
        flash(_("Nothing saved: the comment's text is too long."), "error")
    elif form.seen.data and form.seen.data != comment.digest:  # rewritten while the consultant read it
        flash(_("Nothing saved: the respondent has just rewritten this comment. Read it again, then choose."), "error")
    else:
        save_comment_choice(comment, form.decision.data == "include", form.text.data)
        flash(_("Your choice for this comment is saved."), "info")
    target = url_for(".comments", engagement_id=engagement_id, number=number, _anchor=f"comment-{comment_id}")
    return redirect(target)
