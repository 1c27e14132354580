"""How big the bench runs: full by default (`make bench`), tiny with SKM_BENCH_TINY=1.

`make test` runs every bench module once at tiny sizes (tests/integration/test_bench.py), so a
change that breaks the bench fails CI; no target is asserted then, the figures mean nothing."""

from __future__ import annotations

import os

TINY = os.environ.get("SKM_BENCH_TINY") == "1"


def size(full: int, tiny: int) -> int:
    """`full` for a measurement, `tiny` when the bench only has to run."""
    return tiny if TINY else full
