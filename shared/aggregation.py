"""Use case: roll one quarter's responses up into per-unit and region-wide indices.

BigQuery does the heavy part: it scans every response of the quarter and returns
integer tallies (answers and score sums per unit, survey, profile group and item),
respondent counts, complaint figures and the spread needed for the confidence
interval. Each index is then finished from those tallies by `shared.ikm`, the one
implementation of the formula, with exact fractions, so every displayed digit is
right (see README, "How the index is computed, exactly").
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal
from fractions import Fraction
from statistics import median
from typing import Any, Protocol

from shared import i18n, ikm, questionnaire
from shared.follow_up import counted_flags
from shared.ikm import Tally
from shared.interval import confidence_interval
from shared.models import Unit
from shared.numbers import round_half_up
from shared.quarters import Quarter
from shared.sample import required_sample

REGION = "*"  # unit_id of the region-wide row
ALL = ("all", "all")  # (dimension, group) of a unit's whole sample
LOWEST_COUNT = 3
DIMENSIONS = ("gender", "age_band", "education", "occupation", "service")
AGE_BANDS = ("15-24", "25-34", "35-44", "45-54", "55+")
GROUP_ORDER = {
    "gender": ("L", "P"),
    "age_band": AGE_BANDS,
    "education": tuple(i18n.EDUCATION_LABELS),
    "occupation": tuple(i18n.OCCUPATION_LABELS["id"]),
}


@dataclass
class GroupFacts:
    """What SQL returns for one unit, survey and profile group (or the whole unit)."""

    respondents: int = 0
    tallies: dict[str, Tally] = field(default_factory=dict)
    score_sum: float = 0.0  # sum over respondents of their mean score, for the interval
    score_squares: float = 0.0

    def absorb(self, other: GroupFacts) -> None:
        self.respondents += other.respondents
        self.score_sum += other.score_sum
        self.score_squares += other.score_squares
        for code, t in other.tallies.items():
            mine = self.tallies.get(code, Tally())
            self.tallies[code] = Tally(mine.answers + t.answers, mine.score_sum + t.score_sum)


@dataclass
class UnitFacts:
    """Per-unit counts that do not depend on the survey."""

    excluded: int = 0
    suggestions: int = 0
    answered: int = 0
    median_reply_hours: float | None = None


GroupKey = tuple[str, str, str, str]  # unit, survey, dimension, group


@dataclass
class QuarterFacts:
    groups: dict[GroupKey, GroupFacts]
    units: dict[str, UnitFacts]  # REGION holds the region-wide median reply time
    versions: dict[tuple[str, str], set[int]]  # (unit, survey) -> versions answered


class Source(Protocol):
    def list_units(self) -> list[Unit]: ...
    def iter_response_docs(self, quarter: str) -> Iterator[dict[str, Any]]: ...
    def record_run(self, quarter: str, run_id: str, aggregated_at: datetime) -> None: ...


class Warehouse(Protocol):
    def replace_responses(self, quarter_start: Any, rows: Iterable[dict[str, Any]]) -> int: ...
    def quarter_facts(self, quarter_start: Any) -> QuarterFacts: ...
    def merge_index(self, quarter_start: Any, rows: list[dict[str, Any]], run_id: str) -> int: ...


@dataclass(frozen=True)
class Summary:
    quarter: str
    run_id: str
    responses: int
    units: int
    index_rows: int


def survey_of_item() -> dict[str, str]:
    """Item code -> survey, over every questionnaire version (old responses keep their items)."""
    return {code: form.survey for survey in questionnaire.SURVEYS
            for form in questionnaire.versions(survey) for code in form.codes}


def age_band(age: int | None) -> str | None:
    """The age group of the profile breakdown (same bands as shared/sql/group_facts.sql)."""
    if age is None:
        return None
    for band, upper in zip(AGE_BANDS, (25, 35, 45, 55)):
        if age < upper:
            return band
    return AGE_BANDS[-1]


def facts_from_rows(rows: Iterable[Mapping[str, Any]]) -> QuarterFacts:
    """The pure-Python reference of what the SQL in shared/sql/ computes from raw rows.

    Used to cross-check BigQuery in the tests; the production path runs the SQL.
    """
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
        profile_groups = [ALL, *((d, v) for d, v in (
            ("gender", row["gender"]), ("age_band", age_band(row["age"])), ("education", row["education"]),
            ("occupation", row["occupation"]), ("service", row["service"])) if v is not None)]
        for survey, answers in by_survey.items():
            mean = sum(a["score"] for a in answers) / len(answers)
            for dimension, value in profile_groups:
                group = groups[(row["unit_id"], survey, dimension, value)]
                group.absorb(GroupFacts(1, {a["item"]: Tally(1, a["score"]) for a in answers}, mean, mean * mean))
    for unit_id, hours in reply_hours.items():
        units[unit_id].median_reply_hours = median(hours)
    everyone = [h for hours in reply_hours.values() for h in hours]
    if everyone:
        units[REGION].median_reply_hours = median(everyone)
    return QuarterFacts(dict(groups), dict(units), dict(versions))


def _timestamp(value: str | datetime) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value.replace("Z", "+00:00"))


def response_row(doc: Mapping[str, Any], survey_of: Mapping[str, str]) -> dict[str, Any]:
    """The raw BigQuery row of one stored response document (shared/schemas/bigquery.json)."""
    quarter = Quarter.parse(doc["quarter"])
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
        **{name: profile.get(name) for name in ("age", "gender", "education", "occupation", "service")},
        "suggestion": doc.get("suggestion") or "",
        "complaint_status": doc.get("complaint_status"),
        "first_reply_at": _iso(doc.get("first_reply_at")),
        "flags": counted_flags(doc),
        "schema_version": doc.get("schema_version"),
    }


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else value.isoformat()


@dataclass(frozen=True)
class Subject:
    """Who a row is about: one unit, or the region as a whole."""

    unit_id: str
    name: str
    type: str
    service_users: int | None
    required_sample: int | None
    units: int | None = None
    units_sample_reached: int | None = None

    @classmethod
    def of(cls, unit: Unit, sample_rule: str) -> Subject:
        return cls(unit.unit_id, unit.name, unit.type, unit.service_users_per_quarter,
                   required_sample(unit.service_users_per_quarter, sample_rule))


def index_row(subject: Subject, survey: str, quarter: Quarter, groups: Mapping[tuple[str, str], GroupFacts],
              unit: UnitFacts, versions: set[int], sample_rule: str) -> dict[str, Any]:
    """One row of unit_quarter_index, without the run's id and time."""
    form = questionnaire.current(survey)
    whole = groups.get(ALL, GroupFacts())
    result = ikm.compute(whole.tallies, form, whole.respondents)
    interval = None
    if result.converted is not None:
        interval = confidence_interval(result.converted, whole.respondents, whole.score_sum, whole.score_squares,
                                       form.conversion_factor, (form.scale.min, form.scale.max),
                                       subject.service_users if subject.unit_id != REGION else None)
    needed = subject.required_sample
    reached = (subject.units_sample_reached == subject.units if subject.unit_id == REGION
               else whole.respondents >= (needed or 0))
    return {
        "quarter": quarter.key,
        "quarter_start": quarter.start.isoformat(),
        "unit_id": subject.unit_id,
        "unit_name": subject.name,
        "unit_type": subject.type,
        "survey": survey,
        "questionnaire_version": form.version,
        "respondents": whole.respondents,
        "excluded_flagged": unit.excluded,
        "versions_answered": sorted(versions),
        "index_value": _text(result.index_display),
        "index_converted": _text(result.converted_display),
        "ci_low": _text(interval[0]) if interval else None,
        "ci_high": _text(interval[1]) if interval else None,
        "grade": result.band.grade if result.band else None,
        "performance": result.band.label["id"] if result.band else None,
        "service_users": subject.service_users,
        "required_sample": needed,
        "sample_rule": sample_rule,
        "sample_reached": reached,
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
        "lowest_items": [
            {"code": item.code, "nrr": _text(round_half_up(item.nrr, ikm.NRR_DIGITS))}
            for item in ikm.lowest_items(result, LOWEST_COUNT)
        ],
        "profile": profile_rows(groups, form),
        "suggestions_received": unit.suggestions,
        "suggestions_answered": unit.answered,
        "median_reply_hours": _text(_one_place(unit.median_reply_hours)),
        "units": subject.units,
        "units_sample_reached": subject.units_sample_reached,
    }


