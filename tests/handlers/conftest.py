"""In-process handler tests: each function's HTTP app behind Flask's test client, on fakes."""

from __future__ import annotations

import flask
import pytest

from shared import bootstrap
from shared.web import HttpApp
from skm.demo import DEMO_UNITS
from skm.units_csv import read_units_file
from tests.fakes import fake_services

METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH"]


def test_client(http_app: HttpApp) -> flask.testing.FlaskClient:
    """The app served as functions-framework serves it: every path to one function."""
    server = flask.Flask("function")

    @server.route("/", defaults={"path": ""}, methods=METHODS)
    @server.route("/<path:path>", methods=METHODS)
    def function(path: str) -> flask.Response:
        return http_app(flask.request)

    return server.test_client()


@pytest.fixture
def services():
    installed = fake_services(read_units_file(DEMO_UNITS))
    bootstrap.install(installed)
    yield installed
    bootstrap.install(None)


@pytest.fixture
def submit(services):
    from functions.submit.skm_submit.app import app

    return test_client(app)


@pytest.fixture
def report(services):
    from functions.report.skm_report.app import app

    return test_client(app)
