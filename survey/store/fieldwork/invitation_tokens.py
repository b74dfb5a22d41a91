"""Personal links: the link carries a token, the database its SHA-256 (tokens.token_digest) and a seed.

The token is an HMAC of the seed under a key derived from SECRET_KEY (tokens.derivation_key): the worker
can put the same link in a reminder weeks later without the database ever holding the link, and a copy
of the database alone opens no survey. A seed rather than the row's id (as invite links use): 10,000
invitations are inserted in batches, their hashes computed before any id exists.
"""

from __future__ import annotations

import base64
import hmac
import secrets
from collections.abc import Callable

from survey.store.tokens import TOKEN_BYTES, derivation_key, token_digest

SEED_BYTES = 16
PURPOSE = "invitation"


def new_link_seed() -> str:
    return secrets.token_hex(SEED_BYTES)


def personal_token(secret_key: str, seed: str) -> str:
    return personal_tokens(secret_key)(seed)


def personal_tokens(secret_key: str) -> Callable[[str], str]:
    """personal_token for many seeds (the CSV of 100,000 invitees): the key is derived once."""
    key = derivation_key(secret_key, PURPOSE)

    def token(seed: str) -> str:
        return base64.urlsafe_b64encode(hmac.digest(key, seed.encode(), "sha256")[:TOKEN_BYTES]).decode("ascii")

    return token


def token_hash(token: str) -> str:
    return token_digest(token)
