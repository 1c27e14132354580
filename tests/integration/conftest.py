"""Period data for the aggregation and report tests: random, seeded, with every feature the
aggregation handles (profiles, flags, complaints with replies, an item dropped mid-quarter)."""

import os

import pytest

from skm.local import trigger_aggregate
from tests.helpers.data import Q3, add_operator, quarter_data


@pytest.fixture
def q3_data(store, warehouse, stack):
    data = quarter_data()
    store.responses.put_responses(r for rows in data.values() for r in rows)
    trigger_aggregate(stack.url("aggregate"), Q3.key)
    return data


@pytest.fixture
def bureau(store):
    return add_operator(store, "biro-organisasi@contoh.go.id", bureau=True)


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, driven by Playwright (one per test module)."""
    from playwright.sync_api import sync_playwright

    from tests.helpers.area import CHROMIUM, FLAGS

    if not os.path.exists(CHROMIUM):
        pytest.fail("chromium is not installed: run `make system-deps`")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield chromium
        chromium.close()
