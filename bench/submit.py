"""Submit benchmarks: handler cost against a raw Firestore create, and form page size."""

from __future__ import annotations

import gzip
import os
import time
import uuid

from bench.sizes import size

REQUESTS = size(1000, 10)


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def stored_shape(body: dict) -> dict:
    """The document the handler writes for `body`, built outside the timed section."""
    from google.cloud import firestore

    from shared.rules.records import Profile, StoredResponse

    document = StoredResponse(
        response_id=body["submission_id"],
        unit_id=body["unit_id"],
        quarter="2026-Q4",
        receipt="ACDEFGHJ",
        questionnaires={"skm": 1},
        answers=body["answers"],
        profile=Profile.model_validate(body.get("profile", {})),
        suggestion=body.get("suggestion", ""),
    ).model_dump(mode="json", exclude={"submitted_at"})
    return document | {"submitted_at": firestore.SERVER_TIMESTAMP}


def handler_vs_raw_create(stack) -> None:
    """The whole handler (validate, rate limit, create-if-absent) against a bare document.create()
    of the same document. Every request comes from its own client, as almost all real ones do."""
    from shared import config
    from shared.bootstrap import Services
    from shared.rules import abuse
    from shared.usecases import submission
    from skm.demo import DEMO_UNITS, generated_bodies
    from skm.units_csv import read_units_file

    os.environ.update(stack.env)
    store = Services(config.load(os.environ))
    units = read_units_file(DEMO_UNITS)
    store.units.put_units(units)
    bodies = list(generated_bodies(units, per_unit=REQUESTS // len(units) + 1))[:REQUESTS]
    limiters = [abuse.RateLimiter("bench-salt", abuse.Policy(20, 600))]
    zone = store.settings.zone
    raw = store.collections.client("responses").collection("bench_raw")
    handler_times, raw_times = [], []
    for warmup in range(size(20, 2)):  # connections and caches warm, as on a busy instance
        submission.accept(
            {**bodies[warmup], "submission_id": str(uuid.uuid4())},
            store.units,
            store.responses,
            limiters,
            submission.Client(f"10.9.{warmup}.1"),
            zone=zone,
        )
        raw.document(str(uuid.uuid4())).create({"x": warmup})
    for i, body in enumerate(bodies):
        client = submission.Client(f"10.{i // 250}.{i % 250}.1")
        started = time.perf_counter()
        submission.accept(body, store.units, store.responses, limiters, client, zone=zone)
        handler_times.append(time.perf_counter() - started)
        document = stored_shape(body)
        started = time.perf_counter()
        raw.document(str(uuid.uuid4())).create(document)
        raw_times.append(time.perf_counter() - started)
    print(f"submit handler / raw document.create, {REQUESTS} requests each, interleaved (target <= 1.3):")
    for name, fraction in (("p50", 0.50), ("p99", 0.99)):
        handler, baseline = percentile(handler_times, fraction), percentile(raw_times, fraction)
        print(f"  {name}: {handler * 1000:6.2f} ms / {baseline * 1000:6.2f} ms = {handler / baseline:4.2f}")


def form_bytes(stack) -> None:
    import requests

    print("form page as sent (HTML with inline CSS; target <= 15 KB):")
    for unit in ("kelurahan-teluk-dalam", "puskesmas-teluk-dalam"):
        plain = requests.get(f"{stack.url('submit')}/u/{unit}", headers={"Accept-Encoding": "identity"}, timeout=10)
        zipped = gzip.compress(plain.content, compresslevel=6)
        print(f"  {unit:<24} {len(plain.content):6,} B uncompressed, {len(zipped):5,} B gzip")


def run() -> None:
    from skm.stack import ROOT, Ports, Stack

    stack = Stack(ports=Ports.free(), workdir=ROOT / "out" / "bench-stack")
    stack.start(("firestore", "submit"))
    try:
        handler_vs_raw_create(stack)
        form_bytes(stack)
    finally:
        stack.stop()
