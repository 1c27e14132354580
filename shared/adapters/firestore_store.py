"""Firestore adapter: units and responses; operators, plans and follow-ups.

Layout: `units/{unit_id}` and `responses/{submission_id}` in the (default) database. The
document id of a response is the client's random submission id, so writes spread over the
key space and a retry hits the same document (create-if-absent makes it idempotent).
Aggregation reads one quarter through the `quarter` field, never a timestamp range.

What operators write lives in a database of its own (`operators`, `plans`, and
`followups/{response_id}` with a complaint's status and reply and the spam verdict), so in
production the report function can be granted writes there and only reads on responses.
Readers see a response merged with its follow-up.
"""
from __future__ import annotations

import os
import queue
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timezone

from google.api_core import exceptions
from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter
from google.cloud.firestore_v1.field_path import FieldPath

from shared.abuse import Counter
from shared.config import Settings
from shared.models import UNIT_ID_PATTERN, StoredResponse, Unit
from shared.operators import Operator

UNITS = "units"
RESPONSES = "responses"
OPERATORS = "operators"  # operators/{sha256 of the token}                  (ops database)
PLANS = "plans"  # plans/{unit_id}_{quarter}: a unit's follow-up plan     (ops database)
FOLLOWUPS = "followups"  # followups/{response_id}: reply, status, verdict (ops database)
RUNS = "runs"  # runs/{quarter}: the quarter's latest aggregation run      (ops database)
RATE_LIMITS = "rate_limits"  # counters per hashed client, unit and window; deleted by a TTL policy
UNIT_CACHE_SECONDS = 60.0
UNIT_ID = re.compile(UNIT_ID_PATTERN)
BATCH_SIZE = 400  # below Firestore's 500 writes per batch
# A long query stream may be cut off (per-call deadline, a server restart); it then resumes.
RESUMABLE = (exceptions.DeadlineExceeded, exceptions.ServiceUnavailable, exceptions.InternalServerError)
STREAM_RETRIES = 5
RESUME_BACKOFF_SECONDS = 2.0  # doubled per consecutive failure, capped at 30 s


def client_for(settings: Settings, database: str = "(default)") -> firestore.Client:
    if settings.local and settings.firestore_emulator_host:
        os.environ.setdefault("FIRESTORE_EMULATOR_HOST", settings.firestore_emulator_host)
    return firestore.Client(project=settings.project, database=database)


def store_for(settings: Settings) -> FirestoreStore:
    return FirestoreStore(client_for(settings), client_for(settings, settings.ops_database))


