"""The report function's work: find the numbers, render once, keep the file, sign a link."""
from __future__ import annotations

from datetime import datetime, timezone
from functools import cache
from typing import Any

from shared import config, links, reporting
from shared.adapters import bigquery_warehouse, firestore_store, report_storage
from shared.aggregation import REGION
from shared.quarters import Quarter
from shared.web import log

RENDER_VERSION = 3  # bump when the templates change: cached files are then rendered again
SUGGESTIONS_SHOWN = 10


class NoData(Exception):
    """The unit (or region) has no aggregated rows for the quarter."""


@cache
def settings() -> config.Settings:
    return config.require(config.load(), "link_secret")


@cache
def warehouse() -> bigquery_warehouse.BigQueryWarehouse:
    return bigquery_warehouse.BigQueryWarehouse(bigquery_warehouse.client_for(settings()), settings().dataset)


@cache
def store() -> firestore_store.FirestoreStore:
    return firestore_store.store_for(settings())


@cache
def storage() -> report_storage.ReportStorage:
    return report_storage.storage_for(settings())


def unit_report(unit_id: str, quarter: Quarter, lang: str) -> str:
    """Storage name of the unit's PDF for the quarter, rendered now unless already kept."""
    rows = {row["survey"]: row for row in warehouse().index_rows(quarter.start, unit_id)}
    if "skm" not in rows:
        raise NoData(unit_id)
    plan = store().plan(unit_id, quarter.key)
    name = reporting.report_file("IKM", unit_id, quarter.key, lang, RENDER_VERSION,
                                 sorted((s, r["aggregation_run"]) for s, r in rows.items()), plan) + ".pdf"
    if not storage().exists(name):
        from render import render_report_html, to_pdf  # WeasyPrint only when a PDF is rendered

        first, last = reporting.trend_window(quarter)
        data = {
            "rows": rows,
            "trend": warehouse().trend(unit_id, "skm", first.start, last.start),
            "plan": reporting.plan_rows(rows["skm"]["lowest_items"] or [], plan),
            "suggestions": warehouse().latest_suggestions(quarter.start, unit_id, SUGGESTIONS_SHOWN),
        }
        storage().put(name, to_pdf(render_report_html(data, settings().region_name, lang)))
        log("INFO", "report rendered", report=name)
    return name


def recap(quarter: Quarter, lang: str, file_format: str) -> str:
    """Storage name of the bureau's recap of every unit (PDF or CSV)."""
    rows = [row for row in warehouse().index_rows(quarter.start) if row["survey"] == "skm"]
    if not rows:
        raise NoData(REGION)
    name = reporting.report_file("REKAP", REGION, quarter.key, lang, RENDER_VERSION,
                                 sorted((r["unit_id"], r["aggregation_run"]) for r in rows)) + f".{file_format}"
    if not storage().exists(name):
        units = reporting.ranked(rows)
        if file_format == "csv":
            data = reporting.csv_text(reporting.recap_records(units), reporting.RECAP_COLUMNS).encode()
        else:
            from render import render_recap_html, to_pdf

            region_row = next((r for r in rows if r["unit_id"] == REGION), None)
            data = to_pdf(render_recap_html(units, region_row, quarter.key, settings().region_name, lang))
        storage().put(name, data)
        log("INFO", "recap rendered", report=name)
    return name


def signed_link(name: str) -> dict[str, Any]:
    path, expires = links.sign(settings().link_secret, f"/reports/{name}", settings().link_ttl_seconds)
    return {"url": settings().report_base_url + path,
            "expires_at": datetime.fromtimestamp(expires, timezone.utc).isoformat().replace("+00:00", "Z")}
