"""95 % confidence interval of a converted index.

Each respondent's mean score y (over the items they answered) is one observation;
the interval is the index ± t(0.975, n−1) · s / √n · factor, where s is the sample
standard deviation of y, with the finite population correction √((N−n)/(N−1)) when
the unit's number of service users N is known and above n, and clipped to the scale. The index
itself (mean of item NRRs) equals the mean of y when everyone answered the same items.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

from shared.rules.numbers import round_half_up

# Two-sided 95 % quantiles of Student's t by degrees of freedom; between entries the
# smaller df (larger t) is used, so the interval errs wide.
T_975 = {
    1: 12.706,
    2: 4.303,
    3: 3.182,
    4: 2.776,
    5: 2.571,
    6: 2.447,
    7: 2.365,
    8: 2.306,
    9: 2.262,
    10: 2.228,
    11: 2.201,
    12: 2.179,
    13: 2.160,
    14: 2.145,
    15: 2.131,
    16: 2.120,
    17: 2.110,
    18: 2.101,
    19: 2.093,
    20: 2.086,
    21: 2.080,
    22: 2.074,
    23: 2.069,
    24: 2.064,
    25: 2.060,
    26: 2.056,
    27: 2.052,
    28: 2.048,
    29: 2.045,
    30: 2.042,
    40: 2.021,
    60: 2.000,
    120: 1.980,
}
Z_975 = 1.960


def t_quantile(df: int) -> float:
    if df > 120:
        return Z_975
    return T_975[max(known for known in T_975 if known <= df)]


def confidence_interval(
    center: Fraction,
    respondents: int,
    score_sum: float,
    score_squares: float,
    factor: Fraction,
    scale: tuple[int, int],
    population: int | None = None,
) -> tuple[Decimal, Decimal] | None:
    """(low, high) rounded half up to 2 decimals, or None with fewer than 2 respondents."""
    n = respondents
    if n < 2:
        return None
    variance = max(0.0, (score_squares - score_sum * score_sum / n) / (n - 1))
    error = math.sqrt(variance / n) * float(factor)
    if population and population > n:  # more respondents than registered users: N is off, skip it
        error *= math.sqrt((population - n) / (population - 1))
    margin = t_quantile(n - 1) * error
    low = max(float(center) - margin, float(scale[0] * factor))
    high = min(float(center) + margin, float(scale[1] * factor))
    return _two_places(low), _two_places(high)


def _two_places(value: float) -> Decimal:
    return round_half_up(Fraction(repr(value)), 2)  # the float as written, not its binary expansion
