"""A personal link starts one response, once; from then on it opens only in the browser that started it.

Whoever else holds the link (the consultant who downloaded it, a forwarded e-mail) gets nothing of the
invitee's: no answers, no new private link. The browser that started keeps, in a cookie scoped to the link's
path, the response's private token; the invitation keeps a hash of it under a purpose of its own
(`browser_key_hash`), which tells nothing about which response it is without the token itself. The invitee
resumes on another device with their private link, shown on every survey page and, when mail is configured,
sent to their address (an outbox message whose seed is erased with it).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, insert, select, update

from survey.extensions import db
from survey.store.fieldwork.invitation_tokens import new_link_seed
from survey.store.models import Response, utcnow
from survey.store.models.fieldwork import OUT_QUEUED, PRIVATE_LINK_MAIL, STARTED, SUBMITTED, Invitation, OutboxMessage
from survey.store.responses import create_response, find_response
from survey.store.tokens import TOKEN_BYTES, derivation_key, new_token

BROWSER_PURPOSE = "invitation-browser"
PRIVATE_LINK_PURPOSE = "private-link"


def browser_key_hash(secret: str) -> str:
    """What the invitation keeps of the opening browser's secret (a hash of its own, not the response's)."""
    return hashlib.sha256(f"{BROWSER_PURPOSE}:{secret}".encode("utf-8", "replace")).hexdigest()


def opened_elsewhere(invitation: Invitation, browser_secret: str | None) -> bool:
    """The link was opened before, by a browser other than this one."""
    if invitation.browser_key_hash is None:
        return False
    if not browser_secret or len(browser_secret) > 64:
        return True
    return not hmac.compare_digest(browser_key_hash(browser_secret), invitation.browser_key_hash)


def private_link_token(secret_key: str, seed: str) -> str:
    """A private link's token derived from a seed, so that the mail worker can write it in an e-mail later."""
    digest = hmac.new(derivation_key(secret_key, PRIVATE_LINK_PURPOSE), seed.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:TOKEN_BYTES]).decode("ascii")


def pending_submission(invitation: Invitation) -> Response | None:
    """The invitation's response, submitted but not yet separated from it (see settling.py)."""
    return db.session.scalar(
        select(Response).where(Response.invitation_id == invitation.id, Response.submitted_at.is_not(None))
    )


def received_on(invitation: Invitation) -> date | None:
    """The day the invitee's answers were received, or None while they have not submitted."""
    if invitation.submitted_on is not None:
        return invitation.submitted_on
    pending = pending_submission(invitation)
    return pending.submitted_at.date() if pending is not None else None


@dataclass(frozen=True)
class Opened:
    token: str  # the private link's token, also the browser's secret
    new: bool  # a response started now (else the one this browser started before)


def open_here(
    questionnaire, invitation: Invitation, language: str, browser_secret: str | None, mail_secret: str | None = None
) -> Opened | None:
    """The response of this invitation in this browser: the one it started, or a new one if the link was never
    opened (or the response it started was erased). None when another browser opened the link meanwhile.

    `mail_secret` (the app's SECRET_KEY, given when mail is configured) queues an e-mail with the private link.
    """
    if opened_elsewhere(invitation, browser_secret):
        return None
    if browser_secret and invitation.browser_key_hash is not None:
        existing = find_response(browser_secret)
        if existing is not None:
            return Opened(browser_secret, new=False)
    seed = new_link_seed() if mail_secret else None
    token = private_link_token(mail_secret, seed) if seed else new_token()
    before = invitation.browser_key_hash
    unchanged = Invitation.browser_key_hash.is_(None) if before is None else Invitation.browser_key_hash == before
    claimed = db.session.execute(
        update(Invitation)
        .where(Invitation.id == invitation.id, Invitation.status != SUBMITTED, unchanged)
        .values(status=STARTED, browser_key_hash=browser_key_hash(token))
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # another browser (or tab) was first
        db.session.rollback()
        return None
    # An earlier response of this browser, erased since, left the invitation free to start again.
    db.session.execute(delete(OutboxMessage).where(OutboxMessage.invitation_id == invitation.id, _private_mail))
    response = create_response(
        questionnaire,
        invitation.group.profile,
        invitation.group.engagement.client_name,
        language,
        round_id=invitation.round_id,
        group_id=invitation.group_id,
        invitation_id=invitation.id,
        token=token,
        commit=False,
    )
    if seed:
        _queue_private_link(invitation.id, seed)
    db.session.commit()
    return Opened(response.token, new=True)


_private_mail = OutboxMessage.kind == PRIVATE_LINK_MAIL


def _queue_private_link(invitation_id: int, seed: str) -> None:
    now = utcnow()
    db.session.execute(
        insert(OutboxMessage).values(
            invitation_id=invitation_id,
            kind=PRIVATE_LINK_MAIL,
            batch=new_link_seed()[:16],
            status=OUT_QUEUED,
            attempts=0,
            next_attempt_at=now,
            created_at=now,
            link_seed=seed,
        )
    )


def forget_private_link(message: OutboxMessage) -> None:
    """A private-link message leaves no trace once it has had its outcome (sent, failed or skipped): its seed
    and even its time would tie the invitation to the response it started."""
    if message.kind == PRIVATE_LINK_MAIL:
        db.session.execute(delete(OutboxMessage).where(OutboxMessage.id == message.id))
        db.session.commit()
