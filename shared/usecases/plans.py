"""Use cases of what an operator writes for a unit and period: the follow-up plan (rencana tindak
lanjut) and the official report's texts. A saved plan of a published period reaches the public
site at once."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import Any, Protocol

from shared.reports.official.narrative import Narrative
from shared.rules import follow_up
from shared.rules.follow_up import Plan, PlanRow
from shared.rules.periods import Period
from shared.usecases import publishing


class PastDue(ValueError):
    """A new target date already behind us (nothing was saved)."""

    def __init__(self, row: PlanRow):
        super().__init__(row.item)
        self.row = row


class PlanStore(Protocol):
    def plan(self, unit_id: str, quarter: str) -> dict[str, Any] | None: ...
    def put_plan(self, unit_id: str, quarter: str, plan: dict[str, Any]) -> None: ...


class TextStore(Protocol):
    def put_narrative(self, unit_id: str, period: str, narrative: dict[str, Any]) -> None: ...


def save_plan(
    unit_id: str,
    period: Period,
    rows: Sequence[PlanRow],
    by: str,
    now: datetime,
    *,
    zone: tzinfo,
    store: PlanStore,
    site: publishing.Site,
) -> Plan:
    """Keep the unit's plan for the period (its filled rows), refuse a new target in the past
    (PastDue), and rewrite the public site if the period is published."""
    late = follow_up.new_past_due(rows, store.plan(unit_id, period.key), now.astimezone(zone).date())
    if late:
        raise PastDue(late)
    plan = Plan(rows=[row for row in rows if row.filled], updated_by=by, updated_at=now)
    store.put_plan(unit_id, period.key, plan.model_dump(mode="json"))
    publishing.rewrite(period, site)
    return plan


def save_texts(unit_id: str, period: Period, narrative: Narrative, by: str, now: datetime, store: TextStore) -> None:
    """What the operator (or, for the region, the bureau) writes into the official report."""
    store.put_narrative(unit_id, period.key, narrative.model_dump() | {"updated_by": by, "updated_at": now})
