"""Index rows: each unit's (and the region's) figures, finished from the SQL's tallies.

BigQuery returns integer tallies per unit, survey, profile group and item; `shared.rules.ikm`
finishes each index from them with exact fractions, so every displayed digit is right.
One row per unit, period and survey of `unit_period_index`, plus a region-wide row per
survey (unit_id "*") that pools every counted response of the region.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from decimal import Decimal
from fractions import Fraction
from typing import Any

from shared.rules import ikm, questionnaire
from shared.rules.ikm import Tally
from shared.rules.numbers import round_half_up
from shared.rules.periods import Period
from shared.rules.records import Unit
from shared.rules.sampling import required_sample
from shared.rules.statistics import confidence_interval
from shared.rules.vocabulary import ALL, DIMENSIONS, GROUPS, REGION

LOWEST_COUNT = 3
SUGGESTIONS_SHOWN = 10  # the newest counted suggestions a unit's row carries (its report lists them)
QUOTES_SHOWN = 3  # complaints and proposals quoted per element in the report's analysis


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
    latest_suggestions: list[dict[str, Any]] = field(default_factory=list)  # submitted_at (ISO), text, status
    suggestion_counts: dict[tuple[str, str], int] = field(default_factory=dict)  # (element or "none", kind) -> n
    suggestion_themes: dict[str, int] = field(default_factory=dict)  # "U3:antrean" -> complaints and proposals
    suggestion_quotes: list[dict[str, Any]] = field(default_factory=list)  # element, kind, text (masked), submitted_at

    def absorb_suggestions(self, other: UnitFacts) -> None:
        """Pool another unit's suggestion counts into these (the region's row)."""
        for key, n in other.suggestion_counts.items():
            self.suggestion_counts[key] = self.suggestion_counts.get(key, 0) + n
        for theme, n in other.suggestion_themes.items():
            self.suggestion_themes[theme] = self.suggestion_themes.get(theme, 0) + n


GroupKey = tuple[str, str, str, str]  # unit, survey, dimension, group


@dataclass
class PeriodFacts:
    groups: dict[GroupKey, GroupFacts]
    units: dict[str, UnitFacts]  # REGION holds the region-wide median reply time
    versions: dict[tuple[str, str], set[int]]  # (unit, survey) -> versions answered


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
    def of(
        cls, unit: Unit, sample_rule: str, quarters: Sequence[str] = ("",), volumes: Mapping[tuple[str, str], int] = {}
    ) -> Subject:
        """A unit over a period's quarters: its service users are the sum over them, each the
        number its operators recorded from the register, else the unit's default per quarter."""
        users = sum(volumes.get((unit.unit_id, q), unit.service_users_per_quarter) for q in quarters)
        return cls(unit.unit_id, unit.name, unit.type, users, required_sample(users, sample_rule))


def data_until(row: Mapping[str, Any], zone: tzinfo) -> datetime | None:
    """What a provisional row's figures include: every response in BigQuery when its run started
    (the run brings in what waits first), in the region's zone; None for final figures."""
    if not row.get("provisional"):
        return None
    computed = row["aggregated_at"]
    moment = computed if isinstance(computed, datetime) else datetime.fromisoformat(str(computed))
    return moment.astimezone(zone)


def with_recorded_volumes(
    row: Mapping[str, Any], unit: Unit, sample_rule: str, period: Period, recorded: Mapping[str, int]
) -> dict[str, Any]:
    """A unit's row with the citizens served as recorded now (quarter -> served), so a number an
    operator saves counts in the next report, before the next run computes it into the row."""
    quarters = [q.key for q in period.quarters]
    subject = Subject.of(unit, sample_rule, quarters, {(unit.unit_id, q): n for q, n in recorded.items()})
    needed = subject.required_sample
    return {
        **row,
        "service_users": subject.service_users,
        "required_sample": needed,
        "sample_reached": row["respondents"] >= (needed or 0),
    }


