"""BigQuery adapter: raw rows in, per-group tallies and index rows out.

What changed in Firestore is appended with load jobs (free, atomic; never streaming inserts):
every row is a version, and the SQL takes each key's newest (`shared/sql/current_responses.sql`),
so a chunk loaded twice changes nothing it reads. Index rows are written with one MERGE per
period for all units.
"""

from __future__ import annotations

import json
import tempfile
import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from importlib import resources
from itertools import islice
from typing import Any

from google.api_core.client_options import ClientOptions
from google.api_core.exceptions import NotFound
from google.auth.credentials import AnonymousCredentials
from google.cloud import bigquery

from shared.config import Settings
from shared.rules import privacy
from shared.rules.ikm import Tally
from shared.rules.periods import Period
from shared.rules.vocabulary import REGION
from shared.usecases.aggregation.index_rows import (
    QUOTES_SHOWN,
    SUGGESTIONS_SHOWN,
    GroupFacts,
    PeriodFacts,
    UnitFacts,
)

QUERY_TIMEOUT = 300
RESPONSES = "responses"
INDEX = "unit_period_index"
FACTS = "quarter_facts"
# The raw tables and the key of their rows: each keeps every version appended; readers take
# each key's newest by updated_at (shared/sql/current_responses.sql).
KEYS = {"responses": ("response_id", "quarter_start"), "followups": ("response_id",), "imports": ("import_id",)}
# About 5 MB of JSON per load job: the client holds a whole upload in memory (several
# copies), so the chunk bounds peak memory; 1M responses make 100 jobs (1,500 a day allowed).
LOAD_CHUNK_ROWS = 10_000


def client_for(settings: Settings) -> bigquery.Client:
    if settings.bigquery_endpoint:  # the local BigQuery-compatible engine
        return bigquery.Client(
            project=settings.project,
            credentials=AnonymousCredentials(),
            client_options=ClientOptions(api_endpoint=settings.bigquery_endpoint),
        )
    return bigquery.Client(project=settings.project)


def table_specs() -> dict[str, dict[str, Any]]:
    """Table definitions from shared/schemas/bigquery.json (also read by infra/)."""
    return json.loads(resources.files("shared.schemas").joinpath("bigquery.json").read_text("utf-8"))


def _schema(fields: list[dict[str, Any]]) -> list[bigquery.SchemaField]:
    return [bigquery.SchemaField.from_api_repr(field) for field in fields]


