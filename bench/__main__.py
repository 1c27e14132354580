"""`make bench`: performance figures as ratios against baselines measured in the same run."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.sizes import size

ROOT = Path(__file__).resolve().parent.parent
RUNS = size(11, 1)


def interpreter_seconds(snippet: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", snippet], check=True, cwd=ROOT)
    return time.perf_counter() - started


def import_seconds(*snippets: str) -> list[float]:
    """Median wall time of a fresh interpreter running each snippet, minus an empty interpreter.

    The snippets' runs are interleaved, so a slow spell of the machine hits them alike.
    """
    runs: list[list[float]] = [[] for _ in range(len(snippets) + 1)]
    for _ in range(RUNS):
        for i, snippet in enumerate(("pass", *snippets)):
            runs[i].append(interpreter_seconds(snippet))
    empty, *medians = (statistics.median(times) for times in runs)
    return [median - empty for median in medians]


def load_function(name: str) -> str:
    """Load main.py as functions-framework does (it puts the function's folder on sys.path)."""
    return (
        f"from functions_framework._function_registry import load_function_module as load; "
        f"m, s = load('functions/{name}/main.py'); s.loader.exec_module(m)"
    )


PYDANTIC = "; from pydantic import BaseModel; type('M', (BaseModel,), {'__annotations__': {'x': int}})"


def cold_imports() -> None:
    """The issue's baseline is the function's cloud libraries alone; pydantic, which the design
    requires, costs about 0.1 s itself, so a second ratio counts it as unavoidable too."""
    baselines = {
        "submit": "import functions_framework, google.cloud.firestore",
        "report": "import functions_framework, google.cloud.bigquery, google.cloud.firestore",
        "aggregate": "import functions_framework, google.cloud.firestore, google.cloud.bigquery",
    }
    print("cold import of each function / its unavoidable dependencies alone (target <= 1.2)")
    print("                                                   with pydantic in the baseline")
    for name, baseline in baselines.items():
        base, with_pydantic, full = import_seconds(baseline, baseline + PYDANTIC, load_function(name))
        print(
            f"  {name:<10} {full:6.3f} s / {base:6.3f} s = {full / base:5.2f}"
            f"   {full:6.3f} s / {with_pydantic:6.3f} s = {full / with_pydantic:5.2f}"
        )


def index_math() -> None:
    """The exact index from tallies against a float version of the same sum (the baseline)."""
    from shared.rules import ikm, questionnaire
    from shared.rules.ikm import Tally

    form = questionnaire.load("skm")
    tallies = {code: Tally(997 + i, 3011 + 7 * i) for i, code in enumerate(form.codes)}
    loops = size(2000, 10)

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
    print(
        f"index of one unit, exact fractions / floats: {e * 1e6:.1f} µs / {f * 1e6:.1f} µs = {e / f:.0f}x "
        f"(3,000 units: {e * 3000 * 1000:.0f} ms)"
    )


if __name__ == "__main__":
    from bench import abuse, aggregate, area, documents, imports, report, submit, suggestions, uploads

    cold_imports()
    index_math()
    suggestions.run()
    abuse.run()
    imports.run()
    uploads.run()
    submit.run()
    report.run()
    area.run()
    documents.run()
    aggregate.run()