def with_recorded_region(
    rows: Sequence[Mapping[str, Any]],
    units: Sequence[Unit],
    sample_rule: str,
    period: Period,
    volumes: Mapping[tuple[str, str], int],
) -> list[dict[str, Any]]:
    """A period's rows, every unit's and the region's, with the citizens served as recorded now
    ((unit, quarter) -> served): the region's service users, required sample and units that
    reached theirs are the sums over its units' rows again."""
    known = {unit.unit_id: unit for unit in units}
    mine = lambda unit_id: {q: n for (u, q), n in volumes.items() if u == unit_id}  # noqa: E731
    updated = [
        with_recorded_volumes(row, known[row["unit_id"]], sample_rule, period, mine(row["unit_id"]))
        if row["unit_id"] in known
        else dict(row)
        for row in rows
    ]
    for region in (row for row in updated if row["unit_id"] == REGION):
        members = [row for row in updated if row["unit_id"] != REGION and row["survey"] == region["survey"]]
        region["service_users"] = sum(row.get("service_users") or 0 for row in members)
        region["required_sample"] = sum(row.get("required_sample") or 0 for row in members)
        region["units_sample_reached"] = sum(1 for row in members if row.get("sample_reached"))
        region["sample_reached"] = region["units_sample_reached"] == region.get("units")
    return updated


def index_row(
    subject: Subject,
    survey: str,
    period: Period,
    groups: Mapping[tuple[str, str], GroupFacts],
    unit: UnitFacts,
    versions: set[int],
    sample_rule: str,
    provisional: bool = False,
) -> dict[str, Any]:
    """One row of unit_period_index, without the run's id and time."""
    form = questionnaire.current(survey)
    whole = groups.get(ALL, GroupFacts())
    result = ikm.compute(whole.tallies, form, whole.respondents)
    interval = None
    if result.converted is not None:
        interval = confidence_interval(
            result.converted,
            whole.respondents,
            whole.score_sum,
            whole.score_squares,
            form.conversion_factor,
            (form.scale.min, form.scale.max),
            subject.service_users if subject.unit_id != REGION else None,
        )
    needed = subject.required_sample
    reached = (
        subject.units_sample_reached == subject.units
        if subject.unit_id == REGION
        else whole.respondents >= (needed or 0)
    )
    return {
        "period": period.key,
        "period_kind": period.kind,
        "period_start": period.start.isoformat(),
        "provisional": provisional,
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
        # With score_squares: a change between periods is tested. Rounded so that the order in which
        # a store sums floats never changes a row's content (its run id is a digest of it).
        "score_sum": round(float(whole.score_sum), 6),
        "score_squares": round(float(whole.score_squares), 6),
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
                "weighted_nrr": _text(
                    round_half_up(item.weighted_nrr, ikm.WEIGHTED_NRR_DIGITS) if item.answers else None
                ),
            }
            for item in result.items
        ],
        "lowest_items": [
            {"code": item.code, "nrr": _text(round_half_up(item.nrr, ikm.NRR_DIGITS))}
            for item in ikm.lowest_items(result, LOWEST_COUNT)
        ],
        "profile": profile_rows(groups, form),
        "latest_suggestions": unit.latest_suggestions if survey == "skm" and subject.unit_id != REGION else [],
        **suggestion_fields(unit, survey == "skm", subject.unit_id == REGION),
        "suggestions_received": unit.suggestions,
        "suggestions_answered": unit.answered,
        "median_reply_hours": _text(_one_place(unit.median_reply_hours)),
        "units": subject.units,
        "units_sample_reached": subject.units_sample_reached,
    }


def suggestion_fields(unit: UnitFacts, skm: bool, region: bool) -> dict[str, list[dict[str, Any]]]:
    """What citizens wrote, counted per element and kind and per theme, and quoted (a unit's SKM
    row only: quotes never reach the region's row)."""
    counts = sorted(unit.suggestion_counts.items(), key=lambda item: (questionnaire.code_order(item[0][0]), item[0][1]))
    return {
        "suggestion_counts": [{"element": e, "kind": k, "n": n} for (e, k), n in counts] if skm else [],
        "suggestion_themes": [{"theme": t, "n": n} for t, n in sorted(unit.suggestion_themes.items())] if skm else [],
        "suggestion_quotes": unit.suggestion_quotes if skm and not region else [],
    }


