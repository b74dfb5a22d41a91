"""The consultant's blueprint: sign-in, engagements, rounds and invites, aggregated reports, exports."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from survey.consultant.sessions import load_consultant
from survey.extensions import login_manager
from survey.web.security import no_store

bp = Blueprint("consultant", __name__)

login_manager.login_view = "consultant.login"
login_manager.login_message = _l("Please sign in to see this page.")
login_manager.login_message_category = "info"


@bp.context_processor
def signed_in_consultant() -> dict:
    """`current_user` in the workspace's templates only (see register_extensions)."""
    return {"current_user": current_user}


login_manager.user_loader(load_consultant)
bp.after_request(no_store)  # the workspace and the invite pages are private: no cache keeps them


from survey.consultant import (  # noqa: E402,F401  (routes register on bp)
    account,
    auth,
    builds,
    deliverables,
    firm,
    reports,
    routes,
)
from survey.consultant.fieldwork import (  # noqa: E402,F401  (routes register on bp)
    invitations,
    invitee_admin,
    invites,
    round_page,
    sender,
)

builds.register_builders(bp)
