"""Who counts and who is ranked: the responses an index is computed from, and the units a
comparison may rank or call changed (at least the region's minimum respondents,
SKM_MIN_RESPONDENTS)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from shared.rules.vocabulary import FLAG_OPERATOR_SPAM, REGION


def counted_flags(doc: Mapping[str, Any]) -> list[str]:
    """The flags that exclude a response from the index.

    The operator's verdict wins: "spam" excludes even an unflagged response, "not spam"
    counts a response the automatic checks flagged (e.g. a fast but honest citizen).
    """
    flags = list(doc.get("flags") or [])
    verdict = (doc.get("moderation") or {}).get("spam")
    if verdict is None:
        return flags
    return [*flags, FLAG_OPERATOR_SPAM] if verdict else []


def enough(row: Mapping[str, Any], minimum: int) -> bool:
    """Whether a unit has enough respondents to be graded and ranked (public site, recap, reports)."""
    return int(row.get("respondents") or 0) >= minimum


def rankable(row: Mapping[str, Any] | None, minimum: int) -> bool:
    """An index row with an index and enough respondents: graded and ranked (recap, site, dashboard)."""
    return row is not None and row.get("index_converted") is not None and enough(row, minimum)


def ranked(index_rows: Iterable[Mapping[str, Any]], *, minimum: int, survey: str = "skm") -> list[dict[str, Any]]:
    """The bureau recap: units by converted index, best first. A unit under `minimum`
    respondents has "data belum cukup" (`enough` False): not ranked, listed after the ranked."""
    units = [dict(row) for row in index_rows if row["survey"] == survey and row["unit_id"] != REGION]
    for row in units:
        row["enough"] = rankable(row, minimum)
    units.sort(key=lambda row: (not row["enough"], -Decimal(str(row["index_converted"] or 0)), row["unit_name"]))
    for rank, row in enumerate(units, start=1):
        row["rank"] = rank if row["enough"] else None
    return units
