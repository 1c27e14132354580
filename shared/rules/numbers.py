"""Exact decimal rounding for display."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction


def round_half_up(value: Fraction, digits: int) -> Decimal:
    """Round an exact fraction half up (away from zero) to `digits` decimals."""
    quantum = Decimal(1).scaleb(-digits)
    whole = int(abs(value) * 10**digits + Fraction(1, 2))  # floor(x + 1/2) for x >= 0
    result = (Decimal(whole) * quantum).quantize(quantum)
    return -result if value < 0 else result


def fixed(value: Decimal | str | float | None, digits: int) -> str:
    """A stored, already rounded value with exactly `digits` decimals, for machines (CSV, the CLI's
    table); "–" when absent. People read numbers through `shared.text.messages.number`.

    Stores may hand back extra zeros (NUMERIC scale 9); quantizing them is exact.
    """
    if value is None:
        return "–"
    return str(Decimal(str(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))
