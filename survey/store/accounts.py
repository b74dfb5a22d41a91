"""Consultant accounts and API tokens: creation and checks. No HTTP here; the caller shows errors.

Passwords are hashed with scrypt (werkzeug's default, deliberately slow). API tokens are random
(secrets.token_urlsafe(32)) and only their SHA-256 is stored: a stolen database opens nothing, and
a fast hash is enough for 256 random bits, which no one guesses.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from functools import cache

from sqlalchemy import delete, select
from werkzeug.security import check_password_hash, generate_password_hash

from survey.extensions import db
from survey.store.models import ApiToken, Consultant, utcnow

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024  # scrypt of a huge password would tie up the server
EMAIL_PATTERN = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")
API_TOKEN_BYTES = 32


class AccountError(ValueError):
    """An account that cannot be created; the message says why."""


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def create_consultant(email: str, password: str) -> Consultant:
    """Create an account, or raise AccountError (bad e-mail, short password, e-mail taken)."""
    email = normalise_email(email)
    if len(email) > 254 or not EMAIL_PATTERN.match(email):
        raise AccountError(f"{email!r} is not an e-mail address")
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise AccountError(f"the password must have {MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} characters")
    if db.session.scalar(select(Consultant.id).where(Consultant.email == email)) is not None:
        raise AccountError(f"an account already exists for {email}")
    consultant = Consultant(email=email, password_hash=generate_password_hash(password))
    db.session.add(consultant)
    db.session.commit()
    return consultant


@cache
def _decoy_hash() -> str:
    """A hash checked when the e-mail is unknown, so both failures take the same time."""
    return generate_password_hash(secrets.token_urlsafe(16))


def authenticate(email: str, password: str) -> Consultant | None:
    """The consultant with this e-mail and password, or None; a wrong e-mail and a wrong password look alike."""
    password = (password or "")[:MAX_PASSWORD_LENGTH]
    consultant = db.session.scalar(select(Consultant).where(Consultant.email == normalise_email(email)))
    if consultant is None:
        check_password_hash(_decoy_hash(), password)
        return None
    return consultant if check_password_hash(consultant.password_hash, password) else None


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


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


def update_firm(consultant: Consultant, name: str | None, logo: tuple[bytes, str] | None, remove_logo: bool) -> None:
    """The firm the consultant's documents carry: its name, and a checked logo (a new one replaces the old)."""
    consultant.firm_name = (name or "").strip() or None
    if logo is not None:
        consultant.firm_logo, consultant.firm_logo_mime = logo
    elif remove_logo:
        consultant.firm_logo, consultant.firm_logo_mime = None, None
    db.session.commit()
