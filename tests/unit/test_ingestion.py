"""The ingester on the fakes: whatever is written, corrected, deleted, flagged or followed up, and
however the runs are cut, BigQuery's current rows end equal to Firestore's documents."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.rules.periods import Period
from shared.rules.questionnaire import survey_of_item
from shared.rules.records import Profile, StoredResponse
from shared.usecases.aggregation import ingestion, raw_rows
from tests.helpers.fakes import FakeFeed, FakeOps, FakeResponses, FakeWarehouse

QUARTERS = ("2026-Q2", "2026-Q3")
SURVEY_OF = survey_of_item()


def response(n: int, quarter: str, score: int = 3) -> StoredResponse:
    return StoredResponse(
        response_id=f"r-{n:03d}",
        unit_id=f"unit-{n % 3}",
        quarter=quarter,
        receipt="ACDEFGHJ",
        questionnaires={"skm": 1},
        answers={f"U{i}": score for i in range(1, 10)},
        profile=Profile(),
        submitted_at=datetime(2026, 8, 1, tzinfo=timezone.utc),
    )


class Cut(Exception):
    pass


class CutSink:
    """The warehouse, cut after its `after`-th load (the chunk is in, the cursor not moved)."""

    def __init__(self, warehouse: FakeWarehouse, after: int):
        self.warehouse, self.after = warehouse, after

    def add_versions(self, table, rows):
        loaded = self.warehouse.add_versions(table, rows)
        self.after -= 1
        if self.after == 0:
            raise Cut()
        return loaded


steps = st.lists(
    st.tuples(
        st.sampled_from(["write", "correct", "move", "delete", "flag", "ingest", "cut"]),
        st.integers(0, 19),
        st.integers(1, 4),
    ),
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(steps)
def test_current_rows_equal_firestore_whatever_happens_and_however_runs_are_cut(actions):
    store, ops, warehouse = FakeResponses({}), FakeOps({}), FakeWarehouse()
    feed = FakeFeed(store, {})
    for action, n, k in actions:
        doc = store.docs.get(f"r-{n:03d}")
        if action == "write" and doc is None:
            store.put_responses([response(n, QUARTERS[n % 2], k)])
        elif action == "correct" and doc is not None:
            store.replace_entry(response(n, doc["quarter"], k), doc["quarter"], {})
        elif action == "move" and doc is not None:
            other = QUARTERS[1 - QUARTERS.index(doc["quarter"])]
            store.replace_entry(response(n, other, k), doc["quarter"], {})
        elif action == "delete" and doc is not None:
            store.delete_entry(doc["response_id"], doc["unit_id"], doc["quarter"], {})
        elif action == "flag" and doc is not None:
            store.add_flags(doc["response_id"], ["too-fast"])
        elif action == "ingest":
            ingestion.ingest(feed, ops, warehouse, store, chunk=k)
        elif action == "cut" and _waiting(feed, ops):
            with pytest.raises(Cut):
                ingestion.ingest(feed, ops, CutSink(warehouse, 1), store, chunk=k)
    assert ingestion.ingest(feed, ops, warehouse, store, chunk=3).caught_up
    for quarter in map(Period.parse, QUARTERS):
        held = {row["response_id"]: row for row in warehouse._live(quarter)}
        stored = {d["response_id"]: d for d in store.docs.values() if d["quarter"] == quarter.key}
        assert set(held) == set(stored)
        for response_id, doc in stored.items():
            assert held[response_id] == raw_rows.response_row(doc, SURVEY_OF)  # the newest version, exactly


def _waiting(feed: FakeFeed, ops: FakeOps) -> bool:
    cursors = ops.ingestion_cursors()
    return any(feed.changes(name, cursors.get(name), 1) for name in ingestion.FEEDS)


def test_a_malformed_document_is_skipped_and_recorded_and_the_chunk_goes_on():
    store, ops, warehouse = FakeResponses({}), FakeOps({}), FakeWarehouse()
    store.put_responses([response(1, "2026-Q3"), response(2, "2026-Q3")])
    store.docs["r-001"]["answers"] = "3,3,3"  # a field of the wrong type, from an old version
    store.docs["r-002"]["profile"] = {"age": "tiga puluh"}
    store.put_responses([response(3, "2026-Q3")])
    done = ingestion.ingest(FakeFeed(store, {}), ops, warehouse, store)
    assert (done.documents, done.rows, done.skipped) == (3, 1, 2)
    assert [(r["doc_id"], r["unit_id"], r["quarter"]) for r in ops.skipped] == [
        ("r-001", "unit-1", "2026-Q3"),
        ("r-002", "unit-2", "2026-Q3"),
    ]
    assert "age: int64 expected, found str" in ops.skipped[1]["error"]


def test_a_run_out_of_time_says_so_after_one_chunk_and_the_next_goes_on():
    store, ops, warehouse = FakeResponses({}), FakeOps({}), FakeWarehouse()
    store.put_responses(response(n, "2026-Q3") for n in range(25))
    ticks = iter(range(1000))
    first = ingestion.ingest(
        FakeFeed(store, {}), ops, warehouse, store, chunk=10, seconds=0.5, clock=lambda: next(ticks)
    )
    assert (first.documents, first.caught_up) == (10, False)
    rest = ingestion.ingest(FakeFeed(store, {}), ops, warehouse, store, chunk=10)
    assert (rest.documents, rest.caught_up) == (15, True) and rest.quarters == {"2026-Q3"}
