"""Aggregated quarter -> report -> PDF, against the emulators."""

import subprocess
import time
from datetime import datetime, timezone

import pytest
import requests

from shared import config, signing
from shared.text import formats
from tests.helpers.data import add_operator, rows_by_key

pytestmark = pytest.mark.stack


def request_report(stack, body, headers):
    return requests.post(f"{stack.url('report')}/api/v1/reports", json=body, headers=headers, timeout=60)


def test_the_report_pdf_shows_the_bigquery_numbers(q3_data, warehouse, stack, artifacts, bureau):
    row = rows_by_key(warehouse)[("puskesmas-teluk-dalam", "skm")]
    link = request_report(stack, {"unit_id": "puskesmas-teluk-dalam", "quarter": "2026-Q3"}, bureau)
    assert link.status_code == 201
    expires = datetime.fromisoformat(link.json()["expires_at"].replace("Z", "+00:00"))
    assert 3500 < (expires - datetime.now(timezone.utc)).total_seconds() <= 3600
    pdf = requests.get(link.json()["url"], timeout=30)
    assert pdf.status_code == 200 and pdf.headers["Content-Type"] == "application/pdf"
    assert 'filename="IKM_puskesmas-teluk-dalam_2026-Q3.pdf"' in pdf.headers["Content-Disposition"]
    path = artifacts / "IKM_puskesmas-teluk-dalam_2026-Q3.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    comma = lambda value, digits: formats.number(value, digits, "id")  # noqa: E731
    assert comma(row["index_converted"], 2) in text and comma(row["index_value"], 4) in text
    assert f"Kinerja unit: {row['performance']}" in text and "Triwulan III 2026" in text
    for element in row["elements"]:
        assert comma(element["nrr"], 2) in text and comma(element["weighted_nrr"], 3) in text
    assert "Halaman 1 dari" in text
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(path), str(artifacts / "report-page")], check=True)
    assert list(artifacts.glob("report-page*.png"))

    # The second request reuses the file (timings belong to `make bench`).
    again = request_report(stack, {"unit_id": "puskesmas-teluk-dalam", "quarter": "2026-Q3"}, bureau)
    assert again.status_code == 201 and again.json()["url"].split("?")[0] == link.json()["url"].split("?")[0]


def test_report_requests_are_authenticated_and_validated(q3_data, stack, store, bureau):
    body = {"unit_id": "puskesmas-teluk-dalam", "quarter": "2026-Q3"}
    assert request_report(stack, body, headers={}).status_code == 401
    assert request_report(stack, body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    token = bureau["Authorization"].split()[1]
    assert request_report(stack, body, headers={"Authorization": f"Basic {token}"}).status_code == 401
    assert request_report(stack, body, headers={"Authorization": f"Bearer {token}x"}).status_code == 401
    kelurahan = add_operator(store, "lurah@contoh.go.id", units=["kelurahan-teluk-dalam"])
    forbidden = request_report(stack, body, headers=kelurahan)
    assert forbidden.status_code == 403 and "tidak berwenang" in forbidden.json()["errors"][0]["message"]
    assert request_report(stack, {**body, "unit_id": "*"}, headers=kelurahan).status_code == 403
    assert request_report(stack, {**body, "unit_id": "kelurahan-teluk-dalam"}, headers=kelurahan).status_code == 201
    store.access.revoke_operator("lurah@contoh.go.id")
    assert request_report(stack, {**body, "unit_id": "kelurahan-teluk-dalam"}, headers=kelurahan).status_code == 401
    csv_for_unit = request_report(stack, {**body, "format": "csv"}, bureau)
    assert csv_for_unit.status_code == 422 and csv_for_unit.json()["errors"][0]["field"] == "format"
    bad = request_report(stack, {"unit_id": "puskesmas-teluk-dalam", "quarter": "Q3"}, bureau)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "period"
    missing = request_report(stack, {"unit_id": "puskesmas-teluk-dalam", "quarter": "2019-Q1"}, bureau)
    assert missing.status_code == 404 and "belum dihitung" in missing.json()["errors"][0]["message"]


def test_report_links_expire_and_cannot_be_tampered_with(q3_data, stack, bureau):
    url = request_report(stack, {"unit_id": "puskesmas-teluk-dalam", "quarter": "2026-Q3"}, bureau).json()["url"]
    assert requests.get(url, timeout=10).status_code == 200
    tampered = url.replace("puskesmas-teluk-dalam", "kelurahan-teluk-dalam")
    assert requests.get(tampered, timeout=10).status_code == 403
    timestamp = url.split("sig=")[1].split(".")[0]
    assert requests.get(url.split("sig=")[0] + f"sig={timestamp}." + "A" * 27, timeout=10).status_code == 403
    path = url.split("?")[0].removeprefix(stack.url("report"))
    an_hour_ago = signing.sign(config.LOCAL_LINK_SECRET, signing.LINK, path, now=time.time() - 3601).signature
    gone = requests.get(f"{stack.url('report')}{path}?sig={an_hour_ago}", timeout=10)
    assert gone.status_code == 410 and "kedaluwarsa" in gone.json()["errors"][0]["message"]


def test_a_malformed_message_is_acknowledged_and_changes_nothing(q3_data, warehouse, stack):
    from skm.local import pubsub_event

    before = rows_by_key(warehouse)
    headers, body = pubsub_event({"period": "not-a-quarter"})
    response = requests.post(stack.url("aggregate"), data=body, headers=headers, timeout=60)
    assert response.status_code == 200  # acknowledged: a redelivery would fail the same way
    assert rows_by_key(warehouse) == before
    log = (stack.workdir / "logs" / "aggregate.log").read_text()
    assert '"severity": "ERROR", "message": "aggregate: bad message"' in log
