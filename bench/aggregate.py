"""Ingestion and aggregation at scale, as ratios measured in one run (issue 27):

- the daily run (bring a day's responses in, then compute the running quarter, its semester
  and year) when BigQuery already holds HELD responses of the quarter, against when it holds
  none (goal <= 1.2: the run follows what arrived, not what is stored);
- ingestion against a bare read of the same documents and one chain of load jobs (goal <= 1.5);
- a HELD-response quarter computed from the raw table against the path before it (read the
  quarter from Firestore, load it, compute), whose cost per response is measured on the day's
  documents (goal <= 0.1);
- Firestore document reads per response, corrections included (goal: 1, plus corrections);
- the daily run with suggestions labelled and counted against the same run without (issue 28,
  goal <= 1.1): 30 % of the day's responses carry a suggestion from the labelled set.

`make bench` runs a day of 110,000 responses and HELD = 1,000,000; `make bench-10m` puts 10 M
responses in the raw table and computes the quarter, semester and year. Each measurement runs
in a child process so its peak memory (VmHWM) is its own.
"""

from __future__ import annotations

import functools
import json
import os
import random
import resource
import subprocess
import sys
import threading
import time
import uuid

import requests

from bench.sizes import size

UNITS = 500
DAY = int(os.environ.get("SKM_BENCH_DAY", size(110_000, 200)))
HELD = int(os.environ.get("SKM_BENCH_HELD", size(1_000_000, 500)))
TEN_MILLION = int(os.environ.get("SKM_BENCH_10M", size(10_000_000, 1000)))
QUARTER = "2026-Q2"
CORRECTED = 0.01  # the share of the day's responses changed after they came in (paper fixes, replies, spam marks)


def unit_ids() -> list[str]:
    return [f"unit-{i:03d}" for i in range(UNITS)]


def generate(stack, count: int, seed: int = 1) -> float:
    """Write `count` responses spread over the units with the bulk writer, each with its server
    time as every write path sets it; returns seconds."""
    from google.cloud import firestore
    from google.cloud.firestore_v1.bulk_writer import BulkWriterOptions

    from shared import config
    from shared.adapters.firestore import Collections, client_for
    from shared.adapters.firestore_units import FirestoreUnits
    from shared.rules.records import Unit

    os.environ.update(stack.env)
    wipe = (
        f"http://127.0.0.1:{stack.ports.firestore}/emulator/v1/projects/{stack.project}/databases/(default)/documents"
    )
    requests.delete(wipe, timeout=60).raise_for_status()
    db = client_for(config.load(os.environ))
    FirestoreUnits(Collections(lambda _key: db)).put_units(
        Unit(unit_id=u, name=f"Unit {u}", type="Kelurahan", service_users_per_quarter=1000) for u in unit_ids()
    )
    rng = random.Random(seed)
    started = time.perf_counter()
    # The emulator takes far more than the 500 writes/s that BulkWriter allows by default.
    writer = db.bulk_writer(BulkWriterOptions(initial_ops_per_second=20_000, max_ops_per_second=20_000))
    responses = db.collection("responses")
    for _ in range(count):
        doc = synthetic_doc(rng, QUARTER) | {"receipt": "ACDEFGHJ", "updated_at": firestore.SERVER_TIMESTAMP}
        doc["submitted_at"] = firestore.SERVER_TIMESTAMP
        writer.create(responses.document(doc["response_id"]), doc)
    writer.close()
    return time.perf_counter() - started


@functools.cache
def suggestion_texts() -> list[str]:
    from bench.suggestions import labelled

    return [text for _, _, text in labelled()]


def synthetic_doc(rng: random.Random, quarter: str) -> dict:
    suggestion = rng.choice(suggestion_texts()) if rng.random() < 0.3 else ""
    return {
        "response_id": str(uuid.UUID(int=rng.getrandbits(128))),
        "unit_id": rng.choice(unit_ids()),
        "quarter": quarter,
        "questionnaires": {"skm": 1},
        "answers": {f"U{i}": rng.randint(1, 4) for i in range(1, 10)},
        "profile": {"age": rng.randint(15, 80), "gender": rng.choice("LP"), "education": "SMA"},
        "suggestion": suggestion,
        "complaint_status": "baru" if suggestion else None,
        "flags": ["too-fast"] if rng.random() < 0.01 else [],
        "schema_version": 1,
        "submitted_at": "2026-05-01T03:00:00+00:00",
        "updated_at": "2026-05-01T03:00:00+00:00",
    }


