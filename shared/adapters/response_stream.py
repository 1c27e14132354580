"""The aggregation's reader: every response of a quarter, joined with its follow-up, in bounded memory."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator
from typing import Any

from google.api_core import exceptions
from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter
from google.cloud.firestore_v1.field_path import FieldPath

from shared.adapters.firestore import FOLLOWUPS, IMPORTS, RESPONSES, Collections
from shared.log import fields, logger

# A long query stream may be cut off (per-call deadline, a server restart); it then resumes.
RESUMABLE = (exceptions.DeadlineExceeded, exceptions.ServiceUnavailable, exceptions.InternalServerError)
STREAM_RETRIES = 5
RESUME_BACKOFF_SECONDS = 2.0  # doubled per consecutive failure, capped at 30 s


LOG = logger("response_stream")


class ResponseStream:
    def __init__(self, collections: Collections):
        self._c = collections

    def complete_imports(self, quarter: str) -> set[str]:
        """The ids of the complete imports with rows in a quarter (an import is one document)."""
        query = self._c.read(IMPORTS).where(filter=FieldFilter("quarters", "array_contains", quarter))
        return {doc.id for doc in query.stream() if doc.get("status") == "complete"}

    def iter_response_docs(
        self, quarter: str, batch_size: int = 1000, workers: int = 4, parts: int = 16
    ) -> Iterator[dict[str, Any]]:
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

    def _iter_merged(self, quarter: str, low: str | None, high: str | None) -> Iterator[dict[str, Any]]:
        """Responses of a key range merged with their follow-ups: both are read in document id
        order, so joining them is a merge that holds one follow-up at a time."""
        follow_ups = _iter_range(self._c.read(FOLLOWUPS), quarter, low, high)
        pending = next(follow_ups, None)
        for doc_id, doc in _iter_range(self._c.read(RESPONSES), quarter, low, high):
            while pending is not None and pending[0] < doc_id:
                pending = next(follow_ups, None)
            if pending is not None and pending[0] == doc_id:
                doc = {**doc, **pending[1]}
            yield doc


def _iter_range(
    collection: firestore.CollectionReference, quarter: str, low: str | None, high: str | None
) -> Iterator[tuple[str, dict[str, Any]]]:
    """One streaming query over the key range, in document id order. The client holds only
    what gRPC buffers; a stream cut off (deadline, unavailable) resumes after the last
    document it delivered, so nothing is read twice or skipped."""
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
                yield snapshot.id, snapshot.to_dict() or {}
                last, failures = snapshot, 0
            return
        except RESUMABLE as error:
            failures += 1
            if failures > STREAM_RETRIES:
                raise
            LOG.warning(
                "query stream resumed",
                extra=fields(
                    collection=collection.id,
                    range_start=low,
                    attempt=failures,
                    error=f"{type(error).__name__}: {error}",
                ),
            )
            time.sleep(min(RESUME_BACKOFF_SECONDS * 2 ** (failures - 1), 30))


def _key_ranges(parts: int) -> list[tuple[str | None, str | None]]:
    """Cut the id space into `parts` contiguous ranges by first character; the first and
    last are open, so every id falls in exactly one whatever its characters."""
    hex_digits = "0123456789abcdef"  # submission ids are UUIDs in practice
    parts = max(1, min(parts, len(hex_digits)))
    cuts = [hex_digits[len(hex_digits) * i // parts] for i in range(1, parts)]
    bounds: list[str | None] = [None, *cuts, None]
    return list(zip(bounds, bounds[1:]))
