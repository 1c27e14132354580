"""In-process handler tests: each function's HTTP app behind Flask's test client, on fakes."""

from __future__ import annotations

import pytest

from shared import bootstrap
from skm.demo import DEMO_UNITS
from skm.units_csv import read_units_file
from tests.helpers.fakes import fake_services
from tests.helpers.http import client_of


@pytest.fixture
def services():
    installed = fake_services(read_units_file(DEMO_UNITS))
    bootstrap.install(installed)
    yield installed
    bootstrap.install(None)


@pytest.fixture
def submit(services):
    from functions.submit.skm_submit.app import app

    return client_of(app)


@pytest.fixture
def report(services):
    from functions.report.skm_report.app import app

    return client_of(app)
