"""Firestore -> aggregate -> BigQuery -> report -> PDF, against the emulators."""
import random
import subprocess
import time
import uuid
from datetime import datetime, timezone
from decimal import Decimal

import pytest
import requests

from shared import config, ikm, links, questionnaire
from shared.models import Profile, StoredResponse
from shared.numbers import fixed
from shared.quarters import JAKARTA, Quarter
from skm.cli import trigger_aggregate

pytestmark = pytest.mark.stack
Q3 = Quarter.parse("2026-Q3")
TOKEN = {"Authorization": f"Bearer {config.LOCAL_ADMIN_TOKEN}"}


def random_responses(rng, unit_id, surveys, count, quarter=Q3, flags=()):
    codes = [code for s in surveys for code in questionnaire.current(s).codes]
    for _ in range(count):
        yield StoredResponse(
            response_id=str(uuid.UUID(int=rng.getrandbits(128))), unit_id=unit_id, quarter=quarter.key,
            receipt="ACDEFGHJ", questionnaires={s: 1 for s in surveys},
            answers={code: rng.choice([1, 2, 3, 3, 4, 4]) for code in codes},
            profile=Profile(gender=rng.choice("LP")), flags=list(flags),
            submitted_at=datetime(2026, 8, 15, 9, 0, tzinfo=JAKARTA))


def reference(responses, survey):
    """The pure-Python index of the same responses."""
    form = questionnaire.current(survey)
    kept = [r for r in responses if not r.flags]
    return ikm.compute(ikm.tally([r.answers for r in kept], form.codes), form, len(kept))


@pytest.fixture
def q3_data(store, warehouse, stack):
    rng = random.Random(7)
    data = {
        "puskesmas-teluk-dalam": list(random_responses(rng, "puskesmas-teluk-dalam", ("skm", "ipkp", "ipak"), 97)),
        "kelurahan-teluk-dalam": list(random_responses(rng, "kelurahan-teluk-dalam", ("skm",), 31))
        + list(random_responses(rng, "kelurahan-teluk-dalam", ("skm",), 5, flags=["straight-lining"])),
        # another quarter's responses must not leak in
        "dpmptsp": list(random_responses(rng, "dpmptsp", ("skm",), 12, quarter=Quarter.parse("2026-Q2"))),
    }
    store.put_responses(r for rows in data.values() for r in rows)
    trigger_aggregate(stack.url("aggregate"), Q3.key)
    return data


def rows_by_key(warehouse, quarter=Q3):
    return {(r["unit_id"], r["survey"]): r for r in warehouse.index_rows(quarter.start)}


def test_bigquery_rows_equal_the_pure_python_reference(q3_data, warehouse):
    rows = rows_by_key(warehouse)
    assert set(rows) == {("kelurahan-teluk-dalam", "skm"), ("puskesmas-teluk-dalam", "skm"),
                         ("puskesmas-teluk-dalam", "ipkp"), ("puskesmas-teluk-dalam", "ipak"),
                         ("disdukcapil", "skm"), ("disdukcapil", "ipkp"), ("disdukcapil", "ipak"), ("dpmptsp", "skm")}
    for (unit_id, survey), row in rows.items():
        expected = reference(q3_data.get(unit_id, []) if unit_id != "dpmptsp" else [], survey)
        assert row["respondents"] == expected.respondents
        assert row["quarter"] == "2026-Q3"
        if not expected.respondents:
            assert row["index_converted"] is None and row["grade"] is None
            continue
        assert Decimal(row["index_converted"]) == expected.converted_display
        assert Decimal(row["index_value"]) == expected.index_display
        assert row["grade"] == expected.band.grade and row["performance"] == expected.band.label["id"]
        for element, item in zip(row["elements"], expected.items):
            assert (element["code"], element["answers"], element["score_sum"]) == (item.code, item.answers, item.score_sum)
            assert Decimal(element["nrr"]) == ikm.round_half_up(item.nrr, ikm.NRR_DIGITS)
    assert rows[("kelurahan-teluk-dalam", "skm")]["respondents"] == 31  # 5 flagged excluded
    assert rows[("puskesmas-teluk-dalam", "skm")]["required_sample"] == 331  # Krejcie–Morgan of 2,400


def test_rerunning_the_aggregation_changes_nothing_but_the_run(q3_data, warehouse, stack):
    def stable(rows):
        return {key: {k: v for k, v in row.items() if k not in ("aggregation_run", "aggregated_at")}
                for key, row in rows.items()}

    first = rows_by_key(warehouse)
    trigger_aggregate(stack.url("aggregate"), Q3.key)
    second = rows_by_key(warehouse)
    assert stable(first) == stable(second) and len(second) == 8
    raw = list(warehouse._query(f"SELECT COUNT(*) AS n FROM `{warehouse._table('responses')}` "
                                "WHERE quarter_start = @q", q=Q3.start))[0]["n"]
    assert raw == 97 + 36


