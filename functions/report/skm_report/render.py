"""Render reports: jinja2 HTML (autoescaped) -> PDF with WeasyPrint; charts are inline SVG."""

from __future__ import annotations

import gc
from datetime import date, datetime, tzinfo
from functools import partial
from pathlib import Path
from typing import Any

from shared.reports import suggestion_analysis
from shared.rules import eligibility, ikm, periods, questionnaire, sampling, vocabulary
from shared.rules.questionnaire import element_name, text
from shared.templates import environment
from shared.text import changes, formats, messages
from shared.usecases.aggregation import index_rows

FOLDER = Path(__file__).parent / "templates"  # the report's documents and the operator area's pages
CHART_WIDTH = 400
DIGITS = {
    "nrr": ikm.NRR_DIGITS,
    "weighted": ikm.WEIGHTED_NRR_DIGITS,
    "index": ikm.INDEX_DIGITS,
    "converted": ikm.CONVERTED_DIGITS,
}


def method_note(row: dict[str, Any], lang: str, zone: tzinfo | None = None) -> str:
    """The method note, naming the sample rule this row was computed with."""
    rule = messages.message(sampling.sample_rule_key(row.get("sample_rule") or "krejcie-morgan"), lang)
    note = messages.message("method_text", lang, excluded=row.get("excluded_flagged") or 0, sample_rule=rule)
    if row.get("period_kind") in ("semester", "year"):
        note += " " + messages.message("method_pooled", lang)
    if row.get("provisional"):
        note += " " + messages.message("method_provisional", lang)
        if row.get("aggregated_at") and zone is not None:
            moment = formats.datetime_text(index_rows.data_until(row, zone), zone, lang)
            until = messages.message("data_until", lang, moment=moment)
            note += f" {until[:1].upper()}{until[1:]}."  # "Data sampai 4 Desember …", the month kept
    return note


def performance(row: dict[str, Any], lang: str) -> str:
    return questionnaire.band_label(row["survey"], row["grade"], lang)


def survey_section(row: dict[str, Any], lang: str) -> dict[str, Any]:
    """One survey's table and chart (SKM, IPKP or IPAK)."""
    form = questionnaire.current(row["survey"])
    elements = [
        {
            **element,
            "name": element_name(row["survey"], element["code"], lang),
            "bar": float(element["nrr"] or 0) / form.scale.max * CHART_WIDTH,
        }
        for element in row["elements"]
    ]
    return {
        "row": row,
        "title": text(form.title, lang),
        "elements": elements,
        "performance": performance(row, lang),
        "bands": formats.bands_text(row["survey"], lang),  # IPAK's A is not SKM's A
        "lowest": {low["code"] for low in row["lowest_items"] or []},
    }


def profile_tables(row: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    tables = []
    for dimension in vocabulary.DIMENSIONS:
        groups = [g for g in row["profile"] or [] if g["dimension"] == dimension]
        if groups:
            total = sum(g["respondents"] for g in groups) or 1
            tables.append(
                {
                    "dimension": dimension,
                    "rows": [
                        {
                            **g,
                            "label": formats.group_label(dimension, g["group_value"], lang),
                            "share": g["respondents"] * 100 / total,
                        }
                        for g in groups
                    ],
                }
            )
    return tables


def trend_chart(trend: list[dict[str, Any]]) -> dict[str, Any]:
    """Bars of the converted index (0-100) per period, with the grade boundaries as lines."""
    slot = 52
    bars = [{"x": 34 + i * slot, "height": float(t["index_converted"] or 0) * 1.2, **t} for i, t in enumerate(trend)]
    return {"bars": bars, "width": 40 + slot * max(len(trend), 1), "slot": slot}


def render_report_html(data: dict[str, Any], region: str, *, zone: tzinfo, lang: str = "id") -> str:
    """The unit's report for a period: `data` holds its index rows, trend and plan."""
    skm, minimum = data["rows"]["skm"], data["minimum"]
    period = periods.Period.parse(skm["period"])
    before = next((t for t in data["trend"] if t["period"] == period.previous().key), None)
    enough = eligibility.enough(skm, minimum)
    return (
        environment(FOLDER)
        .get_template("report.html")
        .render(
            movement=changes.movement(skm, before, formats.period_name(period.previous(), lang), minimum, lang),
            too_few=None
            if enough
            else messages.message("too_few_note", lang, respondents=skm["respondents"], minimum=minimum),
            skm=survey_section(skm, lang),
            others=[survey_section(data["rows"][s], lang) for s in questionnaire.PERCEPTION if s in data["rows"]],
            trend=trend_chart(data["trend"]),
            parts=data.get("parts") or [],
            profile=profile_tables(skm, lang),
            weakest=[
                {
                    **r,
                    "name": element_name("skm", r["item"], lang),
                    "due": formats.date_text(r.get("due"), lang, blank=""),
                }
                for r in data["plan"]
            ],
            suggestions=[
                {
                    **s,
                    "date": formats.date_text(_local_date(s["submitted_at"], zone), lang) if s["submitted_at"] else "",
                }
                for s in skm.get("latest_suggestions") or []
            ],
            analysis=suggestion_analysis.analysis(skm, lang),
            finding=suggestion_analysis.finding(skm, lang),
            lang=lang,
            w=messages.words(lang),
            region=region,
            method=method_note(skm, lang, zone),
            period=formats.period_name(period, lang),
            provisional=skm.get("provisional"),
            n=partial(formats.number, lang=lang),
            digits=DIGITS,
            chart_width=CHART_WIDTH,
            period_label=lambda key: formats.period_short_name(periods.Period.parse(key), lang),
            period_kind=period.kind,
        )
    )


def render_recap_html(
    units: list[dict[str, Any]], region_row: dict[str, Any] | None, period: str, region: str, lang: str = "id"
) -> str:
    """`units`: ranked, each with its standing (eligibility.ranked, comparison.standing)."""
    return (
        environment(FOLDER)
        .get_template("recap.html")
        .render(
            units=[
                {**unit, "change_text": changes.change_text(unit["change_verdict"], unit["change_points"], lang)}
                for unit in units
            ],
            region_row=region_row,
            lang=lang,
            w=messages.words(lang),
            region=region,
            period=formats.period_name(periods.Period.parse(period), lang),
            provisional=bool(region_row and region_row.get("provisional")),
            n=partial(formats.number, lang=lang),
            digits=DIGITS,
        )
    )


def _local_date(submitted_at: str | datetime, zone: tzinfo) -> date:
    """The day in the region's zone (a response at 23:30 UTC is the next day in Jakarta)."""
    when = submitted_at if isinstance(submitted_at, datetime) else datetime.fromisoformat(submitted_at)
    return when.astimezone(zone).date()


def to_pdf(html: str) -> bytes:
    from weasyprint import HTML  # heavy import, only when a report is actually rendered

    gc.disable()  # layout allocates a great many short-lived objects; collecting midway only costs time
    try:
        return HTML(string=html).write_pdf()
    finally:
        gc.enable()
