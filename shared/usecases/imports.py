"""Use case: importing a file of responses (CSV or XLSX, a Google Forms export with a mapping),
from the operator area's upload or `skm responses import`: stored whole or refused whole, each
import kept in the audit trail of entries (`entry_log`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from shared.files import responses_file
from shared.files.responses_file import Batch
from shared.rules.records import StoredResponse
from shared.text import messages


class ResponseStore(Protocol):
    def add_responses(self, responses: Iterable[StoredResponse]) -> set[str]:
        """Store the responses not stored yet; the ids of those that were."""
        ...


class EntryTrail(Protocol):
    def log_entries(self, records: list[dict[str, Any]]) -> None: ...


@dataclass(frozen=True)
class Taken:
    added: int
    known: int  # stored by an earlier import of the same rows
    totals: tuple[int, ...] = ()  # lines of totals rows under the data, skipped


def done_text(taken: Taken, lang: str) -> str:
    """What the person importing reads: how many were added, and which totals rows were skipped."""
    done = messages.message("import_done", lang, added=taken.added, known=taken.known)
    lines = ", ".join(str(line) for line in taken.totals)
    return f"{done} {messages.message('totals_skipped', lang, lines=lines)}" if taken.totals else done


def import_responses(
    data: bytes,
    batch: Batch,
    by: str,
    source: str,
    responses: ResponseStore,
    trail: EntryTrail,
    mapping: Mapping[str, str] | None = None,
) -> Taken:
    """Read the file whole (shared.files.spreadsheet.Refused lists every bad cell, and nothing
    is stored), store what is new (a file imported twice adds nothing), record who imported what."""
    read = responses_file.read_file(data, batch, mapping)
    known = responses.add_responses(read.responses)
    taken = Taken(len(read.responses) - len(known), len(known), tuple(read.totals))
    unit_id = batch.unit_id or "*"
    trail.log_entries(
        [{"action": "imported", "unit_id": unit_id, "by": by, "at": batch.now, "file": source, "added": taken.added}]
    )
    return taken
