"""Responses repository: `responses/{submission_id}` in the (default) database.

The document id is the client's random submission id, so writes spread over the key space
and a retry hits the same document (create-if-absent makes it idempotent). `receipts/{code}`
is created in the same commit, so a receipt names one response only. Readers see a
response merged with its follow-up from the operators' database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime, timezone
from typing import Any

from google.api_core import exceptions
from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter

from shared.adapters.firestore import (
    CHANGES,
    DELETED,
    ENTRY_LOG,
    FOLLOWUPS,
    IMPORTS,
    RATE_LIMITS,
    RECEIPTS,
    RESPONSES,
    Collections,
    valid_id,
)
from shared.rules.abuse import Counter
from shared.rules.records import Page, StoredResponse, new_receipt
from shared.rules.vocabulary import FLAG_OPERATOR_SPAM, FLAGS, STATUS_ORDER

AUTO_FLAGS = [flag for flag in FLAGS if flag != FLAG_OPERATOR_SPAM]  # the operator's verdict lives in the follow-up
RECEIPT_ATTEMPTS = 5  # a collision is about 1 in 150 billion per response; five in a row never happens


TIMES = ("submitted_at", "entered_at", "first_reply_at")
UPDATED = "updated_at"  # the server's time of every write: what the ingester reads changes by


def document_of(response: StoredResponse) -> dict[str, Any]:
    """A response as Firestore keeps it, however it was written (a form, a batch, a correction):
    JSON values, but its times as timestamps, which queries order by and pages compare; and the
    commit's time, which brings the new version into BigQuery."""
    times = {name: getattr(response, name) for name in TIMES}
    return response.model_dump(mode="json") | times | {UPDATED: firestore.SERVER_TIMESTAMP}


def tombstone(response_id: str, unit_id: str, quarter: str) -> dict[str, Any]:
    """What says that a response no longer is in a quarter (deleted, or corrected into another),
    so that BigQuery's copy follows: `deleted_responses/{response_id}_{quarter}`."""
    return {"response_id": response_id, "unit_id": unit_id, "quarter": quarter, UPDATED: firestore.SERVER_TIMESTAMP}


ENTRIES_PER_COMMIT = 200  # two writes each (the entry, its audit record): inside Firestore's 500


