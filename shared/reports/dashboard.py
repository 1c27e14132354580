"""The operator area's home for a period: one row per unit with its converted index and grade,
respondents against the required sample, provisional or final, complaints not yet answered,
median reply hours and follow-up completion; sorted and filtered on the server (no JavaScript).
Pure: the area hands in the units, the period's index rows and the plans."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from shared.reports import suggestion_analysis
from shared.rules import eligibility, follow_up
from shared.rules.records import Unit

SORTS = ("ikm", "name", "sample", "complaints", "follow_up")
PAGE_SIZE = 50  # rows per page: a province's 150 units stay under 30 KB a page


@dataclass(frozen=True)
class Row:
    unit: Unit
    index: Mapping[str, Any] | None  # the unit's SKM index row, None before its first aggregation
    enough: bool
    sample_share: int  # respondents as a % of the required sample, at most 100 (the bar's width)
    open_complaints: int
    done: int
    planned: int
    raised: tuple[tuple[str, int], ...] = ()  # the three elements citizens complained or proposed most about

    def field(self, name: str) -> Any:
        """A figure of the index row; None before the unit's first aggregation."""
        return (self.index or {}).get(name)

    @property
    def converted(self) -> Decimal | None:
        value = (self.index or {}).get("index_converted")
        return None if value is None else Decimal(str(value))


def rows(
    units: Iterable[Unit],
    index_rows: Iterable[Mapping[str, Any]],
    plans: Mapping[str, Sequence[Mapping[str, Any]]],
    minimum: int,
) -> list[Row]:
    skm = {row["unit_id"]: row for row in index_rows if row["survey"] == "skm"}
    return [row_of(unit, skm.get(unit.unit_id), plans.get(unit.unit_id) or [], minimum) for unit in units]


def row_of(unit: Unit, index: Mapping[str, Any] | None, plan: Sequence[Mapping[str, Any]], minimum: int) -> Row:
    respondents = int((index or {}).get("respondents") or 0)
    required = int((index or {}).get("required_sample") or 0)
    received = int((index or {}).get("suggestions_received") or 0)
    answered = int((index or {}).get("suggestions_answered") or 0)
    done, planned = follow_up.completion(list(plan))
    return Row(
        unit,
        index,
        eligibility.rankable(index, minimum),
        min(100, respondents * 100 // required) if required else (100 if respondents else 0),
        max(0, received - answered),
        done,
        planned,
        tuple(suggestion_analysis.most_raised(index)),
    )


def arranged(found: list[Row], unit_type: str = "", sort: str = "ikm") -> list[Row]:
    """Filtered by unit type, then sorted: best index first (units without enough data after),
    by name, least sample reached first, most open complaints first, least follow-up done first."""
    chosen = [row for row in found if not unit_type or row.unit.type == unit_type]
    keys = {
        "ikm": lambda r: (not r.enough, -(r.converted or 0), r.unit.name),
        "name": lambda r: r.unit.name.casefold(),
        "sample": lambda r: (r.sample_share, r.unit.name),
        "complaints": lambda r: (-r.open_complaints, r.unit.name),
        "follow_up": lambda r: (r.done / r.planned if r.planned else 2, r.unit.name),
    }
    return sorted(chosen, key=keys.get(sort, keys["ikm"]))


def types(units: Iterable[Unit]) -> list[str]:
    return sorted({unit.type for unit in units})
