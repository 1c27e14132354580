"""Firestore -> aggregate -> BigQuery, cross-checked against the pure-Python reference."""

import os
from datetime import date, datetime
from decimal import Decimal

import pytest

from shared import config
from shared.adapters.bigquery_warehouse import table_specs
from shared.rules import questionnaire
from shared.rules.periods import JAKARTA, Period
from shared.usecases import submission
from shared.usecases.aggregation import index_rows, raw_rows
from skm.local import trigger_aggregate
from tests.helpers.data import Q3, rows_by_key
from tests.helpers.reference import facts_from_rows

pytestmark = pytest.mark.stack
STABLE = {"aggregation_run", "aggregated_at"}


def normal(row: dict, fields=None) -> dict:
    """Values as comparable Python objects: NUMERIC as Decimal, DATE as date, run fields dropped."""
    fields = fields or {f["name"]: f for f in table_specs()["unit_period_index"]["schema"]}
    out = {}
    for name, value in row.items():
        spec = fields[name]
        if name in STABLE:
            continue
        if spec["type"] == "RECORD":
            sub = {f["name"]: f for f in spec["fields"]}
            out[name] = [normal(item, sub) for item in value]
        elif spec["type"] == "NUMERIC" and value is not None:
            out[name] = Decimal(str(value))
        elif spec["type"] == "DATE" and isinstance(value, str):
            out[name] = date.fromisoformat(value)
        elif spec["type"] == "TIMESTAMP" and isinstance(value, str):
            out[name] = datetime.fromisoformat(value)
        else:
            out[name] = value
    return out


def expected_rows(store, data, quarter=Q3):
    survey_of = questionnaire.survey_of_item()
    raw = [
        raw_rows.response_row(r.model_dump(), survey_of)
        for rows in data.values()
        for r in rows
        if r.quarter == quarter.key
    ]
    facts = facts_from_rows(raw)
    rows = index_rows.build_rows(
        quarter, store.units.list_units(), facts, "krejcie-morgan", config.load(os.environ).region_name
    )
    return {(r["unit_id"], r["survey"]): normal(r) for r in rows}


def test_bigquery_rows_equal_the_pure_python_reference(q3_data, store, warehouse):
    expected = expected_rows(store, q3_data)
    actual = {key: normal(row) for key, row in rows_by_key(warehouse).items()}
    assert set(actual) == set(expected) and len(actual) == 4 + 4 + 3  # units x surveys, region x 3
    for key, want in expected.items():
        got = actual[key]
        for bound in ("ci_low", "ci_high"):  # float sums may differ in the last bit between engines
            mine, theirs = got.pop(bound), want.pop(bound)
            assert (mine is None) == (theirs is None), key
            assert mine is None or abs(mine - theirs) <= Decimal("0.01"), key
        assert got == want, key


def test_hand_checked_figures_of_the_quarter(q3_data, warehouse):
    rows = rows_by_key(warehouse)
    kelurahan = rows[("kelurahan-teluk-dalam", "skm")]
    assert (kelurahan["respondents"], kelurahan["excluded_flagged"]) == (31, 5)
    assert kelurahan["versions_answered"] == [1, 2]
    u9 = next(e for e in kelurahan["elements"] if e["code"] == "U9")
    assert u9["answers"] == 21  # the 10 responses of version 2 had no U9: NRR over the answers present
    assert rows[("puskesmas-teluk-dalam", "skm")]["required_sample"] == 331  # Krejcie–Morgan of 2,400
    assert rows[("dpmptsp", "skm")]["respondents"] == 0  # its responses are from Q2
    region = rows[("*", "skm")]
    assert region["respondents"] == 31 + 97 and region["units"] == 4 and region["excluded_flagged"] == 5
    assert region["unit_type"] == "wilayah" and region["units_sample_reached"] == 0
    assert len(kelurahan["lowest_items"]) == 3
    assert sorted(kelurahan["lowest_items"], key=lambda i: Decimal(i["nrr"])) == kelurahan["lowest_items"]
    low, high = Decimal(kelurahan["ci_low"]), Decimal(kelurahan["ci_high"])
    assert low < Decimal(kelurahan["index_converted"]) < high
    genders = {p["group_value"]: p["respondents"] for p in kelurahan["profile"] if p["dimension"] == "gender"}
    assert sum(genders.values()) <= 31 and set(genders) <= {"L", "P"}
    puskesmas = rows[("puskesmas-teluk-dalam", "skm")]
    suggestions = [r for r in q3_data["puskesmas-teluk-dalam"] if r.suggestion]
    assert puskesmas["suggestions_received"] == len(suggestions)
    assert puskesmas["suggestions_answered"] == sum(1 for r in suggestions if r.first_reply_at)


