"""The ingester's reader: a feed's documents changed after a cursor, in `updated_at` order.

One query per chunk over the field's single-field index (ordered by time, then document id),
starting after the cursor's document, so a chunk costs one read per document whatever the
collection's size.
"""

from __future__ import annotations

from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1.field_path import FieldPath

from shared.adapters.firestore import DELETED, FOLLOWUPS, IMPORTS, RESPONSES, Collections
from shared.usecases.aggregation import ingestion
from shared.usecases.aggregation.ingestion import Cursor

COLLECTION_OF = {
    ingestion.RESPONSES: RESPONSES,
    ingestion.DELETED: DELETED,
    ingestion.FOLLOWUPS: FOLLOWUPS,
    ingestion.IMPORTS: IMPORTS,
}
UPDATED = "updated_at"


class FirestoreChangeFeed:
    def __init__(self, collections: Collections):
        self._c = collections

    def changes(self, feed: str, after: Cursor | None, limit: int) -> list[tuple[Cursor, dict[str, Any]]]:
        collection = self._c.read(COLLECTION_OF[feed])
        query = collection.order_by(UPDATED).order_by(FieldPath.document_id())
        if after is not None:
            query = query.start_after({UPDATED: after.at, FieldPath.document_id(): collection.document(after.doc_id)})
        found = []
        for snapshot in query.limit(limit).stream():
            doc = snapshot.to_dict() or {}
            found.append((Cursor(doc[UPDATED], snapshot.id), doc))  # the query orders by it: it is there
        return found

    def unit_quarter(self, unit_id: str, quarter: str) -> list[dict[str, Any]]:
        """Every response of a unit's quarter, as stored: the reconciliation heals a gap with it."""
        query = (
            self._c.read(RESPONSES)
            .where(filter=firestore.FieldFilter("unit_id", "==", unit_id))
            .where(filter=firestore.FieldFilter("quarter", "==", quarter))
        )
        return [snapshot.to_dict() or {} for snapshot in query.stream()]

    def count(self, feed: str, **equal: str) -> int:
        """How many documents of a feed have these field values: a count aggregation, not reads."""
        query: Any = self._c.read(COLLECTION_OF[feed])
        for name, value in equal.items():
            query = query.where(filter=firestore.FieldFilter(name, "==", value))
        [[result]] = query.count().get()
        return int(result.value)
