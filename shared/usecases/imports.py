"""Use case: importing a file of responses (CSV or XLSX, a Google Forms export with a mapping),
from the operator area's upload or `skm responses import`: stored whole or refused whole, each
import kept in the audit trail of entries (`entry_log`). An import counts whole or not at all."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any, Protocol

from shared.files import responses_file
from shared.files.responses_file import Batch
from shared.rules.periods import Period
from shared.rules.records import StoredResponse
from shared.text import formats, messages


class ImportStore(Protocol):
    """Rows are written under the import's id and count only once the import is complete."""

    def begin_import(self, import_id: str, record: dict[str, Any]) -> bool: ...
    def write_import_rows(self, import_id: str, responses: Sequence[StoredResponse]) -> tuple[int, int]: ...
    def finish_import(self, import_id: str, record: dict[str, Any]) -> None: ...


ROWS_PER_COMMIT = 200  # each chunk: one read of the ids, one commit


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
    store: ImportStore,
    mapping: Mapping[str, str] | None = None,
) -> Taken:
    """Read the file whole (shared.files.spreadsheet.Refused lists every bad cell, and nothing
    is stored), then store what is new under the import's id, chunk by chunk. Nothing counts
    until the last step marks the import complete, its quarters changed and its audit record,
    in one commit: an import cut off (a kill, an outage) counts nothing, and importing the same
    file again finishes it. A file imported twice adds nothing."""
    checked = responses_file.check_file(data, batch, mapping)  # pass one: all checked, nothing kept
    unit_id = batch.unit_id or "*"
    import_id = import_key(unit_id, data, mapping)
    rows = sum(checked.quarters.values())
    started = {
        "unit_id": unit_id,
        "by": by,
        "file": source,
        "started_at": batch.now,
        "quarters": sorted(checked.quarters),
    }
    added = known = 0
    if store.begin_import(import_id, started | {"rows": rows}):
        for chunk in chunked(responses_file.stream_file(data, batch, mapping), ROWS_PER_COMMIT):  # pass two
            new, old = store.write_import_rows(import_id, chunk)
            added, known = added + new, known + old
    else:  # the same file, imported and complete before
        known = rows
    record = {"action": "imported", "unit_id": unit_id, "by": by, "at": batch.now, "file": source, "added": added}
    store.finish_import(import_id, record | {"import_id": import_id})
    return Taken(added, known, tuple(checked.totals), tuple(sorted(checked.quarters.items())))


def chunked(responses: Iterator[StoredResponse], size: int) -> Iterator[list[StoredResponse]]:
    while chunk := list(islice(responses, size)):
        yield chunk


def import_key(unit_id: str, data: bytes, mapping: Mapping[str, str] | None) -> str:
    """The same file for the same unit (and mapping) is the same import: sent again, it resumes."""
    digest = hashlib.sha256(f"{unit_id}\n{sorted((mapping or {}).items())}\n".encode() + data).hexdigest()
    return f"import-{digest[:40]}"
