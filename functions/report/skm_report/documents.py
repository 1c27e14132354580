"""The report function's work: find the numbers, render once, keep the file, sign a link."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from shared import signing
from shared.bootstrap import services
from shared.log import fields, logger
from shared.reports import promises, tables
from shared.rules import comparison, eligibility, follow_up, periods, privacy
from shared.rules.periods import Period
from shared.rules.vocabulary import REGION
from shared.usecases.aggregation import index_rows

LOG = logger("documents")

RENDER_VERSION = 21  # bump when the templates change: cached files are then rendered again


class NoData(Exception):
    """The unit (or region) has no aggregated rows for the period."""


def unit_report(unit_id: str, period: Period, lang: str) -> str:
    """Storage name of the unit's PDF for the period, rendered now unless already kept.

    Everything the report shows comes from index rows (the suggestions too: the run stores
    them in the unit's row), so the runs of the periods it shows name its content: its own,
    its trend's (like with like: 8 quarters, 6 semesters or 5 years) and, for a year, its
    four quarters. The cached path learns those runs from one Firestore read and never waits
    for BigQuery.
    """
    ops, storage, warehouse = services().ops, services().storage, services().warehouse
    plan = ops.plan(unit_id, period.key)
    carried = follow_up.carried_over(ops.plan(unit_id, period.previous().key))
    served = ops.unit_service_volumes(unit_id, [q.key for q in period.quarters])
    plans = {"plan": plan, "carried": carried, "minimum": services().settings.min_respondents, "served": served}
    markers = ops.runs([p.key for p in _shown(period)])
    if markers.get(period.key) and storage.exists(name := _unit_file(unit_id, period, lang, markers, plans)):
        return name
    history = warehouse.unit_history(unit_id, periods.trend(period))
    by_survey = recorded(unit_id, period, [row for row in history if row["period"] == period.key], served)
    if "skm" not in by_survey:
        raise NoData(unit_id)
    parts = warehouse.unit_history(unit_id, period.quarters) if period.kind == "year" else []
    runs = {row["period"]: row["aggregation_run"] for row in history + parts}
    name = _unit_file(unit_id, period, lang, runs, plans)
    if not storage.exists(name):
        from .render import render_report_html, to_pdf  # WeasyPrint only when a PDF is rendered

        data = {
            "rows": by_survey,
            "trend": [row for row in history if row["survey"] == "skm"],
            "parts": [row for row in parts if row["survey"] == "skm"],
            "plan": follow_up.plan_rows(by_survey["skm"]["lowest_items"] or [], plan, carried),
            "minimum": plans["minimum"],
        }
        settings = services().settings
        storage.put(name, to_pdf(render_report_html(data, settings.region_name, zone=settings.zone, lang=lang)))
        LOG.info("report rendered", extra=fields(report=name))
    return name


def official_report(unit_id: str, period: Period, file_format: str) -> str:
    """Storage name of the unit's official report (PDF or DOCX), rendered now unless already kept.

    Named like the summary report, by the runs it shows, its plan, the previous period's plan
    (reported as followed up) and what the operator wrote."""
    from shared.reports.official import unit
    from shared.reports.official.narrative import Narrative

    ops, storage, warehouse = services().ops, services().storage, services().warehouse
    plan, previous = ops.plan(unit_id, period.key), ops.plan(unit_id, period.previous().key)
    narrative = ops.narrative(unit_id, period.key)
    minimum = services().settings.min_respondents
    served = ops.unit_service_volumes(unit_id, [q.key for q in period.quarters])
    logo = region_logo(services().settings.logo_file)
    content: dict[str, Any] = {"plan": plan, "previous": previous, "narrative": narrative, "minimum": minimum}
    in_force = promises.by_service_in_force(ops.standards(unit_id), period.last_day)
    content |= {"served": served, "logo": hashlib.sha256(logo).hexdigest()}
    content |= {"standards": [version.model_dump(mode="json") for _, version in sorted(in_force.items())]}
    markers = ops.runs([p.key for p in _official_shown(period)])
    if markers.get(period.key) and storage.exists(
        name := _official_file(unit_id, period, markers, content, file_format)
    ):
        return name
    history = warehouse.unit_history(unit_id, periods.trend(period))
    by_survey = recorded(unit_id, period, [row for row in history if row["period"] == period.key], served)
    if "skm" not in by_survey:
        raise NoData(unit_id)
    parts = warehouse.unit_history(unit_id, period.quarters) if period.kind != "quarter" else []
    runs = {row["period"]: row["aggregation_run"] for row in history + parts}
    name = _official_file(unit_id, period, runs, content, file_format)
    if not storage.exists(name):
        from . import official_files as render

        skm = by_survey["skm"]
        data = unit.UnitData(
            skm["unit_name"],
            period,
            by_survey,
            [row for row in history if row["survey"] == "skm"],
            [row for row in parts if row["survey"] == "skm"],
            follow_up.plan_rows(skm["lowest_items"] or [], plan, follow_up.carried_over(previous)),
            (previous or {}).get("rows") or [],
            minimum,
            index_rows.data_until(skm, services().settings.zone),
            in_force,
        )
        settings = services().settings
        today = datetime.now(settings.zone).date()
        document = unit.unit_report(data, Narrative.stored(narrative), settings.region_name, today)
        storage.put(name, render.pdf(document, logo) if file_format == "pdf" else render.docx(document, logo))
        LOG.info("official report rendered", extra=fields(report=name))
    return name


def official_region(period: Period, file_format: str) -> str:
    """Storage name of the region's consolidated official report, named by the runs it shows and
    by what the bureau wrote into it."""
    from shared.reports.official import region
    from shared.reports.official.narrative import Narrative

    ops, storage, warehouse = services().ops, services().storage, services().warehouse
    narrative = ops.narrative(REGION, period.key)
    minimum = services().settings.min_respondents
    logo = region_logo(services().settings.logo_file)
    rows, served = recorded_period(period, period_rows(period))
    content = {"narrative": narrative, "minimum": minimum, "logo": hashlib.sha256(logo).hexdigest(), "served": served}
    trend_periods = periods.trend(period)
    markers = ops.runs([p.key for p in trend_periods])
    if markers.get(period.key) and storage.exists(
        name := _official_file(REGION, period, markers, content, file_format)
    ):
        return name
    if not any(row["survey"] == "skm" and row["unit_id"] != REGION for row in rows):
        raise NoData(REGION)
    history = warehouse.unit_history(REGION, trend_periods)
    runs = {row["period"]: row["aggregation_run"] for row in history} | {period.key: rows[0]["aggregation_run"]}
    name = _official_file(REGION, period, runs, content, file_format)
    if not storage.exists(name):
        from . import official_files as render

        settings = services().settings
        trend = [row for row in history if row["survey"] == "skm"]
        today = datetime.now(settings.zone).date()
        document = region.region_report(
            period,
            rows,
            trend,
            Narrative.stored(narrative),
            settings.region_name,
            today,
            minimum=minimum,
            until=index_rows.data_until(rows[0], settings.zone),
        )
        storage.put(name, render.pdf(document, logo) if file_format == "pdf" else render.docx(document, logo))
        LOG.info("official region report rendered", extra=fields(report=name))
    return name


@functools.cache
def region_logo(path: Path | None) -> bytes:
    """The cover's logo (SKM_LOGO_FILE, checked when the settings load), read once per instance."""
    return path.read_bytes() if path else b""


def recorded_period(period: Period, rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Every row of the period with the citizens served as recorded now, and those volumes (for
    the names of the files made from them): a number saved since the run counts at once."""
    volumes = services().ops.service_volumes([q.key for q in period.quarters])
    units, rule = services().units.list_units(), services().settings.sample_rule
    updated = index_rows.with_recorded_region(rows, units, rule, period, volumes)
    return updated, {f"{unit}/{quarter}": served for (unit, quarter), served in sorted(volumes.items())}


def recorded(unit_id: str, period: Period, rows: list[dict[str, Any]], served: dict[str, int]) -> dict[str, Any]:
    """The period's rows by survey, with the citizens served as recorded now (a number saved
    since the run counts in the next report downloaded)."""
    unit = services().units.get_unit(unit_id)
    rule = services().settings.sample_rule
    if unit is None:  # a unit gone from the register: its rows as computed
        return {row["survey"]: row for row in rows}
    return {row["survey"]: index_rows.with_recorded_volumes(row, unit, rule, period, served) for row in rows}


def _official_file(unit_id: str, period: Period, runs: dict[str, str | None], content: Any, file_format: str) -> str:
    shown = {p.key: runs.get(p.key) for p in _official_shown(period)}
    name = tables.report_file("LAPORAN", unit_id, period.key, "id", RENDER_VERSION, shown, content)
    return f"{name}.{file_format}"


def _shown(period: Period) -> list[Period]:
    """Every period a unit report shows: its trend, ending with itself, and a year's quarters."""
    return periods.trend(period) + (period.quarters if period.kind == "year" else [])


def _official_shown(period: Period) -> list[Period]:
    """The official report also lists a semester's quarters."""
    return periods.trend(period) + (period.quarters if period.kind != "quarter" else [])


def _unit_file(unit_id: str, period: Period, lang: str, runs: dict[str, str | None], plan: Any) -> str:
    """Named by the run of every period the report shows and by the plan."""
    shown = {p.key: runs.get(p.key) for p in _shown(period)}
    return tables.report_file("IKM", unit_id, period.key, lang, RENDER_VERSION, shown, plan) + ".pdf"


def recap(period: Period, lang: str, file_format: str) -> str:
    """Storage name of the bureau's recap of every unit (PDF, CSV or XLSX), named by the runs
    of the period and the one before (the change), the follow-up plans and the minimum."""
    storage, ops, warehouse = services().storage, services().ops, services().warehouse
    plans = ops.plans_of(sorted(unit.unit_id for unit in services().units.list_units()), period.key)
    minimum = services().settings.min_respondents
    every, served = recorded_period(period, period_rows(period))  # every survey: the workbook has IPKP and IPAK
    content = {"plans": plans, "minimum": minimum, "served": served}
    runs = ops.runs([period.key, period.previous().key])
    if runs[period.key] and storage.exists(name := _recap_file(period, lang, runs, content, file_format)):
        return name
    rows = [row for row in every if row["survey"] == "skm"]
    if not rows:
        raise NoData(REGION)
    name = _recap_file(period, lang, runs | {period.key: rows[0]["aggregation_run"]}, content, file_format)
    if not storage.exists(name):
        before = {row["unit_id"]: row for row in warehouse.index_rows(period.previous()) if row["survey"] == "skm"}
        units = [
            unit
            | {"enough_data": unit["enough"]}
            | comparison.standing(unit, before.get(unit["unit_id"]), plans.get(unit["unit_id"]) or [])
            for unit in eligibility.ranked(rows, minimum=minimum)
        ]
        if file_format == "csv":
            data = tables.staff_csv(tables.recap_records(units), tables.RECAP_COLUMNS, lang).encode()
        elif file_format == "xlsx":
            from . import workbooks

            data = workbooks.recap(units, every, minimum, lang)
        else:
            from .render import render_recap_html, to_pdf

            region_row = next((r for r in rows if r["unit_id"] == REGION), None)
            data = to_pdf(render_recap_html(units, region_row, period.key, services().settings.region_name, lang))
        storage.put(name, data)
        LOG.info("recap rendered", extra=fields(report=name))
    return name


def period_responses(unit_id: str, period: Period, own_unit: bool) -> Iterator[dict[str, Any]]:
    """Every response of the unit in the period, quarter by quarter, with its follow-up; the
    suggestions masked for a reader who is not the unit's own operator (shared.rules.privacy)."""
    for quarter in period.quarters:
        yield from privacy.for_reader(services().responses.unit_responses(unit_id, quarter.key), own_unit)


def unit_responses_xlsx(unit_id: str, period: Period, own_unit: bool) -> str:
    """Storage name of a workbook of the unit's responses in the period, as they stand now."""
    from . import workbooks

    data = workbooks.responses(period_responses(unit_id, period, own_unit), services().settings.zone)
    made = datetime.now(timezone.utc).isoformat()
    name = tables.report_file("ISIAN", unit_id, period.key, "id", RENDER_VERSION, made) + ".xlsx"
    services().storage.put(name, data)
    return name


def _recap_file(period: Period, lang: str, runs: dict[str, str | None], content: Any, file_format: str) -> str:
    return tables.report_file("REKAP", REGION, period.key, lang, RENDER_VERSION, runs, content) + f".{file_format}"


def link_path(name: str) -> str:
    return f"/reports/{name}"


def signed_link(name: str, now: float | None = None) -> dict[str, Any]:
    """An expiring link to a kept file: its path signed (shared.signing) with the time it was made."""
    settings = services().settings
    signed = signing.sign(settings.link_secret, signing.LINK, link_path(name), now)
    expires = signed.issued_at + settings.link_ttl_seconds
    return {
        "url": f"{settings.report_base_url}{link_path(name)}?sig={signed.signature}",
        "expires_at": datetime.fromtimestamp(expires, timezone.utc).isoformat().replace("+00:00", "Z"),
    }


def verify_link(name: str, signature: str | None, now: float | None = None) -> None:
    """Raises signing.Expired (410) or signing.Invalid (403)."""
    settings = services().settings
    signing.verify(settings.link_secret, signing.LINK, link_path(name), signature, settings.link_ttl_seconds, now)


PERIODS_KEPT = 4  # a province's period of rows is a few MB: keep the periods people look at


PERIOD_ROWS: dict[str, tuple[str | None, list[dict[str, Any]]]] = {}  # period -> (its run, its index rows)


def period_rows(period: Period) -> list[dict[str, Any]]:
    """The period's index rows, asked of BigQuery once per aggregation run and instance: the
    home page then costs a Firestore read, not a query."""
    run = services().ops.run(period.key)
    cached = PERIOD_ROWS.get(period.key)
    if cached and run and cached[0] == run:
        return cached[1]
    rows = services().warehouse.index_rows(period)
    PERIOD_ROWS.pop(period.key, None)
    PERIOD_ROWS[period.key] = (run, rows)
    while len(PERIOD_ROWS) > PERIODS_KEPT:
        PERIOD_ROWS.pop(next(iter(PERIOD_ROWS)))  # the longest unrefreshed
    return rows


def readiness_of(
    units: list[Any], period: Period, rows: list[dict[str, Any]], plans: dict[str, list[dict[str, Any]]]
) -> dict[str, Any]:
    """Each unit's readiness checklist for the period (shared.reports.readiness), in three reads
    whatever the number of units: the standards' dates, the signed maklumat, the publications."""
    from shared.reports import readiness

    ops, settings = services().ops, services().settings
    one = units[0].unit_id if len(units) == 1 else None
    dates, signed = ops.standard_dates(one), ops.signed_maklumats()
    published = period.key in {publication.period for publication in ops.publications()}
    skm = {row["unit_id"]: row for row in rows if row["survey"] == "skm"}
    last_day = period.last_day
    return {
        unit.unit_id: readiness.readiness(
            unit.unit_id,
            unit.services,
            dates.get(unit.unit_id, []),
            last_day,
            skm.get(unit.unit_id),
            plans.get(unit.unit_id) or [],
            unit.unit_id in signed,
            published,
            settings.reply_target_hours,
        )
        for unit in units
    }
