"""Personal links: the link carries a token, the database its SHA-256 and a seed.

The token is HMAC(SECRET_KEY, seed): the worker can put the same link in a reminder weeks later without
the database ever holding the link itself, and a copy of the database alone opens no survey.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

SEED_BYTES = 16
TOKEN_BYTES = 24  # 192 bits


def new_link_seed() -> str:
    return secrets.token_hex(SEED_BYTES)


def personal_token(secret_key: str, seed: str) -> str:
    digest = hmac.new(secret_key.encode(), b"invitation:" + seed.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:TOKEN_BYTES]).decode("ascii")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
