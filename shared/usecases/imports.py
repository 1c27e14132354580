"""Use case: importing a file of responses (CSV or XLSX, a Google Forms export with a mapping),
from the operator area's upload or `skm responses import`: stored whole or refused whole, each
import kept in the audit trail of entries (`entry_log`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from shared.files import responses_file
from shared.files.responses_file import Batch
from shared.rules.periods import Period
from shared.rules.records import StoredResponse
from shared.text import formats, messages


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
    quarters: tuple[tuple[str, int], ...] = ()  # where the rows went: (quarter, rows), oldest first


def done_text(taken: Taken, lang: str) -> str:
    """What the person importing reads: how many were added, the periods they went to, and which
    totals rows were skipped."""
    said = [messages.message("import_done", lang, added=taken.added, known=taken.known)]
    if taken.quarters:
        places = "; ".join(f"{formats.period_name(Period.parse(key), lang)}: {count}" for key, count in taken.quarters)
        said.append(messages.message("import_went", lang, places=places))
    if taken.totals:
        said.append(messages.message("totals_skipped", lang, lines=", ".join(str(line) for line in taken.totals)))
    return " ".join(said)


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
    quarters = Counter(response.quarter for response in read.responses)
    taken = Taken(len(read.responses) - len(known), len(known), tuple(read.totals), tuple(sorted(quarters.items())))
    unit_id = batch.unit_id or "*"
    trail.log_entries(
        [{"action": "imported", "unit_id": unit_id, "by": by, "at": batch.now, "file": source, "added": taken.added}]
    )
    return taken
