"""Aggregation at scale: a whole run against merely reading and loading the same documents.

`make bench` runs 100k responses across 500 units; `make bench-1m` adds the 1M run
(SKM_BENCH_SIZES=100000,1000000). Each measurement runs in a child process so its
peak memory (VmHWM) is its own.
"""

from __future__ import annotations

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
from shared.rules.periods import JAKARTA

UNITS = 500
SIZES = tuple(int(n) for n in os.environ.get("SKM_BENCH_SIZES", str(size(100_000, 200))).split(","))
QUARTER = "2026-Q2"
REGION = {"sample_rule": "krejcie-morgan", "zone": JAKARTA, "region_name": "Bench"}  # the bench's region
WITH_BASELINE = os.environ.get("SKM_BENCH_BASELINE", "1") != "0"  # 0: the aggregation alone (saves a full read)


def unit_ids() -> list[str]:
    return [f"unit-{i:03d}" for i in range(UNITS)]


def generate(stack, count: int, seed: int = 1) -> float:
    """Write `count` responses spread over the units with the bulk writer; returns seconds."""
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
    units, codes = unit_ids(), [f"U{i}" for i in range(1, 10)]
    started = time.perf_counter()
    # The emulator takes far more than the 500 writes/s that BulkWriter allows by default.
    writer = db.bulk_writer(BulkWriterOptions(initial_ops_per_second=20_000, max_ops_per_second=20_000))
    responses = db.collection("responses")
    for _ in range(count):
        response_id = str(uuid.UUID(int=rng.getrandbits(128)))
        suggestion = "Antrean lama" if rng.random() < 0.1 else ""
        writer.create(
            responses.document(response_id),
            {
                "response_id": response_id,
                "unit_id": rng.choice(units),
                "quarter": QUARTER,
                "receipt": "ACDEFGHJ",
                "questionnaires": {"skm": 1},
                "answers": {c: rng.randint(1, 4) for c in codes},
                "profile": {
                    "age": rng.randint(15, 80),
                    "gender": rng.choice("LP"),
                    "education": "SMA",
                    "occupation": "SWASTA",
                    "service": None,
                },
                "suggestion": suggestion,
                "complaint_status": "baru" if suggestion else None,
                "first_reply_at": None,
                "flags": ["too-fast"] if rng.random() < 0.01 else [],
                "schema_version": 1,
                "submitted_at": firestore.SERVER_TIMESTAMP,
            },
        )
    writer.close()
    return time.perf_counter() - started


def child(mode: str) -> None:
    """Runs in its own process: `aggregate` (the real run) or `baseline` (read + load once)."""
    from shared import config
    from shared.adapters.bigquery_warehouse import RESPONSES
    from shared.bootstrap import Services
    from shared.rules import questionnaire
    from shared.rules.periods import Period
    from shared.usecases.aggregation import raw_rows, runs

    settings = config.load(os.environ)
    store = Services(settings)
    warehouse = store.warehouse
    warehouse.ensure_tables()
    quarter = Period.parse(QUARTER)
    baseline_table = warehouse._table(RESPONSES + "_baseline")
    if mode == "year":
        year_from_bigquery(store, warehouse, sum(SIZES[:1]))
        return
    if mode == "baseline":  # untimed: free the emulator's copy of the aggregate's rows (1M rows take GBs)
        warehouse.replace_responses(quarter.start, [])
        warehouse._bq.delete_table(baseline_table, not_found_ok=True)
    started, cpu_started = time.perf_counter(), cpu_seconds()
    if mode == "aggregate":
        count = runs.aggregate(quarter, store.units, store.stream, store.ops, warehouse, **REGION).responses
    else:
        # The same reading and the same chunked load jobs as the aggregation, once, into a
        # table of its own, without the DELETE, the SQL or the MERGE.
        survey_of = questionnaire.survey_of_item()
        rows = (raw_rows.response_row(doc, survey_of) for doc in store.stream.iter_response_docs(quarter.key))
        count = warehouse._append_in_chunks(rows, baseline_table)
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu_started
    result = json.dumps({"mode": mode, "seconds": seconds, "cpu": cpu, "count": count, "peak_mb": peak_rss_mb()})
    with open(os.path.join(os.environ.get("SKM_BENCH_DIR", "."), "results.jsonl"), "a") as results:
        results.write(result + "\n")  # kept if a later step of a long run fails
    print(result)


