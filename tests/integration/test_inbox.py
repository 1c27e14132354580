"""The complaints inbox on the Firestore emulator: one indexed query per unit, merged newest
first and paged by cursor; counts by aggregation; the page over HTTP."""

import random

import pytest

from tests.helpers.area import Area
from tests.helpers.data import Q3, add_operator, quarter_data, random_responses

pytestmark = pytest.mark.stack
PUSKESMAS, KELURAHAN = "puskesmas-teluk-dalam", "kelurahan-teluk-dalam"
Q2 = Q3.previous()


def newest_first(responses):
    return [r.response_id for r in sorted(responses, key=lambda r: (r.submitted_at, r.response_id), reverse=True)]


def test_the_inbox_merges_units_and_quarters_newest_first_page_by_page_and_counts_each_status(store, stack):
    data = quarter_data()
    earlier = list(random_responses(random.Random(3), PUSKESMAS, ("skm",), 40, quarter=Q2))
    stored = [r for rows in data.values() for r in rows] + earlier
    store.responses.put_responses(stored)
    mine = [r for r in stored if r.unit_id in (PUSKESMAS, KELURAHAN) and r.complaint_status]
    listed, after = [], None
    while True:
        page = store.responses.inbox_page([PUSKESMAS, KELURAHAN], None, None, after, 7)
        listed += [doc["response_id"] for doc in page.docs]
        if not (after := page.next_after):
            break
    assert listed == newest_first(mine) and len({r.quarter for r in mine}) == 2
    counts = store.responses.inbox_counts([PUSKESMAS, KELURAHAN], None)
    assert counts == {s: sum(1 for r in mine if r.complaint_status == s) for s in ("baru", "ditanggapi", "selesai")}
    every_unit_q3 = store.responses.inbox_page(None, [Q3.key], "baru", None, 500).docs
    expected = [r for r in stored if r.quarter == Q3.key and r.complaint_status == "baru"]
    assert [doc["response_id"] for doc in every_unit_q3] == newest_first(expected)
    assert store.responses.inbox_counts(None, [Q3.key])["baru"] == len(expected)

    area = Area(stack, add_operator(store, "kapus@contoh.go.id", units=[PUSKESMAS, KELURAHAN]))
    page = area.get("/complaints?lang=id&status=semua")
    assert page.status_code == 200 and f"Semua ({len(mine)})</strong>" in page.text
