"""Shared fixtures: the local stack is started once per test session, on free ports."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import requests
from hypothesis import settings

# CI replays the same examples every run (a red build is then reproducible); locally
# hypothesis explores new ones each time.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "out" / "test-artifacts"


@pytest.fixture(scope="session")
def stack():
    from skm.stack import Ports, Stack

    saved = dict(os.environ)
    # One trusted proxy hop: a test can speak for a client address through X-Forwarded-For. The
    # suite looks up receipts from one address faster than a person (the handler tests check the cap).
    local = Stack(
        ports=Ports.free(),
        workdir=ROOT / "out" / "test-stack",
        extra_env={"SKM_TRUSTED_PROXY_HOPS": "1", "THREADS": "40", "SKM_RECEIPT_LOOKUPS_PER_MINUTE": "100000"},
    )
    local.start()
    os.environ.update(local.env)  # the clients in this process talk to the same emulators
    try:
        yield local
    finally:
        local.stop()
        os.environ.clear()
        os.environ.update(saved)


@pytest.fixture
def store(stack):
    """The services (repositories, warehouse) on an emptied Firestore emulator, with the demo units imported."""
    from shared import bootstrap, config
    from skm.demo import DEMO_UNITS
    from skm.units_csv import read_units_file

    settings = config.load(os.environ)
    for database in ("(default)", settings.ops_database, settings.access_database):
        wipe = f"http://127.0.0.1:{stack.ports.firestore}/emulator/v1/projects/{stack.project}/databases/{database}/documents"
        requests.delete(wipe, timeout=10).raise_for_status()
    services = bootstrap.Services(settings)
    empty_raw_tables(services.warehouse)  # Firestore starts empty, so do the ingester's cursors
    services.units.put_units(read_units_file(DEMO_UNITS))
    return services


def empty_raw_tables(warehouse) -> None:
    """What an earlier test ingested is gone with its Firestore documents."""
    from google.api_core.exceptions import NotFound

    for table in ("responses", "followups", "imports", "quarter_facts"):
        try:
            warehouse._query(f"DELETE FROM `{warehouse._table(table)}` WHERE TRUE")
        except NotFound:
            pass  # before the first aggregation made the tables


@pytest.fixture
def warehouse(stack):
    from shared import config
    from shared.adapters.bigquery_warehouse import BigQueryWarehouse, client_for

    settings = config.load(os.environ)
    bigquery = BigQueryWarehouse(client_for(settings), settings.dataset)
    bigquery.ensure_tables()
    return bigquery


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
