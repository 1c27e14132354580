"""Kiosk devices: a unit's tablet at the counter, registered by an operator.

An operator registers a device and opens its one-time enrolment link on the tablet; enrolling
gives the tablet its device key (kept in a cookie, or sent as `Authorization: Bearer <key>` by
another app). A response that carries a live device key is the kiosk's: the device's own pace
replaces the per-address limit and the form token. Only digests of the enrolment code and of
the key are stored; revoking a device refuses its key at once.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from pydantic import BaseModel, ConfigDict, Field

ENROL_HOURS = 24  # an enrolment link not opened within a day must be made again
ID_BYTES, SECRET_BYTES = 9, 32


class Device(BaseModel):
    model_config = ConfigDict(frozen=True)
    device_id: str
    unit_id: str
    name: str = Field(min_length=1, max_length=60)
    created_by: str
    created_at: datetime
    enrol_hash: str | None = None  # cleared once enrolled: the link works once
    enrol_expires_at: datetime | None = None
    key_hash: str | None = None
    enrolled_at: datetime | None = None
    revoked_at: datetime | None = None

    @property
    def live(self) -> bool:
        return self.key_hash is not None and self.revoked_at is None

    def status(self, now: datetime) -> str:
        """revoked, active, waiting (for its enrolment) or expired (its link ran out)."""
        if self.revoked_at:
            return "revoked"
        if self.key_hash:
            return "active"
        return "waiting" if self.enrol_expires_at and now < self.enrol_expires_at else "expired"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_device(unit_id: str, name: str, by: str, now: datetime) -> tuple[Device, str]:
    """A registered device and its enrolment token (`device_id.code`), shown once."""
    device_id, code = secrets.token_urlsafe(ID_BYTES), secrets.token_urlsafe(SECRET_BYTES)
    device = Device(
        device_id=device_id,
        unit_id=unit_id,
        name=name.strip(),
        created_by=by,
        created_at=now,
        enrol_hash=digest(code),
        enrol_expires_at=now + timedelta(hours=ENROL_HOURS),
    )
    return device, f"{device_id}.{code}"


def split(token: str | None) -> tuple[str, str] | None:
    """(device id, secret) of an enrolment token or a device key; None if it is neither."""
    device_id, dot, secret = (token or "").strip().partition(".")
    ok = dot and 8 <= len(device_id) <= 20 and 32 <= len(secret) <= 64
    return (device_id, secret) if ok and (device_id + secret).replace("-", "").replace("_", "").isalnum() else None


def matches(stored: str | None, secret: str) -> bool:
    return stored is not None and hmac.compare_digest(stored, digest(secret))


def device_for_key(key: str | None, lookup: Callable[[str], Device | None]) -> Device | None:
    """The live device a key belongs to (`lookup` finds a device by id); None for a wrong,
    unknown or revoked key."""
    parts = split(key)
    device = lookup(parts[0]) if parts else None
    return device if device and parts and device.live and matches(device.key_hash, parts[1]) else None


def may_enrol(device: Device, code: str, now: datetime) -> bool:
    """Once, before its link expires, never after a revocation."""
    expires = device.enrol_expires_at
    return device.revoked_at is None and matches(device.enrol_hash, code) and expires is not None and now < expires
