"""The bench cannot rot: `make test` runs every bench module once, at tiny sizes, to the end
(figures at these sizes mean nothing and no target is asserted; `make bench` measures)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.stack

ROOT = Path(__file__).resolve().parents[2]
HEADINGS = (  # one line each bench module prints, in the order `python -m bench` runs them
    "cold import of each function",
    "index of one unit, exact fractions / floats",
    "suggestions, labelled set of",
    "abuse controls, one unit",
    "import of a",
    "responses file read in a fresh process",
    "submit handler / raw document.create",
    "report of a unit with SKM, IPKP and IPAK",
    "operator area, warm instance",
    "a unit's yearly official report",
    "the region's consolidated official report",
    "public site of one period",
    "responses, XLSX / CSV of the same rows",
    "aggregation of one quarter",
)


def test_every_bench_module_runs_to_the_end_at_tiny_sizes(tmp_path):
    # The bench starts its own stacks on free ports: nothing of the test session's stack leaks in.
    env = {name: value for name, value in os.environ.items() if not name.startswith(("SKM_", "FIRESTORE_"))}
    env |= {"SKM_BENCH_TINY": "1", "SKM_BENCH_DIR": str(tmp_path)}
    ran = subprocess.run(
        [sys.executable, "-m", "bench"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=1200
    )
    assert ran.returncode == 0, ran.stdout[-2000:] + ran.stderr[-4000:]
    missing = [heading for heading in HEADINGS if heading not in ran.stdout]
    assert not missing, (missing, ran.stdout[-3000:])


def test_the_ten_million_bench_runs_at_tiny_size(tmp_path):
    env = {name: value for name, value in os.environ.items() if not name.startswith(("SKM_", "FIRESTORE_"))}
    env |= {"SKM_BENCH_TINY": "1", "SKM_BENCH_DIR": str(tmp_path)}
    code = "from bench import aggregate; aggregate.run_ten_million()"
    ran = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert ran.returncode == 0, ran.stdout[-2000:] + ran.stderr[-4000:]
    assert "responses in the raw table" in ran.stdout, ran.stdout
