"""Downloads from the operator area: report links, the official report, workbooks and CSV."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from flask import Request
from werkzeug.wrappers import Response

from shared.bootstrap import services
from shared.files import responses_template
from shared.reports import tables
from shared.rules import access
from shared.rules.periods import Period
from shared.text import formats, messages

from . import documents
from .pages import UNIT, message_page, page
from .routes import app
from .session import signed_in


@app.route(UNIT + "/link", methods=("POST",))
@signed_in
def area_link(request: Request, operator: access.Operator, lang: str, unit_id: str, period: Period) -> Response:
    doc_lang = messages.pick_lang(request.form.get("doc_lang"), lang)
    return link_page(lambda: documents.unit_report(unit_id, period, doc_lang), lang, period, unit_id)


def link_page(make: Callable[[], str], lang: str, period: Period, unit_id: str) -> Response:
    try:
        link = documents.signed_link(make())
    except documents.NoData:
        return message_page(404, "no_data", lang)
    expires = datetime.fromisoformat(link["expires_at"].replace("Z", "+00:00"))
    expires_text = formats.datetime_text(expires, services().settings.zone, lang)
    kind = link["url"].split("?")[0].rsplit(".", 1)[-1].upper()  # PDF, DOCX, XLSX, CSV
    return page("area_link.html", lang=lang, link=link, expires=expires_text, period=period, unit_id=unit_id, kind=kind)


@app.route(UNIT + "/official", methods=("POST",))
@signed_in
def area_official(request: Request, operator: access.Operator, lang: str, unit_id: str, period: Period) -> Response:
    """A link to the unit's official report, as PDF or as DOCX to edit in Word."""
    file_format = "docx" if request.form.get("format") == "docx" else "pdf"
    return link_page(lambda: documents.official_report(unit_id, period, file_format), lang, period, unit_id)


@app.route(UNIT + "/<export>.xlsx")
@signed_in
def area_xlsx(
    request: Request, operator: access.Operator, lang: str, unit_id: str, period: Period, export: str
) -> Response:
    """The period's responses, or its complaints, as a workbook for Excel; or the unit's template
    for importing responses (its surveys, its services, the allowed answers listed)."""
    from . import workbooks

    if export not in ("responses", "complaints", "template"):
        return message_page(404, "not_found", lang)
    if export == "template":
        unit = services().units.get_unit(unit_id)
        if unit is None:
            return message_page(404, "unknown_unit", lang)
        return xlsx(responses_template.template(unit), f"TEMPLAT_{unit_id}.xlsx")
    docs = documents.period_responses(unit_id, period, operator.own_unit(unit_id))
    make = workbooks.responses if export == "responses" else workbooks.complaints
    name = f"{'SKM' if export == 'responses' else 'PENGADUAN'}_{unit_id}_{period.key}.xlsx"
    return xlsx(make(docs, services().settings.zone, lang), name)


def xlsx(data: bytes, name: str) -> Response:
    return Response(
        data,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"},
    )


@app.route(UNIT + "/responses.csv")
@signed_in
def area_csv(request: Request, operator: access.Operator, lang: str, unit_id: str, period: Period) -> Response:
    own = operator.own_unit(unit_id)
    records = (tables.response_record(doc) for doc in documents.period_responses(unit_id, period, own))
    return Response(
        tables.staff_csv(records, tables.response_columns(), lang, services().settings.zone),
        content_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="SKM_{unit_id}_{period.key}.csv"',
            "Cache-Control": "no-store",
        },
    )