def profile_rows(groups: Mapping[tuple[str, str], GroupFacts], form: questionnaire.Questionnaire) -> list[dict]:
    rows = []
    for dimension, value in sorted((key for key in groups if key != ALL), key=_group_sort_key):
        facts = groups[(dimension, value)]
        result = ikm.compute(facts.tallies, form, facts.respondents)
        rows.append({
            "dimension": dimension,
            "group_value": value,
            "respondents": facts.respondents,
            "index_converted": _text(result.converted_display),
            "grade": result.band.grade if result.band else None,
        })
    return rows


def _group_sort_key(key: tuple[str, str]) -> tuple[int, int, str]:
    dimension, value = key
    order = GROUP_ORDER.get(dimension, ())
    return (DIMENSIONS.index(dimension) if dimension in DIMENSIONS else len(DIMENSIONS),
            order.index(value) if value in order else len(order), value)


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _one_place(hours: float | None) -> Decimal | None:
    return None if hours is None else round_half_up(Fraction(hours), 1)


def build_rows(quarter: Quarter, units: list[Unit], facts: QuarterFacts, sample_rule: str,
               region_name: str) -> list[dict[str, Any]]:
    """Every unit's rows and the region-wide rows (unit_id "*"), one per survey."""
    by_subject: dict[tuple[str, str], dict[tuple[str, str], GroupFacts]] = defaultdict(dict)
    for (unit_id, survey, dimension, value), group in facts.groups.items():
        by_subject[(unit_id, survey)][(dimension, value)] = group
    rows = []
    region_groups: dict[str, dict[tuple[str, str], GroupFacts]] = defaultdict(lambda: defaultdict(GroupFacts))
    region_unit = UnitFacts(median_reply_hours=facts.units.get(REGION, UnitFacts()).median_reply_hours)
    region_versions: dict[str, set[int]] = defaultdict(set)
    reached: dict[str, list[bool]] = defaultdict(list)
    subjects = {unit.unit_id: Subject.of(unit, sample_rule) for unit in units}
    for unit in units:
        subject = subjects[unit.unit_id]
        for survey in unit.surveys:
            groups = by_subject.get((unit.unit_id, survey), {})
            versions = facts.versions.get((unit.unit_id, survey), set())
            row = index_row(subject, survey, quarter, groups, facts.units.get(unit.unit_id, UnitFacts()),
                            versions, sample_rule)
            rows.append(row)
            reached[survey].append(row["sample_reached"])
    # The region pools every counted response, registered unit or not, survey by survey.
    for (unit_id, survey), groups in by_subject.items():
        for key, group in groups.items():
            region_groups[survey][key].absorb(group)
        region_versions[survey] |= facts.versions.get((unit_id, survey), set())
    for unit_id, unit_facts in facts.units.items():
        if unit_id != REGION:
            region_unit.excluded += unit_facts.excluded
            region_unit.suggestions += unit_facts.suggestions
            region_unit.answered += unit_facts.answered
    for survey in questionnaire.SURVEYS:
        survey_units = [unit for unit in units if survey in unit.surveys]
        if not survey_units and survey not in region_groups:
            continue
        subject = Subject(
            REGION, region_name, "wilayah",
            service_users=sum(subjects[unit.unit_id].service_users or 0 for unit in survey_units),
            required_sample=sum(subjects[unit.unit_id].required_sample for unit in survey_units),
            units=len(survey_units), units_sample_reached=sum(reached[survey]),
        )
        rows.append(index_row(subject, survey, quarter, region_groups.get(survey, {}), region_unit,
                              region_versions[survey], sample_rule))
    return rows