class BigQueryWarehouse:
    def __init__(self, client: bigquery.Client, dataset: str, call_seconds: float | None = None):
        """`call_seconds`: a query (retries included) gives up after that long; a request-serving
        function then answers 503 rather than wait out the library's ten-minute retry."""
        self._bq = client
        self._dataset = f"{client.project}.{dataset}"
        self._seconds = call_seconds

    def _table(self, name: str) -> str:
        return f"{self._dataset}.{name}"

    def _query(self, sql: str, **params: Any) -> bigquery.table.RowIterator:
        config = bigquery.QueryJobConfig(query_parameters=[_param(k, v) for k, v in params.items()])
        if not self._seconds:
            return self._bq.query(sql, job_config=config).result(timeout=QUERY_TIMEOUT)
        retry = bigquery.DEFAULT_RETRY.with_timeout(self._seconds)
        job = self._bq.query(sql, job_config=config, retry=retry, timeout=self._seconds, job_retry=None)
        return job.result(retry=retry, timeout=self._seconds)

    def ensure_tables(self) -> None:
        """Create the dataset and tables if missing (Terraform owns them in production)."""
        self._bq.create_dataset(self._dataset, exists_ok=True)
        for name, spec in table_specs().items():
            table = bigquery.Table(self._table(name), schema=_schema(spec["schema"]))
            table.description = spec["description"]
            if spec["partition_field"]:
                table.time_partitioning = bigquery.TimePartitioning(field=spec["partition_field"])
            table.clustering_fields = spec["clustering"]
            self._bq.create_table(table, exists_ok=True)

    def _load(
        self, rows: Iterable[dict[str, Any]], table: str, schema_of: str, disposition: str, wait: bool = True
    ) -> tuple[int, bigquery.LoadJob | None]:
        """Load rows as newline-delimited JSON through a temporary file (one load job)."""
        count, job = 0, None
        with tempfile.TemporaryFile(mode="w+b") as spool:
            for count, row in enumerate(rows, start=1):  # noqa: B007 (the count is what it returns)
                spool.write(json.dumps(row, separators=(",", ":"), default=str).encode())
                spool.write(b"\n")
            spool.seek(0)
            config = bigquery.LoadJobConfig(
                source_format=bigquery.SourceFormat.NEWLINE_DELIMITED_JSON,
                schema=_schema(table_specs()[schema_of]["schema"]),
                write_disposition=disposition,
            )
            if count:
                job = self._bq.load_table_from_file(spool, table, job_config=config)
        if job is not None and wait:
            job.result(timeout=QUERY_TIMEOUT)
        return count, job

    def add_versions(self, table: str, rows: list[dict[str, Any]]) -> int:
        """Append one chunk of changed documents' rows (their new versions, or tombstones) with
        one load job: free and atomic, where a MERGE that updates rows is billed the whole size
        of every partition it touches. Readers see each key's newest version only
        (`current_responses.sql`), so a chunk appended twice (a run killed before its cursor
        moved) changes nothing they read."""
        loaded, _ = self._load(rows, self._table(table), table, bigquery.WriteDisposition.WRITE_APPEND)
        return loaded

    def append_rows(self, table: str, rows: Iterable[dict[str, Any]]) -> int:
        """Append rows in chunks of load jobs (benchmarks seed the raw table with it)."""
        return self._append_in_chunks(rows, self._table(table), table)

    def counts(self, quarter: Period) -> dict[str, int]:
        """Responses per unit in a quarter as BigQuery holds them now (each one's newest version,
        tombstones left out), to set beside Firestore's count of the documents: the reconciliation."""
        sql = f"SELECT unit_id, COUNT(*) AS n FROM {self._live(quarter)} GROUP BY unit_id"
        return {row["unit_id"]: row["n"] for row in self._query(sql, quarter_start=quarter.start)}

    def _live(self, quarter: Period, unit: str = "") -> str:
        """The quarter's responses (newest version of each) that are not tombstones."""
        return (
            "(SELECT * FROM (SELECT response_id, unit_id, deleted, ROW_NUMBER() OVER (PARTITION BY response_id "
            f"ORDER BY updated_at DESC NULLS LAST) AS newest FROM `{self._table(RESPONSES)}` "
            f"WHERE quarter_start = @quarter_start {unit}) WHERE newest = 1 AND NOT IFNULL(deleted, FALSE))"
        )

    def stored_ids(self, unit_id: str, quarter: Period) -> set[str]:
        """The ids of a unit's responses BigQuery holds in a quarter (tombstones left out)."""
        sql = f"SELECT response_id FROM {self._live(quarter, 'AND unit_id = @unit_id')}"
        return {row["response_id"] for row in self._query(sql, quarter_start=quarter.start, unit_id=unit_id)}

    def _append_in_chunks(
        self, rows: Iterable[dict[str, Any]], table: str, schema_of: str = RESPONSES, chunk_rows: int = LOAD_CHUNK_ROWS
    ) -> int:
        """Append rows of `schema_of`'s shape to `table`, one load job per chunk; the server runs each job
        while the next chunk is read, and all are waited for at the end."""
        rows, total, jobs = iter(rows), 0, []
        while True:
            loaded, job = self._load(
                islice(rows, chunk_rows), table, schema_of, bigquery.WriteDisposition.WRITE_APPEND, wait=False
            )
            if not loaded:
                break
            total += loaded
            if job is not None:
                jobs.append(job)
        for job in jobs:
            job.result(timeout=QUERY_TIMEOUT)
        return total

    def period_facts(self, period: Period) -> PeriodFacts:
        """Tallies, respondents, complaint figures and versions of a period, pooled from its
        quarters' stored facts (`quarter_facts`, see `store_facts`): a semester or a year reads
        only what its quarters stored, so its work follows units, not responses."""
        span = {"period_start": period.start, "period_end": period.end}
        return PeriodFacts(
            groups=self._group_facts(span),
            units=self._unit_facts(span),
            versions=self._versions(span),
        )

    def facts_computed(self, period: Period) -> dict[date, datetime]:
        """When each quarter of the period last had its facts stored (quarters never computed are
        missing)."""
        sql = (
            f"SELECT quarter_start, MAX(computed_at) AS at FROM `{self._table(FACTS)}` "
            "WHERE quarter_start >= @period_start AND quarter_start < @period_end GROUP BY quarter_start"
        )
        found = self._rows(sql, period_start=period.start, period_end=period.end)
        return {row["quarter_start"]: row["at"] for row in found}

    def store_facts(self, quarter: Period, computed_at: datetime) -> None:
        """Compute a quarter's facts from its raw partition and store them as of `computed_at`
        (the run's start): one INSERT of every fact (so a kill leaves all of a run or none), then
        the older runs' rows go; readers take the newest run, whatever is left behind."""
        run = uuid.uuid4().hex
        params = {"period_start": quarter.start, "period_end": quarter.end, "run": run, "computed_at": computed_at}
        self._query(_fact_insert(self._dataset), **params, latest_shown=SUGGESTIONS_SHOWN, quotes_shown=QUOTES_SHOWN)
        self._query(
            f"DELETE FROM `{self._table(FACTS)}` WHERE quarter_start = @quarter_start AND computed_at < @computed_at",
            quarter_start=quarter.start,
            computed_at=computed_at,
        )

    def _facts(self, name: str, span: dict[str, date], **params: Any) -> bigquery.table.RowIterator:
        return self._query(_read_pooled(name, self._dataset), **span, **params)

    def _group_facts(self, span: dict[str, date]) -> dict[tuple[str, str, str, str], GroupFacts]:
        groups: dict[tuple[str, str, str, str], GroupFacts] = {}
        for row in self._facts("pooled_groups.sql", span):
            groups[(row["unit_id"], row["survey"], row["dimension"], row["group_value"])] = GroupFacts(
                respondents=row["respondents"],
                tallies={i["item"]: Tally(int(i["answers"]), int(i["score_sum"])) for i in row["items"]},
                score_sum=row["score_sum"],
                score_squares=row["score_squares"],
            )
        return groups

    def _unit_facts(self, span: dict[str, date]) -> dict[str, UnitFacts]:
        units = {
            row["unit_id"]: UnitFacts(row["excluded"], row["suggestions"], row["answered"])
            for row in self._facts("pooled_units.sql", span)
        }
        for row in self._facts("pooled_medians.sql", span):
            units.setdefault(row["unit_id"], UnitFacts()).median_reply_hours = row["unit_median"]
            units.setdefault(REGION, UnitFacts()).median_reply_hours = row["region_median"]
        for row in self._facts("pooled_latest.sql", span, shown=SUGGESTIONS_SHOWN):
            units.setdefault(row["unit_id"], UnitFacts()).latest_suggestions.append(
                {"submitted_at": _iso(row["submitted_at"]), "text": privacy.mask(row["text"]), "status": row["status"]}
            )
        self._suggestion_facts(span, units)
        return units

    def _suggestion_facts(self, span: dict[str, date], units: dict[str, UnitFacts]) -> None:
        """Suggestions per element and kind, per theme, and the quotes (masked: they leave the unit)."""
        for row in self._facts("pooled_suggestions.sql", span, shown=QUOTES_SHOWN):
            unit = units.setdefault(row["unit_id"], UnitFacts())
            if row["what"] == "element":
                unit.suggestion_counts[(row["name"], row["kind"])] = row["n"]
            elif row["what"] == "theme":
                unit.suggestion_themes[row["name"]] = row["n"]
            else:
                quote = {"element": row["name"], "kind": row["kind"], "text": privacy.mask(row["text"])}
                unit.suggestion_quotes.append(quote | {"submitted_at": _iso(row["submitted_at"])})

    def unit_suggestions(
        self, unit_id: str, period: Period, after: tuple[str, str] | None, limit: int
    ) -> list[dict[str, Any]]:
        """A unit's counted suggestions, newest first, after `after` (submitted_at ISO, response id),
        with their labels; the text as stored: the caller masks it."""
        span = {"period_start": period.start, "period_end": period.end}
        cursor = {}
        condition = ""
        if after:
            cursor = {"after_at": after[0], "after_id": after[1]}
            condition = (
                "AND (submitted_at < TIMESTAMP(@after_at) "
                "OR (submitted_at = TIMESTAMP(@after_at) AND response_id > @after_id))"
            )
        sql = _read_sql("unit_suggestions.sql", self._dataset).replace("{after}", condition)
        found = self._query(sql.replace("{limit}", str(int(limit))), **span, unit_id=unit_id, **cursor)
        return [dict(row) | {"submitted_at": _iso(row["submitted_at"])} for row in found]

    def _versions(self, span: dict[str, date]) -> dict[tuple[str, str], set[int]]:
        versions: dict[tuple[str, str], set[int]] = defaultdict(set)
        for row in self._facts("pooled_versions.sql", span):
            versions[(row["unit_id"], row["survey"])].add(row["version"])
        return dict(versions)

    def merge_index(self, period: Period, rows: list[dict[str, Any]], run_id: str) -> int:
        """Make the period's index rows equal `rows` with one MERGE (the DML quota is per table).

        Rows whose run id (a hash of their content) is unchanged are left alone; other periods
        sharing the partition (a quarter and its semester start on the same day) are untouched.
        """
        staging = self._table(f"{INDEX}__staging_{run_id.replace('-', '_')}")
        self._bq.create_table(bigquery.Table(staging, schema=_schema(table_specs()[INDEX]["schema"])), exists_ok=True)
        try:
            self._load(rows, staging, INDEX, bigquery.WriteDisposition.WRITE_TRUNCATE)
            columns = [field["name"] for field in table_specs()[INDEX]["schema"]]
            updates = ", ".join(f"{c} = S.{c}" for c in columns)
            self._query(
                f"""
                MERGE `{self._table(INDEX)}` AS T
                USING (SELECT * FROM `{staging}`) AS S
                ON T.period_start = S.period_start AND T.period = S.period AND T.unit_id = S.unit_id
                  AND T.survey = S.survey
                WHEN MATCHED AND T.aggregation_run != S.aggregation_run THEN UPDATE SET {updates}
                WHEN NOT MATCHED THEN INSERT ({", ".join(columns)}) VALUES ({", ".join("S." + c for c in columns)})
                WHEN NOT MATCHED BY SOURCE AND T.period_start = @period_start AND T.period = @period THEN DELETE
            """,
                period_start=period.start,
                period=period.key,
            )
        finally:
            self._bq.delete_table(staging, not_found_ok=True)
        return len(rows)

    def index_rows(self, period: Period, unit_id: str | None = None) -> list[dict[str, Any]]:
        sql = f"SELECT * FROM `{self._table(INDEX)}` WHERE period_start = @period_start AND period = @period"
        params: dict[str, Any] = {"period_start": period.start, "period": period.key}
        if unit_id is not None:
            sql += " AND unit_id = @unit_id"
            params["unit_id"] = unit_id
        return self._rows(sql + " ORDER BY unit_id, survey", **params)

    def _rows(self, sql: str, **params: Any) -> list[dict[str, Any]]:
        """Rows for a reader; nothing (rather than an error) before the first aggregation made the tables."""
        try:
            return [dict(row) for row in self._query(sql, **params)]
        except NotFound:
            return []

    def unit_history(self, unit_id: str, periods: list[Period]) -> list[dict[str, Any]]:
        """A unit's index rows of every survey for `periods` (all of one kind), oldest first: one
        query gives a report both its period's rows and its trend."""
        sql = (
            f"SELECT * FROM `{self._table(INDEX)}` WHERE unit_id = @unit_id AND period_kind = @kind "
            "AND period_start BETWEEN @since AND @until ORDER BY period_start, survey"
        )
        return self._rows(sql, unit_id=unit_id, kind=periods[0].kind, since=periods[0].start, until=periods[-1].start)


