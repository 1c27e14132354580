"""Responses repository: `responses/{submission_id}` in the (default) database.

The document id is the client's random submission id, so writes spread over the key space
and a retry hits the same document (create-if-absent makes it idempotent). Readers see a
response merged with its follow-up from the operators' database.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from typing import Any

from google.api_core import exceptions
from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter

from shared.abuse import Counter
from shared.adapters.firestore import FOLLOWUPS, RATE_LIMITS, RESPONSES
from shared.models import StoredResponse


class FirestoreResponses:
    def __init__(self, client: firestore.Client, ops: firestore.Client):
        self._db = client
        self._ops = ops  # follow-ups are merged into what readers see

    def create_response(
        self, response: StoredResponse, counter: Counter | None = None, increment: int = 1
    ) -> tuple[StoredResponse, bool, int]:
        """Create the response unless its id exists and, with a counter, add `increment` to it, in one commit.

        Returns what is stored, whether it is new, and the counter's new value (0 when
        not counted). A retry of a stored id changes nothing, the counter included.
        """
        if increment <= 0:
            counter = None
        ref = self._db.collection(RESPONSES).document(response.response_id)
        data = response.model_dump(mode="json", exclude={"submitted_at"})
        data["submitted_at"] = firestore.SERVER_TIMESTAMP
        batch = self._db.batch()
        batch.create(ref, data)
        if counter is not None:
            expires_at = datetime.fromtimestamp(counter.expires_at, timezone.utc)
            batch.set(
                self._db.collection(RATE_LIMITS).document(counter.key),
                {"count": firestore.Increment(increment), "expires_at": expires_at},
                merge=True,
            )
        try:
            results = batch.commit()
        except exceptions.Conflict:  # AlreadyExists: a retry or a double tap
            return StoredResponse.model_validate(ref.get().to_dict()), False, 0
        count = results[1].transform_results[0].integer_value if counter is not None else 0
        return response, True, count

    def add_flags(self, response_id: str, flags: list[str]) -> None:
        self._db.collection(RESPONSES).document(response_id).update({"flags": firestore.ArrayUnion(flags)})

    def get(self, response_id: str) -> dict[str, Any] | None:
        """A response as stored (without its follow-up); None if there is none."""
        snapshot = self._db.collection(RESPONSES).document(response_id).get()
        return snapshot.to_dict() if snapshot.exists else None

    def find_by_receipt(self, receipt: str) -> StoredResponse | None:
        query = self._db.collection(RESPONSES).where(filter=FieldFilter("receipt", "==", receipt)).limit(1)
        found = next((doc.to_dict() for doc in query.stream()), None)
        if found is None:
            return None
        follow_up = self._ops.collection(FOLLOWUPS).document(found["response_id"]).get()
        return StoredResponse.model_validate({**found, **(follow_up.to_dict() or {})})

    def put_responses(self, responses: Iterable[StoredResponse]) -> int:
        """Bulk write (demo data, benchmarks); keeps a given `submitted_at`."""
        writer = self._db.bulk_writer()
        count = 0
        for count, response in enumerate(responses, start=1):  # noqa: B007 (the count is what it returns)
            data = response.model_dump(mode="json")
            data["submitted_at"] = response.submitted_at or firestore.SERVER_TIMESTAMP
            writer.set(self._db.collection(RESPONSES).document(response.response_id), data)
        writer.close()
        return count

    def unit_responses(self, unit_id: str, quarter: str) -> Iterator[dict[str, Any]]:
        """One unit's responses in a quarter with their follow-ups, newest first (the operator area)."""
        follow_ups: dict[str, dict[str, Any]] = {
            doc.id: doc.to_dict() or {}
            for doc in self._ops.collection(FOLLOWUPS)
            .where(filter=FieldFilter("unit_id", "==", unit_id))
            .where(filter=FieldFilter("quarter", "==", quarter))
            .stream()
        }
        query = (
            self._db.collection(RESPONSES)
            .where(filter=FieldFilter("unit_id", "==", unit_id))
            .where(filter=FieldFilter("quarter", "==", quarter))
            .order_by("submitted_at", direction=firestore.Query.DESCENDING)
        )
        for snapshot in query.stream():
            yield {**(snapshot.to_dict() or {}), **follow_ups.get(snapshot.id, {})}