def profile_rows(groups: Mapping[tuple[str, str], GroupFacts], form: questionnaire.Questionnaire) -> list[dict]:
    rows = []
    for dimension, value in sorted((key for key in groups if key != ALL), key=_group_sort_key):
        facts = groups[(dimension, value)]
        result = ikm.compute(facts.tallies, form, facts.respondents)
        rows.append(
            {
                "dimension": dimension,
                "group_value": value,
                "respondents": facts.respondents,
                "index_converted": _text(result.converted_display),
                "grade": result.band.grade if result.band else None,
            }
        )
    return rows


def _group_sort_key(key: tuple[str, str]) -> tuple[int, int, str]:
    dimension, value = key
    order = GROUPS.get(dimension, ())
    return (
        DIMENSIONS.index(dimension) if dimension in DIMENSIONS else len(DIMENSIONS),
        order.index(value) if value in order else len(order),
        value,
    )


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _one_place(hours: float | None) -> Decimal | None:
    return None if hours is None else round_half_up(Fraction(hours), 1)


def build_rows(
    period: Period,
    units: list[Unit],
    facts: PeriodFacts,
    sample_rule: str,
    region_name: str,
    provisional: bool = False,
    volumes: Mapping[tuple[str, str], int] = {},
) -> list[dict[str, Any]]:
    """Every unit's rows and the region-wide rows (unit_id "*"), one per survey, for the units
    that take part in the period (`Unit.takes_part`); `volumes`: (unit, quarter) -> citizens
    served, where operators recorded it."""
    by_subject: dict[tuple[str, str], dict[tuple[str, str], GroupFacts]] = defaultdict(dict)
    for (unit_id, survey, dimension, value), group in facts.groups.items():
        by_subject[(unit_id, survey)][(dimension, value)] = group
    rows = []
    region_groups: dict[str, dict[tuple[str, str], GroupFacts]] = defaultdict(lambda: defaultdict(GroupFacts))
    region_unit = UnitFacts(median_reply_hours=facts.units.get(REGION, UnitFacts()).median_reply_hours)
    region_versions: dict[str, set[int]] = defaultdict(set)
    reached: dict[str, list[bool]] = defaultdict(list)
    quarters = [q.key for q in period.quarters]
    answered = {unit_id for unit_id, _ in by_subject} | set(facts.units)
    units = [unit for unit in units if unit.takes_part(period, unit.unit_id in answered)]
    subjects = {unit.unit_id: Subject.of(unit, sample_rule, quarters, volumes) for unit in units}
    for unit in units:
        subject = subjects[unit.unit_id]
        for survey in unit.surveys:
            groups = by_subject.get((unit.unit_id, survey), {})
            versions = facts.versions.get((unit.unit_id, survey), set())
            unit_facts = facts.units.get(unit.unit_id, UnitFacts())
            row = index_row(subject, survey, period, groups, unit_facts, versions, sample_rule, provisional)
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
            region_unit.absorb_suggestions(unit_facts)
    for survey in questionnaire.SURVEYS:
        survey_units = [unit for unit in units if survey in unit.surveys]
        if not survey_units and survey not in region_groups:
            continue
        subject = Subject(
            REGION,
            region_name,
            "wilayah",
            service_users=sum(subjects[unit.unit_id].service_users or 0 for unit in survey_units),
            required_sample=sum(subjects[unit.unit_id].required_sample or 0 for unit in survey_units),
            units=len(survey_units),
            units_sample_reached=sum(1 for ok in reached[survey] if ok),
        )
        rows.append(
            index_row(
                subject,
                survey,
                period,
                region_groups.get(survey, {}),
                region_unit,
                region_versions[survey],
                sample_rule,
                provisional,
            )
        )
    return rows


def content_run_id(period: Period, rows: list[dict[str, Any]]) -> str:
    """The same inputs give the same id, so a re-run or redelivery rewrites nothing."""
    digest = hashlib.sha256(json.dumps(rows, sort_keys=True, default=str).encode()).hexdigest()
    return f"{period.key}-{digest[:12]}"
