"""The JSON API: responses from kiosks and other apps, the questionnaire they render, health."""

from __future__ import annotations

import re
import time
from typing import Any

from flask import Request
from werkzeug.wrappers import Response

from shared import signing
from shared.bootstrap import services
from shared.rules import abuse
from shared.rules.devices import Device
from shared.rules.records import SUBMISSION_ID_PATTERN
from shared.text.validation import InvalidInput
from shared.usecases import submission
from shared.web import (
    HttpError,
    json_body,
    json_response,
)

from .citizen import form_flags
from .routes import app, client_address, require_type

SUBMISSION_ID = re.compile(SUBMISSION_ID_PATTERN)


@app.route("/api/v1/responses", methods=("POST",))
def api_submit(request: Request) -> Response:
    require_type(request, ("application/json",))
    body = json_body(request)
    device = api_device(request, body)
    flags: list[str] = []
    if isinstance(body, dict):  # the same token, fill time and honeypot as the form's
        sent = {name: body.pop(name) for name in ("form_token", abuse.HONEYPOT_FIELD) if name in body}
        fields = {name: value for name, value in sent.items() if isinstance(value, str)}
        fields["submission_id"] = str(body.get("submission_id", ""))
        # a registered kiosk's key stands for the token and its fill time
        flags = abuse.honeypot_flags(fields) if device else form_flags(fields)
    client = submission.Client(
        client_address(request), tuple(flags), "kiosk" if device else "api", device.device_id if device else None
    )
    try:
        accepted = submission.accept(
            body,
            services().units,
            services().responses,
            services().device_limiters if device else services().limiters,
            client,
            zone=services().settings.zone,
        )
    except InvalidInput as invalid:
        return json_response({"errors": [error.as_dict() for error in invalid.errors]}, 422)
    except submission.UnknownUnit:
        raise HttpError(404, "unknown_unit", "unit_id") from None
    except abuse.RateLimited as limited:
        raise HttpError(
            429,
            "rate_limited",
            values={"seconds": limited.retry_after},
            headers={"Retry-After": str(limited.retry_after)},
        ) from None
    return json_response({"receipt": accepted.receipt, "quarter": accepted.quarter}, 201 if accepted.created else 200)


def api_device(request: Request, body: Any) -> Device | None:
    """The kiosk an `Authorization: Bearer <device key>` names; 401 for a key that is not live,
    403 for a response to another unit than the device's."""
    scheme, _, key = request.headers.get("Authorization", "").partition(" ")
    if not key:
        return None
    device = services().devices.device_for_key(key) if scheme.lower() == "bearer" else None
    if device is None:
        raise HttpError(401, "unauthorized", "Authorization")
    if isinstance(body, dict) and body.get("unit_id") != device.unit_id:
        raise HttpError(403, "forbidden", "unit_id")
    return device


@app.route("/api/v1/units/<unit_id>/questionnaire")
def api_questionnaire(request: Request, unit_id: str) -> Response:
    """The unit's questionnaires as JSON, for kiosks and other apps.

    With `?submission_id=…` it also returns the `form_token` for that submission, which the
    JSON body carries back, as the HTML form does: without a valid one, or sent faster than a
    person answers, a response is stored but flagged."""
    unit = services().units.get_unit(unit_id)
    if unit is None:
        raise HttpError(404, "unknown_unit", "unit_id")
    body: dict[str, Any] = {
        "unit": unit.model_dump(mode="json", include={"unit_id", "name", "type", "surveys", "services"}),
        "questionnaires": [q.model_dump(mode="json") for q in unit.questionnaires()],
        "submit": {"url": "/api/v1/responses", "content_type": "application/json"},
    }
    submission_id = request.args.get("submission_id", "")
    if submission_id:
        if not SUBMISSION_ID.fullmatch(submission_id):
            raise HttpError(422, "bad_format", "submission_id")
        body["form_token"] = signing.form_token(services().settings.submit_secret, submission_id)
    response = json_response(body)
    response.headers["Cache-Control"] = "no-store" if submission_id else "public, max-age=300"
    return response


@app.route("/healthz")
def health(request: Request) -> Response:
    return json_response({"status": "ok", "time": int(time.time())})
