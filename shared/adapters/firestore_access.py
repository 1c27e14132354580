"""The access store (`SKM_ACCESS_DATABASE`): operators, their sessions and one-time sign-in links.
Only the report function reads it (declared in shared.adapters.firestore.ACCESS)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter

from shared.adapters.firestore import OPERATORS, SESSIONS, SIGN_IN_LINKS, Collections
from shared.rules.access import Operator

TOKEN_HASH = re.compile(r"[0-9a-f]{64}")


class FirestoreAccess:
    def __init__(self, collections: Collections):
        self._c = collections

    # Operators -----------------------------------------------------------------------
    def put_operator(self, operator: Operator) -> None:
        data = operator.model_dump(mode="json", exclude={"created_at", "revoked_at"})
        data.update(created_at=firestore.SERVER_TIMESTAMP, revoked_at=None)
        self._c.write(OPERATORS).document(operator.token_hash).create(data)

    def operator(self, token_hash: str) -> Operator | None:
        if not TOKEN_HASH.fullmatch(token_hash):
            return None
        snapshot = self._c.read(OPERATORS).document(token_hash).get()
        return Operator.model_validate(snapshot.to_dict()) if snapshot.exists else None

    def revoke_operator(self, email: str) -> int:
        """Revoke every active token of an email; returns how many."""
        query = self._c.write(OPERATORS).where(filter=FieldFilter("email", "==", email))
        revoked = 0
        for snapshot in query.stream():
            if snapshot.get("revoked_at") is None:
                snapshot.reference.update({"revoked_at": firestore.SERVER_TIMESTAMP})
                revoked += 1
        return revoked

    def list_operators(self) -> list[Operator]:
        return [Operator.model_validate(doc.to_dict()) for doc in self._c.read(OPERATORS).stream()]

    # Sessions of the operator area ---------------------------------------------------------
    def open_session(
        self, key: str, token_hash: str, expires_at: datetime, device: str = "", via: str = "token"
    ) -> None:
        record = {"token_hash": token_hash, "expires_at": expires_at, "device": device, "via": via}
        self._c.write(SESSIONS).document(key).create(record | {"opened_at": firestore.SERVER_TIMESTAMP})

    def sessions_of(self, token_hash: str, now: datetime) -> list[dict[str, Any]]:
        """An operator's open sessions (their signed-in devices), newest first."""
        query = self._c.read(SESSIONS).where(filter=FieldFilter("token_hash", "==", token_hash))
        found = [doc.to_dict() | {"key": doc.id} for doc in query.stream()]
        live = [s for s in found if s["expires_at"] > now]
        return sorted(live, key=lambda s: s.get("opened_at") or now, reverse=True)

    # One-time sign-in links ------------------------------------------------------------
    def put_sign_in_link(self, key: str, record: dict[str, Any]) -> None:
        self._c.write(SIGN_IN_LINKS).document(key).create(record | {"used_at": None})

    def sign_in_link(self, key: str) -> dict[str, Any] | None:
        if not TOKEN_HASH.fullmatch(key):
            return None
        snapshot = self._c.read(SIGN_IN_LINKS).document(key).get()
        return snapshot.to_dict() if snapshot.exists else None

    def sign_in_with_link(
        self, key: str, now: datetime, session_key: str, expires_at: datetime, device: str
    ) -> Operator | None:
        """Spend an unused, unexpired link and open its operator's session, in one transaction:
        two presses (or two devices) cannot both sign in with it, and an outage spends nothing
        without a session. None for a spent link or a revoked operator (the link is spent)."""
        if not TOKEN_HASH.fullmatch(key) or not TOKEN_HASH.fullmatch(session_key):
            return None
        link = self._c.write(SIGN_IN_LINKS).document(key)

        @firestore.transactional
        def spend(transaction: firestore.Transaction) -> Operator | None:
            snapshot = link.get(transaction=transaction)
            record = snapshot.to_dict() if snapshot.exists else None
            if record is None or record.get("used_at") or record["expires_at"] <= now:
                return None
            found = self._c.write(OPERATORS).document(record["token_hash"]).get(transaction=transaction)
            person = Operator.model_validate(found.to_dict()) if found.exists else None
            transaction.update(link, {"used_at": now})
            if person is None or not person.active:
                return None
            session = {"token_hash": person.token_hash, "expires_at": expires_at, "device": device, "via": "link"}
            opened = session | {"opened_at": firestore.SERVER_TIMESTAMP}
            transaction.create(self._c.write(SESSIONS).document(session_key), opened)
            return person

        return spend(self._c.client(SIGN_IN_LINKS).transaction())

    def session_operator(self, key: str, now: datetime) -> str | None:
        """The token hash of an open, unexpired session (the TTL policy deletes old ones later)."""
        if not TOKEN_HASH.fullmatch(key):
            return None
        snapshot = self._c.read(SESSIONS).document(key).get()
        if not snapshot.exists or snapshot.get("expires_at") <= now:
            return None
        return snapshot.get("token_hash")

    def end_session(self, key: str) -> None:
        self._c.write(SESSIONS).document(key).delete()
