"""Report function: operators ask for a quarterly PDF and get an expiring link to it."""
from __future__ import annotations

import hmac
from datetime import datetime, timezone
from functools import cache
from typing import Literal

import functions_framework
from flask import Request, Response
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator
from werkzeug.routing import Map, Rule

from shared import config, i18n, links
from shared.adapters import bigquery_warehouse, report_storage
from shared.models import UnitId
from shared.quarters import Quarter
from shared.validation import from_pydantic
from shared.web import dispatch, json_error, json_response, log, request_lang

ROUTES = Map([
    Rule("/api/v1/reports", endpoint="create_link", methods=["POST"]),
    Rule("/reports/<name>", endpoint="download", methods=["GET"]),
    Rule("/healthz", endpoint="health", methods=["GET"]),
])


class ReportRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    unit_id: UnitId
    quarter: str
    lang: Literal["id", "en"] = "id"

    @field_validator("quarter")
    @classmethod
    def _quarter_key(cls, value: str) -> str:
        return Quarter.parse(value).key


@cache
def settings() -> config.Settings:
    return config.require(config.load(), "link_secret", "admin_token")


@cache
def warehouse() -> bigquery_warehouse.BigQueryWarehouse:
    return bigquery_warehouse.BigQueryWarehouse(bigquery_warehouse.client_for(settings()), settings().dataset)


@cache
def storage() -> report_storage.ReportStorage:
    return report_storage.storage_for(settings())


def authorised(request: Request) -> bool:
    """Bearer token check; per-operator tokens and unit scopes replace this shared token later."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    expected = settings().admin_token
    return scheme.lower() == "bearer" and bool(expected) and hmac.compare_digest(token.encode(), expected.encode())


def create_link(request: Request) -> Response:
    lang = request_lang(request)
    if not authorised(request):
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
    quarter = Quarter.parse(wanted.quarter)
    rows = [r for r in warehouse().index_rows(quarter.start, wanted.unit_id) if r["survey"] == "skm"]
    if not rows:
        return json_error(404, "no_data", lang, field="unit_id")
    row = rows[0]
    # One file per unit, quarter, aggregation run and language: a new run supersedes it.
    name = f"IKM_{wanted.unit_id}_{quarter.key}_{row['aggregation_run']}_{wanted.lang}.pdf"
    if storage().get(name) is None:
        from render import render_pdf  # WeasyPrint is imported only when a PDF is rendered

        storage().put(name, render_pdf(row, settings().region_name, wanted.lang))
        log("INFO", "report rendered", report=name)
    path, expires = links.sign(settings().link_secret, f"/reports/{name}", settings().link_ttl_seconds)
    return json_response({
        "url": settings().report_base_url + path,
        "expires_at": datetime.fromtimestamp(expires, timezone.utc).isoformat().replace("+00:00", "Z"),
    }, 201)


def download(request: Request, name: str) -> Response:
    lang = request_lang(request)
    try:
        links.verify(settings().link_secret, f"/reports/{name}", request.args.get("expires"), request.args.get("sig"))
        data = storage().get(name)
    except links.LinkError as error:
        return json_error(410 if error.reason == "link_expired" else 403, error.reason, lang, field="url")
    except ValueError:
        return json_error(403, "link_invalid", lang, field="url")
    if data is None:
        return json_error(404, "not_found", lang, field="url")
    unit_quarter = "_".join(name.split("_")[1:3])
    return Response(data, content_type="application/pdf", headers={
        "Content-Disposition": f'inline; filename="IKM_{unit_quarter}.pdf"',
        "Cache-Control": "private, max-age=300",
    })


def health(request: Request) -> Response:
    return json_response({"status": "ok"})


HANDLERS = {"create_link": create_link, "download": download, "health": health}


@functions_framework.http
def report(request: Request) -> Response:
    return dispatch(ROUTES, request, HANDLERS)
