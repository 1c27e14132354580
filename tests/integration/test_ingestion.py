"""Firestore -> the ingester -> BigQuery's raw tables: every change once, in its final state,
whatever is killed, cut off or malformed on the way; the reconciliation heals what is missing."""

import json
import uuid
from datetime import datetime, timezone

import pytest
import requests

from shared.rules.periods import Period
from shared.usecases.aggregation import ingestion, runs
from skm.local import trigger_aggregate
from tests.helpers.area import Area
from tests.helpers.data import Q3, add_operator, opened_a_minute_ago, raw_rows, rows_by_key, stored_responses

pytestmark = pytest.mark.stack
UNIT = "kelurahan-teluk-dalam"


def raw(warehouse, table="responses"):
    """The raw table's current rows (each key's newest version)."""
    return raw_rows(warehouse, table)


def ingest_message(stack):
    headers_body = __import__("skm.local", fromlist=["pubsub_event"]).pubsub_event({"ingest": True})
    answered = requests.post(stack.url("aggregate"), data=headers_body[1], headers=headers_body[0], timeout=300)
    assert answered.status_code < 300, answered.text


def test_a_submitted_response_and_paper_entries_corrected_and_deleted_reach_bigquery_once_in_their_final_state(
    stack, store, warehouse, bureau
):
    body = {"submission_id": str(uuid.uuid4()), "unit_id": UNIT, "answers": {f"U{i}": 3 for i in range(1, 10)}}
    body["form_token"] = opened_a_minute_ago(body["submission_id"])
    assert requests.post(f"{stack.url('submit')}/api/v1/responses", json=body, timeout=10).status_code == 201
    area = Area(stack, add_operator(store, "lurah@contoh.go.id", units=[UNIT]))
    today = datetime.now(store.settings.zone)
    day, running = today.date().isoformat(), Period.of(today, zone=store.settings.zone)
    form = {"day": day, "r1_skm": "222222222", "r1_id": f"kertas-1-{uuid.uuid4()}", "r2_skm": "444444444"}
    form["r2_id"] = f"kertas-2-{uuid.uuid4()}"
    assert area.post(f"/u/{UNIT}/{running.key}/paper", form).status_code == 303
    by_score = {doc["answers"]["U1"]: doc["response_id"] for doc in stored_responses(store) if doc.get("entered_by")}
    first, second = by_score[2], by_score[4]
    ingest_message(stack)  # the three arrive: each once
    assert sorted(r["response_id"] for r in raw(warehouse)) == sorted([body["submission_id"], first, second])
    path = f"/u/{UNIT}/{running.key}/paper"
    corrected = {"day": day, "r1_skm": "111111111", "r1_id": first}
    assert area.post(f"{path}/{first}", corrected).status_code == 303
    assert area.post(f"{path}/{second}/delete", {}).status_code == 303
    ingest_message(stack)
    ingest_message(stack)  # a second run with nothing new changes nothing
    rows = {r["response_id"]: r for r in raw(warehouse)}
    assert len(rows) == 3  # one current row each: the correction a new version, the deletion a tombstone
    versions = warehouse._query(f"SELECT COUNT(*) AS n FROM `{warehouse._table('responses')}`")
    assert next(iter(versions))["n"] == 5  # and nothing appended by the run that found nothing new
    assert {a["score"] for a in rows[first]["answers"]} == {1} and not rows[first]["deleted"]
    assert rows[second]["deleted"] is True and rows[body["submission_id"]]["deleted"] is False
    firestore = {doc["response_id"]: doc for doc in stored_responses(store)}
    assert set(firestore) == {body["submission_id"], first}  # BigQuery's live rows equal Firestore's
    assert rows[first]["updated_at"] == firestore[first]["updated_at"]
    trigger_aggregate(stack.url("aggregate"), running.key)
    row = rows_by_key(warehouse, running)[(UNIT, "skm")]
    assert row["respondents"] == 2 and float(row["index_value"]) == 2.0  # the deleted entry counts nowhere


