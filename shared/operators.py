"""Operators and what they may see: API tokens, unit scopes, sessions of the operator area.

A token is shown once when it is made; the store keeps only its SHA-256, which is also
the document id, so checking a request costs one read and a leaked database holds no
usable token. Pure code: the Firestore adapter stores `Operator` as it is.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from pydantic import BaseModel, Field

from shared import signing
from shared.vocabulary import REGION

TOKEN_PREFIX = "skm_"
SESSION_SECONDS = 8 * 3600  # one working day in the operator area


class Operator(BaseModel):
    email: str
    units: list[str] = Field(default_factory=list)
    bureau: bool = False  # the organisation bureau: every unit and the recap
    token_hash: str
    created_at: datetime | None = None
    revoked_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def may_read(self, unit_id: str) -> bool:
        return self.active and (self.bureau or (unit_id != REGION and unit_id in self.units))


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def bearer_token(authorization: str | None) -> str | None:
    scheme, _, token = (authorization or "").partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token.startswith(TOKEN_PREFIX) and len(token) < 200 else None


# Sessions of the operator area: a cookie `<token hash>.<signature>` (shared.signing). The
# server still looks the operator up on every request, so revoking a token ends its sessions.
def session_cookie(secret: str, hashed: str, now: float | None = None) -> str:
    return f"{hashed}.{signing.sign(secret, signing.SESSION, hashed, now).signature}"


def session_hash(secret: str, cookie: str | None, now: float | None = None) -> str | None:
    """The token hash a valid, unexpired session cookie carries; None otherwise."""
    hashed, _, signature = (cookie or "").partition(".")
    try:
        signing.verify(secret, signing.SESSION, hashed, signature, SESSION_SECONDS, now)
    except signing.Invalid:
        return None
    return hashed


def csrf_token(secret: str, hashed: str, now: float | None = None) -> str:
    """Sent with every form of the operator area; a page on another site cannot know it."""
    return signing.sign(secret, signing.CSRF, hashed, now).signature


def csrf_ok(secret: str, hashed: str, sent: str | None, now: float | None = None) -> bool:
    try:
        signing.verify(secret, signing.CSRF, hashed, sent, SESSION_SECONDS, now)
    except signing.Invalid:
        return False
    return True
