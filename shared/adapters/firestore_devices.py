"""Kiosk devices: `devices/{device_id}` in the (default) database, beside the responses they send."""

from __future__ import annotations

import secrets
from datetime import datetime

from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter

from shared.adapters.firestore import DEVICES, Collections
from shared.rules import devices
from shared.rules.devices import Device


class FirestoreDevices:
    def __init__(self, collections: Collections):
        self._c = collections

    def add(self, device: Device) -> None:
        self._c.write(DEVICES).document(device.device_id).create(device.model_dump())

    def get(self, device_id: str) -> Device | None:
        snapshot = self._c.read(DEVICES).document(device_id).get()
        return Device.model_validate(snapshot.to_dict()) if snapshot.exists else None

    def of_unit(self, unit_id: str) -> list[Device]:
        found = self._c.read(DEVICES).where(filter=FieldFilter("unit_id", "==", unit_id)).stream()
        return sorted((Device.model_validate(s.to_dict()) for s in found), key=lambda d: d.created_at)

    def device_for_key(self, key: str | None) -> Device | None:
        """The live device a key belongs to; None for a wrong, unknown or revoked key."""
        return devices.device_for_key(key, self.get)

    def enrol(self, token: str, now: datetime) -> tuple[Device, str] | None:
        """Use an enrolment token once: the device and its new key (`device_id.secret`), or None."""
        parts = devices.split(token)
        if parts is None:
            return None
        device_id, code = parts
        ref = self._c.write(DEVICES).document(device_id)
        secret = secrets.token_urlsafe(devices.SECRET_BYTES)

        @firestore.transactional
        def enrol(transaction: firestore.Transaction) -> Device | None:
            snapshot = ref.get(transaction=transaction)
            device = Device.model_validate(snapshot.to_dict()) if snapshot.exists else None
            if device is None or not devices.may_enrol(device, code, now):
                return None
            changes = {"key_hash": devices.digest(secret), "enrolled_at": now, "enrol_hash": None}
            transaction.update(ref, changes)
            return device.model_copy(update=changes)

        enrolled = enrol(self._c.client(DEVICES).transaction())
        return (enrolled, f"{device_id}.{secret}") if enrolled else None

    def revoke(self, device_id: str, now: datetime) -> None:
        self._c.write(DEVICES).document(device_id).update({"revoked_at": now, "enrol_hash": None})