def year_from_bigquery(store, warehouse, total: int) -> None:
    """A year of `total` responses (four quarters of total/4, loaded untimed as their quarter runs
    would have), aggregated from BigQuery alone: the SQL over four partitions and the MERGE."""
    from shared.rules import questionnaire
    from shared.rules.periods import Period
    from shared.usecases.aggregation import raw_rows, runs

    survey_of, rng = questionnaire.survey_of_item(), random.Random(2)
    for quarter in Period.parse("2026").quarters:
        docs = (synthetic_doc(rng, quarter.key) for _ in range(total // 4))
        warehouse.replace_responses(quarter.start, (raw_rows.response_row(doc, survey_of) for doc in docs))
    started, cpu_started = time.perf_counter(), cpu_seconds()
    summary = runs.aggregate(Period.parse("2026"), store.units, store.stream, store.ops, warehouse, **REGION)
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu_started
    print(json.dumps({"mode": "year", "seconds": seconds, "cpu": cpu, "count": total, "rows": summary.index_rows}))


def synthetic_doc(rng: random.Random, quarter: str) -> dict:
    suggestion = "Antrean lama" if rng.random() < 0.1 else ""
    return {
        "response_id": str(uuid.UUID(int=rng.getrandbits(128))),
        "unit_id": rng.choice(unit_ids()),
        "quarter": quarter,
        "questionnaires": {"skm": 1},
        "answers": {f"U{i}": rng.randint(1, 4) for i in range(1, 10)},
        "profile": {"age": rng.randint(15, 80), "gender": rng.choice("LP"), "education": "SMA"},
        "suggestion": suggestion,
        "complaint_status": "baru" if suggestion else None,
        "flags": [],
        "schema_version": 1,
        "submitted_at": "2026-05-01T03:00:00+00:00",
    }


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
    """Stop everything when the machine is about to run out of memory: at 1M responses the
    emulators come close, and a machine that starts thrashing takes the shell with it."""

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


def run() -> None:
    from skm.stack import ROOT, Ports, Stack

    # The emulator keeps every document in its Java heap; by default it gets a quarter of the
    # machine's memory, and a million responses ran out of it ("Java heap space").
    os.environ.setdefault("JAVA_TOOL_OPTIONS", f"-Xmx{12 if max(SIZES) > 200_000 else 4}g")
    stack = Stack(ports=Ports.free(), workdir=ROOT / "out" / "bench-aggregate", bigquery_snapshots=False)
    stack.start(("firestore", "bigquery"))
    memory_guard(stack)
    try:
        print(f"aggregation of one quarter, {UNITS} units (targets: ratio <= 1.5, 1M/100k <= 10.5, memory flat):")
        results = {}
        for size in SIZES:
            written = generate(stack, size)
            total = measure(stack, "aggregate")
            assert total["count"] == size, total
            results[size] = total
            line = (
                f"  {size:>9,} responses (generated in {written:5.1f} s): aggregate {total['seconds']:6.1f} s, "
                f"peak memory {total['peak_mb']:5.0f} MB, own CPU {total['cpu']:6.1f} s "
                f"({total['cpu'] / size * 1e6:4.0f} µs a response)"
            )
            if WITH_BASELINE:
                baseline = measure(stack, "baseline")
                assert baseline["count"] == size, baseline
                line += (
                    f"; / read + load once {baseline['seconds']:6.1f} s = "
                    f"{total['seconds'] / baseline['seconds']:4.2f} (baseline peak {baseline['peak_mb']:4.0f} MB)"
                )
            print(line, flush=True)
        smallest = min(results)
        year = measure(stack, "year")
        print(
            f"  a year of {year['count']:,} responses (4 quarters of {year['count'] // 4:,}) from BigQuery: "
            f"{year['seconds']:5.1f} s / one {smallest:,}-response quarter from Firestore "
            f"{results[smallest]['seconds']:5.1f} s = {year['seconds'] / results[smallest]['seconds']:4.2f} "
            "(target <= 0.25)"
        )
        per_response = results[smallest]["cpu"] / smallest
        print(
            f"  daily provisional run, per response of the running quarter and day: 1 Firestore read "
            f"(+1 per follow-up) and {per_response * 1e6:.0f} µs of CPU; see docs/cost.md"
        )
        if len(results) > 1:
            small, large = min(results), max(results)
            print(
                f"  {large:,} / {small:,} time: {results[large]['seconds'] / results[small]['seconds']:5.2f} "
                f"for {large / small:.0f}x the responses; memory {results[large]['peak_mb']:.0f} MB "
                f"vs {results[small]['peak_mb']:.0f} MB"
            )
    finally:
        stack.stop()


if __name__ == "__main__":
    child(sys.argv[1])
