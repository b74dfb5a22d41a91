"""Personal links: the link carries a token, the database its SHA-256 (tokens.token_digest) and a seed.

The token is an HMAC of the seed under a key derived from SECRET_KEY (tokens.derivation_key): the worker
can put the same link in a reminder weeks later without the database ever holding the link, and a copy
of the database alone opens no survey. A seed rather than the row's id (as invite links use): 10,000
invitations are inserted in batches, their hashes computed before any id exists.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from survey.store.tokens import TOKEN_BYTES, derivation_key, token_digest

SEED_BYTES = 16
PURPOSE = "invitation"


def new_link_seed() -> str:
    return secrets.token_hex(SEED_BYTES)


def personal_token(secret_key: str, seed: str) -> str:
    digest = hmac.new(derivation_key(secret_key, PURPOSE), seed.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:TOKEN_BYTES]).decode("ascii")


def token_hash(token: str) -> str:
    return token_digest(token)
