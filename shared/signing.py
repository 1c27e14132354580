"""Every signature the system hands out, from one library (itsdangerous).

Report links, operator sessions, CSRF tokens and form tokens are all *detached* timestamp
signatures: the signed value travels on its own (the path, the session's token hash, the
submission id) and the signature `<timestamp>.<hmac>` beside it. A purpose (itsdangerous'
salt) keeps a signature made for one use from being accepted for another.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from itsdangerous import BadData, SignatureExpired, TimestampSigner

from shared.rules.access import CSRF_SECONDS, DEVICE_SESSION_SECONDS

LINK = "report-link"
SESSION = "operator-session"
CSRF = "csrf"
FORM = "form-token"
MAX_SIGNATURE_CHARS = 200  # a real one is about 40; longer input is refused before any work


class Invalid(Exception):
    """Tampered, malformed, or made for another purpose."""


class Expired(Invalid):
    pass


class _ClockSigner(TimestampSigner):
    """A TimestampSigner whose clock a caller can fix (tests, and checks at a given time)."""

    def __init__(self, secret: str, salt: str, now: float | None):
        super().__init__(secret, salt=salt)
        self._now = now

    def get_timestamp(self) -> int:
        return int(time.time() if self._now is None else self._now)


@dataclass(frozen=True)
class Signed:
    signature: str
    issued_at: int


def sign(secret: str, purpose: str, value: str, now: float | None = None) -> Signed:
    """A detached signature of `value`: `<timestamp>.<hmac>`, URL- and cookie-safe."""
    signer = _ClockSigner(secret, purpose, now)
    signed = signer.sign(value).decode()
    return Signed(signed[len(value) + 1 :], signer.get_timestamp())


def verify(
    secret: str, purpose: str, value: str, signature: str | None, max_age: int | None = None, now: float | None = None
) -> datetime:
    """When `signature` was made for `value`; raises Expired past `max_age` seconds, else Invalid."""
    if not signature or len(signature) > MAX_SIGNATURE_CHARS or signature.count(".") != 1:
        raise Invalid(purpose)
    try:
        _, issued = _ClockSigner(secret, purpose, now).unsign(
            f"{value}.{signature}", max_age=max_age, return_timestamp=True
        )
    except SignatureExpired:
        raise Expired(purpose) from None
    except (BadData, UnicodeError, ValueError, OverflowError):  # lone surrogates, absurd timestamps
        raise Invalid(purpose) from None
    return issued


def session_cookie(secret: str, session_id: str, now: float | None = None) -> str:
    return f"{session_id}.{sign(secret, SESSION, session_id, now).signature}"


def session_id(secret: str, cookie: str | None, now: float | None = None) -> str | None:
    """The session id a valid session cookie carries (at most a device session old); None
    otherwise. The server's record says until when the session really runs."""
    value, _, signature = (cookie or "").partition(".")
    try:
        verify(secret, SESSION, value, signature, DEVICE_SESSION_SECONDS, now)
    except Invalid:
        return None
    return value


def csrf_token(secret: str, session: str, now: float | None = None) -> str:
    """Sent with every form of the operator area, bound to the session: a page on another site
    cannot know it, and a new session (after signing out and in) has another."""
    return sign(secret, CSRF, session, now).signature


def csrf_ok(secret: str, session: str, sent: str | None, now: float | None = None) -> bool:
    try:
        verify(secret, CSRF, session, sent, CSRF_SECONDS, now)
    except Invalid:
        return False
    return True


def form_token(secret: str, submission_id: str, now: float | None = None) -> str:
    """When the form was served, signed and bound to its submission id."""
    return sign(secret, FORM, submission_id, now).signature


def form_issued(secret: str, fields: Mapping[str, str]) -> datetime | None:
    """When a posted form was served, from its token; None without a valid one (abuse.form_flags)."""
    try:
        return verify(secret, FORM, fields.get("submission_id", ""), fields.get("form_token"))
    except Invalid:
        return None
