"""Use case: roll a period's responses up into per-unit and region-wide indices.

Responses reach BigQuery's raw tables as they change (`shared.usecases.aggregation.ingestion`);
a run first brings in what is still waiting, then BigQuery tallies the period's counted
responses (a quarter, a semester or a year alike), every index is finished from those tallies
(`shared.usecases.aggregation.index_rows`) and one row per unit and survey is merged. No run
reads a period's responses from Firestore: its work follows what changed, not what is stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timezone, tzinfo
from typing import Any, Protocol

from shared.config import Settings
from shared.log import fields, logger
from shared.rules.periods import Period
from shared.rules.records import Unit
from shared.usecases.aggregation import ingestion, reconciliation
from shared.usecases.aggregation.index_rows import PeriodFacts, build_rows, content_run_id

LOG = logger("aggregation")


class Units(Protocol):
    def list_units(self) -> list[Unit]: ...


class Runs(Protocol):
    def record_run(self, period: str, run_id: str, aggregated_at: datetime) -> None: ...
    def service_volumes(self, quarters: list[str]) -> dict[tuple[str, str], int]: ...


class Warehouse(reconciliation.Target, Protocol):
    def store_facts(self, quarter: Period, computed_at: datetime) -> None: ...
    def period_facts(self, period: Period) -> PeriodFacts: ...
    def facts_computed(self, period: Period) -> dict[date, datetime]: ...
    def merge_index(self, period: Period, rows: list[dict[str, Any]], run_id: str) -> int: ...


@dataclass(frozen=True)
class Summary:
    period: str
    run_id: str
    units: int
    index_rows: int
    provisional: bool = False


def aggregate(
    period: Period,
    units_repo: Units,
    runs: Runs,
    warehouse: Warehouse,
    *,
    sample_rule: str,
    zone: tzinfo,
    region_name: str = "",
    now: datetime | None = None,
) -> Summary:
    """Compute a period's facts in BigQuery from the raw tables and merge one row per unit and
    survey. A period that has not ended yet is computed as provisional figures."""
    now = now or datetime.now(timezone.utc)
    provisional = now < period.ends_at(zone=zone)
    units = units_repo.list_units()
    volumes = runs.service_volumes([q.key for q in period.quarters])
    if period.kind == "quarter":
        warehouse.store_facts(period, now)
    facts = warehouse.period_facts(period)
    rows = build_rows(period, units, facts, sample_rule, region_name, provisional, volumes)
    run_id = content_run_id(period, rows)
    for row in rows:
        row["aggregation_run"] = run_id
        row["aggregated_at"] = now.isoformat()
    warehouse.merge_index(period, rows, run_id)
    # After the MERGE: readers that find this run id may trust BigQuery to hold its rows.
    runs.record_run(period.key, run_id, now)
    return Summary(period.key, run_id, len(units), len(rows), provisional)


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
    if (data or {}).get("ingest"):
        return []  # the ingester's tick: nothing to compute
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


class Feed(ingestion.Feed, reconciliation.Source, Protocol):
    """What changed in Firestore, and its counts (`shared.adapters.change_feed`)."""


class Changes(ingestion.Marks, Protocol):
    def changed_quarters(self) -> dict[str, datetime]: ...


class RunTimes(Runs, ingestion.Cursors, reconciliation.Skipped, Protocol):
    def aggregated_at(self, periods: list[str]) -> dict[str, datetime | None]: ...
    def record_caught_up(self, at: datetime) -> None: ...


class Deployment(Protocol):
    """What a scheduled run needs of a deployment (`shared.bootstrap.Services` has it all)."""

    @property
    def settings(self) -> Settings: ...
    @property
    def units(self) -> Units: ...
    @property
    def feed(self) -> Feed: ...
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


def catch_up(deployment: Deployment, now: datetime | None = None) -> ingestion.Ingested:
    """Bring what changed into BigQuery for at most the deployment's ingestion time; when
    nothing is left waiting, every change made before `now` is in (reports say "data sampai")."""
    now = now or datetime.now(timezone.utc)
    settings = deployment.settings
    done = ingestion.ingest(
        deployment.feed,
        deployment.ops,
        deployment.warehouse,
        deployment.responses,
        chunk=settings.ingest_chunk,
        seconds=settings.ingest_seconds,
    )
    if done.caught_up:
        deployment.ops.record_caught_up(now)
    return done


def run(period: Period, deployment: Deployment, now: datetime | None = None) -> Summary:
    """One period's run with the deployment's stores and region settings (after `catch_up`). A
    semester or a year pools its quarters' stored facts: those of a quarter whose facts are
    missing or older than its latest change are computed first (its figures are left to its own
    run: the daily run computes a changed quarter anyway)."""
    now = now or datetime.now(timezone.utc)
    for quarter in unpooled(period, deployment, now):
        LOG.info("aggregate: a quarter's facts computed", extra=fields(quarter=quarter.key, period=period.key))
        deployment.warehouse.store_facts(quarter, now)
    settings = deployment.settings
    return aggregate(
        period,
        deployment.units,
        deployment.ops,
        deployment.warehouse,
        sample_rule=settings.sample_rule,
        zone=settings.zone,
        region_name=settings.region_name,
        now=now,
    )


def unpooled(period: Period, deployment: Deployment, now: datetime) -> list[Period]:
    """The quarters of a semester or a year, begun by `now`, whose stored facts are missing or
    older than the quarter's latest change."""
    if period.kind == "quarter":
        return []
    begun = [q for q in period.quarters if q.starts_at(zone=deployment.settings.zone) <= now]
    computed = deployment.warehouse.facts_computed(period)
    marks = deployment.responses.changed_quarters()
    return [
        q
        for q in begun
        if (at := computed.get(q.start)) is None or ((mark := marks.get(q.key)) is not None and mark > at)
    ]


def checked_message(data: Any) -> dict[str, Any]:
    """A Pub/Sub message's payload, checked before any work: ValueError or TypeError for one that
    would fail alike on every redelivery."""
    data = {} if data is None else data
    if not isinstance(data, dict):
        raise TypeError("a JSON object expected")
    for name in ("period", "quarter", "reconcile"):
        if isinstance(data.get(name), str):
            Period.parse(data[name])
        elif data.get(name) not in (None, True) or (name != "reconcile" and data.get(name) is True):
            raise TypeError(f"{name}: a period key expected")
    return data


def reconcile(data: dict[str, Any], deployment: Deployment, now: datetime) -> list[reconciliation.Gap]:
    """`{"reconcile": true}`: the running quarter and the one before it; `{"reconcile": "2026-Q1"}`:
    that quarter."""
    asked = data.get("reconcile")
    if isinstance(asked, str):
        quarters = [Period.parse(asked)]
        if quarters[0].kind != "quarter":
            raise ValueError(f"reconcile: {asked} is not a quarter")
    else:
        running = Period.of(now, zone=deployment.settings.zone)
        quarters = [running.previous(), running]
    units = [unit.unit_id for unit in deployment.units.list_units()]
    return reconciliation.reconcile(
        quarters, units, deployment.feed, deployment.warehouse, deployment.ops, deployment.responses, now
    )
