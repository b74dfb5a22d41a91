"""The consultant's engagement pages: dashboard, create and edit, rounds, responses, erasure. Thin views."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from survey.consultant import bp
from survey.consultant.benchmark_close import add_round_if_agreed
from survey.consultant.forms import ConfirmForm, OpenRoundForm, engagement_form
from survey.documents.logos import stored_logo
from survey.store.engagements import (
    EngagementError,
    GroupChange,
    close_round,
    create_engagement,
    delete_engagement,
    find_round_response,
    groups_with_responses,
    invite_token,
    open_next_round,
    update_engagement,
)
from survey.store.fieldwork.invitee_changes import carried_over_count
from survey.store.fieldwork.progress import round_progress
from survey.store.responses import delete_response
from survey.store.round_data import in_progress, response_count, response_lines, submitted_per_group
from survey.web.access import owned_engagement, owned_round
from survey.web.downloads import logo_response
from survey.web.i18n.benchmark_words import sector_choices, size_choices
from survey.web.i18n.locale import current_language
from survey.web.pagination import Page, requested_page


@bp.get("/engagements")
@login_required
def dashboard():
    engagements = current_user.engagements
    submitted = {e.id: sum(submitted_per_group(e.current_round.id).values()) for e in engagements}
    return render_template("consultant/dashboard.html", engagements=engagements, submitted=submitted)


@bp.route("/engagements/new", methods=["GET", "POST"])
@login_required
def new_engagement():
    form = engagement_form(language=current_language())
    if form.validate_on_submit():
        groups = [(name, profile) for _, name, profile in form.group_rows() if name]
        engagement = create_engagement(
            current_user.id, form.client_name.data, form.language.data, groups, form.checked_logo
        )
        flash(_("Engagement created. Send each group its invite link."), "info")
        return redirect(url_for(".engagement", engagement_id=engagement.id))
    return render_template("consultant/engagement_form.html", form=form, engagement=None), 422 if form.errors else 200


@bp.get("/engagements/<int:engagement_id>")
@login_required
def engagement(engagement_id: int):
    engagement = owned_engagement(current_user.id, engagement_id)
    links = {round_.id: {i.group_id: invite_token(i) for i in round_.invites} for round_ in engagement.rounds}
    rounds = [(r, round_progress(r), links[r.id]) for r in reversed(engagement.rounds)]
    return render_template("consultant/engagement.html", engagement=engagement, rounds=rounds, form=ConfirmForm())


@bp.route("/engagements/<int:engagement_id>/edit", methods=["GET", "POST"])
@login_required
def edit_engagement(engagement_id: int):
    engagement = owned_engagement(current_user.id, engagement_id)
    locked = groups_with_responses(engagement)
    rows = [(g.id, g.name, g.profile) for g in engagement.groups]
    form = engagement_form(rows, client_name=engagement.client_name, language=engagement.language)
    if form.validate_on_submit():
        changes = [GroupChange(group_id, name, profile) for group_id, name, profile in form.group_rows()]
        try:
            update_engagement(
                engagement,
                form.client_name.data,
                form.language.data,
                changes,
                form.checked_logo,
                form.remove_logo.data,
            )
        except EngagementError as error:
            message = _("The group “%(name)s” has responses: it keeps its profile and cannot be removed.")
            form.groups.errors = [message % {"name": str(error)}]
        else:
            flash(_("Changes saved."), "info")
            return redirect(url_for(".engagement", engagement_id=engagement.id))
    return render_template("consultant/engagement_form.html", form=form, engagement=engagement, locked=locked), (
        422 if form.errors or form.groups.errors else 200
    )


@bp.get("/engagements/<int:engagement_id>/logo")
@login_required
def logo(engagement_id: int):
    engagement = owned_engagement(current_user.id, engagement_id)
    logo = stored_logo(engagement.logo) if engagement.logo else None
    if logo is None:
        abort(404)
    return logo_response(logo.data, logo.mime_type)


@bp.route("/engagements/<int:engagement_id>/delete", methods=["GET", "POST"])
@login_required
def delete_engagement_page(engagement_id: int):
    engagement = owned_engagement(current_user.id, engagement_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        name = engagement.client_name
        delete_engagement(engagement)
        flash(_("The engagement “%(name)s” and all its responses have been erased.", name=name), "info")
        return redirect(url_for(".dashboard"))
    submitted = sum(sum(submitted_per_group(r.id).values()) for r in engagement.rounds)
    return render_template("consultant/delete_engagement.html", engagement=engagement, submitted=submitted, form=form)


@bp.route("/engagements/<int:engagement_id>/rounds", methods=["GET", "POST"])
@login_required
def open_round(engagement_id: int):
    """Open round n+1, after a page saying that it closes round n and how many responses that refuses."""
    engagement = owned_engagement(current_user.id, engagement_id)
    form = OpenRoundForm()
    if form.validate_on_submit():
        carry = current_app.config["SECRET_KEY"] if form.carry_invitees.data else None
        new_round = open_next_round(engagement, carry_invitees_with=carry)
        flash(_("Round %(number)d is open, with new invite links.", number=new_round.number), "info")
        return redirect(url_for(".engagement", engagement_id=engagement.id))
    current = engagement.current_round
    return render_template(
        "consultant/confirm_round.html",
        engagement=engagement,
        round=current,
        opening=current.number + 1,
        in_progress=0 if current.is_closed else in_progress(current),
        carried=carried_over_count(current),
        form=form,
    )


@bp.route("/engagements/<int:engagement_id>/rounds/<int:number>/close", methods=["GET", "POST"])
@login_required
def close_round_page(engagement_id: int, number: int):
    """Close a round, after a page saying how many responses still in progress it will refuse."""
    engagement, round_ = owned_round(current_user.id, engagement_id, number)
    form = ConfirmForm()
    if form.validate_on_submit():
        close_round(round_)
        flash(_("Round %(number)d is closed: its links take no new responses.", number=number), "info")
        add_round_if_agreed(engagement, round_)
        return redirect(url_for(".engagement", engagement_id=engagement.id))
    return render_template(
        "consultant/confirm_round.html",
        engagement=engagement,
        round=round_,
        opening=None,
        in_progress=0 if round_.is_closed else in_progress(round_),
        form=form,
        benchmark_sectors=sector_choices(),
        benchmark_sizes=size_choices(),
    )


@bp.get("/engagements/<int:engagement_id>/rounds/<int:number>/responses")
@login_required
def responses(engagement_id: int, number: int):
    engagement, round_ = owned_round(current_user.id, engagement_id, number)
    page = Page(requested_page(), response_count(round_.id))
    lines = response_lines(round_, page.start, page.per_page)
    return render_template("consultant/responses.html", engagement=engagement, round=round_, lines=lines, page=page)


@bp.route("/engagements/<int:engagement_id>/responses/<int:response_id>/delete", methods=["GET", "POST"])
@login_required
def delete_response_page(engagement_id: int, response_id: int):
    engagement = owned_engagement(current_user.id, engagement_id)
    response = find_round_response(engagement, response_id)
    if response is None:
        abort(404)
    round_ = next(r for r in engagement.rounds if r.id == response.round_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        delete_response(response)
        flash(_("The response and all its answers have been erased."), "info")
        return redirect(url_for(".responses", engagement_id=engagement.id, number=round_.number))
    group = next((g for g in engagement.groups if g.id == response.group_id), None)
    return render_template(
        "consultant/delete_response.html",
        engagement=engagement,
        round=round_,
        response=response,
        group=group,
        form=form,
    )
