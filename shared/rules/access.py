"""Operators and what they may see: API tokens, unit scopes, sessions of the operator area.

A token is shown once when it is made; the store keeps only its SHA-256, which is also
the document id, so checking a request costs one read and a leaked database holds no
usable token. Pure code: the Firestore adapter stores `Operator` as it is.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel, Field

from shared.rules.vocabulary import REGION

TOKEN_PREFIX = "skm_"
SESSION_SECONDS = 8 * 3600  # one working day in the operator area, signed in with a token
DEVICE_SESSION_SECONDS = 30 * 86400  # a device signed in with a one-time link stays signed in a month
LINK_SECONDS = 72 * 3600  # a sign-in link handed out at a training day works for three days
CSRF_SECONDS = 24 * 3600  # a form left open overnight still saves


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

    def own_unit(self, unit_id: str) -> bool:
        """One of the operator's own units: its inbox and exports show what citizens wrote as
        written; to anyone else (the bureau) phone numbers, e-mail, NIK and plates are masked."""
        return self.active and unit_id != REGION and unit_id in self.units


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def bearer_token(authorization: str | None) -> str | None:
    scheme, _, token = (authorization or "").partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token.startswith(TOKEN_PREFIX) and len(token) < 200 else None


# Sessions of the operator area. A session is a random id kept on the server
# (`sessions/{session_key(id)}`: whose, until when) and sent as a cookie `<id>.<signature>`
# (shared.signing). Signing-out deletes the server's record, so the cookie is dead at once;
# the operator is looked up on every request, so revoking a token ends its sessions too.
def new_session_id() -> str:
    return secrets.token_urlsafe(32)


def session_key(session_id: str) -> str:
    """The stored key of a session: a leaked database holds no usable cookie."""
    return hashlib.sha256(session_id.encode()).hexdigest()


# One-time sign-in links: the bureau makes one for an operator (shown once, or as a QR code to
# print); opening it shows a button, and pressing it (a POST, so a link preview cannot spend
# it) opens a month-long session on that device. Only the code's SHA-256 is stored.
def new_link_code() -> str:
    return secrets.token_urlsafe(24)


def link_key(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def sign_in_link(person: Operator, made_by: str, now: datetime) -> tuple[str, str, dict[str, Any]]:
    """(code for the link, the key it is stored under, the stored record) of a new link."""
    code = new_link_code()
    expires = now + timedelta(seconds=LINK_SECONDS)
    record = {"token_hash": person.token_hash, "email": person.email, "expires_at": expires, "made_by": made_by}
    return code, link_key(code), record


def admin_record(by: str, action: str, target: str, now: datetime, **details: Any) -> dict[str, Any]:
    """One entry of the audit trail of units, operators and sign-ins (`admin_log`)."""
    return {"at": now, "by": by, "action": action, "target": target, **details}


def sign_in_url(report_base_url: str, code: str) -> str:
    return f"{report_base_url.rstrip('/')}/operator/masuk/{code}"


BROWSERS = (
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser", "Samsung Internet"),
    ("Firefox", "Firefox"),
    ("Chrome", "Chrome"),
    ("Safari", "Safari"),
)
SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Windows", "Windows"),
    ("Mac OS", "Mac"),
    ("CrOS", "Chromebook"),
    ("Linux", "Linux"),
)


def device_label(user_agent: str | None) -> str:
    """ "Chrome, Android": enough for an operator to recognise a device in their list."""
    agent = user_agent or ""
    browser = next((name for token, name in BROWSERS if token in agent), "")
    system = next((name for token, name in SYSTEMS if token in agent), "")
    return ", ".join(part for part in (browser, system) if part) or "?"