class CountingFeed:
    """The Firestore feed, counting the documents it reads."""

    def __init__(self, feed):
        self.feed, self.documents = feed, 0

    def changes(self, name, after, limit):
        found = self.feed.changes(name, after, limit)
        self.documents += len(found)
        return found


class CountingCursors:
    """The ops store's cursors, counting the documents their reads touch (a transaction reads one)."""

    def __init__(self, ops):
        self.ops, self.reads = ops, 0

    def ingestion_cursors(self):
        found = self.ops.ingestion_cursors()
        self.reads += max(1, len(found))
        return found

    def advance_cursor(self, *args):
        self.reads += 1
        return self.ops.advance_cursor(*args)


def fresh_state(store, held: int) -> None:
    """Untimed: empty raw tables and cursors, then `held` responses of the quarter in BigQuery
    (what earlier days brought in), loaded as the raw table holds them."""
    from shared.rules import questionnaire
    from shared.usecases.aggregation import raw_rows

    warehouse = store.warehouse
    warehouse.ensure_tables()
    for table in ("responses", "followups", "imports", "quarter_facts", "unit_period_index"):
        list(warehouse._query(f"DELETE FROM `{warehouse._table(table)}` WHERE TRUE"))
    for cursor in store.ops._c.read("ingestion").list_documents():
        cursor.delete()
    survey_of, rng = questionnaire.survey_of_item(), random.Random(2)
    if held:
        warehouse.append_rows(
            "responses", (raw_rows.response_row(synthetic_doc(rng, QUARTER), survey_of) for _ in range(held))
        )


def child(mode: str) -> None:
    """Runs in its own process; prints one JSON line of what it measured."""
    from shared import config
    from shared.bootstrap import Services
    from shared.rules.periods import Period
    from shared.usecases.aggregation import ingestion, runs

    store = Services(config.load(os.environ))
    quarter = Period.parse(QUARTER)
    periods = [quarter, *quarter.containing()]
    result: dict = {"mode": mode}
    if mode == "daily-unlabelled":  # the same run as daily-empty, as it was before suggestions were labelled
        without_labels()
        mode = "daily-empty"
    if mode in ("daily-empty", "daily-held"):
        fresh_state(store, HELD if mode == "daily-held" else 0)
        for period in periods:  # yesterday's daily run, over what the earlier days brought in
            runs.run(period, store)
        started, cpu_started = time.perf_counter(), cpu_seconds()
        feed, cursors = CountingFeed(store.feed), CountingCursors(store.ops)
        done = ingestion.ingest(feed, cursors, store.warehouse, store.responses, seconds=1e9)
        ingested = time.perf_counter() - started
        computed = {}
        for period in periods:
            began = time.perf_counter()
            runs.run(period, store)
            computed[period.key] = round(time.perf_counter() - began, 1)
        result |= {
            "computed": computed,
            "ingest": ingested,
            "documents": done.documents,
            "reads": feed.documents + cursors.reads,
        }
    elif mode == "raw-quarter":  # after daily-held: the quarter as it stands, from the raw table only
        started, cpu_started = time.perf_counter(), cpu_seconds()
        runs.run(quarter, store)
    elif mode == "corrections":  # a share of the day's responses changed again, and brought in
        changed = correct(store, int(DAY * CORRECTED))
        started, cpu_started = time.perf_counter(), cpu_seconds()
        feed, cursors = CountingFeed(store.feed), CountingCursors(store.ops)
        ingestion.ingest(feed, cursors, store.warehouse, store.responses, seconds=1e9)
        result |= {"changed": changed, "reads": feed.documents + cursors.reads}
    elif mode == "bare":  # the same documents read once and loaded once: no cursors, no markers
        started, cpu_started = time.perf_counter(), cpu_seconds()
        result["documents"] = bare_read_and_load(store, quarter, "responses_bare")
    elif mode == "firestore-path":  # the path before issue 27: the whole quarter read, loaded, computed
        fresh_state(store, 0)
        started, cpu_started = time.perf_counter(), cpu_seconds()
        result["documents"] = bare_read_and_load(store, quarter, "responses")
        runs.run(quarter, store)
    elif mode == "ten-million":
        fresh_state(store, 0)
        started, cpu_started = time.perf_counter(), cpu_seconds()
        result |= ten_million(store, periods)
    else:
        raise SystemExit(f"unknown mode {mode}")
    result |= {"seconds": time.perf_counter() - started, "cpu": cpu_seconds() - cpu_started, "peak_mb": peak_rss_mb()}
    print(json.dumps(result))


