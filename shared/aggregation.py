"""Use case: roll one quarter's responses up into per-unit and region-wide indices.

Extract the quarter's responses from Firestore, load them as the quarter's raw partition
(`shared.raw_rows`), let BigQuery tally them, finish every index from the tallies
(`shared.index_rows`) and merge one row per unit and survey, all in one run.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Protocol

from shared.index_rows import QuarterFacts, build_rows, content_run_id
from shared.models import Unit
from shared.quarters import Quarter
from shared.raw_rows import response_row, survey_of_item


class Units(Protocol):
    def list_units(self) -> list[Unit]: ...


class ResponseSource(Protocol):
    def iter_response_docs(self, quarter: str) -> Iterator[dict[str, Any]]: ...


class Runs(Protocol):
    def record_run(self, quarter: str, run_id: str, aggregated_at: datetime) -> None: ...


class Warehouse(Protocol):
    def replace_responses(self, quarter_start: Any, rows: Iterable[dict[str, Any]]) -> int: ...
    def quarter_facts(self, quarter_start: Any) -> QuarterFacts: ...
    def merge_index(self, quarter_start: Any, rows: list[dict[str, Any]], run_id: str) -> int: ...


@dataclass(frozen=True)
class Summary:
    quarter: str
    run_id: str
    responses: int
    units: int
    index_rows: int


def aggregate(
    quarter: Quarter,
    units_repo: Units,
    source: ResponseSource,
    runs: Runs,
    warehouse: Warehouse,
    sample_rule: str = "krejcie-morgan",
    region_name: str = "",
    now: datetime | None = None,
) -> Summary:
    """Replace the quarter's raw rows, compute its facts in BigQuery, merge one row per unit and survey."""
    now = now or datetime.now(timezone.utc)
    survey_of = survey_of_item()
    loaded = warehouse.replace_responses(
        quarter.start, (response_row(doc, survey_of) for doc in source.iter_response_docs(quarter.key))
    )
    units = units_repo.list_units()
    rows = build_rows(quarter, units, warehouse.quarter_facts(quarter.start), sample_rule, region_name)
    run_id = content_run_id(quarter, rows)
    for row in rows:
        row["aggregation_run"] = run_id
        row["aggregated_at"] = now.isoformat()
    warehouse.merge_index(quarter.start, rows, run_id)
    # After the MERGE: readers that find this run id may trust BigQuery to hold its rows.
    runs.record_run(quarter.key, run_id, now)
    return Summary(quarter.key, run_id, loaded, len(units), len(rows))


def quarter_for_message(data: dict[str, Any] | None, now: datetime | None = None) -> Quarter:
    """The quarter a Pub/Sub message asks for: `{"quarter": "2026-Q3"}`, or else the one that just ended."""
    if data and data.get("quarter"):
        return Quarter.parse(data["quarter"])
    return Quarter.of(now or datetime.now(timezone.utc)).previous()
