"""What the reports, the dashboard and the API read from an index row's suggestion counts."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from shared.reports import suggestion_analysis as analysis
from shared.rules.periods import Period
from shared.usecases import suggestions

ROW = {
    "lowest_items": [{"code": "U3", "nrr": "2.71"}],
    "suggestion_counts": [
        {"element": "U3", "kind": "keluhan", "n": 38},
        {"element": "U3", "kind": "saran", "n": 4},
        {"element": "U7", "kind": "keluhan", "n": 20},
        {"element": "U9", "kind": "pujian", "n": 5},
        {"element": "none", "kind": "lainnya", "n": 10},
        {"element": "*", "kind": "keluhan", "n": 100},
        {"element": "*", "kind": "saran", "n": 4},
        {"element": "*", "kind": "pujian", "n": 6},
        {"element": "*", "kind": "lainnya", "n": 10},
    ],
    "suggestion_themes": [{"theme": "U3:antrean", "n": 30}, {"theme": "U3:waktu_tunggu", "n": 12}],
    "suggestion_quotes": [{"element": "U3", "kind": "keluhan", "text": "antre lama", "submitted_at": None}],
    "suggestions_received": 120,
}


def test_the_finding_agrees_with_the_hand_worked_figures():
    # 38 of 100 complaints name U3, the element with the lowest NRR: 38 %.
    assert analysis.finding(ROW) == (
        "Unsur Waktu penyelesaian memiliki NRR terendah (2,71) dan 38 % keluhan menyebut unsur ini."
    )
    assert analysis.finding({**ROW, "lowest_items": [{"code": "U1", "nrr": "2.50"}]}) == ""  # no complaint names it


def test_summary_totals_and_the_most_raised_elements():
    summary = analysis.summary(ROW)
    assert list(summary)[:9] == [f"U{i}" for i in range(1, 10)] and list(summary)[-1] == "none"
    assert summary["U3"] == {"keluhan": 38, "saran": 4, "pujian": 0, "lainnya": 0}
    assert analysis.totals(ROW) == {"keluhan": 100, "saran": 4, "pujian": 6, "lainnya": 10}
    assert analysis.most_raised(ROW) == [("U3", 42), ("U7", 20)]  # praise alone raises nothing


def test_each_elements_line_and_its_share_of_what_was_said():
    lines = {line.code: line for line in analysis.analysis(ROW)}
    assert (lines["U3"].complaints, lines["U3"].proposals, lines["U3"].quotes) == (38, 4, ("antre lama",))
    assert str(lines["U3"].share) == "38"  # 42 of the 110 that said something
    assert "none" not in lines  # "-" and "tidak ada" are no element's


def test_the_plan_proposes_the_themes_raised_most():
    assert analysis.proposals(ROW, "U3") == [
        "antrean dan loket (30 keluhan dan saran)",
        "waktu tunggu dan penyelesaian (12 keluhan dan saran)",
    ]
    assert analysis.proposals(ROW, "U9") == [] and analysis.proposals(ROW, "X1") == []


class Reader:
    """The warehouse's unit_suggestions over a list, newest first, from a cursor."""

    def __init__(self, count: int):
        start = datetime(2026, 8, 1, tzinfo=timezone.utc)
        self.items = [
            {
                "response_id": f"r{n:05d}",
                "submitted_at": (start + timedelta(minutes=n // 2)).isoformat(),  # pairs share a time
                "text": f"antre lama, telp 0812345678{n % 10}",
                "kind": "keluhan",
                "elements": ["U3"],
                "label_corrected": False,
            }
            for n in range(count)
        ]
        self.items.sort(key=lambda i: i["response_id"])
        self.items.sort(key=lambda i: i["submitted_at"], reverse=True)

    def unit_suggestions(self, unit_id, period, after, limit):
        found = self.items
        if after:
            at, last = after
            found = [
                i for i in found if i["submitted_at"] < at or (i["submitted_at"] == at and i["response_id"] > last)
            ]
        return found[:limit]


def test_pages_of_five_hundred_follow_each_other_none_twice_none_missed():
    reader, seen, token, pages = Reader(1201), [], None, 0
    while True:
        answer = suggestions.page(reader, ROW, "kel-a", Period.parse("2026-Q3"), token)
        pages += 1
        assert len(answer["suggestions"]) <= 500
        seen += [item["id"] for item in answer["suggestions"]]
        token = answer.get("next_page_token")
        if not token:
            break
    assert pages == 3 and sorted(seen) == sorted(i["response_id"] for i in reader.items)
    assert all("[nomor HP]" in item["text"] for item in answer["suggestions"])
    assert answer["summary"]["U3"]["keluhan"] == 38


@pytest.mark.parametrize("token", ["bukan-token", "W10", "WyJ4IiwgMV0", "!!!"])
def test_a_token_this_api_did_not_give_out_is_refused(token):
    with pytest.raises(suggestions.BadToken):
        suggestions.page(Reader(3), ROW, "kel-a", Period.parse("2026-Q3"), token)
