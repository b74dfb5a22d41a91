"""One invitee of a round: move them to another group before they start, or remove them before they submit
(their personal link stops; a response in progress is erased, after a page that says so)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from survey.consultant import bp
from survey.consultant.fieldwork.round_page import round_page_url
from survey.consultant.forms import ConfirmForm
from survey.store.fieldwork.group_links import group_link_answers, group_link_open
from survey.store.fieldwork.invitee_changes import (
    NOT_STARTED,
    has_submitted,
    move_invitation,
    remove_invitation,
    response_of,
    round_invitation,
)
from survey.web.access import owned_round

INVITEE = "/engagements/<int:engagement_id>/rounds/<int:number>/invitees/<int:invitation_id>"


def owned_invitation(engagement_id: int, number: int, invitation_id: int):
    engagement, round_ = owned_round(current_user.id, engagement_id, number)
    invitation = round_invitation(round_.id, invitation_id)
    if invitation is None:
        abort(404)
    return engagement, round_, invitation


def move_targets(engagement, round_, invitation) -> list:
    """The groups an invitee may move to: the others, except one whose open group link has answers (its first
    invitation goes through the page that asks before closing that link)."""
    return [
        group
        for group in engagement.groups
        if group.id != invitation.group_id
        and not (group_link_open(round_.id, group.id) and group_link_answers(round_.id, group.id).any)
    ]


@bp.get(INVITEE)
@login_required
def invitee(engagement_id: int, number: int, invitation_id: int):
    engagement, round_, invitation = owned_invitation(engagement_id, number, invitation_id)
    return render_template(
        "consultant/invitee.html",
        engagement=engagement,
        round=round_,
        invitation=invitation,
        group=next(group for group in engagement.groups if group.id == invitation.group_id),
        movable=not round_.is_closed and invitation.status in NOT_STARTED,
        targets=move_targets(engagement, round_, invitation),
        removable=not round_.is_closed and not has_submitted(invitation),
        form=ConfirmForm(),
    )


@bp.post(INVITEE + "/move")
@login_required
def move_invitee(engagement_id: int, number: int, invitation_id: int):
    engagement, round_, invitation = owned_invitation(engagement_id, number, invitation_id)
    targets = {group.id: group for group in move_targets(engagement, round_, invitation)}
    group_id = request.form.get("group", type=int)
    if not ConfirmForm().validate_on_submit() or round_.is_closed or group_id not in targets:
        abort(400)
    address = invitation.address
    if move_invitation(invitation, group_id):
        flash(_("%(address)s now answers in “%(group)s”.", address=address, group=targets[group_id].name), "info")
    else:
        flash(_("%(address)s has started answering: they stay in their group.", address=address), "error")
    return redirect(round_page_url(engagement, round_))


@bp.route(INVITEE + "/remove", methods=["GET", "POST"])
@login_required
def remove_invitee(engagement_id: int, number: int, invitation_id: int):
    engagement, round_, invitation = owned_invitation(engagement_id, number, invitation_id)
    if round_.is_closed or has_submitted(invitation):
        flash(_("An invitee who has submitted, or of a closed round, cannot be removed."), "error")
        return redirect(round_page_url(engagement, round_))
    form = ConfirmForm()
    if form.validate_on_submit():
        address = invitation.address
        if remove_invitation(invitation):
            flash(_("%(address)s was removed: their personal link no longer works.", address=address), "info")
        else:
            flash(_("%(address)s has submitted meanwhile: they stay.", address=address), "error")
        return redirect(round_page_url(engagement, round_))
    return render_template(
        "consultant/remove_invitee.html",
        engagement=engagement,
        round=round_,
        invitation=invitation,
        group=next(group for group in engagement.groups if group.id == invitation.group_id),
        in_progress=response_of(invitation) is not None,
        form=form,
    )
