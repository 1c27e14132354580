"""Use case: roll one quarter's responses up into per-unit indices.

BigQuery does the heavy part (scanning every response, tallying per unit and item,
in SQL); the index of each unit is then computed from those integer tallies by
`shared.ikm`, the one implementation of the formula, with exact fractions.
"""
from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Protocol

from shared import ikm, questionnaire
from shared.ikm import Tally
from shared.models import StoredResponse, Unit
from shared.numbers import round_half_up
from shared.quarters import Quarter
from shared.sample import required_sample


class Source(Protocol):
    def list_units(self) -> list[Unit]: ...
    def iter_responses(self, quarter: str) -> Iterator[StoredResponse]: ...


class Warehouse(Protocol):
    def replace_responses(self, quarter_start: Any, rows: Iterable[dict[str, Any]]) -> int: ...
    def tallies(self, quarter_start: Any) -> dict[tuple[str, str], tuple[int, dict[str, Tally]]]: ...
    def merge_index(self, quarter_start: Any, rows: list[dict[str, Any]], run_id: str) -> int: ...


@dataclass(frozen=True)
class Summary:
    quarter: str
    run_id: str
    responses: int
    units: int
    index_rows: int


def _survey_of_item() -> dict[str, str]:
    return {code: survey for survey in questionnaire.SURVEYS for code in questionnaire.current(survey).codes}


def response_row(response: StoredResponse, survey_of: dict[str, str]) -> dict[str, Any]:
    """The raw BigQuery row of one response (schema: shared/schemas/bigquery.json)."""
    quarter = response.quarter_key
    return {
        "response_id": response.response_id,
        "unit_id": response.unit_id,
        "quarter": quarter.key,
        "quarter_start": quarter.start.isoformat(),
        "submitted_at": response.submitted_at.isoformat() if response.submitted_at else None,
        "questionnaires": [{"survey": s, "version": v} for s, v in sorted(response.questionnaires.items())],
        "answers": [
            {"survey": survey_of.get(code, "unknown"), "item": code, "score": score}
            for code, score in sorted(response.answers.items())
        ],
        **response.profile.model_dump(),
        "suggestion": response.suggestion,
        "flags": response.flags,
        "schema_version": response.schema_version,
    }


def index_row(unit: Unit, survey: str, quarter: Quarter, respondents: int, tallies: dict[str, Tally],
              run_id: str, now: datetime, sample_rule: str) -> dict[str, Any]:
    form = questionnaire.current(survey)
    result = ikm.compute(tallies, form, respondents)
    needed = required_sample(unit.service_users_per_quarter, sample_rule)
    return {
        "quarter": quarter.key,
        "quarter_start": quarter.start.isoformat(),
        "unit_id": unit.unit_id,
        "unit_name": unit.name,
        "unit_type": unit.type,
        "survey": survey,
        "questionnaire_version": form.version,
        "respondents": respondents,
        "index_value": _text(result.index_display),
        "index_converted": _text(result.converted_display),
        "grade": result.band.grade if result.band else None,
        "performance": result.band.label["id"] if result.band else None,
        "service_users": unit.service_users_per_quarter,
        "required_sample": needed,
        "sample_rule": sample_rule,
        "sample_reached": respondents >= needed,
        "elements": [
            {
                "code": item.code,
                "answers": item.answers,
                "score_sum": item.score_sum,
                "nrr": _text(round_half_up(item.nrr, ikm.NRR_DIGITS) if item.answers else None),
                "weighted_nrr": _text(round_half_up(item.weighted_nrr, ikm.WEIGHTED_NRR_DIGITS) if item.answers else None),
            }
            for item in result.items
        ],
        "aggregation_run": run_id,
        "aggregated_at": now.isoformat(),
    }


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def aggregate(quarter: Quarter, source: Source, warehouse: Warehouse, sample_rule: str = "krejcie-morgan",
              now: datetime | None = None) -> Summary:
    """Replace the quarter's raw rows, tally them in BigQuery, and merge one index row per unit and survey."""
    now = now or datetime.now(timezone.utc)
    run_id = f"{now:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    survey_of = _survey_of_item()
    loaded = warehouse.replace_responses(
        quarter.start, (response_row(r, survey_of) for r in source.iter_responses(quarter.key))
    )
    tallies = warehouse.tallies(quarter.start)
    units = source.list_units()
    rows = [
        index_row(unit, survey, quarter, *tallies.get((unit.unit_id, survey), (0, {})), run_id, now, sample_rule)
        for unit in units
        for survey in unit.surveys
    ]
    warehouse.merge_index(quarter.start, rows, run_id)
    return Summary(quarter.key, run_id, loaded, len(units), len(rows))


def quarter_for_message(data: dict[str, Any] | None, now: datetime | None = None) -> Quarter:
    """The quarter a Pub/Sub message asks for: `{"quarter": "2026-Q3"}`, or else the one that just ended."""
    if data and data.get("quarter"):
        return Quarter.parse(data["quarter"])
    return Quarter.of(now or datetime.now(timezone.utc)).previous()
