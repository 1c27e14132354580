"""Following up what citizens wrote: complaint status, replies, spam marks, action plans.

Pure rules; the Firestore adapter applies the field updates they return.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator

from shared.rules.records import Clean
from shared.rules.suggestions import KINDS as SUGGESTION_KINDS
from shared.rules.vocabulary import STATUS_ORDER, ComplaintStatus

REPLY_MAX = 2000
PLAN_ROWS = 3  # one row per weakest element, as the report prints them


class FollowUpError(ValueError):
    def __init__(self, field: str, key: str):
        self.field, self.key = field, key  # key: a message of the catalogue
        super().__init__(f"{field}: {key}")


class ComplaintUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    status: ComplaintStatus
    reply: Annotated[str, Clean] = Field(default="", max_length=REPLY_MAX)


def complaint_changes(current: dict[str, Any], update: ComplaintUpdate, operator: str, now: datetime) -> dict[str, Any]:
    """Field updates for moving a complaint forward (baru -> ditanggapi -> selesai).

    A status never goes back, and leaving "baru" needs a reply the citizen can read.
    The first reply's time is kept: it is what the quarter's reply-time KPI measures.
    """
    if not current.get("suggestion"):
        raise FollowUpError("response_id", "no_complaint")
    old = current.get("complaint_status") or "baru"
    if STATUS_ORDER.index(update.status) < STATUS_ORDER.index(old):
        raise FollowUpError("status", "status_backwards")
    reply = update.reply or current.get("reply") or ""
    if update.status != "baru" and not reply:
        raise FollowUpError("reply", "reply_required")
    changes: dict[str, Any] = {"complaint_status": update.status}
    if update.reply and update.reply != current.get("reply"):
        changes.update(reply=update.reply, replied_by=operator, replied_at=now)
        if not current.get("first_reply_at"):
            changes["first_reply_at"] = now
    return changes


def spam_changes(spam: bool, operator: str, now: datetime) -> dict[str, Any]:
    """An operator's verdict, which overrides the automatic flags (see `counted_flags`)."""
    return {"moderation": {"spam": spam, "by": operator, "at": now}}


def label_changes(
    current: dict[str, Any], kind: str, elements: Sequence[str], codes: Sequence[str], operator: str, now: datetime
) -> dict[str, Any]:
    """An operator's correction of a suggestion's label: counted instead of the rules' label from
    the next ingestion on, and kept with every earlier one (who, when, what it was before)."""
    if not current.get("suggestion"):
        raise FollowUpError("response_id", "no_complaint")
    if kind not in SUGGESTION_KINDS:
        raise FollowUpError("kind", "label_kind_invalid")
    unknown = [code for code in elements if code not in codes]
    if unknown:
        raise FollowUpError("elements", "label_unknown_element")
    ordered = [code for code in codes if code in elements]
    label = {"kind": kind, "elements": [] if kind == "lainnya" else ordered, "by": operator, "at": now}
    before = current.get("label")
    history = [
        *(current.get("label_history") or []),
        {**label, "before": before and {k: before[k] for k in ("kind", "elements")}},
    ]
    return {"label": label, "label_history": history}


PlanStatus = Literal["direncanakan", "berjalan", "selesai"]
PLAN_STATUSES: tuple[str, ...] = get_args(PlanStatus)


def overdue(row: Mapping[str, Any], today: date) -> bool:
    """An action past its target date and not done: it stands out wherever the plan is shown."""
    due = row.get("due")
    due = date.fromisoformat(due) if isinstance(due, str) and due else due
    return bool(due) and due < today and row.get("status") != "selesai"  # type: ignore[operator]


def completion(rows: list[Mapping[str, Any]]) -> tuple[int, int]:
    """(actions done, actions planned) of a plan."""
    planned = [row for row in rows if row.get("action")]
    return sum(1 for row in planned if row.get("status") == "selesai"), len(planned)


def carried_over(previous: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """The previous period's unfinished actions: a new period's plan starts from them."""
    return [
        dict(row) for row in (previous or {}).get("rows") or [] if row.get("status") != "selesai" and row.get("action")
    ]


class PlanRow(BaseModel):
    """One row of the follow-up plan (rencana tindak lanjut) for a weak element."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    item: str = Field(max_length=20)
    action: Annotated[str, Clean] = Field(default="", max_length=500)
    owner: Annotated[str, Clean] = Field(default="", max_length=120)
    due: date | None = None
    status: PlanStatus = "direncanakan"
    evidence: Annotated[str, Clean] = Field(default="", max_length=500)  # a note or a link: what was done

    @field_validator("due", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        return None if value == "" else value

    @property
    def filled(self) -> bool:
        return bool(self.action or self.owner or self.due)


class Plan(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rows: list[PlanRow] = Field(default_factory=list, max_length=9)
    updated_by: str = ""
    updated_at: datetime | None = None


def plan_rows(
    lowest_items: Sequence[Mapping[str, Any]],
    saved: Mapping[str, Any] | None,
    carried: Sequence[Mapping[str, Any]] = (),
) -> list[dict[str, Any]]:
    """One follow-up row per weakest element (the operator's entry, or a blank row to fill in),
    and the previous period's unfinished actions (`carried`) until they are done: a plan is
    carried to its end, across periods."""
    entries = {row["item"]: row for row in carried} | {row["item"]: row for row in (saved or {}).get("rows", [])}
    weakest = [low["code"] for low in lowest_items[:PLAN_ROWS]]
    nrr = {low["code"]: low["nrr"] for low in lowest_items}
    items = weakest + [item for item in entries if item not in weakest]
    return [{"item": item, "nrr": nrr.get(item), **_entry(entries.get(item))} for item in items]


def _entry(saved: Mapping[str, Any] | None) -> dict[str, Any]:
    saved = saved or {}
    return {
        "action": saved.get("action") or "",
        "owner": saved.get("owner") or "",
        "due": saved.get("due"),
        "status": saved.get("status") or "direncanakan",
        "evidence": saved.get("evidence") or "",
    }


def new_past_due(rows: Sequence[PlanRow], saved: Mapping[str, Any] | None, today: date) -> PlanRow | None:
    """The first row whose due date is already behind us and was not saved so before: a new
    target in the past is a typo, while one saved earlier may stay (it is reported overdue)."""
    kept = {(row.get("item"), row.get("due")) for row in (saved or {}).get("rows") or []}
    return next(
        (row for row in rows if row.due and row.due < today and (row.item, row.due.isoformat()) not in kept), None
    )