def content_run_id(quarter: Quarter, rows: list[dict[str, Any]]) -> str:
    """The same inputs give the same id, so a re-run or redelivery rewrites nothing."""
    digest = hashlib.sha256(json.dumps(rows, sort_keys=True, default=str).encode()).hexdigest()
    return f"{quarter.key}-{digest[:12]}"


def aggregate(quarter: Quarter, source: Source, warehouse: Warehouse, sample_rule: str = "krejcie-morgan",
              region_name: str = "", now: datetime | None = None) -> Summary:
    """Replace the quarter's raw rows, compute its facts in BigQuery, merge one row per unit and survey."""
    now = now or datetime.now(timezone.utc)
    survey_of = survey_of_item()
    loaded = warehouse.replace_responses(
        quarter.start, (response_row(doc, survey_of) for doc in source.iter_response_docs(quarter.key))
    )
    units = source.list_units()
    rows = build_rows(quarter, units, warehouse.quarter_facts(quarter.start), sample_rule, region_name)
    run_id = content_run_id(quarter, rows)
    for row in rows:
        row["aggregation_run"] = run_id
        row["aggregated_at"] = now.isoformat()
    warehouse.merge_index(quarter.start, rows, run_id)
    # After the MERGE: readers that find this run id may trust BigQuery to hold its rows.
    source.record_run(quarter.key, run_id, now)
    return Summary(quarter.key, run_id, loaded, len(units), len(rows))


def quarter_for_message(data: dict[str, Any] | None, now: datetime | None = None) -> Quarter:
    """The quarter a Pub/Sub message asks for: `{"quarter": "2026-Q3"}`, or else the one that just ended."""
    if data and data.get("quarter"):
        return Quarter.parse(data["quarter"])
    return Quarter.of(now or datetime.now(timezone.utc)).previous()
