"""Expiring, tamper-proof links: an HMAC-SHA256 over the path and expiry time."""
from __future__ import annotations

import hashlib
import hmac
import time
from urllib.parse import quote


class LinkError(Exception):
    def __init__(self, reason: str):  # "link_invalid" or "link_expired" (i18n keys)
        self.reason = reason
        super().__init__(reason)


def _signature(secret: str, path: str, expires: int) -> str:
    mac = hmac.new(secret.encode(), f"{path}\n{expires}".encode(), hashlib.sha256)
    return mac.hexdigest()


def same_secret(expected: str, sent: str) -> bool:
    """Constant-time comparison that also takes non-ASCII input (a str compare_digest raises on it)."""
    return hmac.compare_digest(expected.encode(), sent.encode("utf-8", "surrogatepass"))


def sign(secret: str, path: str, ttl_seconds: int, now: float | None = None) -> tuple[str, int]:
    """Return `path?expires=…&sig=…` and the expiry (unix seconds)."""
    expires = int((time.time() if now is None else now) + ttl_seconds)
    return f"{quote(path)}?expires={expires}&sig={_signature(secret, path, expires)}", expires


def verify(secret: str, path: str, expires: str | None, sig: str | None, now: float | None = None) -> None:
    if not expires or not sig or not expires.isdigit():
        raise LinkError("link_invalid")
    if not expires.isascii() or not same_secret(_signature(secret, path, int(expires)), sig):
        raise LinkError("link_invalid")
    if int(expires) < (time.time() if now is None else now):
        raise LinkError("link_expired")