class FirestoreResponses:
    def __init__(self, collections: Collections):
        self._c = collections

    def create_response(
        self, response: StoredResponse, counted: Sequence[tuple[Counter, int]] = ()
    ) -> tuple[StoredResponse, bool, dict[str, int]]:
        """Create the response unless its id exists and add each (counter, increment), in one commit.

        Returns what is stored, whether it is new, and each counter's new value by its key. A
        retry of a stored id changes nothing, the counters included.
        """
        counted = [(counter, increment) for counter, increment in counted if increment > 0]
        ref = self._c.write(RESPONSES).document(response.response_id)
        for _ in range(RECEIPT_ATTEMPTS):
            try:
                counts = self._commit_new(response, counted)
                return response, True, counts
            except exceptions.Conflict:  # AlreadyExists: a retry or a double tap, or a receipt taken
                existing = ref.get()
                if existing.exists:
                    return StoredResponse.model_validate(existing.to_dict()), False, {}
                response = response.model_copy(update={"receipt": new_receipt()})
        raise RuntimeError("no free receipt code")

    def _commit_new(self, response: StoredResponse, counted: list[tuple[Counter, int]]) -> dict[str, int]:
        """Create the response and its receipt, and count it, in one commit; the counters' new values."""
        data = document_of(response) | {"submitted_at": firestore.SERVER_TIMESTAMP}
        batch = self._c.client(RESPONSES).batch()
        batch.create(self._c.write(RESPONSES).document(response.response_id), data)
        batch.create(self._c.write(RECEIPTS).document(response.receipt), {"response_id": response.response_id})
        for counter, increment in counted:
            expires_at = datetime.fromtimestamp(counter.expires_at, timezone.utc)
            batch.set(
                self._c.write(RATE_LIMITS).document(counter.key),
                {"count": firestore.Increment(increment), "expires_at": expires_at},
                merge=True,
            )
        results = batch.commit()
        if not counted:
            return {}
        counts = results[-len(counted) :]  # the counters' writes come last, in order
        return {counter.key: result.transform_results[0].integer_value for (counter, _), result in zip(counted, counts)}

    def add_flags(self, response_id: str, flags: list[str]) -> None:
        update = {"flags": firestore.ArrayUnion(flags), UPDATED: firestore.SERVER_TIMESTAMP}
        self._c.write(RESPONSES).document(response_id).update(update)

    def changed_quarters(self) -> dict[str, datetime]:
        """When each quarter's data last changed in BigQuery (the ingester marks it) or its service
        volumes were recorded: one small document per quarter."""
        return {doc.id: doc.get("changed_at") for doc in self._c.read(CHANGES).stream()}

    def get(self, response_id: str) -> dict[str, Any] | None:
        """A response as stored (without its follow-up); None if there is none."""
        if not valid_id(response_id):  # ids come from URLs: `__x__` or `.` would be a Firestore error
            return None
        snapshot = self._c.read(RESPONSES).document(response_id).get()
        return snapshot.to_dict() if snapshot.exists else None

    def find_by_receipt(self, receipt: str) -> StoredResponse | None:
        """The response a receipt names (receipts are unique: `receipts/{code}` is created with it)."""
        entry = self._c.read(RECEIPTS).document(receipt).get()
        found = self.get(entry.get("response_id")) if entry.exists else None
        if found is None:
            return None
        follow_up = self._c.read(FOLLOWUPS).document(found["response_id"]).get()
        return StoredResponse.model_validate({**found, **(follow_up.to_dict() or {})})

    def put_responses(self, responses: Iterable[StoredResponse]) -> int:
        """Bulk write (demo data, benchmarks); keeps a given `submitted_at`. (Imports and paper
        entries go through their own all-or-nothing writes above.)"""
        writer = self._c.client(RESPONSES).bulk_writer()
        failed: list[str] = []

        def on_error(failure: Any, _writer: Any) -> bool:
            if failure.attempts < 15:  # the library's default: retry what may still pass
                return True
            failed.append(f"{failure.operation.reference.id}: {failure.message}")  # the library would drop it
            return False

        writer.on_write_error(on_error)
        responses_ref, count = self._c.write(RESPONSES), 0
        for count, response in enumerate(responses, start=1):  # noqa: B007 (the count is what it returns)
            data = document_of(response)
            data["submitted_at"] = response.submitted_at or firestore.SERVER_TIMESTAMP
            writer.set(responses_ref.document(response.response_id), data)
            if response.receipt:  # paper and imported responses have none
                receipt = self._c.write(RECEIPTS).document(response.receipt)
                writer.set(receipt, {"response_id": response.response_id})
        writer.close()
        if failed:
            raise RuntimeError(f"{len(failed)} responses not written, e.g. {failed[0]}")
        return count

    def unit_responses(self, unit_id: str, quarter: str) -> Iterator[dict[str, Any]]:
        """Every response of a unit's quarter with its follow-up, newest first: the CSV export."""
        follow_ups: dict[str, dict[str, Any]] = {
            doc.id: doc.to_dict() or {}
            for doc in self._c.read(FOLLOWUPS)
            .where(filter=FieldFilter("unit_id", "==", unit_id))
            .where(filter=FieldFilter("quarter", "==", quarter))
            .stream()
        }
        for snapshot in self._unit_query(unit_id, [quarter]).stream():
            yield {**(snapshot.to_dict() or {}), **follow_ups.get(snapshot.id, {})}

    def complaints_page(
        self, unit_id: str, quarters: list[str], after: str | None, size: int, status: str | None = None
    ) -> Page:
        """One page of the unit's suggestions and complaints, newest first, with their follow-ups.

        Every response with a suggestion is stored with a `complaint_status` (its current status
        lives in the follow-up), so one indexed query finds them; a page costs its size in
        reads, whatever the unit's volume. With `status`, only those whose status (as mirrored
        on the response by `mirror_status`) is that one."""
        statuses = [status] if status in STATUS_ORDER else list(STATUS_ORDER)
        query = self._unit_query(unit_id, quarters).where(filter=FieldFilter("complaint_status", "in", statuses))
        return self._page(query, after, size)

    def inbox_page(
        self, units: list[str] | None, quarters: list[str] | None, status: str | None, after: str | None, size: int
    ) -> Page:
        """One page of the suggestions and complaints of some units (None: every unit) in some
        quarters (None: all), newest first. Each unit is its own indexed query (Firestore bounds
        the values an `in` may combine), merged here; a page costs at most units × size reads."""
        statuses = [status] if status in STATUS_ORDER else list(STATUS_ORDER)
        queries = [
            self._inbox_query(unit_id, quarters, statuses) for unit_id in (units if units is not None else [None])
        ]
        cursor = self._c.read(RESPONSES).document(after).get() if after and valid_id(after) else None
        if cursor is not None and cursor.exists:
            queries = [query.start_after(cursor) for query in queries]
        found = [snapshot for query in queries for snapshot in query.limit(size + 1).stream()]
        found.sort(key=lambda s: (s.get("submitted_at"), s.id), reverse=True)  # Firestore's own order
        shown = found[:size]
        follow_ups = {s.id: s.to_dict() or {} for s in self._c.get_all(FOLLOWUPS, [d.id for d in shown]) if s.exists}
        docs = [{**(d.to_dict() or {}), **follow_ups.get(d.id, {})} for d in shown]
        return Page(docs, shown[-1].id if len(found) > size else None)

    def inbox_counts(self, units: list[str] | None, quarters: list[str] | None) -> dict[str, int]:
        """How many suggestions have each status now: count aggregations, not reads of each."""
        counts = dict.fromkeys(STATUS_ORDER, 0)
        for status in STATUS_ORDER:
            for unit_id in units if units is not None else [None]:
                [[result]] = self._inbox_query(unit_id, quarters, [status], ordered=False).count().get()
                counts[status] += int(result.value)
        return counts

    def _inbox_query(self, unit_id: str | None, quarters: list[str] | None, statuses: list[str], ordered=True) -> Any:
        query = self._c.read(RESPONSES)
        if unit_id is not None:
            query = query.where(filter=FieldFilter("unit_id", "==", unit_id))
        if quarters is not None:
            query = query.where(filter=FieldFilter("quarter", "in", quarters))
        query = query.where(filter=FieldFilter("complaint_status", "in", statuses))
        return query.order_by("submitted_at", direction=firestore.Query.DESCENDING) if ordered else query

    def mirror_status(self, response_id: str, status: str) -> None:
        """A complaint's current status, copied onto its response so the inbox can filter by it
        (the follow-up, in the ops database, stays the record; a lost copy only misfiles it)."""
        self._c.write(RESPONSES).document(response_id).update(
            {"complaint_status": status, UPDATED: firestore.SERVER_TIMESTAMP}
        )

    def entries_page(self, unit_id: str, quarters: list[str], entered_by: str, after: str | None, size: int) -> Page:
        """One page of the paper forms one operator typed in for a unit, newest first."""
        query = self._unit_query(unit_id, quarters).where(filter=FieldFilter("entered_by", "==", entered_by))
        return self._page(query, after, size)

    def add_entries(
        self, responses: Sequence[StoredResponse], audit_of: Callable[[StoredResponse], dict[str, Any]]
    ) -> set[str]:
        """Typed paper forms not stored yet, each with its audit record: one transaction, so a
        blip stores all of them or none, and a save sent again adds nothing. Returns the ids
        that were stored already."""
        if len(responses) > ENTRIES_PER_COMMIT:
            raise ValueError(f"at most {ENTRIES_PER_COMMIT} entries in one commit")
        client, stored = self._c.client(RESPONSES), self._c.write(RESPONSES)

        @firestore.transactional
        def add(transaction: firestore.Transaction) -> set[str]:
            refs = [stored.document(response.response_id) for response in responses]
            known = {snapshot.id for snapshot in client.get_all(refs, transaction=transaction) if snapshot.exists}
            new = [response for response in responses if response.response_id not in known]
            for response in new:
                data = document_of(response) | {"submitted_at": response.submitted_at or firestore.SERVER_TIMESTAMP}
                transaction.create(stored.document(response.response_id), data)
                transaction.set(self._c.write(ENTRY_LOG).document(), audit_of(response))
            return known

        return add(client.transaction())

    def replace_entry(self, response: StoredResponse, previous_quarter: str, record: dict[str, Any]) -> None:
        """A corrected paper entry, kept under its id, with its audit record, and a tombstone in
        the quarter it left if it moved. One commit."""
        batch = self._c.client(RESPONSES).batch()
        batch.set(self._c.write(RESPONSES).document(response.response_id), document_of(response))
        batch.set(self._c.write(ENTRY_LOG).document(), record)
        if previous_quarter != response.quarter:
            self._bury(batch, response.response_id, response.unit_id, previous_quarter)
        batch.commit()

    # Imports: rows written under the import's id count once the import is complete ------------
    def begin_import(self, import_id: str, record: dict[str, Any]) -> bool:
        """The import's record, "writing": its rows, stored from now on, do not count yet. False
        (and nothing written) if this import completed before: the same file sent again."""
        ref = self._c.write(IMPORTS).document(import_id)
        if (ref.get().to_dict() or {}).get("status") == "complete":
            return False
        ref.set(record | {"status": "writing", UPDATED: firestore.SERVER_TIMESTAMP}, merge=True)
        return True

    def write_import_rows(self, import_id: str, responses: Sequence[StoredResponse]) -> tuple[int, int]:
        """One chunk (at most ENTRIES_PER_COMMIT) in one commit: a row not stored yet is created
        under the import; a row left by an import that never completed is taken over; a row
        stored by a complete import or another channel is known. Returns (added, known); a row
        this import wrote before it was cut off counts as added."""
        stored = self._c.write(RESPONSES)
        refs = [stored.document(response.response_id) for response in responses]
        found = {doc.id: (doc.to_dict() or {}).get("import_id") for doc in self._get_all(refs) if doc.exists}
        unfinished = self._unfinished({owner for owner in found.values() if owner and owner != import_id})
        batch, added, writes = self._c.client(RESPONSES).batch(), 0, 0
        for response, ref in zip(responses, refs):
            owner = found.get(ref.id)
            if ref.id in found and owner not in unfinished and owner != import_id:
                continue  # known: imported before (and complete), or sent another way
            added += 1
            if owner == import_id:
                continue  # written by this import before it was cut off
            data = document_of(response) | {"import_id": import_id}
            batch.create(ref, data) if ref.id not in found else batch.set(ref, data)
            writes += 1
        if writes:
            batch.commit()
        return added, len(responses) - added

    def finish_import(self, import_id: str, record: dict[str, Any]) -> None:
        """The import complete, with its audit record: one commit, so the rows count together
        with their audit. (The ingester marks its quarters for computing again.)"""
        batch = self._c.client(IMPORTS).batch()
        complete = {"status": "complete", UPDATED: firestore.SERVER_TIMESTAMP}
        batch.set(self._c.write(IMPORTS).document(import_id), complete, merge=True)
        batch.set(self._c.write(ENTRY_LOG).document(), record)
        batch.commit()

    def _unfinished(self, import_ids: set[str]) -> set[str]:
        refs = [self._c.read(IMPORTS).document(import_id) for import_id in import_ids]
        return {doc.id for doc in self._get_all(refs) if not doc.exists or doc.get("status") != "complete"}

    def _get_all(self, refs: list[Any]) -> list[Any]:
        return list(self._c.client(RESPONSES).get_all(refs)) if refs else []

    def mark_changed(self, quarters: list[str]) -> None:
        """Have the next daily run compute these quarters again (late responses, a service volume)."""
        batch = self._c.client(CHANGES).batch()
        self._mark_changed(batch, quarters)
        batch.commit()

    def _mark_changed(self, batch: Any, quarters: Iterable[str]) -> None:
        """Add to `batch` the marker of each quarter that got late changes (one small document each)."""
        for quarter in quarters:
            batch.set(self._c.write(CHANGES).document(quarter), {"changed_at": firestore.SERVER_TIMESTAMP})

    def delete_entry(self, response_id: str, unit_id: str, quarter: str, record: dict[str, Any]) -> None:
        """A paper entry deleted, with its audit record and its tombstone: one commit."""
        batch = self._c.client(RESPONSES).batch()
        batch.delete(self._c.write(RESPONSES).document(response_id))
        batch.set(self._c.write(ENTRY_LOG).document(), record)
        self._bury(batch, response_id, unit_id, quarter)
        batch.commit()

    def _bury(self, batch: Any, response_id: str, unit_id: str, quarter: str) -> None:
        ref = self._c.write(DELETED).document(f"{response_id}_{quarter}")
        batch.set(ref, tombstone(response_id, unit_id, quarter))

    def flagged_page(self, unit_id: str, quarters: list[str], after: str | None, size: int) -> Page:
        """One page of the responses the automatic checks flagged, newest first."""
        query = self._unit_query(unit_id, quarters).where(filter=FieldFilter("flags", "array_contains_any", AUTO_FLAGS))
        return self._page(query, after, size)

    def _unit_query(self, unit_id: str, quarters: list[str]) -> Any:
        """A unit's responses of some quarters (a period's), newest first."""
        return (
            self._c.read(RESPONSES)
            .where(filter=FieldFilter("unit_id", "==", unit_id))
            .where(filter=FieldFilter("quarter", "in", quarters))
            .order_by("submitted_at", direction=firestore.Query.DESCENDING)
        )

    def _page(self, query: Any, after: str | None, size: int) -> Page:
        if after and valid_id(after):
            cursor = self._c.read(RESPONSES).document(after).get()
            if cursor.exists:
                query = query.start_after(cursor)
        found = list(query.limit(size + 1).stream())
        shown = found[:size]
        follow_ups = {s.id: s.to_dict() or {} for s in self._c.get_all(FOLLOWUPS, [d.id for d in shown]) if s.exists}
        docs = [{**(d.to_dict() or {}), **follow_ups.get(d.id, {})} for d in shown]
        return Page(docs, shown[-1].id if len(found) > size else None)
