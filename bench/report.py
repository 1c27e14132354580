"""Report benchmarks: a fresh full report against the cached link, on a warm instance over HTTP."""

from __future__ import annotations

import os
import shutil
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import requests

from bench.sizes import size

FRESH_RUNS = size(7, 1)
CACHED_RUNS = size(30, 1)


@contextmanager
def demo_stack(name: str, with_year: bool = False) -> Iterator[tuple[Any, str]]:
    """The whole local stack with the demo's units and responses, the current quarter (and its
    year) aggregated, and a bureau operator's token; stopped on the way out."""
    from shared import config
    from shared.bootstrap import Services
    from shared.rules import access
    from shared.rules.periods import Period
    from skm.demo import DEMO_ENV, DEMO_UNITS, generated_bodies, send_all
    from skm.local import trigger_aggregate
    from skm.stack import ROOT, Ports, Stack
    from skm.units_csv import read_units_file

    stack = Stack(ports=Ports.free(), workdir=ROOT / "out" / name, extra_env=DEMO_ENV)
    stack.start()
    try:
        os.environ.update(stack.env)
        store = Services(config.load(os.environ))
        units = read_units_file(DEMO_UNITS)
        store.units.put_units(units)
        send_all(stack.url("submit"), generated_bodies(units))
        quarter = Period.now(zone=config.load(os.environ).zone)
        wanted = [quarter] + [p for p in quarter.containing() if with_year and p.kind == "year"]
        for period in wanted:
            trigger_aggregate(stack.url("aggregate"), period.key)
        token = access.new_token()
        store.access.put_operator(
            access.Operator(email="bench@localhost", bureau=True, token_hash=access.token_hash(token))
        )
        yield stack, token
    finally:
        stack.stop()


def run() -> None:
    from shared import config
    from shared.rules.periods import Period

    with demo_stack("bench-report") as (stack, token):
        ask = {
            "unit_id": "puskesmas-teluk-dalam",
            "quarter": Period.now(zone=config.load(os.environ).zone).key,
        }  # SKM, IPKP and IPAK: the fullest

        def timed() -> float:
            started = time.perf_counter()
            response = requests.post(
                f"{stack.url('report')}/api/v1/reports",
                json=ask,
                timeout=60,
                headers={"Authorization": f"Bearer {token}"},
            )
            assert response.status_code == 201, response.text
            return time.perf_counter() - started

        timed()  # warm the instance: imports, clients, fonts
        fresh = []
        for _ in range(FRESH_RUNS):
            shutil.rmtree(stack.workdir / "reports", ignore_errors=True)  # nothing kept: render again
            fresh.append(timed())
        cached = [timed() for _ in range(CACHED_RUNS)]
        f, c = statistics.median(fresh), statistics.median(cached)
        print(
            f"report of a unit with SKM, IPKP and IPAK over HTTP, warm instance (medians of {FRESH_RUNS} and "
            f"{CACHED_RUNS}):\n  fresh {f:.3f} s (target <= 0.5 s); cached link {c * 1000:.1f} ms = {c / f:.1%} "
            f"of fresh (target <= 5 %)"
        )


if __name__ == "__main__":
    run()