class Killed(Exception):
    pass


class DyingSink:
    """The warehouse, killed after its `after`-th load: the chunk is in, the cursor not moved."""

    def __init__(self, warehouse, after):
        self.warehouse, self.after, self.loads = warehouse, after, 0

    def add_versions(self, table, rows):
        loaded = self.warehouse.add_versions(table, rows)
        self.loads += 1
        if self.loads == self.after:
            raise Killed()
        return loaded


def test_the_ingester_killed_mid_chunk_and_run_again_gives_identical_rows_none_twice_none_missed(
    q3_data, stack, store, warehouse
):
    clean = sorted(raw(warehouse), key=lambda r: r["response_id"])
    assert len(clean) == len(stored_responses(store))
    for table in ("responses", "followups", "imports"):
        warehouse._query(f"DELETE FROM `{warehouse._table(table)}` WHERE TRUE")
    for cursor in store.ops._c.read("ingestion").list_documents():
        cursor.delete()  # from the start again, as a new deployment would
    for after in (2, 5):
        with pytest.raises(Killed):
            ingestion.ingest(store.feed, store.ops, DyingSink(warehouse, after), store.responses, chunk=20)
    done = ingestion.ingest(store.feed, store.ops, warehouse, store.responses, chunk=20)
    again = sorted(raw(warehouse), key=lambda r: r["response_id"])
    assert done.caught_up and again == clean  # identical, one current row per response
    # The chunks loaded before each kill are in twice; readers take one version of each.
    versions = next(iter(warehouse._query(f"SELECT COUNT(*) AS n FROM `{warehouse._table('responses')}`")))["n"]
    assert versions == len(clean) + 2 * 20


def test_bigquery_unavailable_leaves_the_cursor_where_it_was_and_the_next_run_catches_up(
    q3_data, stack, store, warehouse
):
    from google.api_core.exceptions import ServiceUnavailable

    before = store.ops.ingestion_cursors()
    late = q3_data[UNIT][0].model_copy(update={"response_id": "late-arrival-0001"})
    store.responses.put_responses([late])

    class Down:
        def add_versions(self, table, rows):
            raise ServiceUnavailable("BigQuery is down")

    with pytest.raises(ServiceUnavailable):
        ingestion.ingest(store.feed, store.ops, Down(), store.responses)
    assert store.ops.ingestion_cursors() == before
    done = ingestion.ingest(store.feed, store.ops, warehouse, store.responses)
    assert done.documents == 1 and "late-arrival-0001" in {r["response_id"] for r in raw(warehouse)}


def test_a_malformed_document_is_logged_and_skipped_and_the_reconciliation_counts_it(
    q3_data, stack, store, warehouse, capfd
):
    from google.cloud import firestore

    bad = q3_data[UNIT][1].model_dump(mode="json") | {"response_id": "old-version-0001", "answers": "3,3,3"}
    store.responses._c.write("responses").document("old-version-0001").set(
        bad | {"updated_at": firestore.SERVER_TIMESTAMP}
    )
    good = q3_data[UNIT][2].model_copy(update={"response_id": "after-the-bad-one"})
    store.responses.put_responses([good])
    done = runs.catch_up(store)
    assert (done.documents, done.skipped) == (2, 1)
    logged = [json.loads(line) for line in capfd.readouterr().err.splitlines() if "malformed" in line]
    assert logged and logged[0]["doc_id"] == "old-version-0001" and logged[0]["severity"] == "ERROR"
    assert "after-the-bad-one" in {r["response_id"] for r in raw(warehouse)}
    assert runs.reconcile({"reconcile": Q3.key}, store, datetime.now(timezone.utc)) == []  # counted, not a gap


