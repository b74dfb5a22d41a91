"""The round's editable deliverables (PowerPoint deck, Excel workbook) and the comments chosen for them.
Owner only: another consultant's round is a 404."""

from __future__ import annotations

from itertools import zip_longest

from flask import Response as HttpResponse
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user, login_required

from survey.consultant import bp
from survey.consultant.benchmark_close import benchmark_args, with_benchmark
from survey.consultant.builds import built_or_progress, is_large
from survey.consultant.forms import CommentChoiceForm, ConfirmForm
from survey.documents.deck.build import build_deck
from survey.documents.round.deliverable import load_deliverable
from survey.documents.round.deliverable_cache import cached_document, deliverable_key
from survey.documents.round.report import round_filename
from survey.documents.workbook.build import build_workbook
from survey.domain.fieldwork.curation import COMMENT_FILTERS, MAX_COMMENT_LENGTH, comment_matches
from survey.domain.rounds.aggregate import ANONYMITY_THRESHOLD
from survey.extensions import get_questionnaire
from survey.store.comment_choices import (
    find_round_comment,
    round_comment_list,
    save_comment_choice,
    save_comment_choices,
)
from survey.store.round_data import exported_round, responses_version
from survey.web.access import owned_round
from survey.web.downloads import download_headers
from survey.web.pagination import Page, requested_page

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.get("/engagements/<int:engagement_id>/rounds/<int:number>/report.pptx")
@login_required
def report_pptx(engagement_id: int, number: int):
    engagement, round_ = owned_round(current_user.id, engagement_id, number)
    deliverable = with_benchmark(
        load_deliverable(get_questionnaire(), current_user, engagement, round_), request.args, current_user
    )
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
    deliverable = with_benchmark(
        load_deliverable(get_questionnaire(), current_user, engagement, round_), request.args, current_user
    )
    version = responses_version(round_.id)
    chosen = [c for c in round_comment_list(round_) if c.included]
    picked = [(c.id, c.delivered_text, c.group_label, c.excluded, c.redacted is not None) for c in chosen]
    key, name = deliverable_key("xlsx", deliverable, version, picked), round_filename(engagement, round_, ".xlsx")
    if is_large(version[0]):
        payload = background_payload(engagement_id, number)
        return built_or_progress(key, "xlsx", engagement, round_, payload, XLSX, name)
    with force_locale(deliverable.lang):
        body = cached_document(
            key,
            lambda: build_workbook(
                deliverable, exported_round(deliverable.questionnaire, round_, scored=False), chosen
            ),
        )
    return HttpResponse(body, mimetype=XLSX, headers=download_headers(name))


def background_payload(engagement_id: int, number: int) -> dict:
    """What the job worker needs to build the same file as this request would: the round, its owner and the
    benchmark cell picked on the report page."""
    return {
        "consultant_id": current_user.id,
        "engagement_id": engagement_id,
        "number": number,
        "benchmark": benchmark_args(request.args),
    }


@bp.get("/engagements/<int:engagement_id>/rounds/<int:number>/comments")
@login_required
def comments(engagement_id: int, number: int):
    engagement, round_ = owned_round(current_user.id, engagement_id, number)
    listed = round_comment_list(round_)
    show = request.args.get("show", "all")
    show = show if show in COMMENT_FILTERS else "all"
    counts = {name: sum(comment_matches(c, name) for c in listed) for name in COMMENT_FILTERS}
    # grouped by practice, in the questionnaire's order, then alphabetically: the order says nothing of who wrote
    order = {d.id: i for i, d in enumerate(get_questionnaire().dimensions)}
    shown = sorted(
        (c for c in listed if comment_matches(c, show)), key=lambda c: (order.get(c.dimension_id, 0), c.text.casefold())
    )
    page = Page(requested_page(), len(shown))
    on_page = page.slice(shown)
    by_practice = [(d, [c for c in on_page if c.dimension_id == d.id]) for d in get_questionnaire().dimensions]
    return render_template(
        "consultant/comments.html",
        engagement=engagement,
        round=round_,
        by_practice=[(d, cs) for d, cs in by_practice if cs],
        total=len(listed),
        included=counts["included"],
        counts=counts,
        show=show,
        page=page,
        edited_since=sum(c.edited_since for c in listed),
        threshold=ANONYMITY_THRESHOLD,
    )


@bp.post("/engagements/<int:engagement_id>/rounds/<int:number>/comments/choices")
@login_required
def choose_comments(engagement_id: int, number: int):
    """One save for every comment of the page: ticked ones are included, the others left out; "include
    (exclude) all" applies to every comment of the page. Each keeps the text typed for it."""
    _engagement, round_ = owned_round(current_user.id, engagement_id, number)
    form = ConfirmForm()
    args = {"show": request.form.get("show", "all"), "page": request.form.get("page", type=int) or 1}
    if not form.validate_on_submit():
        abort(400)
    by_id = {c.id: c for c in round_comment_list(round_)}
    # each card posts its comment's id ("shown") and the digest of the words read ("seen"), in page order;
    # without a digest (a post not made from the page) no rewrite is checked, as for one comment's form
    pairs = zip_longest(request.form.getlist("shown", type=int), request.form.getlist("seen"), fillvalue="")
    seen = {i: digest for i, digest in pairs if i in by_id}
    shown = [by_id[i] for i in seen]
    ticked = set(request.form.getlist("include", type=int))
    bulk = request.form.get("bulk")
    texts = {c.id: request.form.get(f"text-{c.id}") for c in shown}
    too_long = [c for c in shown if len(texts[c.id] or "") > MAX_COMMENT_LENGTH]
    if too_long:
        flash(
            ngettext(
                "Nothing saved: the text of %(num)d comment is too long.",
                "Nothing saved: the texts of %(num)d comments are too long.",
                len(too_long),
            ),
            "error",
        )
        return redirect(url_for(".comments", engagement_id=engagement_id, number=number, **args))
    # a comment its author rewrote while the consultant read the page keeps no choice: it is read again first
    rewritten = [c for c in shown if seen[c.id] and seen[c.id] != c.digest]
    decisions = [
        (c, bulk == "include" if bulk in ("include", "exclude") else c.id in ticked, texts[c.id])
        for c in shown
        if c not in rewritten
    ]
    saved = save_comment_choices(decisions)
    flash(
        ngettext("Your choice is saved for %(num)d comment.", "Your choices are saved for %(num)d comments.", saved),
        "info",
    )
    if rewritten:
        message = ngettext(
            "%(num)d comment was just rewritten by its author: nothing saved for it. Read it again, then choose.",
            "%(num)d comments were just rewritten by their authors: nothing saved for them. "
            "Read them again, then choose.",
            len(rewritten),
        )
        flash(message, "error")
    return redirect(url_for(".comments", engagement_id=engagement_id, number=number, **args))


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
