"""Use case: roll a period's responses up into per-unit and region-wide indices.

A quarter is read from Firestore and loaded as the quarter's raw partition
(`shared.usecases.aggregation.raw_rows`); a semester or a year is computed from the raw partitions its quarters'
runs loaded, with no second read of Firestore. Either way BigQuery tallies the period's
counted responses, every index is finished from those tallies (`shared.usecases.aggregation.index_rows`) and one
row per unit and survey is merged, all in one run.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone, tzinfo
from typing import Any, Protocol

from shared.config import Settings
from shared.log import fields, logger
from shared.rules.periods import Period
from shared.rules.questionnaire import survey_of_item
from shared.rules.records import Unit
from shared.usecases.aggregation.index_rows import PeriodFacts, build_rows, content_run_id
from shared.usecases.aggregation.raw_rows import response_row

LOG = logger("aggregation")


class Units(Protocol):
    def list_units(self) -> list[Unit]: ...


class ResponseSource(Protocol):
    def iter_response_docs(self, quarter: str) -> Iterator[dict[str, Any]]: ...
    def complete_imports(self, quarter: str) -> set[str]: ...


class Runs(Protocol):
    def record_run(self, period: str, run_id: str, aggregated_at: datetime) -> None: ...
    def service_volumes(self, quarters: list[str]) -> dict[tuple[str, str], int]: ...


class Warehouse(Protocol):
    def replace_responses(self, quarter_start: Any, rows: Iterable[dict[str, Any]]) -> int: ...
    def period_facts(self, period: Period) -> PeriodFacts: ...
    def merge_index(self, period: Period, rows: list[dict[str, Any]], run_id: str) -> int: ...


@dataclass(frozen=True)
class Summary:
    period: str
    run_id: str
    responses: int  # loaded from Firestore (0 for a semester or a year: BigQuery holds them)
    units: int
    index_rows: int
    provisional: bool = False


def aggregate(
    period: Period,
    units_repo: Units,
    source: ResponseSource,
    runs: Runs,
    warehouse: Warehouse,
    *,
    sample_rule: str,
    zone: tzinfo,
    region_name: str = "",
    now: datetime | None = None,
) -> Summary:
    """Compute a period's facts in BigQuery and merge one row per unit and survey.

    A quarter's raw partition is replaced from Firestore first. A period that has not ended
    yet is computed as provisional figures.
    """
    now = now or datetime.now(timezone.utc)
    loaded = 0
    if period.kind == "quarter":
        survey_of, complete = survey_of_item(), source.complete_imports(period.key)
        docs = (doc for doc in source.iter_response_docs(period.key) if counts(doc, complete))
        loaded = warehouse.replace_responses(period.start, (response_row(doc, survey_of) for doc in docs))
    provisional = now < period.ends_at(zone=zone)
    units = units_repo.list_units()
    volumes = runs.service_volumes([q.key for q in period.quarters])
    facts = warehouse.period_facts(period)
    rows = build_rows(period, units, facts, sample_rule, region_name, provisional, volumes)
    run_id = content_run_id(period, rows)
    for row in rows:
        row["aggregation_run"] = run_id
        row["aggregated_at"] = now.isoformat()
    warehouse.merge_index(period, rows, run_id)
    # After the MERGE: readers that find this run id may trust BigQuery to hold its rows.
    runs.record_run(period.key, run_id, now)
    return Summary(period.key, run_id, loaded, len(units), len(rows), provisional)


def counts(doc: dict[str, Any], complete_imports: set[str]) -> bool:
    """A response counts unless it came with an import that never completed (cut off mid-way:
    its rows wait for the same file to be imported again, which completes it)."""
    owner = doc.get("import_id")
    return not owner or owner in complete_imports


def periods_for_message(
    data: dict[str, Any] | None, *, zone: tzinfo, now: datetime | None = None, kinds: Iterable[str] = ()
) -> list[Period]:
    """What a Pub/Sub message asks for, in the order to compute them.

    `{"period": "2026-S1"}` (or `{"quarter": "2026-Q3"}`): that period; a quarter is followed by
    the semester and year containing it, which pool its raw partition (a backfill, or the
    redelivery of a run that failed midway, leaves none of them stale). Without one, the
    scheduled run: the quarter that just ended and the semester and year it completes. Only
    the kinds a region reports (`kinds`, all by default) beyond the quarter itself.
    """
    if (data or {}).get("daily"):
        raise ValueError("a daily message: see daily_periods")
    wanted = set(kinds) or {"quarter", "semester", "year"}
    asked = (data or {}).get("period") or (data or {}).get("quarter")
    if asked:
        period = Period.parse(asked)
        wider = period.containing() if period.kind == "quarter" else []
        return [period] + [p for p in wider if p.kind in wanted]
    ended = Period.of(now or datetime.now(timezone.utc), zone=zone).previous()
    return [ended] + [period for period in ended.closes()[1:] if period.kind in wanted]


def daily_periods(
    now: datetime, *, zone: tzinfo, kinds: Iterable[str] = (), changed: Iterable[Period] = ()
) -> list[Period]:
    """The daily run: every closed quarter that got late responses since its last run, then the
    running quarter (provisional figures), then every semester and year containing one of them.
    Quarters come first, as their raw partitions are what the semesters and years pool; a
    quarter that did not change is never read again."""
    running = Period.of(now, zone=zone)
    wanted = set(kinds) or {"quarter", "semester", "year"}
    quarters = sorted({q for q in changed if q < running and q.kind == "quarter"} | {running})
    wider = sorted(
        {p for q in quarters for p in q.containing() if p.kind in wanted}, key=lambda p: (p.kind != "semester", p)
    )
    return quarters + wider


class Changes(Protocol):
    def changed_quarters(self) -> dict[str, datetime]: ...


class RunTimes(Runs, Protocol):
    def aggregated_at(self, periods: list[str]) -> dict[str, datetime | None]: ...


class Deployment(Protocol):
    """What a scheduled run needs of a deployment (`shared.bootstrap.Services` has it all)."""

    @property
    def settings(self) -> Settings: ...
    @property
    def units(self) -> Units: ...
    @property
    def stream(self) -> ResponseSource: ...
    @property
    def responses(self) -> Changes: ...
    @property
    def ops(self) -> RunTimes: ...
    @property
    def warehouse(self) -> Warehouse: ...


def changed(deployment: Deployment) -> list[Period]:
    """Quarters that got responses after their current run started (or that never ran). A
    marker that names no quarter is logged and skipped: it must not stop the region's run."""
    marks = {key: at for key, at in deployment.responses.changed_quarters().items() if quarter_key(key)}
    started = deployment.ops.aggregated_at(list(marks))
    return [Period.parse(key) for key, at in marks.items() if (ran := started[key]) is None or at > ran]


def quarter_key(key: str) -> bool:
    try:
        if Period.parse(key).kind == "quarter":
            return True
    except ValueError:
        pass
    LOG.warning("aggregate: a changed-quarter marker names no quarter; skipped", extra=fields(marker=key))
    return False


def wanted(data: dict[str, Any] | None, deployment: Deployment, now: datetime) -> list[Period]:
    """The periods a Pub/Sub message asks for, in the order to compute them; ValueError (or
    TypeError, AttributeError) for a malformed one, which would fail alike on every redelivery."""
    settings = deployment.settings
    if isinstance(data, dict) and data.get("daily"):
        return daily_periods(now, zone=settings.zone, kinds=settings.kinds, changed=changed(deployment))
    return periods_for_message(data, zone=settings.zone, kinds=settings.kinds, now=now)


def run(period: Period, deployment: Deployment, now: datetime | None = None) -> Summary:
    """One period's run with the deployment's stores and region settings."""
    settings = deployment.settings
    return aggregate(
        period,
        deployment.units,
        deployment.stream,
        deployment.ops,
        deployment.warehouse,
        sample_rule=settings.sample_rule,
        zone=settings.zone,
        region_name=settings.region_name,
        now=now,
    )