def _iso(moment: Any) -> str | None:
    return moment.isoformat() if moment else None


def _sql_text(name: str) -> str:
    return resources.files("shared.sql").joinpath(name).read_text("utf-8")


def _uncommented(name: str) -> str:
    """A query without its comment lines, to be written into another (nothing binds a parameter
    named in a comment)."""
    return "\n".join(line for line in _sql_text(name).splitlines() if not line.startswith("--"))


def _read_sql(name: str, dataset: str) -> str:
    """A query from shared/sql/ over the responses as they stand now (`current_responses.sql`,
    which reads the period's parameters), the dataset filled in (never user input)."""
    return _sql_text(name).replace("{responses}", _uncommented("current_responses.sql")).replace("{dataset}", dataset)


def _read_pooled(name: str, dataset: str) -> str:
    """A query from shared/sql/ over the stored facts of a period's quarters (`current_facts.sql`)."""
    return _sql_text(name).replace("{facts}", _uncommented("current_facts.sql")).replace("{dataset}", dataset)


# What each query over a quarter's responses stores: the `quarter_facts` columns it fills
# (the others stay null), and its `fact` (suggestion_facts.sql names its own, in `what`).
STORED_FACTS = {
    "group_facts.sql": (
        "'group'",
        "unit_id, survey, dimension, group_value, respondents, score_sum, score_squares, items",
    ),
    "unit_facts.sql": ("'unit'", "unit_id, excluded, suggestions, answered"),
    "reply_hours.sql": ("'reply'", "unit_id, hours"),
    "latest_suggestions.sql": ("'latest'", "unit_id, response_id, submitted_at, text, status"),
    "suggestion_facts.sql": ("what", "unit_id, name, kind, n, text, submitted_at"),
    "versions.sql": ("'version'", "unit_id, survey, version"),
}
FACT_KEYS = ("quarter_start", "run", "computed_at", "fact")


