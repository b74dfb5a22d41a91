"""Consultant accounts and API tokens: creation and checks. No HTTP here; the caller shows errors.

Passwords must pass survey.domain.accounts.passwords (long, not guessable, not the e-mail) and are hashed with
scrypt (werkzeug's default, deliberately slow). API tokens are random (secrets.token_urlsafe(32)) and only
their SHA-256 is stored (survey.store.tokens): a stolen database opens nothing. A password change, like
end_sessions, bumps the account's session version: every session signed in before is over.
"""

from __future__ import annotations

import re
import secrets
from functools import cache

from flask import current_app
from sqlalchemy import delete, select
from werkzeug.security import check_password_hash, generate_password_hash

from survey.domain.accounts.passwords import MAX_PASSWORD_LENGTH, password_problem
from survey.extensions import db
from survey.store.models import ApiToken, Consultant, utcnow
from survey.store.tokens import token_digest

EMAIL_PATTERN = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")
API_TOKEN_BYTES = 32


class AccountError(ValueError):
    """An account that cannot be created or changed; the message says why in one line, `reason` names it
    for the web pages that translate it ("length", "contains_email", "guessable", or "" for the others)."""

    def __init__(self, message: str, reason: str = "") -> None:
        super().__init__(message)
        self.reason = reason


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def create_consultant(email: str, password: str) -> Consultant:
    """Create an account, or raise AccountError (bad e-mail, short password, e-mail taken)."""
    email = normalise_email(email)
    if len(email) > 254 or not EMAIL_PATTERN.match(email):
        raise AccountError(f"{email!r} is not an e-mail address")
    check_password(password, email)
    if db.session.scalar(select(Consultant.id).where(Consultant.email == email)) is not None:
        raise AccountError(f"an account already exists for {email}")
    consultant = Consultant(email=email, password_hash=generate_password_hash(password, method=hash_method()))
    db.session.add(consultant)
    db.session.commit()
    return consultant


def hash_method() -> str:
    return current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")


def check_password(password: str, email: str) -> None:
    """Raise AccountError when `password` is not acceptable for the account `email`."""
    problem = password_problem(password, email)
    if problem is not None:
        raise AccountError(problem.message, problem.reason)


def find_consultant(email: str) -> Consultant | None:
    return db.session.scalar(select(Consultant).where(Consultant.email == normalise_email(email)))


def change_password(consultant: Consultant, password: str) -> None:
    """Set a new password (or raise AccountError) and end every session signed in with the old one."""
    check_password(password, consultant.email)
    consultant.password_hash = generate_password_hash(password, method=hash_method())
    end_sessions(consultant)


def end_sessions(consultant: Consultant) -> None:
    """Sign the account out everywhere: each session cookie names the version it was signed in with."""
    consultant.session_version = (consultant.session_version or 1) + 1
    db.session.commit()


@cache
def _decoy_hash() -> str:
    """A hash checked when the e-mail is unknown, so both failures take the same time."""
    return generate_password_hash(secrets.token_urlsafe(16), method=hash_method())


def authenticate(email: str, password: str) -> Consultant | None:
    """The consultant with this e-mail and password, or None; a wrong e-mail and a wrong password look alike."""
    password = (password or "")[:MAX_PASSWORD_LENGTH]
    consultant = find_consultant(email)
    if consultant is None:
        check_password_hash(_decoy_hash(), password)
        return None
    return consultant if check_password_hash(consultant.password_hash, password) else None


def create_api_token(consultant: Consultant, label: str) -> str:
    """A new API token for `consultant`; the clear token is returned once and never stored."""
    token = secrets.token_urlsafe(API_TOKEN_BYTES)
    db.session.add(ApiToken(consultant_id=consultant.id, token_hash=token_digest(token), label=label.strip()))
    db.session.commit()
    return token


def consultant_for_api_token(token: str) -> Consultant | None:
    """The owner of a valid API token (and the token's last use is recorded), or None."""
    if not token or len(token) > 200:
        return None
    api_token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == token_digest(token)))
    if api_token is None:
        return None
    api_token.last_used_at = utcnow()
    db.session.commit()
    return db.session.get(Consultant, api_token.consultant_id)


def revoke_api_token(consultant: Consultant, token_id: int) -> bool:
    """Delete one of the consultant's tokens; False if it is not theirs (or gone)."""
    result = db.session.execute(
        delete(ApiToken).where(ApiToken.id == token_id, ApiToken.consultant_id == consultant.id)
    )
    db.session.commit()
    return bool(result.rowcount)


def update_deck_template(consultant: Consultant, template: tuple[bytes, str] | None) -> None:
    """The firm's PowerPoint template (checked bytes, file name), or None to go back to the app's own look."""
    consultant.deck_template, consultant.deck_template_name = template if template else (None, None)
    db.session.commit()


def update_firm(consultant: Consultant, name: str | None, logo: tuple[bytes, str] | None, remove_logo: bool) -> None:
    """The firm the consultant's documents carry: its name, and a checked logo (a new one replaces the old)."""
    consultant.firm_name = (name or "").strip() or None
    if logo is not None:
        consultant.firm_logo, consultant.firm_logo_mime = logo
    elif remove_logo:
        consultant.firm_logo, consultant.firm_logo_mime = None, None
    db.session.commit()
