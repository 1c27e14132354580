"""The raw `responses` table: one stored response document -> one BigQuery row.

Rows follow shared/schemas/bigquery.json; answers are a repeated record (survey, item,
score), so SQL tallies them without parsing JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from shared.rules.eligibility import counted_flags
from shared.rules.periods import Period

PROFILE_FIELDS = ("age", "gender", "education", "occupation", "service")


def response_row(doc: Mapping[str, Any], survey_of: Mapping[str, str]) -> dict[str, Any]:
    """The raw BigQuery row of one stored response document (shared/schemas/bigquery.json)."""
    quarter = Period.parse(doc["quarter"])
    profile = doc.get("profile") or {}
    return {
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
        "complaint_status": doc.get("complaint_status"),
        "first_reply_at": _iso(doc.get("first_reply_at")),
        "flags": counted_flags(doc),
        "channel": doc.get("channel") or "web",
        "schema_version": doc.get("schema_version"),
    }


def _iso(value: str | datetime | None) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else value.isoformat()
