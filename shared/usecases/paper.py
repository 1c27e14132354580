"""Use case: paper questionnaires typed in by an operator: the grid's cells as batch rows, who
may correct what, and each entry saved, corrected or deleted with its audit record.

The grid is built for a stack of forms typed with the keyboard only: one cell holds a survey's
answers as one digit per item ("443344334"), profile cells take the paper form's codes (1/2 for
L/P, 1–6 for education, 1–7 for occupation, 1… for the unit's services), so an SKM form with its
profile is about 20 keystrokes, Tab included.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, Protocol

from shared.files.spreadsheet import CellError
from shared.rules import questionnaire
from shared.rules.periods import Period
from shared.rules.records import StoredResponse, Unit
from shared.text import messages

MAX_FORMS = 50  # per save: a stack an operator types in one sitting
CORRECTION_DAYS = 10  # an entry can be corrected while its quarter runs and this long after
SURVEY_FIELDS = questionnaire.SURVEYS  # a survey's answers sit in one cell named after it
PROFILE_FIELDS = ("gender", "age", "education", "occupation", "service")
GRID_FIELDS = (*SURVEY_FIELDS, *PROFILE_FIELDS, "suggestion")


def row_cells(cells: Mapping[str, str], unit: Unit, day: str, lang: str) -> tuple[dict[str, Any], list[CellError]]:
    """A grid row as a batch row (`U1`…, `gender`…, `submitted_at`), and its own cell errors."""
    row: dict[str, Any] = {"unit_id": unit.unit_id, "submitted_at": cells.get("day") or day}
    errors = []
    for survey in unit.questionnaires():
        written = "".join(cells.get(survey.survey, "").split())
        if not written.isascii() or not written.isdigit() or len(written) != len(survey.codes):
            key = "digits_only" if written and not (written.isascii() and written.isdigit()) else "digits_count"
            found = len(written)
            errors.append(
                CellError(0, survey.survey, messages.message(key, lang, count=len(survey.codes), found=found))
            )
            continue
        row |= dict(zip(survey.codes, written))
    for name in ("gender", "age", "education", "occupation", "suggestion"):
        row[name] = cells.get(name, "")
    service = cells.get("service", "").strip()
    if service.isascii() and service.isdigit() and 1 <= int(service) <= len(unit.services):  # not "²"
        service = unit.services[int(service) - 1]
    row["service"] = service
    if "submission_id" in cells:
        row["submission_id"] = cells["submission_id"]
    return row, errors


def is_blank(cells: Mapping[str, str]) -> bool:
    return not any(cells.get(name, "").strip() for name in GRID_FIELDS)


def grid_field(column: str) -> str:
    """The grid cell a batch column is typed in: U3 -> skm, IPAK2 -> ipak."""
    for survey in SURVEY_FIELDS:
        if column in questionnaire.current(survey).codes:
            return survey
    return "day" if column == "submitted_at" else column


def correctable_until(quarter: str, zone: tzinfo) -> datetime:
    return Period.parse(quarter).ends_at(zone=zone) + timedelta(days=CORRECTION_DAYS)


def may_change(doc: Mapping[str, Any], email: str, now: datetime, zone: tzinfo) -> bool:
    """Only its own author corrects or deletes a paper entry, and only while its period is open."""
    return (
        doc.get("channel") == "paper"
        and doc.get("entered_by") == email
        and now < correctable_until(str(doc.get("quarter")), zone)
    )


def grid_values(doc: Mapping[str, Any], unit: Unit, zone: tzinfo) -> dict[str, str]:
    """A stored entry as the grid shows it, for correcting it."""
    answers, profile = doc.get("answers") or {}, doc.get("profile") or {}
    values = {q.survey: "".join(str(answers.get(code, "")) for code in q.codes) for q in unit.questionnaires()}
    values |= {name: str(profile.get(name) or "") for name in PROFILE_FIELDS}
    moment = doc.get("submitted_at")
    day = moment.astimezone(zone).date() if isinstance(moment, datetime) else date.today()
    return values | {"suggestion": doc.get("suggestion") or "", "day": day.isoformat()}


def audit(action: str, by: str, at: datetime, before: Any = None, after: Any = None) -> dict[str, Any]:
    """An audit record: created, corrected or deleted, by whom, when, and the entry either side."""
    subject = after or before or {}
    return {
        "action": action,
        "response_id": subject.get("response_id"),
        "unit_id": subject.get("unit_id"),
        "by": by,
        "at": at,
        "before": before,
        "after": after,
    }


def read_back(doc: Mapping[str, Any]) -> list[tuple[str, str]]:
    """A typed form's answers as the operator typed them, to check against the paper: per survey,
    in questionnaire order, spaced ("SKM", "4 4 3 4 4 4 3 4 4")."""
    answers = doc.get("answers") or {}
    return [
        (survey.upper(), " ".join(str(answers.get(code, "–")) for code in questionnaire.current(survey).codes))
        for survey in questionnaire.SURVEYS
        if survey in (doc.get("questionnaires") or {})
    ]


class EntryStore(Protocol):
    """Each write of an entry commits its audit record with it: never one without the other."""

    def add_entries(
        self, responses: Sequence[StoredResponse], audit_of: Callable[[StoredResponse], dict[str, Any]]
    ) -> set[str]: ...
    def replace_entry(self, response: StoredResponse, quarter: str, record: dict[str, Any]) -> None: ...
    def delete_entry(self, response_id: str, unit_id: str, quarter: str, record: dict[str, Any]) -> None: ...


def save_entries(found: Sequence[StoredResponse], by: str, now: datetime, store: EntryStore) -> int:
    """Store the typed forms not stored yet (a save sent twice adds nothing), each with its
    audit record in the same commit; how many were new."""
    known = store.add_entries(found, lambda response: audit("created", by, now, after=response.model_dump(mode="json")))
    return sum(1 for response in found if response.response_id not in known)


class OutsideWindow(ValueError):
    """A correction would move an entry into a quarter that can no longer be corrected."""


def correct_entry(
    doc: Mapping[str, Any],
    corrected: StoredResponse,
    by: str,
    now: datetime,
    store: EntryStore,
    *,
    zone: tzinfo,
) -> None:
    """Replace one's own entry (checked by `may_change`) by its corrected form, keeping when it
    was first typed. Its new day must fall in a quarter still open to corrections: a correction
    never reaches into a closed quarter (OutsideWindow)."""
    if now >= correctable_until(corrected.quarter, zone):
        raise OutsideWindow(corrected.quarter)
    kept = corrected.model_copy(
        update={"response_id": doc["response_id"], "entered_at": doc.get("entered_at"), "entered_by": by}
    )
    store.replace_entry(kept, doc["quarter"], audit("corrected", by, now, doc, kept.model_dump(mode="json")))


def delete_entry(doc: Mapping[str, Any], by: str, now: datetime, store: EntryStore) -> None:
    store.delete_entry(doc["response_id"], doc["unit_id"], doc["quarter"], audit("deleted", by, now, before=doc))
