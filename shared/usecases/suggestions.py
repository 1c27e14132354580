"""A unit's suggestions for the API: one page of at most PAGE, newest first, masked, with their
labels, and the period's counts from its index row (what the reports print)."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Protocol

from shared.reports.suggestion_analysis import summary
from shared.rules import privacy
from shared.rules.periods import Period

PAGE = 500


class BadToken(ValueError):
    """A page token this API did not give out."""


class SuggestionReader(Protocol):
    def unit_suggestions(
        self, unit_id: str, period: Period, after: tuple[str, str] | None, limit: int
    ) -> list[dict[str, Any]]: ...


def page(
    reader: SuggestionReader, row: Mapping[str, Any], unit_id: str, period: Period, token: str | None
) -> dict[str, Any]:
    """The API's answer: the period, the unit, one page of suggestions and the summary; a
    `next_page_token` while more follow."""
    found = reader.unit_suggestions(unit_id, period, decode(token) if token else None, PAGE + 1)
    shown = found[:PAGE]
    answer: dict[str, Any] = {
        "period": period.key,
        "unit_id": unit_id,
        "suggestions": [
            {
                "id": item["response_id"],
                "submitted_at": item["submitted_at"],
                "text": privacy.mask(item["text"]),
                "kind": item["kind"],
                "elements": list(item["elements"] or []),
                "corrected": bool(item["label_corrected"]),
            }
            for item in shown
        ],
        "summary": summary(row),
    }
    if len(found) > PAGE:
        answer["next_page_token"] = encode((shown[-1]["submitted_at"], shown[-1]["response_id"]))
    return answer


def encode(after: tuple[str, str]) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(after)).encode()).decode().rstrip("=")


def decode(token: str) -> tuple[str, str]:
    """The cursor a token holds; BadToken for anything else (a client's typo, a forgery)."""
    try:
        at, response_id = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        datetime.fromisoformat(at)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as error:
        raise BadToken(token) from error
    if not isinstance(response_id, str) or len(response_id) > 200:
        raise BadToken(token)
    return at, response_id
