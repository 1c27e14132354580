"""The Zona Integritas kit's six-point SPKP and SPAK, worked by hand (tests/unit/test_ikm.py),
through the real submit path into BigQuery and the official PDF."""

import uuid
from decimal import Decimal

import pytest
import requests

from shared.rules.periods import Period
from shared.rules.records import Unit
from skm.local import trigger_aggregate
from tests.helpers.data import add_operator, opened_a_minute_ago, rows_by_key
from tests.helpers.printed import text_of

pytestmark = pytest.mark.stack
UNIT = "inspektorat"


def answers(skm: int, spkp: list[int], spak: list[int]) -> dict[str, int]:
    return (
        {f"U{i}": skm for i in range(1, 10)}
        | {f"SPKP{n}": score for n, score in enumerate(spkp, start=1)}
        | {f"SPAK{n}": score for n, score in enumerate(spak, start=1)}
    )


def test_the_six_point_worked_example_matches_in_bigquery_and_the_pdf(stack, store, warehouse, tmp_path):
    store.units.put_units(
        [Unit(unit_id=UNIT, name="Inspektorat Daerah", type="Perangkat Daerah", surveys=("skm", "spkp", "spak"))]
    )
    form = requests.get(f"{stack.url('submit')}/u/{UNIT}", timeout=10)
    assert form.status_code == 200 and form.text.count('name="SPKP1"') == 6  # six options, the kit's scale
    assert "Sangat tidak setuju" in form.text and 'value="6"' in form.text
    for spkp, spak in (([4] * 25, [6] * 8), ([4] * 20 + [3] * 5, [5] * 8)):
        body = {"submission_id": str(uuid.uuid4()), "unit_id": UNIT, "answers": answers(3, spkp, spak)}
        body["form_token"] = opened_a_minute_ago(body["submission_id"])
        sent = requests.post(f"{stack.url('submit')}/api/v1/responses", json=body, timeout=10)
        assert sent.status_code == 201, sent.text
    seven = {"submission_id": str(uuid.uuid4()), "unit_id": UNIT, "answers": answers(3, [7] + [4] * 24, [6] * 8)}
    seven["form_token"] = opened_a_minute_ago(seven["submission_id"])
    refused = requests.post(f"{stack.url('submit')}/api/v1/responses", json=seven, timeout=10)
    assert refused.status_code == 422 and "1 sampai 6" in refused.text  # the scale is the questionnaire's
    running = Period.now(zone=store.settings.zone)
    trigger_aggregate(stack.url("aggregate"), running.key)
    rows = rows_by_key(warehouse, running)
    spkp, spak = rows[(UNIT, "spkp")], rows[(UNIT, "spak")]
    figures = lambda row: (Decimal(str(row["index_value"])), Decimal(str(row["index_converted"])), row["grade"])  # noqa: E731
    assert figures(spkp) == (Decimal("3.9"), Decimal("65"), "C")
    assert figures(spak) == (Decimal("5.5"), Decimal("91.67"), "A")
    assert rows[("*", "spkp")]["respondents"] == 2  # the region's six-point row pools six-point units only
    assert ("*", "ipkp") not in rows or rows[("*", "ipkp")]["respondents"] != 2

    bureau = add_operator(store, "biro@contoh.go.id", bureau=True)
    body = {"unit_id": UNIT, "period": running.key, "document": "official", "format": "pdf"}
    made = requests.post(f"{stack.url('report')}/api/v1/reports", json=body, headers=bureau, timeout=120)
    assert made.status_code == 201, made.text
    pdf = tmp_path / "official.pdf"
    pdf.write_bytes(requests.get(made.json()["url"], timeout=60).content)
    said = " ".join(text_of(pdf).split())
    for expected in (
        "Indeks Persepsi Kualitas Pelayanan (SPKP, skala 1–6)",
        "Indeks konversi (× 100/6) 65,00",
        "mutu C (Kurang baik)",
        "Indeks Persepsi Anti Korupsi (SPAK, skala 1–6)",
        "91,67",
        "Sangat tidak setuju",  # the questionnaire in the appendix, with its six options
    ):
        assert expected in said, expected
