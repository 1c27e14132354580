"""Use case: bring what changed in Firestore into BigQuery's raw tables, in bounded chunks.

Four feeds, each read in the order of its documents' server-set `updated_at` (ties by id):
responses (every write of one sets it), tombstones of deleted or moved paper entries, follow-ups
(status, first reply, spam verdict) and imports (their rows count once complete). Each feed has
a cursor: the last document brought in. A chunk is read after the cursor, turned into rows and
appended to its table with one load job (each row a version; readers take each key's newest),
the quarters it touched are marked for computing again, and only then the cursor moves. A run
killed anywhere re-reads at most its last chunk; appended again, its versions change nothing
anyone reads.

Firestore's queries are strongly consistent: once a document with time t has been read, every
commit before t is visible too, so the cursor (not the clock) says where to go on, and nothing
is read twice except after a failure.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from shared.log import fields, logger
from shared.rules.periods import Period
from shared.rules.questionnaire import survey_of_item
from shared.usecases.aggregation.raw_rows import Malformed, followup_row, import_row, response_row, tombstone_row

LOG = logger("ingestion")

CHUNK = 20_000  # documents per load job: 1,500 load jobs a table a day is BigQuery's quota
RESPONSES, DELETED, FOLLOWUPS, IMPORTS = "responses", "deleted_responses", "followups", "imports"
FEEDS = (IMPORTS, FOLLOWUPS, RESPONSES, DELETED)
TABLE_OF = {RESPONSES: "responses", DELETED: "responses", FOLLOWUPS: "followups", IMPORTS: "imports"}


@dataclass(frozen=True, order=True)
class Cursor:
    """A position in a feed: the last document brought in (its time, then its id)."""

    at: datetime
    doc_id: str


class Feed(Protocol):
    def changes(self, feed: str, after: Cursor | None, limit: int) -> list[tuple[Cursor, dict[str, Any]]]: ...


class Cursors(Protocol):
    def ingestion_cursors(self) -> dict[str, Cursor]: ...
    def advance_cursor(
        self, feed: str, expected: Cursor | None, new: Cursor, skipped: list[dict[str, Any]]
    ) -> bool: ...


class Sink(Protocol):
    def add_versions(self, table: str, rows: list[dict[str, Any]]) -> int: ...


class Marks(Protocol):
    def mark_changed(self, quarters: list[str]) -> None: ...


@dataclass
class Ingested:
    documents: int = 0  # read from Firestore
    rows: int = 0  # appended to BigQuery
    skipped: int = 0  # malformed: logged with their ids and counted by the reconciliation
    quarters: set[str] = field(default_factory=set)
    caught_up: bool = True  # False: time ran out with more waiting (a continuation follows)


def ingest(
    feed: Feed,
    cursors: Cursors,
    sink: Sink,
    marks: Marks,
    *,
    chunk: int = CHUNK,
    seconds: float = 300.0,
    clock: Callable[[], float] = time.monotonic,
) -> Ingested:
    """Bring every feed up to date, chunk by chunk, until done or `seconds` are spent (checked
    after each chunk: a run lasts at most `seconds` plus one chunk, and always makes progress)."""
    done, deadline = Ingested(), clock() + seconds
    positions = cursors.ingestion_cursors()
    survey_of = survey_of_item()
    for name in FEEDS:
        while True:
            after = positions.get(name)
            found = feed.changes(name, after, chunk)
            if not found:
                break
            rows, quarters, skipped = _rows(name, found, survey_of)
            done.documents += len(found)
            done.rows += sink.add_versions(TABLE_OF[name], rows) if rows else 0
            done.skipped += len(skipped)
            if quarters:
                marks.mark_changed(sorted(quarters))  # before the cursor moves: a kill re-marks, never misses
            done.quarters |= quarters
            if not cursors.advance_cursor(name, after, found[-1][0], skipped):
                LOG.warning("ingestion: another run moved the cursor; the feed is left to it", extra=fields(feed=name))
                done.caught_up = False  # not known: the other run says when it is
                break
            positions[name] = found[-1][0]
            if len(found) < chunk:
                break
            if clock() >= deadline:
                done.caught_up = False  # more may be waiting: a continuation goes on
                return done
    return done


BUILDERS: dict[str, Callable[[Mapping[str, Any], Mapping[str, str]], dict[str, Any]]] = {
    RESPONSES: response_row,
    DELETED: lambda doc, _survey_of: tombstone_row(doc),
    FOLLOWUPS: lambda doc, _survey_of: followup_row(doc),
    IMPORTS: lambda doc, _survey_of: import_row(doc),
}


def _rows(
    name: str, found: Iterable[tuple[Cursor, dict[str, Any]]], survey_of: Mapping[str, str]
) -> tuple[list[dict[str, Any]], set[str], list[dict[str, Any]]]:
    """The chunk's rows, the quarters they touch, and the documents that could not be read
    (an old version's field of the wrong type): logged by id and skipped, the chunk goes on."""
    rows, quarters, skipped = [], set(), []
    for cursor, doc in found:
        doc = {**doc, "_id": cursor.doc_id, "updated_at": cursor.at}
        try:
            row = BUILDERS[name](doc, survey_of)
        except Malformed as error:
            LOG.error(
                "ingestion: malformed document skipped", extra=fields(feed=name, doc_id=cursor.doc_id, error=str(error))
            )
            skipped.append({"feed": name, "doc_id": cursor.doc_id, **_place(doc), "error": str(error)[:300]})
            continue
        rows.append(row)
        quarters |= _quarters(name, doc)
    return rows, quarters, skipped


def _place(doc: Mapping[str, Any]) -> dict[str, Any]:
    """Where a malformed document would have counted, as far as it can be read."""
    unit, quarter = doc.get("unit_id"), doc.get("quarter")
    return {
        "unit_id": unit if isinstance(unit, str) else None,
        "quarter": quarter if isinstance(quarter, str) else None,
    }


def _quarters(name: str, doc: Mapping[str, Any]) -> set[str]:
    if name == IMPORTS:
        return {q for q in doc.get("quarters") or [] if isinstance(q, str) and _is_quarter(q)}
    return {doc["quarter"]}


def _is_quarter(key: str) -> bool:
    try:
        return Period.parse(key).kind == "quarter"
    except ValueError:
        return False
