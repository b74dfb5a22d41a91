"""The consultant's blueprint: sign-in, engagements, rounds and invites, aggregated reports, exports."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from survey.extensions import db, login_manager
from survey.store.models import Consultant

bp = Blueprint("consultant", __name__)

login_manager.login_view = "consultant.login"
login_manager.login_message = _l("Please sign in to see this page.")
login_manager.login_message_category = "info"


@bp.context_processor
def signed_in_consultant() -> dict:
    """`current_user` in the workspace's templates only (see register_extensions)."""
    return {"current_user": current_user}


@login_manager.user_loader
def load_consultant(user_id: str) -> Consultant | None:
    return db.session.get(Consultant, int(user_id)) if user_id.isdigit() else None


from survey.consultant import account, auth, deliverables, invites, reports, routes  # noqa: E402,F401  (routes register on bp)
