"""In-process clients of the functions' apps on the fakes: signing in, an aggregated quarter,
the citizen's form fields and the security headers every answer carries."""

from __future__ import annotations

import re

import flask

from shared.rules import access
from shared.usecases.aggregation import runs
from shared.web import HttpApp
from tests.helpers.data import Q3, quarter_data

METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH"]

PUSKESMAS = "puskesmas-teluk-dalam"


def aggregated(services) -> None:
    """The quarter's responses through the real aggregation use case, on the fakes."""
    services.responses.put_responses(r for rows in quarter_data().values() for r in rows)
    runs.catch_up(services)
    runs.run(Q3, services)


def operator(services, units=(), bureau=False) -> str:
    token = access.new_token()
    services.access.put_operator(
        access.Operator(email="op@contoh.go.id", units=list(units), bureau=bureau, token_hash=access.token_hash(token))
    )
    return token


def sign_in(report, token) -> str:
    signed = report.post("/operator/login", data={"token": token})
    assert signed.status_code == 303
    home = report.get("/operator")
    return re.search(r'name="csrf" value="([^"]+)"', home.text)[1]


ANSWERS = {f"U{i}": 3 for i in range(1, 10)}


UNIT = "kelurahan-teluk-dalam"


def form_fields(submission_id: str, token: str, **extra) -> dict:
    return {"submission_id": submission_id, "form_token": token, "lang": "id", **ANSWERS, **extra}


def assert_secure(response) -> None:
    policy = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "base-uri 'none'" in policy
    if response.mimetype != "application/pdf":
        assert "default-src 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"


def client_of(http_app: HttpApp) -> flask.testing.FlaskClient:
    """The app served as functions-framework serves it: every path to one function."""
    server = flask.Flask("function")

    @server.route("/", defaults={"path": ""}, methods=METHODS)
    @server.route("/<path:path>", methods=METHODS)
    def function(path: str) -> flask.Response:
        return http_app(flask.request)

    return server.test_client()
