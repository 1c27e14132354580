"""The raw tables' rows: one stored Firestore document -> one BigQuery row.

Rows follow shared/schemas/bigquery.json; answers are a repeated record (survey, item,
score), so SQL tallies them without parsing JSON. Every row carries the document's
`updated_at`: a response's newest version is its current state. A document that does not fit the schema
(a field of the wrong type written by an old version) raises `Malformed`: one bad document
must never fail a load job that carries thousands of good ones.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import datetime
from functools import cache, wraps
from importlib import resources
from typing import Any

from shared.rules import suggestions
from shared.rules.periods import Period

PROFILE_FIELDS = ("age", "gender", "education", "occupation", "service")


class Malformed(ValueError):
    """A stored document that cannot become a row."""


def unreadable_as_malformed(build: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
    """A document missing a field, or holding one of the wrong kind, raises Malformed."""

    @wraps(build)
    def checked(*args: Any) -> dict[str, Any]:
        try:
            return build(*args)
        except (KeyError, ValueError, TypeError, AttributeError) as error:
            if isinstance(error, Malformed):
                raise
            raise Malformed(f"{type(error).__name__}: {error}") from error

    return checked


@unreadable_as_malformed
def response_row(doc: Mapping[str, Any], survey_of: Mapping[str, str]) -> dict[str, Any]:
    """The raw row of one stored response document (its own flags: the operator's verdict
    lives in the follow-up and is joined in SQL)."""
    quarter = Period.parse(doc["quarter"])
    profile = doc.get("profile") or {}
    row = {
        "response_id": doc["response_id"],
        "unit_id": doc["unit_id"],
        "quarter": quarter.key,
        "quarter_start": quarter.start.isoformat(),
        "submitted_at": _iso(doc.get("submitted_at")),
        "questionnaires": [{"survey": s, "version": v} for s, v in sorted((doc.get("questionnaires") or {}).items())],
        "answers": [
            {"survey": survey_of.get(code, "unknown"), "item": code, "score": score}
            for code, score in sorted(doc["answers"].items())
        ],
        **{name: profile.get(name) for name in PROFILE_FIELDS},
        "suggestion": doc.get("suggestion") or "",
        **suggestion_label(doc),
        "complaint_status": doc.get("complaint_status"),
        "first_reply_at": _iso(doc.get("first_reply_at")),
        "flags": list(doc.get("flags") or []),
        "channel": doc.get("channel") or "web",
        "schema_version": doc.get("schema_version"),
        "import_id": doc.get("import_id"),
        "deleted": False,
        "updated_at": _iso(doc.get("updated_at")),
    }
    return _checked(row, "responses")


def suggestion_label(doc: Mapping[str, Any]) -> dict[str, Any]:
    """The suggestion's kind, elements and themes by the rules of the SKM version it answered
    (labelled once, as it arrives: the aggregation only counts)."""
    text = doc.get("suggestion") or ""
    if not isinstance(text, str):
        raise Malformed("suggestion: a string expected")
    if not text.strip():
        return {"suggestion_kind": None, "suggestion_elements": [], "suggestion_themes": []}
    label = suggestions.classify_response(doc)
    return {
        "suggestion_kind": label.kind,
        "suggestion_elements": list(label.elements),
        "suggestion_themes": list(label.themes),
    }


@unreadable_as_malformed
def tombstone_row(doc: Mapping[str, Any]) -> dict[str, Any]:
    """A response no longer in a quarter (deleted, or corrected into another quarter)."""
    quarter = Period.parse(doc["quarter"])
    row = {
        "response_id": doc["response_id"],
        "unit_id": doc["unit_id"],
        "quarter": quarter.key,
        "quarter_start": quarter.start.isoformat(),
        "questionnaires": [],
        "answers": [],
        "flags": [],
        "deleted": True,
        "updated_at": _iso(doc.get("updated_at")),
    }
    return _checked(row, "responses")


@unreadable_as_malformed
def followup_row(doc: Mapping[str, Any]) -> dict[str, Any]:
    """A response's follow-up: its current status, first reply and the operator's spam verdict."""
    row = {
        "response_id": doc["_id"],
        "unit_id": doc["unit_id"],
        "quarter_start": Period.parse(doc["quarter"]).start.isoformat(),
        "complaint_status": doc.get("complaint_status"),
        "first_reply_at": _iso(doc.get("first_reply_at")),
        "spam": (doc.get("moderation") or {}).get("spam"),
        "label_kind": (doc.get("label") or {}).get("kind"),
        "label_elements": list((doc.get("label") or {}).get("elements") or []),
        "updated_at": _iso(doc.get("updated_at")),
    }
    return _checked(row, "followups")


@unreadable_as_malformed
def import_row(doc: Mapping[str, Any]) -> dict[str, Any]:
    """An import: its rows count once it is complete."""
    row = {
        "import_id": doc["_id"],
        "complete": doc.get("status") == "complete",
        "updated_at": _iso(doc.get("updated_at")),
    }
    return _checked(row, "imports")


def _iso(value: str | datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        datetime.fromisoformat(value)  # a ValueError for anything BigQuery would refuse
        return value
    if not isinstance(value, datetime):
        raise TypeError(f"a time expected, found {type(value).__name__}")
    return value.isoformat()


@cache
def _columns(table: str) -> dict[str, dict[str, Any]]:
    specs = json.loads(resources.files("shared.schemas").joinpath("bigquery.json").read_text("utf-8"))
    return {column["name"]: column for column in specs[table]["schema"]}


SCALARS: dict[str, tuple[type, ...]] = {
    "STRING": (str,),
    "INT64": (int,),
    "INTEGER": (int,),
    "FLOAT64": (int, float),
    "NUMERIC": (int, float, str),
    "BOOL": (bool,),
    "BOOLEAN": (bool,),
    "DATE": (str,),
    "TIMESTAMP": (str,),
}


def _checked(row: dict[str, Any], table: str) -> dict[str, Any]:
    """`row` if every value has its column's type (a load job would refuse the whole chunk)."""
    columns = _columns(table)
    for name, value in row.items():
        _check(name, value, columns[name])
    return row


def _check(name: str, value: Any, column: Mapping[str, Any]) -> None:
    if column.get("mode") == "REPEATED":
        if not isinstance(value, list):
            raise Malformed(f"{name}: a list expected")
        for item in value:
            _check(name, item, {**column, "mode": "NULLABLE"})
        return
    if value is None:
        if column.get("mode") == "REQUIRED":
            raise Malformed(f"{name}: missing")
        return
    if column["type"] == "RECORD":
        if not isinstance(value, dict):
            raise Malformed(f"{name}: a record expected")
        fields = {sub["name"]: sub for sub in column["fields"]}
        for key, item in value.items():
            if key not in fields:
                raise Malformed(f"{name}.{key}: no such field")
            _check(f"{name}.{key}", item, fields[key])
        return
    kinds = SCALARS[column["type"]]
    wrong_bool = isinstance(value, bool) and column["type"] not in ("BOOL", "BOOLEAN")
    if wrong_bool or not isinstance(value, kinds):
        raise Malformed(f"{name}: {column['type'].lower()} expected, found {type(value).__name__}")
