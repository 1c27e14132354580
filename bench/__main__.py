"""`make bench`: performance figures as ratios against baselines measured in the same run."""
from __future__ import annotations

import statistics
import subprocess
import sys
import time
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7


def import_seconds(code: str) -> float:
    """Median wall time of a fresh interpreter running `code`, minus an empty interpreter."""
    def once(snippet: str) -> float:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", snippet], check=True, cwd=ROOT)
        return time.perf_counter() - started

    empty = statistics.median(once("pass") for _ in range(RUNS))
    return statistics.median(once(code) for _ in range(RUNS)) - empty


def load_function(name: str) -> str:
    return (f"import sys; sys.path.insert(0, 'functions/{name}'); "
            f"import importlib.util as u; s = u.spec_from_file_location('main', 'functions/{name}/main.py'); "
            f"m = u.module_from_spec(s); s.loader.exec_module(m)")


def cold_imports() -> None:
    baselines = {
        "submit": "import functions_framework, google.cloud.firestore",
        "report": "import functions_framework, google.cloud.bigquery",
        "aggregate": "import functions_framework, google.cloud.firestore, google.cloud.bigquery",
    }
    print("cold import of each function / its unavoidable dependencies alone (target <= 1.2)")
    for name, baseline in baselines.items():
        base = import_seconds(baseline)
        full = import_seconds(load_function(name))
        print(f"  {name:<10} {full:6.3f} s / {base:6.3f} s = {full / base:5.2f}")


def index_math() -> None:
    """The exact index from tallies against a float version of the same sum (the baseline)."""
    from shared import ikm, questionnaire
    from shared.ikm import Tally

    form = questionnaire.load("skm")
    tallies = {code: Tally(997 + i, 3011 + 7 * i) for i, code in enumerate(form.codes)}
    loops = 2000

    def exact() -> None:
        ikm.compute(tallies, form, 1000)

    def floats() -> None:
        sum(t.score_sum / t.answers for t in tallies.values()) / 9 * 25

    def timed(fn) -> float:
        started = time.perf_counter()
        for _ in range(loops):
            fn()
        return (time.perf_counter() - started) / loops

    e, f = timed(exact), timed(floats)
    print(f"index of one unit, exact fractions / floats: {e * 1e6:.1f} µs / {f * 1e6:.1f} µs = {e / f:.0f}x "
          f"(3,000 units: {e * 3000 * 1000:.0f} ms)")


if __name__ == "__main__":
    from bench import submit

    cold_imports()
    index_math()
    submit.run()
