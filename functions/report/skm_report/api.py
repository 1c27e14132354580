"""Report links for operators and scripts, and the downloads those links point to."""

from __future__ import annotations

import re
from datetime import datetime, tzinfo
from typing import Literal

from flask import Request
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator
from werkzeug.wrappers import Response

from shared import signing
from shared.adapters.report_storage import CONTENT_TYPES
from shared.bootstrap import services
from shared.reports import tables
from shared.rules import access, periods
from shared.rules.periods import Period
from shared.rules.records import UNIT_ID_PATTERN
from shared.rules.vocabulary import REGION
from shared.text import formats, messages
from shared.text.validation import from_pydantic
from shared.web import HttpError, json_body, json_response, request_lang

from . import documents
from .routes import app


class ReportRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    unit_id: str
    period: str | None = None  # 2026-Q3, 2026-S1 or 2026
    quarter: str | None = None  # the older name of `period`, still taken
    lang: Literal["id", "en"] = "id"
    document: Literal["summary", "official"] = "summary"  # official: the Laporan Hasil SKM (Indonesian)
    # CSV: the bureau recap only; DOCX: the official report; XLSX: the recap, or a unit's responses
    format: Literal["pdf", "csv", "docx", "xlsx"] = "pdf"

    @field_validator("unit_id")
    @classmethod
    def _unit(cls, value: str) -> str:
        if value != REGION and not re.fullmatch(UNIT_ID_PATTERN, value):
            raise ValueError("bad unit id")
        return value

    @property
    def period_key(self) -> str | None:
        return self.period or self.quarter


def bearer_operator(request: Request) -> access.Operator | None:
    token = access.bearer_token(request.headers.get("Authorization"))
    operator = services().access.operator(access.token_hash(token)) if token else None
    return operator if operator and operator.active else None


@app.route("/api/v1/reports", methods=("POST",))
def create_link(request: Request) -> Response:
    operator = bearer_operator(request)
    if operator is None:
        raise HttpError(401, "unauthorized", "Authorization", headers={"WWW-Authenticate": "Bearer"})
    body = json_body(request)
    if not isinstance(body, dict):
        raise HttpError(400, "invalid_json")
    lang = messages.pick_lang(body.get("lang"), request_lang(request))
    try:
        wanted = ReportRequest.model_validate(body)
    except ValidationError as error:
        return json_response({"errors": [e.as_dict() for e in from_pydantic(error, lang).errors]}, 422)
    if not operator.may_read(wanted.unit_id):
        raise HttpError(403, "forbidden", "unit_id")
    if wanted.format == "csv" and (wanted.unit_id != REGION or wanted.document == "official"):
        raise HttpError(422, "csv_recap_only", "format")
    if wanted.format == "xlsx" and wanted.document == "official":
        raise HttpError(422, "docx_official_only", "format")
    if wanted.format == "docx" and wanted.document != "official":
        raise HttpError(422, "docx_official_only", "format")
    if not wanted.period_key:
        raise HttpError(422, "required", "period")
    settings = services().settings
    try:
        period = periods.reportable(wanted.period_key, settings.kinds, datetime.now(settings.zone).date())
    except periods.Refused as refused:
        raise HttpError(422, refused.key, "period", refused.values) from None
    try:
        if wanted.document == "official" and wanted.unit_id == REGION:
            name = documents.official_region(period, wanted.format)
        elif wanted.document == "official":
            name = documents.official_report(wanted.unit_id, period, wanted.format)
        elif wanted.unit_id == REGION:
            name = documents.recap(period, wanted.lang, wanted.format)
        elif wanted.format == "xlsx":
            name = documents.unit_responses_xlsx(wanted.unit_id, period, operator.own_unit(wanted.unit_id))
        else:
            name = documents.unit_report(wanted.unit_id, period, wanted.lang)
    except documents.NoData:
        if services().ops.run(period.key):  # computed, but nothing for this unit
            raise HttpError(404, "no_data", "unit_id") from None
        raise HttpError(404, *not_aggregated(period, lang, settings.zone)) from None
    return json_response(documents.signed_link(name), 201)


@app.route("/api/v1/units/<unit_id>/periods/<period>/suggestions")
def unit_suggestions(request: Request, unit_id: str, period: str) -> Response:
    """A unit's suggestions of a period, labelled and masked, paged by 500 (docs/suggestions.md)."""
    from shared.usecases import suggestions

    operator = bearer_operator(request)
    if operator is None:
        raise HttpError(401, "unauthorized", "Authorization", headers={"WWW-Authenticate": "Bearer"})
    if not re.fullmatch(UNIT_ID_PATTERN, unit_id):
        raise HttpError(404, "unknown_unit", "unit_id")
    if not operator.may_read(unit_id):
        raise HttpError(403, "forbidden", "unit_id")
    settings = services().settings
    lang = messages.pick_lang(request.args.get("lang"), request_lang(request))
    try:
        wanted = periods.reportable(period, settings.kinds, datetime.now(settings.zone).date())
    except periods.Refused as refused:
        raise HttpError(422, refused.key, "period", refused.values) from None
    rows = [row for row in services().warehouse.index_rows(wanted, unit_id) if row["survey"] == "skm"]
    if not rows:
        if services().ops.run(wanted.key):
            raise HttpError(404, "no_data", "unit_id")
        raise HttpError(404, *not_aggregated(wanted, lang, settings.zone))
    try:
        answer = suggestions.page(services().warehouse, rows[0], unit_id, wanted, request.args.get("page_token"))
    except suggestions.BadToken:
        raise HttpError(400, "page_token_invalid", "page_token") from None
    return json_response(answer)


def not_aggregated(period: Period, lang: str, zone: tzinfo) -> tuple[str, str, dict[str, str]]:
    """Why a period has no figures yet, and when it will: (message key, field, values)."""
    running = datetime.now(zone).date() < period.end
    return ("period_running" if running else "period_due", "period", {"date": formats.date_text(period.end, lang)})


@app.route("/reports/<name>")
def download(request: Request, name: str) -> Response:
    try:
        documents.verify_link(name, request.args.get("sig"))
        data = services().storage.get(name)
    except signing.Expired:
        raise HttpError(410, "link_expired", "url") from None
    except (signing.Invalid, ValueError):
        raise HttpError(403, "link_invalid", "url") from None
    if data is None:
        raise HttpError(404, "not_found", "url")
    extension = name.rsplit(".", 1)[-1]
    return Response(
        data,
        content_type=CONTENT_TYPES.get(extension, "application/octet-stream"),
        headers={
            "Content-Disposition": f'inline; filename="{tables.download_name(name, extension)}"',
            "Cache-Control": "private, max-age=300",
        },
    )


@app.route("/healthz")
def health(request: Request) -> Response:
    return json_response({"status": "ok"})
