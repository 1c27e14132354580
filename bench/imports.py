"""Import benchmark: a 100,000-row file through `skm responses import` against a raw bulk write
of the same documents, on the Firestore emulator (target <= 2x)."""

from __future__ import annotations

import os
import random
import time
from datetime import datetime, timezone

from bench.sizes import size

ROWS = int(os.environ.get("SKM_BENCH_IMPORT_ROWS", size(100_000, 50)))


def generated_file(units: list, rows: int) -> bytes:
    """Semicolon-separated, dd/mm/yyyy, as Indonesian Excel saves it: SKM items and a profile."""
    rng = random.Random(15)
    lines = ["No;unit_id;submitted_at;" + ";".join(f"U{i}" for i in range(1, 10)) + ";gender;age;suggestion"]
    for n in range(1, rows + 1):
        unit = units[n % len(units)]
        day, minute = 1 + n % 28, n % 600
        scores = ";".join(str(rng.choice((2, 3, 3, 4))) for _ in range(9))
        suggestion = "Antrean lama" if n % 9 == 0 else ""
        when = f"{day:02d}/{7 + n % 3:02d}/2026 {8 + minute // 60:02d}:{minute % 60:02d}"
        lines.append(f"{n};{unit.unit_id};{when};{scores};{'LP'[n % 2]};{18 + n % 60};{suggestion}")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")


def import_vs_raw(stack) -> None:
    from shared import config
    from shared.bootstrap import Services
    from shared.files import responses_file
    from shared.usecases import imports
    from skm.demo import DEMO_UNITS
    from skm.units_csv import read_units_file

    os.environ.update(stack.env)
    store = Services(config.load(os.environ))
    units = [unit for unit in read_units_file(DEMO_UNITS) if unit.surveys == ("skm",)]  # the file has SKM items
    store.units.put_units(units)
    data = generated_file(units, ROWS)
    entry = responses_file.Batch(
        {u.unit_id: u for u in units}, store.settings.zone, datetime.now(timezone.utc), "import"
    )
    started = time.perf_counter()
    taken = imports.import_responses(data, entry, "bench", "bench.csv", store.responses)
    imported = time.perf_counter() - started
    assert taken.added == ROWS, taken
    # The baseline: the same documents, already built, written by a bare BulkWriter.
    documents = [r.model_dump(mode="json") for r in responses_file.responses(batch_rows(data), entry)]
    raw = store.collections.client("responses").collection("bench_import_raw")
    started = time.perf_counter()
    writer = raw._client.bulk_writer()
    for document in documents:
        writer.create(raw.document(document["response_id"]), document)
    writer.close()
    baseline = time.perf_counter() - started
    print(f"import of a {len(data) / 1e6:.1f} MB CSV, {ROWS:,} rows / raw bulk write of the same documents:")
    print(f"  {imported:6.1f} s / {baseline:6.1f} s = {imported / baseline:4.2f} (target <= 2)")
    started = time.perf_counter()
    again = imports.import_responses(data, entry, "bench", "bench.csv", store.responses)
    print(f"  the same file again: {again.added} added, {again.known:,} known, {time.perf_counter() - started:.1f} s")


def batch_rows(data: bytes) -> list:
    from shared.files import responses_file

    return responses_file.read_table(data).rows


def run() -> None:
    from skm.stack import ROOT, Ports, Stack

    os.environ.setdefault("JAVA_TOOL_OPTIONS", "-Xmx4g")
    stack = Stack(ports=Ports.free(), workdir=ROOT / "out" / "bench-import")
    stack.start(("firestore",))
    try:
        import_vs_raw(stack)
    finally:
        stack.stop()


if __name__ == "__main__":
    run()