class FirestoreStore:
    def __init__(self, client: firestore.Client, ops: firestore.Client | None = None):
        self._db = client
        self._ops = ops or client  # the operators' database (the same one in a few benchmarks)
        self._units: dict[str, tuple[float, Unit | None]] = {}

    # Units -------------------------------------------------------------
    def get_unit(self, unit_id: str) -> Unit | None:
        """A unit, cached briefly per instance: the form and submit read it on every request."""
        if not UNIT_ID.match(unit_id):  # also keeps reserved ids like __x__ away from Firestore
            return None
        cached = self._units.get(unit_id)
        if cached and time.monotonic() - cached[0] < UNIT_CACHE_SECONDS:
            return cached[1]
        snapshot = self._db.collection(UNITS).document(unit_id).get()
        unit = Unit.model_validate(snapshot.to_dict()) if snapshot.exists else None
        self._units[unit_id] = (time.monotonic(), unit)
        return unit

    def list_units(self) -> list[Unit]:
        return sorted(
            (Unit.model_validate(doc.to_dict()) for doc in self._db.collection(UNITS).stream()),
            key=lambda unit: (unit.type, unit.name),
        )

    def put_units(self, units: Iterable[Unit]) -> int:
        count = 0
        batch = self._db.batch()
        for count, unit in enumerate(units, start=1):
            batch.set(self._db.collection(UNITS).document(unit.unit_id), unit.model_dump(mode="json"))
            if count % BATCH_SIZE == 0:
                batch.commit()
                batch = self._db.batch()
        batch.commit()
        self._units.clear()
        return count

    # Responses ---------------------------------------------------------
    def create_response(self, response: StoredResponse, counter: Counter | None = None,
                        increment: int = 1) -> tuple[StoredResponse, bool, int]:
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
            batch.set(self._db.collection(RATE_LIMITS).document(counter.key),
                      {"count": firestore.Increment(increment), "expires_at": expires_at}, merge=True)
        try:
            results = batch.commit()
        except exceptions.Conflict:  # AlreadyExists: a retry or a double tap
            return StoredResponse.model_validate(ref.get().to_dict()), False, 0
        count = results[1].transform_results[0].integer_value if counter is not None else 0
        return response, True, count

    def add_flags(self, response_id: str, flags: list[str]) -> None:
        self._db.collection(RESPONSES).document(response_id).update({"flags": firestore.ArrayUnion(flags)})

    def find_by_receipt(self, receipt: str) -> StoredResponse | None:
        query = self._db.collection(RESPONSES).where(filter=FieldFilter("receipt", "==", receipt)).limit(1)
        found = next((doc.to_dict() for doc in query.stream()), None)
        if found is None:
            return None
        follow_up = self._ops.collection(FOLLOWUPS).document(found["response_id"]).get()
        return StoredResponse.model_validate({**found, **(follow_up.to_dict() if follow_up.exists else {})})

    def put_responses(self, responses: Iterable[StoredResponse]) -> int:
        """Bulk write (demo data, benchmarks); keeps a given `submitted_at`."""
        writer = self._db.bulk_writer()
        count = 0
        for count, response in enumerate(responses, start=1):
            data = response.model_dump(mode="json")
            data["submitted_at"] = response.submitted_at or firestore.SERVER_TIMESTAMP
            writer.set(self._db.collection(RESPONSES).document(response.response_id), data)
        writer.close()
        return count

    def unit_responses(self, unit_id: str, quarter: str) -> Iterator[dict]:
        """One unit's responses in a quarter with their follow-ups, newest first (the operator area)."""
        follow_ups = {doc.id: doc.to_dict() for doc in self._ops.collection(FOLLOWUPS)
                      .where(filter=FieldFilter("unit_id", "==", unit_id))
                      .where(filter=FieldFilter("quarter", "==", quarter)).stream()}
        query = (self._db.collection(RESPONSES).where(filter=FieldFilter("unit_id", "==", unit_id))
                 .where(filter=FieldFilter("quarter", "==", quarter))
                 .order_by("submitted_at", direction=firestore.Query.DESCENDING))
        for snapshot in query.stream():
            yield {**snapshot.to_dict(), **follow_ups.get(snapshot.id, {})}

    def change_follow_up(self, response_id: str, unit_id: str, changes_for: Callable[[dict], dict]) -> dict | None:
        """Apply `changes_for(response with its follow-up)` to the follow-up, in a transaction;
        None if there is no such response of that unit.

        The transaction makes two operators answering the same complaint at once safe: the
        rules in `changes_for` always see the latest state. The response itself is never written.
        """
        response = self._db.collection(RESPONSES).document(response_id).get()
        current = response.to_dict() if response.exists else None
        if current is None or current.get("unit_id") != unit_id:
            return None
        ref = self._ops.collection(FOLLOWUPS).document(response_id)

        @firestore.transactional
        def change(transaction: firestore.Transaction) -> dict:
            snapshot = ref.get(transaction=transaction)
            merged = {**current, **(snapshot.to_dict() if snapshot.exists else {})}
            changes = changes_for(merged)
            transaction.set(ref, {"unit_id": unit_id, "quarter": current["quarter"], **changes}, merge=True)
            return {**merged, **changes}

        return change(self._ops.transaction())

    # Operators and their plans ----------------------------------------
    def put_operator(self, operator: Operator) -> None:
        data = operator.model_dump(mode="json", exclude={"created_at", "revoked_at"})
        data.update(created_at=firestore.SERVER_TIMESTAMP, revoked_at=None)
        self._ops.collection(OPERATORS).document(operator.token_hash).create(data)

    def operator(self, token_hash: str) -> Operator | None:
        if not re.fullmatch(r"[0-9a-f]{64}", token_hash):
            return None
        snapshot = self._ops.collection(OPERATORS).document(token_hash).get()
        return Operator.model_validate(snapshot.to_dict()) if snapshot.exists else None

    def revoke_operator(self, email: str) -> int:
        """Revoke every active token of an email; returns how many."""
        query = self._ops.collection(OPERATORS).where(filter=FieldFilter("email", "==", email))
        revoked = 0
        for snapshot in query.stream():
            if snapshot.get("revoked_at") is None:
                snapshot.reference.update({"revoked_at": firestore.SERVER_TIMESTAMP})
                revoked += 1
        return revoked

    def list_operators(self) -> list[Operator]:
        return [Operator.model_validate(doc.to_dict()) for doc in self._ops.collection(OPERATORS).stream()]

    def record_run(self, quarter: str, run_id: str, aggregated_at: datetime) -> None:
        """The quarter's current aggregation run: the report function names cached files by it
        and so answers a repeated request without asking BigQuery."""
        self._ops.collection(RUNS).document(quarter).set({"run_id": run_id, "aggregated_at": aggregated_at})

    def run(self, quarter: str) -> str | None:
        snapshot = self._ops.collection(RUNS).document(quarter).get()
        return snapshot.get("run_id") if snapshot.exists else None

    def plan(self, unit_id: str, quarter: str) -> dict | None:
        snapshot = self._ops.collection(PLANS).document(f"{unit_id}_{quarter}").get()
        return snapshot.to_dict() if snapshot.exists else None

    def put_plan(self, unit_id: str, quarter: str, plan: dict) -> None:
        self._ops.collection(PLANS).document(f"{unit_id}_{quarter}").set(plan)

    def iter_response_docs(self, quarter: str, batch_size: int = 1000, workers: int = 4,
                           parts: int = 16) -> Iterator[dict]:
        """Every response document of a quarter, as stored, with bounded memory.

        The key space of document ids (random submission ids) is cut into `parts` ranges,
        each read as one resumable query stream; `workers` threads take the ranges in turn,
        and a small queue between them and the consumer holds at most a few batches. More
        ranges than workers keeps each stream short: a cut-off stream resumes a smaller
        range, the readers stay busy until the end, and the emulator, which allocates
        about 11 KB a document when a stream opens, holds a quarter of the data at a time.
        (Paging with limit and start_after cost the emulator a scan per page: quadratic.)
        """
        ranges = _key_ranges(parts)
        workers = max(1, min(workers, len(ranges)))
        if workers == 1:
            for low, high in ranges:
                yield from self._iter_merged(quarter, low, high)
            return
        todo: queue.SimpleQueue = queue.SimpleQueue()
        for key_range in ranges:
            todo.put(key_range)
        pages: queue.Queue = queue.Queue(maxsize=2 * workers)
        done = object()
        stop = threading.Event()

        def read() -> None:
            try:
                batch: list[dict] = []
                while not stop.is_set():
                    try:
                        low, high = todo.get_nowait()
                    except queue.Empty:
                        break
                    for doc in self._iter_merged(quarter, low, high):
                        batch.append(doc)
                        if len(batch) == batch_size:
                            pages.put(batch)
                            batch = []
                        if stop.is_set():
                            return
                pages.put(batch)
            except BaseException as error:  # surfaced in the consumer
                pages.put(error)
            finally:
                pages.put(done)

        threads = [threading.Thread(target=read, daemon=True) for _ in range(workers)]
        for thread in threads:
            thread.start()
        try:
            running = len(threads)
            while running:
                item = pages.get()
                if item is done:
                    running -= 1
                elif isinstance(item, BaseException):
                    raise item
                else:
                    yield from item
        finally:
            stop.set()
            while any(thread.is_alive() for thread in threads):  # unblock readers waiting on a full queue
                try:
                    pages.get(timeout=0.05)
                except queue.Empty:
                    pass

    def _iter_merged(self, quarter: str, low: str | None, high: str | None) -> Iterator[dict]:
        """Responses of a key range merged with their follow-ups: both are read in document id
        order, so joining them is a merge that holds one follow-up at a time."""
        follow_ups = self._iter_range(self._ops, FOLLOWUPS, quarter, low, high)
        pending = next(follow_ups, None)
        for doc_id, doc in self._iter_range(self._db, RESPONSES, quarter, low, high):
            while pending is not None and pending[0] < doc_id:
                pending = next(follow_ups, None)
            if pending is not None and pending[0] == doc_id:
                doc = {**doc, **pending[1]}
            yield doc

    @staticmethod
    def _iter_range(db: firestore.Client, name: str, quarter: str, low: str | None,
                    high: str | None) -> Iterator[tuple[str, dict]]:
        """One streaming query over the key range, in document id order. The client holds only
        what gRPC buffers; a stream cut off (deadline, unavailable) resumes after the last
        document it delivered, so nothing is read twice or skipped."""
        collection = db.collection(name)
        query = collection.where(filter=FieldFilter("quarter", "==", quarter))
        if low is not None:
            query = query.where(filter=FieldFilter(FieldPath.document_id(), ">=", collection.document(low)))
        if high is not None:
            query = query.where(filter=FieldFilter(FieldPath.document_id(), "<", collection.document(high)))
        query = query.order_by(FieldPath.document_id())
        last, failures = None, 0
        while True:
            try:
                for snapshot in (query.start_after(last) if last else query).stream():
                    yield snapshot.id, snapshot.to_dict()
                    last, failures = snapshot, 0
                return
            except RESUMABLE as error:
                failures += 1
                if failures > STREAM_RETRIES:
                    raise
                log_resume(name, low, failures, error)


def log_resume(collection: str, low: str | None, failures: int, error: Exception) -> None:
    from shared.web import log

    log("WARNING", "query stream resumed", collection=collection, range_start=low, attempt=failures,
        error=f"{type(error).__name__}: {error}")
    time.sleep(min(RESUME_BACKOFF_SECONDS * 2 ** (failures - 1), 30))


def _key_ranges(parts: int) -> list[tuple[str | None, str | None]]:
    """Cut the id space into `parts` contiguous ranges by first character; the first and
    last are open, so every id falls in exactly one whatever its characters."""
    hex_digits = "0123456789abcdef"  # submission ids are UUIDs in practice
    parts = max(1, min(parts, len(hex_digits)))
    cuts = [hex_digits[len(hex_digits) * i // parts] for i in range(1, parts)]
    bounds: list[str | None] = [None, *cuts, None]
    return list(zip(bounds, bounds[1:]))
