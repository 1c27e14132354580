"""The operator area on a warm instance, with 10,000 responses in one unit's period: each page's
bytes and server time (a request on the same machine), against the 30 KB and 300 ms targets and
against the cheapest page (the guide, a template and nothing else) measured in the same run."""

from __future__ import annotations

import os
import re
import statistics
import time
from datetime import datetime, timezone

import requests

from bench.report import demo_stack
from bench.sizes import size

RUNS = size(9, 1)
BUSY = "puskesmas-teluk-dalam"
BUSY_RESPONSES = size(10_000, 20)


def run() -> None:
    from shared import config
    from shared.bootstrap import Services
    from shared.rules.periods import Period
    from skm.demo import earlier_quarter
    from skm.local import trigger_aggregate

    with demo_stack("bench-area") as (stack, token):
        store = Services(config.load(os.environ))
        zone = store.settings.zone
        period = Period.now(zone=zone)
        busy = [unit for unit in store.units.list_units() if unit.unit_id == BUSY]
        start, elapsed = period.starts_at(zone=zone), now() - period.starts_at(zone=zone)
        responses = [  # spread over the part of the quarter that has passed
            r.model_copy(update={"submitted_at": start + elapsed * (i / BUSY_RESPONSES)})
            for i, r in enumerate(earlier_quarter(busy, period, zone, BUSY_RESPONSES))
        ]
        store.responses.put_responses(responses)
        trigger_aggregate(stack.url("aggregate"), period.key)
        http = requests.Session()
        http.post(f"{stack.url('report')}/operator/login", data={"token": token}, timeout=60)
        area = f"{stack.url('report')}/operator"
        unit = f"{area}/u/{BUSY}/{period.key}"
        pages = {
            "guide (baseline)": f"{area}/panduan",
            "home: dashboard": f"{area}?period={period.key}",
            "unit page": unit,
            "unit, complaints 'baru'": f"{unit}?status=baru",
            "paper entry": f"{unit}/paper",
            "units": f"{area}/units",
            "operators": f"{area}/operators",
        }
        print(f"operator area, warm instance, {len(responses):,} responses in {BUSY} {period.key} (medians of {RUNS}):")
        base = None
        for name, url in pages.items():
            http.get(url, timeout=60)  # warm: templates, clients, the period's rows
            times, size = [], 0
            for _ in range(RUNS):
                started = time.perf_counter()
                page = http.get(url, timeout=60)
                times.append(time.perf_counter() - started)
                assert page.status_code == 200, (name, page.status_code)
                size = len(page.content)
            median = statistics.median(times)
            base = base or median
            assert not re.search(r"<script", page.text)
            print(
                f"  {name:<26} {size / 1000:5.1f} KB (target < 30)  {median * 1000:6.1f} ms (target < 300)"
                f"  = {median / base:4.1f}x the guide"
            )
        queries = emulator_queries(store, period)
        print(
            f"  of the unit page, its two Firestore queries alone (complaints, flagged): {queries * 1000:.1f} ms; the "
            "emulator scans every document of the collection, production Firestore reads by index (cost ~ page size)"
        )


def emulator_queries(store, period) -> float:
    """The unit page's two Firestore queries, timed alone from here (median)."""
    quarters = [q.key for q in period.quarters]
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        store.responses.complaints_page(BUSY, quarters, None, 10)
        store.responses.flagged_page(BUSY, quarters, None, 10)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def now() -> datetime:
    return datetime.now(timezone.utc)


if __name__ == "__main__":
    run()
