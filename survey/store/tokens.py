"""Private tokens, made, hashed and derived in one place, so that a leaked database opens no link.

- Random tokens (a respondent's private link, an API token): `new_token()` gives the clear token, which
  goes into the URL or to its owner once; only `token_digest(token)` is stored, and a link is found by
  that digest. A plain SHA-256 is enough: unlike a password, a token carries 192 random bits, which no
  one can search through however fast the hash.
- Tokens the consultant must see again (invite links) are not stored at all: `derived_token()` is an
  HMAC of the record's id under a key from the environment, and `derived_id()` checks one and returns
  the id it names. A database without the key cannot rebuild them.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets

TOKEN_BYTES = 24  # 192 bits, well above the 128 the product promises
DERIVED_MAC_CHARS = 32  # 192 bits of the HMAC-SHA256, base64url
# "<id>-<mac>": the id (at most 18 digits, within a 64-bit integer) says which record to check.
DERIVED_TOKEN = re.compile(rf"([1-9][0-9]{{0,17}})-([A-Za-z0-9_-]{{{DERIVED_MAC_CHARS}}})")


def new_token() -> str:
    """An unguessable URL-safe token for a private link."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_digest(token: str) -> str:
    """What the database keeps of a random token (hex SHA-256); any text hashes, even a hostile one."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def derivation_key(secret: str, purpose: str) -> bytes:
    """A key of its own for `purpose`, from a secret (the app's SECRET_KEY when no dedicated key is set)."""
    return hmac.new(secret.encode("utf-8"), f"readiness-scorecard {purpose} tokens".encode(), "sha256").digest()


def derived_token(key: bytes, purpose: str, record_id: int) -> str:
    """The token of record `record_id`: always the same for the same key, never stored."""
    mac = hmac.new(key, f"{purpose}:{record_id}".encode(), hashlib.sha256).digest()
    return f"{record_id}-{base64.urlsafe_b64encode(mac).decode('ascii')[:DERIVED_MAC_CHARS]}"


def derived_id(key: bytes, purpose: str, token: str) -> int | None:
    """The record id a derived token names, or None when it is not one (compared in constant time)."""
    match = DERIVED_TOKEN.fullmatch(token)
    if match is None:
        return None
    record_id = int(match[1])
    return record_id if hmac.compare_digest(derived_token(key, purpose, record_id), token) else None
