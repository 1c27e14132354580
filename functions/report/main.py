"""Report function: operators ask for a quarterly PDF and get an expiring link; the operator area."""
from __future__ import annotations

import re
from typing import Literal

import functions_framework
from flask import Request, Response
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator
from werkzeug.routing import Map, Rule

import area
import reports
from shared import i18n, links, operators, reporting
from shared.aggregation import REGION
from shared.models import UNIT_ID_PATTERN
from shared.quarters import Quarter
from shared.validation import from_pydantic
from shared.web import body_too_big, dispatch, json_error, json_response, request_lang

ROUTES = Map([
    Rule("/api/v1/reports", endpoint="create_link", methods=["POST"]),
    Rule("/reports/<name>", endpoint="download", methods=["GET"]),
    Rule("/healthz", endpoint="health", methods=["GET"]),
    *area.RULES,
])


class ReportRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    unit_id: str
    quarter: str
    lang: Literal["id", "en"] = "id"
    format: Literal["pdf", "csv"] = "pdf"  # CSV: the bureau recap only

    @field_validator("unit_id")
    @classmethod
    def _unit(cls, value: str) -> str:
        if value != REGION and not re.fullmatch(UNIT_ID_PATTERN, value):
            raise ValueError("bad unit id")
        return value

    @field_validator("quarter")
    @classmethod
    def _quarter_key(cls, value: str) -> str:
        return Quarter.parse(value).key


def bearer_operator(request: Request) -> operators.Operator | None:
    token = operators.bearer_token(request.headers.get("Authorization"))
    operator = reports.store().operator(operators.token_hash(token)) if token else None
    return operator if operator and operator.active else None


def create_link(request: Request) -> Response:
    lang = request_lang(request)
    operator = bearer_operator(request)
    if operator is None:
        response = json_error(401, "unauthorized", lang, field="Authorization")
        response.headers["WWW-Authenticate"] = "Bearer"
        return response
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return json_error(400, "invalid_json", lang)
    lang = i18n.pick_lang(body.get("lang"), lang)
    try:
        wanted = ReportRequest.model_validate(body)
    except ValidationError as error:
        return json_response({"errors": [e.as_dict() for e in from_pydantic(error, lang).errors]}, 422)
    if not operator.may_read(wanted.unit_id):
        return json_error(403, "forbidden", lang, field="unit_id")
    if wanted.format == "csv" and wanted.unit_id != REGION:
        return json_error(422, "csv_recap_only", lang, field="format")
    quarter = Quarter.parse(wanted.quarter)
    try:
        if wanted.unit_id == REGION:
            name = reports.recap(quarter, wanted.lang, wanted.format)
        else:
            name = reports.unit_report(wanted.unit_id, quarter, wanted.lang)
    except reports.NoData:
        return json_error(404, "no_data", lang, field="unit_id")
    return json_response(reports.signed_link(name), 201)


def download(request: Request, name: str) -> Response:
    lang = request_lang(request)
    try:
        links.verify(reports.settings().link_secret, f"/reports/{name}", request.args.get("expires"),
                     request.args.get("sig"))
        data = reports.storage().get(name)
    except links.LinkError as error:
        return json_error(410 if error.reason == "link_expired" else 403, error.reason, lang, field="url")
    except ValueError:
        return json_error(403, "link_invalid", lang, field="url")
    if data is None:
        return json_error(404, "not_found", lang, field="url")
    extension = name.rsplit(".", 1)[-1]
    return Response(data, content_type="application/pdf" if extension == "pdf" else "text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'inline; filename="{reporting.download_name(name, extension)}"',
                             "Cache-Control": "private, max-age=300"})


def health(request: Request) -> Response:
    return json_response({"status": "ok"})


HANDLERS = {"create_link": create_link, "download": download, "health": health, **area.HANDLERS}


MAX_BODY_BYTES = 64 * 1024  # a report request, a plan or a reply; anything larger is refused with 413


@functions_framework.http
def report(request: Request) -> Response:
    return body_too_big(request, MAX_BODY_BYTES, request_lang(request)) or dispatch(ROUTES, request, HANDLERS)
