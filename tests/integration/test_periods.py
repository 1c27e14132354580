"""Semesters and years pool their quarters' responses; quarters follow the region's clock."""

from datetime import datetime, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from shared.rules.periods import JAKARTA, Period
from shared.usecases import submission
from skm.local import trigger_aggregate
from tests.helpers.area import pdf_text, report_link
from tests.helpers.data import stored_responses

pytestmark = pytest.mark.stack
UNIT = "kelurahan-teluk-dalam"  # SKM only: U1..U9
S1 = Period.parse("2026-S1")


def answers(score: int, last: int | None = None) -> dict[str, int]:
    return {f"U{i}": score for i in range(1, 9)} | {"U9": score if last is None else last}


def submit_at(store, moment: datetime, scores: dict[str, int], zone=ZoneInfo("Asia/Jakarta")) -> str:
    body = {
        "submission_id": f"period-test-{moment.timestamp():.0f}-{len(scores)}-{sum(scores.values())}",
        "unit_id": UNIT,
        "answers": scores,
    }
    return submission.accept(body, store.units, store.responses, now=moment, zone=zone).quarter


def test_a_semester_pools_every_response_not_the_mean_of_its_quarters(stack, store, warehouse, bureau, artifacts):
    """Worked by hand. Q1: three responses, U1..U8 = 4 and U9 = 3; Q2: one response, all 2.
    Pooled NRR: U1..U8 (3x4 + 2)/4 = 3.5, U9 (3x3 + 2)/4 = 2.75; IKM (8x3.5 + 2.75)/9 = 3.41666…
    -> 3.4167, converted 85.4166… -> 85.42, grade B. The quarters alone: 97.22 (A) and 50.00 (D),
    whose mean, 73.61, a spreadsheet averaging quarters would have reported."""
    for day in (10, 11, 12):
        assert submit_at(store, datetime(2026, 2, day, 3, 0, tzinfo=timezone.utc), answers(4, 3)) == "2026-Q1"
    assert submit_at(store, datetime(2026, 5, 20, 3, 0, tzinfo=timezone.utc), answers(2)) == "2026-Q2"
    for period in ("2026-Q1", "2026-Q2", "2026-S1"):
        trigger_aggregate(stack.url("aggregate"), period)
    row = next(r for r in warehouse.index_rows(S1, UNIT) if r["survey"] == "skm")
    assert (row["period"], row["period_kind"], row["provisional"], row["respondents"]) == (
        "2026-S1",
        "semester",
        False,
        4,
    )
    assert (row["index_value"], row["index_converted"], row["grade"]) == (Decimal("3.4167"), Decimal("85.42"), "B")
    assert {e["code"]: e["nrr"] for e in row["elements"]}["U9"] == Decimal("2.75")
    quarters = {
        r["period"]: r["index_converted"] for r in warehouse.unit_history(UNIT, S1.quarters) if r["survey"] == "skm"
    }
    assert quarters == {"2026-Q1": Decimal("97.22"), "2026-Q2": Decimal("50.00")}
    assert (
        row["service_users"]
        == 2 * next(u for u in store.units.list_units() if u.unit_id == UNIT).service_users_per_quarter
    )
    text = pdf_text(report_link(stack, bureau, unit_id=UNIT, period="2026-S1"), artifacts / "semester.pdf")
    assert "Semester I 2026" in text and "85,42" in text and "3,4167" in text and "73,61" not in text
    assert "bukan rata-rata indeks" in text  # the method note says how a semester is computed


def test_a_response_at_half_past_midnight_wita_on_1_april_is_in_q2(store):
    wita = ZoneInfo("Asia/Makassar")
    before = datetime(2026, 3, 31, 23, 59, tzinfo=wita)
    after = datetime(2026, 4, 1, 0, 30, tzinfo=wita)  # still 31 March 23:30 in Jakarta
    assert submit_at(store, before, answers(3), wita) == "2026-Q1"
    assert submit_at(store, after, answers(4), wita) == "2026-Q2"
    assert submit_at(store, after, answers(2)) == "2026-Q1"  # a Jakarta calendar would say Q1
    assert sorted(doc["quarter"] for doc in stored_responses(store)) == ["2026-Q1", "2026-Q1", "2026-Q2"]


def test_the_daily_run_refreshes_the_running_quarter_and_recomputes_only_changed_closed_quarters(
    q3_data, stack, store, warehouse
):
    from tests.helpers.data import Q3, rows_by_key

    running = Period.now(zone=JAKARTA)
    trigger_aggregate(stack.url("aggregate"), "2026-Q2")  # every closed quarter has its run
    started = store.ops.aggregated_at(["2026-Q2", Q3.key])
    trigger_aggregate(stack.url("aggregate"), None, daily=True)
    assert store.ops.aggregated_at(["2026-Q2", Q3.key]) == started  # nothing changed: not read again
    provisional = warehouse.index_rows(running)
    assert provisional and all(row["provisional"] for row in provisional)
    assert all(row["provisional"] for row in warehouse.index_rows(running.containing()[1]))  # the year so far

    late = q3_data["kelurahan-teluk-dalam"][0].model_copy(update={"response_id": "paper-typed-late-0001"})
    store.responses.put_responses([late])  # a paper form typed in after the quarter closed
    before = rows_by_key(warehouse)[("kelurahan-teluk-dalam", "skm")]["respondents"]
    trigger_aggregate(stack.url("aggregate"), None, daily=True)
    after = store.ops.aggregated_at(["2026-Q2", Q3.key])
    assert after["2026-Q2"] == started["2026-Q2"] and after[Q3.key] > started[Q3.key]
    assert rows_by_key(warehouse)[("kelurahan-teluk-dalam", "skm")]["respondents"] == before + 1
    semester = next(
        r for r in warehouse.index_rows(Period.parse("2026-S2"), "kelurahan-teluk-dalam") if r["survey"] == "skm"
    )
    assert semester["respondents"] >= before + 1  # the semester containing Q3 pooled it too
