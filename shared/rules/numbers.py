"""Half-up rounding, the regulation's, in one place: every figure and every written number uses it."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction


def round_half_up(value: Fraction, digits: int) -> Decimal:
    """Round an exact fraction half up (away from zero) to `digits` decimals."""
    quantum = Decimal(1).scaleb(-digits)
    whole = int(abs(value) * 10**digits + Fraction(1, 2))  # floor(x + 1/2) for x >= 0
    result = (Decimal(whole) * quantum).quantize(quantum)
    return -result if value < 0 else result
