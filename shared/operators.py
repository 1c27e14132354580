"""Operators and what they may see: API tokens, unit scopes, sessions of the operator area.

A token is shown once when it is made; the store keeps only its SHA-256, which is also
the document id, so checking a request costs one read and a leaked database holds no
usable token. Pure code: the Firestore adapter stores `Operator` as it is.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from datetime import datetime

from pydantic import BaseModel, Field

from shared.links import same_secret

TOKEN_PREFIX = "skm_"
ALL_UNITS = "*"  # the region-wide rows and the bureau recap
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
        return self.active and (self.bureau or (unit_id != ALL_UNITS and unit_id in self.units))


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def bearer_token(authorization: str | None) -> str | None:
    scheme, _, token = (authorization or "").partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token.startswith(TOKEN_PREFIX) and len(token) < 200 else None


# Sessions of the operator area: a cookie `<token hash>.<expiry>.<hmac>`. The server
# still looks the operator up on every request, so revoking a token ends its sessions.
def session_cookie(secret: str, hashed: str, now: float | None = None) -> str:
    expires = int((time.time() if now is None else now) + SESSION_SECONDS)
    return f"{hashed}.{expires}.{_mac(secret, 'session', hashed, str(expires))}"


def session_hash(secret: str, cookie: str | None, now: float | None = None) -> str | None:
    """The token hash a valid, unexpired session cookie carries; None otherwise."""
    parts = (cookie or "").split(".")
    if len(parts) != 3 or not parts[1].isascii() or not parts[1].isdigit():
        return None
    hashed, expires, mac = parts
    if not same_secret(_mac(secret, "session", hashed, expires), mac):
        return None
    return hashed if int(expires) >= (time.time() if now is None else now) else None


def csrf_token(secret: str, hashed: str) -> str:
    """Sent with every form of the operator area; a page on another site cannot know it."""
    return _mac(secret, "csrf", hashed)


def csrf_ok(secret: str, hashed: str, sent: str | None) -> bool:
    return bool(sent) and same_secret(csrf_token(secret, hashed), sent or "")


def _mac(secret: str, *parts: str) -> str:
    return hmac.new(secret.encode(), "\n".join(parts).encode(), hashlib.sha256).hexdigest()
