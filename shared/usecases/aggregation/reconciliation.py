"""Use case: check that BigQuery holds what Firestore holds, unit by unit and quarter by quarter,
and heal a gap.

Firestore's side is a count aggregation per unit and quarter (about one read per thousand
documents, never a read of each); BigQuery's is one query per quarter. Where they differ by
more than the malformed documents the ingester skipped there, the unit's quarter is read again
and appended to (rows BigQuery lacks come in, rows Firestore no longer has get tombstones), the
quarter is marked for computing again, and the gap is logged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from shared.log import fields, logger
from shared.rules.periods import Period
from shared.rules.questionnaire import survey_of_item
from shared.usecases.aggregation import ingestion
from shared.usecases.aggregation.raw_rows import Malformed, response_row, tombstone_row

LOG = logger("reconciliation")
COUNTERS = 16  # count queries in flight at once


class Source(Protocol):
    def count(self, feed: str, **equal: str) -> int: ...
    def unit_quarter(self, unit_id: str, quarter: str) -> list[dict[str, Any]]: ...


class Target(ingestion.Sink, Protocol):
    def counts(self, quarter: Period) -> dict[str, int]: ...
    def stored_ids(self, unit_id: str, quarter: Period) -> set[str]: ...


class Skipped(Protocol):
    def skipped_documents(self) -> list[dict[str, Any]]: ...


@dataclass(frozen=True)
class Gap:
    unit_id: str
    quarter: str
    firestore: int
    bigquery: int
    malformed: int
    healed: int  # rows appended to close it


def reconcile(
    quarters: Iterable[Period],
    unit_ids: Iterable[str],
    source: Source,
    target: Target,
    skipped: Skipped,
    marks: ingestion.Marks,
    now: datetime,
) -> list[Gap]:
    """Compare every unit's count in each quarter and heal each gap; the gaps found."""
    malformed = Counter(
        (record.get("unit_id"), record.get("quarter"))
        for record in skipped.skipped_documents()
        if record.get("feed") == ingestion.RESPONSES
    )
    units, gaps = list(unit_ids), []
    for quarter in quarters:
        stored = target.counts(quarter)
        every = sorted(set(units) | set(stored))
        # One count query per unit: 20,000 units one after another would outlast the function.
        with ThreadPoolExecutor(COUNTERS) as pool:
            keys = [{"unit_id": unit_id, "quarter": quarter.key} for unit_id in every]
            counted = dict(zip(every, pool.map(lambda key: source.count(ingestion.RESPONSES, **key), keys)))
        for unit_id in every:
            in_firestore = counted[unit_id]
            bad = malformed[(unit_id, quarter.key)]
            in_bigquery = stored.get(unit_id, 0)
            if in_firestore == in_bigquery + bad:
                continue
            healed = heal(unit_id, quarter, source, target, now)
            gap = Gap(unit_id, quarter.key, in_firestore, in_bigquery, bad, healed)
            LOG.warning("reconciliation: gap healed", extra=fields(**gap.__dict__))
            gaps.append(gap)
        if any(gap.quarter == quarter.key for gap in gaps):
            marks.mark_changed([quarter.key])
    return gaps


def heal(unit_id: str, quarter: Period, source: Source, target: Target, now: datetime) -> int:
    """Read the unit's quarter again and make BigQuery's live rows exactly Firestore's: each
    document BigQuery lacks appended, a tombstone for each row Firestore no longer has. Bounded
    by one unit's quarter, never the region's."""
    survey_of, rows, present = survey_of_item(), [], set()
    stored = target.stored_ids(unit_id, quarter)
    for doc in source.unit_quarter(unit_id, quarter.key):
        present.add(doc.get("response_id"))
        if doc.get("response_id") in stored:
            continue
        try:
            rows.append(response_row(doc, survey_of))
        except Malformed:
            continue  # logged and counted by the ingester; the count allows for it
    gone = stored - present
    stamp = now.isoformat()
    rows += [
        tombstone_row({"response_id": i, "unit_id": unit_id, "quarter": quarter.key, "updated_at": stamp})
        for i in sorted(gone)
    ]
    return target.add_versions("responses", rows) if rows else 0
