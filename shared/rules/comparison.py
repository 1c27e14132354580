"""Honest comparisons between two periods: a change is "naik" or "turun" only when it is
statistically significant, by Welch's t-test on the respondents' mean scores (two-sided,
α = 5 %); otherwise "tidak berbeda nyata". A unit with fewer respondents than the region's
minimum (`SKM_MIN_RESPONDENTS`) has "data belum cukup": no grade shown, not ranked.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal

from shared.rules.follow_up import completion
from shared.rules.statistics import t_quantile

Verdict = Literal["naik", "turun", "tidak berbeda nyata"]


def spread(row: Mapping[str, Any]) -> tuple[int, float, float] | None:
    """(respondents, mean score, variance of respondents' mean scores), or None without two."""
    n = int(row.get("respondents") or 0)
    total, squares = row.get("score_sum"), row.get("score_squares")
    if n < 2 or total is None or squares is None:
        return None
    mean = float(total) / n
    return n, mean, max(0.0, (float(squares) - float(total) * mean) / (n - 1))


def compare(now: Mapping[str, Any] | None, before: Mapping[str, Any] | None) -> Verdict | None:
    """The verdict on a period against an earlier one; None when either lacks the data."""
    a, b = spread(now or {}), spread(before or {})
    if a is None or b is None:
        return None
    (n1, m1, v1), (n2, m2, v2) = a, b
    error = v1 / n1 + v2 / n2
    if error == 0:  # everyone answered alike in both periods: any difference is real
        significant = m1 != m2
    else:
        df = error**2 / ((v1 / n1) ** 2 / (n1 - 1) + (v2 / n2) ** 2 / (n2 - 1)) if v1 or v2 else n1 + n2 - 2
        significant = abs(m1 - m2) / math.sqrt(error) > t_quantile(max(1, int(df)))
    if not significant:
        return "tidak berbeda nyata"
    return "naik" if m1 > m2 else "turun"


def points(now: Mapping[str, Any] | None, before: Mapping[str, Any] | None) -> Decimal | None:
    """The converted index's change against the previous period (None when either is missing)."""
    if not now or not before or now.get("index_converted") is None or before.get("index_converted") is None:
        return None
    return Decimal(str(now["index_converted"])) - Decimal(str(before["index_converted"]))


def standing(
    unit: Mapping[str, Any], before: Mapping[str, Any] | None, plan: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """A ranked unit's change against the period before (its verdict only with enough
    respondents) and its follow-up completion: the recap's last columns and the public site's."""
    done, planned = completion(list(plan))
    return {
        "change_points": points(unit, before),
        "change_verdict": compare(unit, before) if unit.get("enough") else None,
        "follow_up_done": done if planned else None,
        "follow_up_planned": planned or None,
    }