def _fact_insert(dataset: str) -> str:
    """The INSERT of every fact of one quarter: the queries of STORED_FACTS over its responses,
    each widened to the table's columns, in one statement. They share one `current` (each
    response's current version): BigQuery inlines it, the local engine computes it once."""
    columns = [field for field in table_specs()[FACTS]["schema"] if field["name"] not in FACT_KEYS]
    selects = []
    for name, (fact, filled) in STORED_FACTS.items():
        mine = {column.strip() for column in filled.split(",")}
        values = ", ".join(f"x.{c['name']}" if c["name"] in mine else f"CAST(NULL AS {_sql_type(c)})" for c in columns)
        query = _uncommented(name).replace("{responses}", "current")
        selects.append(f"SELECT @period_start, @run, @computed_at, {fact}, {values} FROM ({query}) AS x")
    nothing = ", ".join(f"CAST(NULL AS {_sql_type(c)})" for c in columns)
    selects.append(f"SELECT @period_start, @run, @computed_at, 'run', {nothing}")  # an empty quarter ran too
    names = ", ".join([*FACT_KEYS, *(c["name"] for c in columns)])
    head = f"INSERT INTO `{dataset}.{FACTS}` ({names})\nWITH current AS {_uncommented('current_responses.sql')}\n"
    sql = head + "\nUNION ALL\n".join(selects)
    return sql.replace("{dataset}", dataset)


def _sql_type(field: dict[str, Any]) -> str:
    scalar = {"INTEGER": "INT64", "FLOAT": "FLOAT64", "BOOLEAN": "BOOL"}
    if field["type"] == "RECORD":
        inner = ", ".join(f"{f['name']} {scalar.get(f['type'], f['type'])}" for f in field["fields"])
        kind = f"STRUCT<{inner}>"
    else:
        kind = scalar.get(field["type"], field["type"])
    return f"ARRAY<{kind}>" if field["mode"] == "REPEATED" else kind


def _param(name: str, value: Any) -> bigquery.ScalarQueryParameter:
    if isinstance(value, datetime):
        return bigquery.ScalarQueryParameter(name, "TIMESTAMP", value)
    kind = "DATE" if isinstance(value, date) else "INT64" if isinstance(value, int) else "STRING"
    return bigquery.ScalarQueryParameter(name, kind, value)