def test_the_reconciliation_heals_a_gap_both_ways_and_logs_it(q3_data, stack, store, warehouse, capfd):
    """Counts per unit and quarter: a row BigQuery lost comes back; a row Firestore never had
    becomes a tombstone. (Counts cannot see one lost and one extra in the same unit's quarter.)"""
    before = rows_by_key(warehouse)
    mine = [r for r in raw(warehouse) if r["unit_id"] == UNIT and r["quarter"] == Q3.key]
    warehouse._query(f"DELETE FROM `{warehouse._table('responses')}` WHERE response_id = @i", i=mine[0]["response_id"])
    gaps = runs.reconcile({"reconcile": Q3.key}, store, datetime.now(timezone.utc))
    n = len(mine)  # 36, flagged ones included
    assert [(g.unit_id, g.quarter, g.firestore, g.bigquery, g.healed) for g in gaps] == [(UNIT, Q3.key, n, n - 1, 1)]
    assert mine[0]["response_id"] in {r["response_id"] for r in raw(warehouse)}
    ghost = json.loads(json.dumps(mine[1] | {"response_id": "never-in-firestore"}, default=str))
    warehouse.add_versions("responses", [ghost])  # e.g. a row restored from an old backup
    (gap,) = runs.reconcile({"reconcile": Q3.key}, store, datetime.now(timezone.utc))
    assert (gap.firestore, gap.bigquery) == (n, n + 1)
    assert {r["response_id"]: r for r in raw(warehouse)}["never-in-firestore"]["deleted"] is True
    assert runs.reconcile({"reconcile": Q3.key}, store, datetime.now(timezone.utc)) == []
    logged = [json.loads(line) for line in capfd.readouterr().err.splitlines() if "gap healed" in line]
    assert len(logged) == 2 and logged[0]["unit_id"] == UNIT and logged[0]["severity"] == "WARNING"
    trigger_aggregate(stack.url("aggregate"), Q3.key)
    assert rows_by_key(warehouse)[(UNIT, "skm")]["respondents"] == before[(UNIT, "skm")]["respondents"]


def test_a_backlog_continues_itself_through_pub_sub_each_run_bounded_and_then_computes(tmp_path, monkeypatch):
    """Ten documents a chunk and no time to spare: each invocation ingests one chunk and
    publishes its message again; the Pub/Sub emulator and the stack's pusher deliver it, and
    the run that finds nothing left waiting computes the quarter."""
    import time

    from shared import bootstrap, config
    from skm.demo import DEMO_UNITS
    from skm.stack import Ports, Stack
    from skm.units_csv import read_units_file
    from tests.helpers.data import quarter_data

    small = {"SKM_INGEST_CHUNK": "10", "SKM_INGEST_SECONDS": "0.001"}
    stack = Stack(ports=Ports.free(), workdir=tmp_path, extra_env=small)
    stack.start(("firestore", "bigquery", "pubsub", "aggregate", "pusher"))
    try:
        for name, value in stack.env.items():  # this process's clients talk to this stack's emulators
            monkeypatch.setenv(name, value)
        services = bootstrap.Services(config.load(stack.env))
        services.warehouse.ensure_tables()
        services.units.put_units(read_units_file(DEMO_UNITS))
        data = [r for rows in quarter_data().values() for r in rows if r.quarter == Q3.key][:45]
        services.responses.put_responses(data)
        trigger_aggregate(stack.url("aggregate"), Q3.key)  # the first of five runs
        deadline = time.monotonic() + 120
        while not services.warehouse.index_rows(Q3) and time.monotonic() < deadline:
            time.sleep(0.5)
        rows = services.warehouse.index_rows(Q3)
        counted = sum(
            r["respondents"] + r["excluded_flagged"] for r in rows if r["survey"] == "skm" and r["unit_id"] != "*"
        )
        assert counted == 45
        log = (tmp_path / "logs" / "aggregate.log").read_text()
        assert log.count('"message": "aggregate: continued"') == 4  # 45 documents, 10 a run
        assert services.ops.caught_up_at() is not None
    finally:
        stack.stop()
