"""The report function's work: find the numbers, render once, keep the file, sign a link."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from shared import reporting, signing
from shared.bootstrap import services
from shared.quarters import Quarter
from shared.vocabulary import REGION
from shared.web import log

RENDER_VERSION = 7  # bump when the templates change: cached files are then rendered again


class NoData(Exception):
    """The unit (or region) has no aggregated rows for the quarter."""


def unit_report(unit_id: str, quarter: Quarter, lang: str) -> str:
    """Storage name of the unit's PDF for the quarter, rendered now unless already kept.

    Everything the report shows comes from index rows (the suggestions too: the run stores
    them in the unit's row), so the runs of the quarters it shows name its content. The
    cached path learns those runs from one Firestore read and never waits for BigQuery.
    """
    ops, storage = services().operators, services().storage
    plan = ops.plan(unit_id, quarter.key)
    shown = _shown_quarters(quarter)
    markers = ops.runs([q.key for q in shown])
    if markers.get(quarter.key) and storage.exists(name := _unit_file(unit_id, quarter, lang, markers, plan)):
        return name
    first, _ = reporting.trend_window(quarter)
    history = services().warehouse.unit_history(unit_id, first.start, quarter.start)
    by_survey = {row["survey"]: row for row in history if row["quarter"] == quarter.key}
    if "skm" not in by_survey:
        raise NoData(unit_id)
    runs = {row["quarter"]: row["aggregation_run"] for row in history}
    name = _unit_file(unit_id, quarter, lang, runs, plan)
    if not storage.exists(name):
        from .render import render_report_html, to_pdf  # WeasyPrint only when a PDF is rendered

        data = {
            "rows": by_survey,
            "trend": [row for row in history if row["survey"] == "skm"],
            "plan": reporting.plan_rows(by_survey["skm"]["lowest_items"] or [], plan),
        }
        storage.put(name, to_pdf(render_report_html(data, services().settings.region_name, lang)))
        log("INFO", "report rendered", report=name)
    return name


def _shown_quarters(quarter: Quarter) -> list[Quarter]:
    first, shown = reporting.trend_window(quarter)[0], []
    while first != quarter:
        shown.append(first)
        first = first.next()
    return [*shown, quarter]


def _unit_file(unit_id: str, quarter: Quarter, lang: str, runs: dict[str, str | None], plan: dict | None) -> str:
    """Named by the run of every quarter the report shows (its own and its trend's) and the plan."""
    shown = {q.key: runs.get(q.key) for q in _shown_quarters(quarter)}
    return reporting.report_file("IKM", unit_id, quarter.key, lang, RENDER_VERSION, shown, plan) + ".pdf"


def recap(quarter: Quarter, lang: str, file_format: str) -> str:
    """Storage name of the bureau's recap of every unit (PDF or CSV)."""
    storage = services().storage
    run = services().operators.run(quarter.key)
    if run and storage.exists(name := _recap_file(quarter, lang, run, file_format)):
        return name
    rows = [row for row in services().warehouse.index_rows(quarter.start) if row["survey"] == "skm"]
    if not rows:
        raise NoData(REGION)
    name = _recap_file(quarter, lang, rows[0]["aggregation_run"], file_format)
    if not storage.exists(name):
        units = reporting.ranked(rows)
        if file_format == "csv":
            data = reporting.csv_text(reporting.recap_records(units), reporting.RECAP_COLUMNS).encode()
        else:
            from .render import render_recap_html, to_pdf

            region_row = next((r for r in rows if r["unit_id"] == REGION), None)
            data = to_pdf(render_recap_html(units, region_row, quarter.key, services().settings.region_name, lang))
        storage.put(name, data)
        log("INFO", "recap rendered", report=name)
    return name


def _recap_file(quarter: Quarter, lang: str, run: str, file_format: str) -> str:
    return reporting.report_file("REKAP", REGION, quarter.key, lang, RENDER_VERSION, run) + f".{file_format}"


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