def test_an_empty_quarter_gives_zero_rows_not_an_error(store, warehouse, stack):
    trigger_aggregate(stack.url("aggregate"), "2025-Q1")
    rows = warehouse.index_rows(Quarter.parse("2025-Q1").start)
    assert len(rows) == 8 and {r["respondents"] for r in rows} == {0}


def request_report(stack, body, headers=TOKEN):
    return requests.post(f"{stack.url('report')}/api/v1/reports", json=body, headers=headers, timeout=60)


def test_the_report_pdf_shows_the_bigquery_numbers(q3_data, warehouse, stack, artifacts, tmp_path):
    row = rows_by_key(warehouse)[("puskesmas-teluk-dalam", "skm")]
    started = time.monotonic()
    link = request_report(stack, {"unit_id": "puskesmas-teluk-dalam", "quarter": "2026-Q3"})
    fresh = time.monotonic() - started
    assert link.status_code == 201
    expires = datetime.fromisoformat(link.json()["expires_at"].replace("Z", "+00:00"))
    assert 3500 < (expires - datetime.now(timezone.utc)).total_seconds() <= 3600
    pdf = requests.get(link.json()["url"], timeout=30)
    assert pdf.status_code == 200 and pdf.headers["Content-Type"] == "application/pdf"
    assert 'filename="IKM_puskesmas-teluk-dalam_2026-Q3.pdf"' in pdf.headers["Content-Disposition"]
    path = artifacts / "IKM_puskesmas-teluk-dalam_2026-Q3.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    comma = lambda value, digits: fixed(value, digits, ",")  # noqa: E731
    assert comma(row["index_converted"], 2) in text and comma(row["index_value"], 4) in text
    assert f"Kinerja unit: {row['performance']}" in text and "Triwulan III 2026" in text
    for element in row["elements"]:
        assert comma(element["nrr"], 2) in text and comma(element["weighted_nrr"], 3) in text
    assert "Halaman 1 dari 1" in text
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(path), str(artifacts / "report-page")], check=True)
    assert list(artifacts.glob("report-page*.png"))

    started = time.monotonic()
    again = request_report(stack, {"unit_id": "puskesmas-teluk-dalam", "quarter": "2026-Q3"})
    cached = time.monotonic() - started
    assert again.status_code == 201 and again.json()["url"].split("?")[0] == link.json()["url"].split("?")[0]
    assert cached < fresh


def test_report_requests_are_authenticated_and_validated(q3_data, stack):
    body = {"unit_id": "puskesmas-teluk-dalam", "quarter": "2026-Q3"}
    assert request_report(stack, body, headers={}).status_code == 401
    assert request_report(stack, body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert request_report(stack, body, headers={"Authorization": f"Basic {config.LOCAL_ADMIN_TOKEN}"}).status_code == 401
    bad = request_report(stack, {"unit_id": "puskesmas-teluk-dalam", "quarter": "Q3"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "quarter"
    missing = request_report(stack, {"unit_id": "puskesmas-teluk-dalam", "quarter": "2019-Q1"})
    assert missing.status_code == 404 and "Belum ada hasil" in missing.json()["errors"][0]["message"]


def test_report_links_expire_and_cannot_be_tampered_with(q3_data, stack):
    url = request_report(stack, {"unit_id": "puskesmas-teluk-dalam", "quarter": "2026-Q3"}).json()["url"]
    assert requests.get(url, timeout=10).status_code == 200
    tampered = url.replace("puskesmas-teluk-dalam", "kelurahan-teluk-dalam")
    assert requests.get(tampered, timeout=10).status_code == 403
    assert requests.get(url.split("&sig=")[0] + "&sig=" + "0" * 64, timeout=10).status_code == 403
    path = url.split("?")[0].removeprefix(stack.url("report"))
    expired, _ = links.sign(config.LOCAL_LINK_SECRET, path, -5)
    gone = requests.get(stack.url("report") + expired, timeout=10)
    assert gone.status_code == 410 and "kedaluwarsa" in gone.json()["errors"][0]["message"]


def test_a_malformed_message_is_acknowledged_and_changes_nothing(q3_data, warehouse, stack):
    from skm.cli import pubsub_event

    before = rows_by_key(warehouse)
    headers, body = pubsub_event("not-a-quarter")
    response = requests.post(stack.url("aggregate"), data=body, headers=headers, timeout=60)
    assert response.status_code == 200  # acknowledged: a redelivery would fail the same way
    assert rows_by_key(warehouse) == before
    log = (stack.workdir / "logs" / "aggregate.log").read_text()
    assert '"severity": "ERROR", "message": "aggregate: bad message"' in log