def test_a_redelivered_message_changes_nothing_at_all(q3_data, warehouse, stack):
    first = rows_by_key(warehouse)
    trigger_aggregate(stack.url("aggregate"), Q3.key)
    assert rows_by_key(warehouse) == first  # run id and time included: the content did not change
    table = warehouse._table("responses")
    versions = list(warehouse._query(f"SELECT COUNT(*) AS n FROM `{table}` WHERE quarter_start = @q", q=Q3.start))
    assert versions[0]["n"] == 97 + 36  # the redelivery found nothing new to append


def test_an_empty_quarter_gives_zero_rows_not_an_error(store, warehouse, stack):
    trigger_aggregate(stack.url("aggregate"), "2025-Q1")
    rows = warehouse.index_rows(Period.parse("2025-Q1"))
    assert len(rows) == 4 + 4 + 3 and {r["respondents"] for r in rows} == {0}
    assert {r["index_converted"] for r in rows} == {None}


def test_responses_near_midnight_belong_to_the_quarter_of_jakarta_time(store, warehouse, stack):
    answers = {f"U{i}": 3 for i in range(1, 10)}
    for when, sid in [
        (datetime(2026, 3, 31, 23, 30, tzinfo=JAKARTA), "a" * 20),
        (datetime(2026, 4, 1, 0, 10, tzinfo=JAKARTA), "b" * 20),
    ]:
        body = {"submission_id": sid, "unit_id": "dpmptsp", "answers": answers}
        submission.accept(body, store.units, store.responses, now=when, zone=JAKARTA)
    for key in ("2026-Q1", "2026-Q2"):
        trigger_aggregate(stack.url("aggregate"), key)
        row = rows_by_key(warehouse, Period.parse(key))[("dpmptsp", "skm")]
        assert row["respondents"] == 1, key


def test_the_daily_run_skips_a_marker_naming_no_quarter_and_the_cli_says_what_it_computed(
    stack, store, warehouse, capsys
):
    from skm.cli import main

    collection = store.responses._c.write("quarter_changes")
    collection.document("1999-Q4").set({"changed_at": datetime(2026, 11, 2)})  # what a typed 1999 once left
    assert main(["aggregate", "--daily", "--url", stack.url("aggregate")]) == 0
    said = capsys.readouterr().out
    running = Period.now(zone=store.settings.zone)
    assert f"{running.key}: computed" in said and "1999" not in said
    assert main(["aggregate", "--period", Q3.key, "--url", stack.url("aggregate")]) == 0
    assert f"{Q3.key}: computed" in capsys.readouterr().out


def test_a_semester_pools_each_quarters_newest_stored_run_only(q3_data, warehouse):
    semester = Period.parse("2026-S2")
    before = warehouse.period_facts(semester)
    assert before.groups[("kelurahan-teluk-dalam", "skm", "all", "all")].respondents == 31
    table = warehouse._table("quarter_facts")
    runs = list(warehouse._query(f"SELECT DISTINCT run FROM `{table}` WHERE quarter_start = @q", q=Q3.start))
    assert len(runs) == 1  # a run leaves its own rows only
    # What a run killed between its INSERT and its DELETE leaves: an older run beside the newest.
    columns = ", ".join(f["name"] for f in table_specs()["quarter_facts"]["schema"] if f["name"] != "run")
    earlier = columns.replace("computed_at", "TIMESTAMP_SUB(computed_at, INTERVAL 1 HOUR)")
    sql = f"INSERT INTO `{table}` (run, {columns}) SELECT 'older', {earlier} FROM `{table}` WHERE quarter_start = @q"
    warehouse._query(sql, q=Q3.start)
    after = warehouse.period_facts(semester)
    assert after.groups == before.groups and after.units == before.units and after.versions == before.versions
