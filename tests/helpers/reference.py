"""The pure-Python reference of what the SQL in shared/sql/ computes from raw rows.

Used to cross-check BigQuery in the tests; the production path runs the SQL.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from statistics import median
from typing import Any

from shared.rules import privacy
from shared.rules.ikm import Tally
from shared.rules.vocabulary import ALL, REGION, age_band
from shared.usecases.aggregation.index_rows import (
    QUOTES_SHOWN,
    SUGGESTIONS_SHOWN,
    GroupFacts,
    GroupKey,
    PeriodFacts,
    UnitFacts,
)


def facts_from_rows(rows: Iterable[Mapping[str, Any]]) -> PeriodFacts:
    groups: dict[GroupKey, GroupFacts] = defaultdict(GroupFacts)
    units: dict[str, UnitFacts] = defaultdict(UnitFacts)
    versions: dict[tuple[str, str], set[int]] = defaultdict(set)
    reply_hours: dict[str, list[float]] = defaultdict(list)
    for row in rows:
        unit = units[row["unit_id"]]
        if row["flags"]:
            unit.excluded += 1
            continue
        if row["suggestion"]:
            unit.suggestions += 1
            if row["first_reply_at"] and row["submitted_at"]:
                unit.answered += 1
                waited = _timestamp(row["first_reply_at"]) - _timestamp(row["submitted_at"])
                reply_hours[row["unit_id"]].append(int(waited.total_seconds()) / 3600)
        for q in row["questionnaires"]:
            versions[(row["unit_id"], q["survey"])].add(q["version"])
        by_survey: dict[str, list[dict]] = defaultdict(list)
        for answer in row["answers"]:
            by_survey[answer["survey"]].append(answer)
        profile_groups = [
            ALL,
            *(
                (d, v)
                for d, v in (
                    ("gender", row["gender"]),
                    ("age_band", age_band(row["age"])),
                    ("education", row["education"]),
                    ("occupation", row["occupation"]),
                    ("service", row["service"]),
                    ("channel", row.get("channel") or "web"),
                )
                if v is not None
            ),
        ]
        for survey, answers in by_survey.items():
            mean = sum(a["score"] for a in answers) / len(answers)
            for dimension, value in profile_groups:
                group = groups[(row["unit_id"], survey, dimension, value)]
                group.absorb(GroupFacts(1, {a["item"]: Tally(1, a["score"]) for a in answers}, mean, mean * mean))
    for unit_id, hours in reply_hours.items():
        units[unit_id].median_reply_hours = median(hours)
    for unit_id, suggestions in _latest_suggestions(rows).items():
        units[unit_id].latest_suggestions = suggestions
    _suggestion_facts(rows, units)
    everyone = [h for hours in reply_hours.values() for h in hours]
    if everyone:
        units[REGION].median_reply_hours = median(everyone)
    return PeriodFacts(dict(groups), dict(units), dict(versions))


def _timestamp(value: str | datetime) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value.replace("Z", "+00:00"))


def _latest_suggestions(rows: Iterable[Mapping[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """shared/sql/latest_suggestions.sql: each unit's newest counted suggestions."""
    by_unit: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for row in rows:
        if row["suggestion"] and not row["flags"]:
            by_unit[row["unit_id"]].append(row)
    latest = {}
    for unit_id, found in by_unit.items():
        found.sort(key=lambda row: row["response_id"])
        found.sort(
            key=lambda row: (
                _timestamp(row["submitted_at"]) if row["submitted_at"] else datetime.min.replace(tzinfo=timezone.utc)
            ),
            reverse=True,
        )
        latest[unit_id] = [
            {
                "submitted_at": _timestamp(row["submitted_at"]).astimezone(timezone.utc).isoformat()
                if row["submitted_at"]
                else None,
                "text": privacy.mask(row["suggestion"]),
                "status": row["complaint_status"],
            }
            for row in found[:SUGGESTIONS_SHOWN]
        ]
    return latest


def _suggestion_facts(rows: Iterable[Mapping[str, Any]], units: dict[str, UnitFacts]) -> None:
    """shared/sql/suggestion_facts.sql."""
    quoted: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for row in rows:
        kind = row.get("suggestion_kind")
        if row["flags"] or not row["suggestion"] or not kind:
            continue
        unit = units[row["unit_id"]]
        elements = row.get("suggestion_elements") or []
        for element in [*(elements or ["none"]), "*"]:
            unit.suggestion_counts[(element, kind)] = unit.suggestion_counts.get((element, kind), 0) + 1
        if kind in ("keluhan", "saran"):
            if not row.get("label_corrected"):
                for theme in row.get("suggestion_themes") or []:
                    unit.suggestion_themes[theme] = unit.suggestion_themes.get(theme, 0) + 1
            for element in elements:
                quoted[(row["unit_id"], element)].append(row)
    for (unit_id, element), rows_of in sorted(quoted.items()):
        newest: dict[tuple[str, str], Mapping[str, Any]] = {}  # each text once, at its newest
        for row in rows_of:
            key = (row["suggestion_kind"], row["suggestion"])
            if key not in newest or _timestamp(row["submitted_at"]) > _timestamp(newest[key]["submitted_at"]):
                newest[key] = row
        found = sorted(newest.values(), key=lambda row: row["suggestion"])
        found.sort(key=lambda row: _timestamp(row["submitted_at"]), reverse=True)
        units[unit_id].suggestion_quotes.extend(
            {
                "element": element,
                "kind": row["suggestion_kind"],
                "text": privacy.mask(row["suggestion"]),
                "submitted_at": _timestamp(row["submitted_at"]).astimezone(timezone.utc).isoformat(),
            }
            for row in found[:QUOTES_SHOWN]
        )