def without_labels() -> None:
    """Ingestion and aggregation as before issue 28: no label on the raw rows, no counts."""
    from shared.adapters.bigquery_warehouse import BigQueryWarehouse
    from shared.usecases.aggregation import raw_rows

    unlabelled = {"suggestion_kind": None, "suggestion_elements": [], "suggestion_themes": []}
    raw_rows.suggestion_label = lambda doc: unlabelled
    BigQueryWarehouse._suggestion_facts = lambda self, span, units: None


def bare_read_and_load(store, quarter, table: str) -> int:
    """Every document of the quarter in one query stream, turned into rows, loaded in chunks."""
    from google.cloud.firestore_v1.base_query import FieldFilter

    from shared.rules import questionnaire
    from shared.usecases.aggregation import raw_rows

    survey_of = questionnaire.survey_of_item()
    query = store.collections.read("responses").where(filter=FieldFilter("quarter", "==", quarter.key))
    docs = (snapshot.to_dict() for snapshot in query.stream())
    rows = (raw_rows.response_row(doc, survey_of) for doc in docs)
    store.warehouse.ensure_tables()
    target = store.warehouse._table(table)
    if table != "responses":  # a table of its own, made by the load
        store.warehouse._bq.delete_table(target, not_found_ok=True)
    return store.warehouse._append_in_chunks(rows, target)


def correct(store, count: int) -> int:
    """Touch `count` of the day's responses as a correction would (a new version, a new time)."""
    from google.cloud import firestore

    snapshots = list(store.collections.read("responses").limit(count).stream())
    batch, written = store.collections.client("responses").batch(), 0
    for snapshot in snapshots:
        batch.update(snapshot.reference, {"flags": [], "updated_at": firestore.SERVER_TIMESTAMP})
        written += 1
        if written % 400 == 0:
            batch.commit()
            batch = store.collections.client("responses").batch()
    batch.commit()
    return written


def ten_million(store, periods) -> dict:
    """TEN_MILLION responses in the raw table (untimed, as ingestion would have brought them over a
    quarter), then the quarter, semester and year computed, each timed as its own invocation."""
    from shared.usecases.aggregation import runs

    started = time.perf_counter()
    seed_by_doubling(store.warehouse, TEN_MILLION)
    loaded = time.perf_counter() - started
    assert sum(store.warehouse.counts(periods[0]).values()) == TEN_MILLION
    invocations = {}
    for period in periods:
        began = time.perf_counter()
        summary = runs.run(period, store)
        invocations[period.key] = time.perf_counter() - began
        assert summary.index_rows > 0
    return {"load": loaded, "invocations": invocations, "compute": sum(invocations.values())}


