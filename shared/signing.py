"""Every signature the system hands out, from one library (itsdangerous).

Report links, operator sessions, CSRF tokens and form tokens are all *detached* timestamp
signatures: the signed value travels on its own (the path, the session's token hash, the
submission id) and the signature `<timestamp>.<hmac>` beside it. A purpose (itsdangerous'
salt) keeps a signature made for one use from being accepted for another.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime

from itsdangerous import BadData, SignatureExpired, TimestampSigner

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
