"""What citizens wrote, from the real submit path through ingestion and the aggregation into
BigQuery's index rows, the official PDF and the API; an operator's label correction counted."""

import subprocess
import uuid
from datetime import datetime

import pytest
import requests

from shared.rules.periods import Period
from shared.usecases import suggestions
from skm.local import trigger_aggregate
from tests.helpers.area import Area
from tests.helpers.data import add_operator, opened_a_minute_ago, rows_by_key

pytestmark = pytest.mark.stack
UNIT = "kelurahan-teluk-dalam"
PHONE = "0812-3456-7890"
TEXTS = {
    "queue": f"Antri lama bgt, hubungi saya {PHONE}",
    "staff": "petugas judes, tolong lebih ramah",
    "toilet": "toilet kotor",
    "praise": "pelayanan cepat, terima kasih",
    "nothing": "-",
}


def submit(stack, text: str, address: str) -> str:
    body = {"submission_id": str(uuid.uuid4()), "unit_id": UNIT, "answers": {f"U{i}": 3 for i in range(1, 10)}}
    body |= {"suggestion": text, "form_token": opened_a_minute_ago(body["submission_id"])}
    sent = requests.post(
        f"{stack.url('submit')}/api/v1/responses", json=body, headers={"X-Forwarded-For": address}, timeout=10
    )
    assert sent.status_code == 201, sent.text
    return body["submission_id"]


def counts_of(row) -> dict[tuple[str, str], int]:
    return {(c["element"], c["kind"]): c["n"] for c in row["suggestion_counts"]}


def test_suggestions_are_counted_by_element_and_kind_in_bigquery_the_pdf_and_the_api(
    stack, store, warehouse, bureau, tmp_path, monkeypatch
):
    ids = {name: submit(stack, text, f"10.9.0.{n}") for n, (name, text) in enumerate(TEXTS.items(), start=1)}
    running = Period.of(datetime.now(store.settings.zone), zone=store.settings.zone)
    trigger_aggregate(stack.url("aggregate"), running.key)  # ingests first, then computes
    row = rows_by_key(warehouse, running)[(UNIT, "skm")]
    counts = counts_of(row)
    assert counts[("U3", "keluhan")] == 1 and counts[("U7", "keluhan")] == 1 and counts[("U9", "keluhan")] == 1
    assert counts[("U3", "pujian")] == 1 and counts[("none", "lainnya")] == 1
    assert counts[("*", "keluhan")] == 3 and counts[("*", "pujian")] == 1  # each suggestion once
    quotes = {q["element"]: q["text"] for q in row["suggestion_quotes"]}
    assert quotes["U3"] == "Antri lama bgt, hubungi saya [nomor HP]"  # masked before it leaves the unit

    api = f"{stack.url('report')}/api/v1/units/{UNIT}/periods/{running.key}/suggestions"
    answer = requests.get(api, headers=bureau, timeout=30)
    assert answer.status_code == 200, answer.text
    found = answer.json()
    assert found["period"] == running.key and found["unit_id"] == UNIT and "next_page_token" not in found
    assert found["summary"]["U3"] == {"keluhan": 1, "saran": 0, "pujian": 1, "lainnya": 0}
    by_id = {item["id"]: item for item in found["suggestions"]}
    assert by_id[ids["queue"]]["text"] == "Antri lama bgt, hubungi saya [nomor HP]"
    assert by_id[ids["queue"]] | {"submitted_at": None} == {
        "id": ids["queue"],
        "submitted_at": None,
        "text": "Antri lama bgt, hubungi saya [nomor HP]",
        "kind": "keluhan",
        "elements": ["U3"],
        "corrected": False,
    }
    assert PHONE not in answer.text
    other = add_operator(store, "camat@contoh.go.id", units=["puskesmas-teluk-dalam"])
    assert requests.get(api, headers=other, timeout=30).status_code == 403
    assert requests.get(api, timeout=30).status_code == 401
    assert requests.get(api, headers=bureau, params={"page_token": "bukan-token"}, timeout=30).status_code == 400

    # Pages follow each other from their token, none twice, none missed (two a page here, 500 live).
    monkeypatch.setattr(suggestions, "PAGE", 2)
    seen, token = [], None
    while True:
        paged = suggestions.page(warehouse, row, UNIT, running, token)
        seen += [item["id"] for item in paged["suggestions"]]
        token = paged.get("next_page_token")
        if not token:
            break
    assert sorted(seen) == sorted(ids.values())

    body = {"unit_id": UNIT, "period": running.key, "document": "official", "format": "pdf"}
    link = requests.post(f"{stack.url('report')}/api/v1/reports", json=body, headers=bureau, timeout=120)
    assert link.status_code == 201, link.text
    pdf = tmp_path / "official.pdf"
    pdf.write_bytes(requests.get(link.json()["url"], timeout=60).content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "4.5 Analisis Saran dan Pengaduan" in text
    assert "hubungi saya [nomor HP]" in text and PHONE not in text

    # The operator corrects one label in the inbox: the next run counts the correction instead.
    area = Area(stack, add_operator(store, "lurah@contoh.go.id", units=[UNIT]))
    fixed = area.post(f"/label/{ids['toilet']}", {"kind": "saran", "elements": "U9"})
    assert fixed.status_code == 303
    refused = area.post(f"/label/{ids['toilet']}", {"kind": "marah", "elements": "U9"})
    assert refused.status_code == 422 and "Pilih jenis" in refused.text
    form = area.http.get(f"{area.base}/label/{ids['toilet']}?lang=id", timeout=30)
    assert form.status_code == 200 and "toilet kotor" in form.text and "Riwayat perbaikan" in form.text
    kept = store.ops._c.read("followups").document(ids["toilet"]).get().to_dict()
    assert kept["label"]["by"] == "lurah@contoh.go.id" and len(kept["label_history"]) == 1
    trigger_aggregate(stack.url("aggregate"), running.key)
    counts = counts_of(rows_by_key(warehouse, running)[(UNIT, "skm")])
    assert counts[("U9", "saran")] == 1 and ("U9", "keluhan") not in counts
    corrected = {i["id"]: i for i in requests.get(api, headers=bureau, timeout=30).json()["suggestions"]}
    assert corrected[ids["toilet"]]["corrected"] is True and corrected[ids["toilet"]]["kind"] == "saran"