def seed_by_doubling(warehouse, total: int) -> None:
    """Load up to 200,000 generated responses, then copy the table into itself under new ids until
    it holds `total`: generating ten million rows in Python and loading them takes hours, and the
    copies keep the seed's spread over units and answers."""
    from shared.adapters.bigquery_warehouse import table_specs
    from shared.rules import questionnaire
    from shared.usecases.aggregation import raw_rows

    survey_of, rng = questionnaire.survey_of_item(), random.Random(3)
    have = min(200_000, max(1, total // 4))  # small sizes copy too, so `make test` runs the copying
    warehouse.append_rows(
        "responses", (raw_rows.response_row(synthetic_doc(rng, QUARTER), survey_of) for _ in range(have))
    )
    table = warehouse._table("responses")
    columns = [field["name"] for field in table_specs()["responses"]["schema"]]
    copy = 0
    while have < total:
        copy += 1
        take = min(have, total - have)
        select = ", ".join(
            f"CONCAT(response_id, '-{copy}') AS response_id" if column == "response_id" else column
            for column in columns
        )
        warehouse._bq.query(
            f"INSERT INTO `{table}` ({', '.join(columns)}) SELECT {select} FROM `{table}` LIMIT {take}"
        ).result()
        have += take


def cpu_seconds() -> float:
    """CPU time of this process: what the function itself would spend, whatever the emulator's speed."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mb() -> float:
    """This process's own high-water mark. Not ru_maxrss: Linux carries that over from the
    parent through fork and exec, so a child would report the data generator's peak."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(stack, mode: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "bench.aggregate", mode],
        env={**os.environ, **stack.env, "SKM_BENCH_DIR": str(stack.workdir)},
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(f"{mode} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def memory_guard(stack, floor_mb: int = 1500) -> None:
    """Stop everything when the machine is about to run out of memory: at millions of responses
    the emulators come close, and a machine that starts thrashing takes the shell with it."""

    def watch() -> None:
        while True:
            with open("/proc/meminfo") as meminfo:
                available = next(int(line.split()[1]) for line in meminfo if line.startswith("MemAvailable"))
            if available < floor_mb * 1024:
                print(f"  stopped: less than {floor_mb} MB of memory left on this machine", flush=True)
                stack.stop()
                os._exit(3)
            time.sleep(1)

    threading.Thread(target=watch, daemon=True).start()


def started_stack():
    from skm.stack import ROOT, Ports, Stack

    os.environ.setdefault("JAVA_TOOL_OPTIONS", "-Xmx4g")
    stack = Stack(ports=Ports.free(), workdir=ROOT / "out" / "bench-aggregate", bigquery_snapshots=False)
    stack.start(("firestore", "bigquery"))
    memory_guard(stack)
    return stack


def run() -> None:
    stack = started_stack()
    try:
        print(f"aggregation of one quarter, {UNITS} units: a day of {DAY:,} responses brought in and computed")
        written = generate(stack, DAY)
        empty, held = measure(stack, "daily-empty"), measure(stack, "daily-held")
        raw_quarter = measure(stack, "raw-quarter")
        corrections = measure(stack, "corrections")
        bare = measure(stack, "bare")
        before = measure(stack, "firestore-path")
        unlabelled = measure(stack, "daily-unlabelled")  # last: it empties BigQuery again
        print(f"  (the day's documents written in {written:.1f} s)")
        print(
            f"  daily run (ingest + quarter, semester, year) with {HELD:,} held / with none: "
            f"{held['seconds']:6.1f} s / {empty['seconds']:6.1f} s = {held['seconds'] / empty['seconds']:4.2f} "
            f"(goal <= 1.2); ingestion alone {held['ingest']:.1f} s / {empty['ingest']:.1f} s; "
            f"peak {held['peak_mb']:.0f} MB / {empty['peak_mb']:.0f} MB"
        )
        print(
            f"    of which the function's own CPU {held['cpu']:5.1f} s / {empty['cpu']:5.1f} s = "
            f"{held['cpu'] / empty['cpu']:4.2f}; the rest waits on the SQL, which the BigQuery emulator (DuckDB) "
            "runs over every held row"
        )
        print(f"    each period computed, with {HELD:,} held: {held['computed']}; with none: {empty['computed']}")
        print(
            f"  ingestion of {empty['documents']:,} documents / a bare read and load of the same: "
            f"{empty['ingest']:6.1f} s / {bare['seconds']:6.1f} s = {empty['ingest'] / bare['seconds']:4.2f} "
            "(goal <= 1.5)"
        )
        per_response = before["seconds"] / before["documents"]
        print(
            f"  a {HELD + DAY:,}-response quarter from the raw table / the Firestore path at the same size: "
            f"{raw_quarter['seconds']:6.1f} s / {per_response * (HELD + DAY):6.1f} s = "
            f"{raw_quarter['seconds'] / (per_response * (HELD + DAY)):5.3f} (goal <= 0.1; the Firestore path measured "
            f"on {before['documents']:,} documents, {per_response * 1e6:.0f} µs each, linear in the quarter)"
        )
        print(
            f"  Firestore document reads per response: {empty['reads'] / empty['documents']:.3f} "
            f"(cursors included); {corrections['changed']:,} corrected ({CORRECTED:.0%}) cost "
            f"{corrections['reads']:,} reads: {(empty['reads'] + corrections['reads']) / empty['documents']:.3f} "
            "a response with corrections (goal: 1 plus corrections)"
        )
        print(
            f"  daily run with suggestions labelled and counted / without: {empty['seconds']:6.1f} s / "
            f"{unlabelled['seconds']:6.1f} s = {empty['seconds'] / unlabelled['seconds']:4.2f} (goal <= 1.1); "
            f"the function's own CPU {empty['cpu']:5.1f} s / {unlabelled['cpu']:5.1f} s"
        )
    finally:
        stack.stop()


def run_ten_million() -> None:
    """`make bench-10m`: the raw table at TEN_MILLION responses; the quarter, semester and year."""
    stack = started_stack()
    try:
        result = measure(stack, "ten-million")
        longest = max(result["invocations"].items(), key=lambda item: item[1])
        print(
            f"{TEN_MILLION:,} responses in the raw table (loaded in {result['load']:.0f} s): quarter, semester and "
            f"year computed in {result['compute']:.1f} s; longest single invocation {longest[0]} {longest[1]:.1f} s "
            f"(limit 540 s); peak memory of the function's process {result['peak_mb']:.0f} MB"
        )
    finally:
        stack.stop()


if __name__ == "__main__":
    child(sys.argv[1])
