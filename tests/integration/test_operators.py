"""Operators: the report's content, the bureau recap, and the operator area, against the real stack."""

import csv
import io
import re
import subprocess

import pytest
import requests

from shared.rules import questionnaire
from shared.rules.periods import JAKARTA
from shared.text.formats import fixed
from skm.local import trigger_aggregate
from tests.helpers.area import Area, comma, pdf_text, report_link
from tests.helpers.data import Q3, add_operator, opened_a_minute_ago, rows_by_key, stored_responses

pytestmark = pytest.mark.stack
PUSKESMAS = "puskesmas-teluk-dalam"
SCRIPT = "=HYPERLINK(\"http://x\") <script>alert('x')</script>"  # a formula and a script in one


def test_the_report_has_every_section_with_bigquery_numbers(q3_data, warehouse, stack, store, bureau, artifacts):
    rows = rows_by_key(warehouse)
    skm, ipkp, ipak = (rows[(PUSKESMAS, s)] for s in ("skm", "ipkp", "ipak"))
    text = pdf_text(report_link(stack, bureau, unit_id=PUSKESMAS), artifacts / "report-full.pdf")
    assert f"{comma(skm['ci_low'], 2)}–{comma(skm['ci_high'], 2)}" in text  # the confidence interval
    assert f"sampel minimal {skm['required_sample']}" in text
    for row in (ipkp, ipak):  # the IPKP and IPAK sections
        assert f"IKM konversi: {comma(row['index_converted'], 2)}" in text
    assert re.search(rf"TW III 2026\s+{skm['respondents']}\s+{comma(skm['index_converted'], 2)}", text)  # the trend
    for group in skm["profile"]:
        if group["dimension"] == "service":
            assert re.search(rf"{group['group_value']}\s+{group['respondents']}\s", text)
    assert f"Diterima: {skm['suggestions_received']} · Ditanggapi: {skm['suggestions_answered']}" in text
    assert f"{comma(skm['median_reply_hours'], 1)} jam" in text
    assert "Petugas ramah <b>sekali</b>" in text  # citizens' text is printed, never interpreted
    weakest = [low["code"] for low in skm["lowest_items"]]
    assert all(re.search(rf"{code} .*{comma(low['nrr'], 2)}", text) for code, low in zip(weakest, skm["lowest_items"]))
    assert "Peraturan Menteri PANRB Nomor 14 Tahun 2017" in text
    pages = subprocess.run(["pdfinfo", str(artifacts / "report-full.pdf")], capture_output=True, text=True).stdout
    count = int(re.search(r"Pages:\s+(\d+)", pages).group(1))
    assert f"Halaman {count} dari {count}" in text
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", str(artifacts / "report-full.pdf"), str(artifacts / "report-full")], check=True
    )
    assert len(list(artifacts.glob("report-full-*.png"))) == count

    english = pdf_text(report_link(stack, bureau, unit_id=PUSKESMAS, lang="en"), artifacts / "report-full-en.pdf")
    assert "Public Satisfaction Survey Report" in english and fixed(skm["index_converted"], 2) in english


def test_the_follow_up_plan_reaches_the_report_and_supersedes_the_cached_file(
    q3_data, stack, store, warehouse, artifacts
):
    operator = add_operator(store, "kapus@contoh.go.id", units=[PUSKESMAS])
    before = report_link(stack, operator, unit_id=PUSKESMAS)
    weakest = [low["code"] for low in rows_by_key(warehouse)[(PUSKESMAS, "skm")]["lowest_items"]]
    area = Area(stack, operator)
    saved = area.post(
        f"/u/{PUSKESMAS}/{Q3.key}/plan",
        {
            "item": weakest,
            f"action_{weakest[0]}": "Tambah loket <i>antrean</i>",
            f"owner_{weakest[0]}": "Kepala TU",
            f"due_{weakest[0]}": "2026-12-31",
        },
    )
    assert saved.status_code == 303
    bad_date = area.post(f"/u/{PUSKESMAS}/{Q3.key}/plan", {"item": weakest[:1], f"due_{weakest[0]}": "besok"})
    assert bad_date.status_code == 422 and "due" in bad_date.text
    after = report_link(stack, operator, unit_id=PUSKESMAS)
    assert after.split("?")[0] != before.split("?")[0]  # a new plan is a new file
    text = pdf_text(after, artifacts / "report-plan.pdf")
    assert "Tambah loket <i>antrean</i>" in text and "Kepala TU" in text and "31 Desember 2026" in text


def test_the_bureau_recap_ranks_every_unit_as_pdf_and_csv(q3_data, stack, warehouse, bureau, artifacts):
    rows = [r for r in warehouse.index_rows(Q3) if r["survey"] == "skm" and r["unit_id"] != "*"]
    ranked = sorted((r for r in rows if r["index_converted"] is not None), key=lambda r: -float(r["index_converted"]))
    text = pdf_text(report_link(stack, bureau, unit_id="*"), artifacts / "recap.pdf")
    positions = [text.index(r["unit_name"]) for r in ranked]
    assert positions == sorted(positions) and "Rekapitulasi Indeks Kepuasan Masyarakat" in text
    csv_url = report_link(stack, bureau, unit_id="*", format="csv")
    download = requests.get(csv_url, timeout=30)
    assert download.headers["Content-Type"].startswith("text/csv")
    assert 'filename="REKAP_ALL_2026-Q3.csv"' in download.headers["Content-Disposition"]
    table = list(csv.DictReader(io.StringIO(download.content.decode("utf-8-sig")), delimiter=";"))
    assert [r["Kode unit"] for r in table[: len(ranked)]] == [r["unit_id"] for r in ranked]
    converted = [fixed(r["index_converted"], 2).replace(".", ",") for r in ranked]  # Indonesian Excel's decimals
    assert [r["IKM konversi"] for r in table[: len(ranked)]] == converted
    assert len(table) == len(rows) and table[0]["Peringkat"] == "1" and table[0]["Sementara"] == "Tidak"


def test_the_operator_area_follows_up_complaints_and_spam(q3_data, stack, store, warehouse):
    before = rows_by_key(warehouse)
    operator = add_operator(store, "kapus@contoh.go.id", units=[PUSKESMAS])
    assert (
        requests.post(f"{stack.url('report')}/operator/login", data={"token": "skm_wrong"}, timeout=10).status_code
        == 401
    )
    area = Area(stack, operator)
    home = area.get(f"?quarter={Q3.key}")
    assert "Puskesmas Teluk Dalam" in home.text and "Kelurahan Teluk Dalam" not in home.text
    assert area.get(f"/u/kelurahan-teluk-dalam/{Q3.key}").status_code == 403
    page = area.get(f"/u/{PUSKESMAS}/{Q3.key}")
    assert page.status_code == 200 and "Petugas ramah &lt;b&gt;sekali&lt;/b&gt;" in page.text

    docs = {d["response_id"]: d for d in stored_responses(store) if d["unit_id"] == PUSKESMAS}
    open_one = next(d for d in docs.values() if d.get("complaint_status") == "baru")
    path = f"/u/{PUSKESMAS}/{Q3.key}/complaint/{open_one['response_id']}"
    assert area.post(path, {"status": "ditanggapi", "reply": "Terima kasih"}, csrf=False).status_code == 403
    no_reply = area.post(path, {"status": "selesai", "reply": ""})
    assert no_reply.status_code == 422 and "Tulis tanggapan" in no_reply.text
    assert area.post(path, {"status": "ditanggapi", "reply": "Loket kedua dibuka mulai Senin."}).status_code == 303
    assert area.post(path, {"status": "baru", "reply": ""}).status_code == 422  # never backwards
    assert area.post(path, {"status": "selesai", "reply": ""}).status_code == 303
    stored_response = store.collections.read("responses").document(open_one["response_id"]).get().to_dict()
    assert stored_response["updated_at"] > open_one["updated_at"]  # the new version reaches BigQuery
    unchanged = ("updated_at",)
    assert {k: v for k, v in stored_response.items() if k not in unchanged} == {
        k: v for k, v in open_one.items() if k not in unchanged
    } | {"complaint_status": "selesai"}  # only its status mirrored
    stored = store.collections.read("followups").document(open_one["response_id"]).get().to_dict()
    assert stored["complaint_status"] == "selesai" and stored["reply"] == "Loket kedua dibuka mulai Senin."
    assert stored["replied_by"] == "kapus@contoh.go.id" and stored["first_reply_at"] is not None

    counted = next(d for d in docs.values() if not d.get("flags") and not d.get("suggestion"))
    assert area.post(f"/u/{PUSKESMAS}/{Q3.key}/spam/{counted['response_id']}", {"spam": "1"}).status_code == 303
    flagged = next(d for d in stored_responses(store) if d["flags"])
    kelurahan = Area(stack, add_operator(store, "lurah@contoh.go.id", units=[flagged["unit_id"]]))
    assert (
        kelurahan.post(f"/u/{flagged['unit_id']}/{Q3.key}/spam/{flagged['response_id']}", {"spam": "0"}).status_code
        == 303
    )
    moderation = store.collections.read("followups").document(counted["response_id"]).get().to_dict()["moderation"]
    assert moderation["spam"] is True and moderation["by"] == "kapus@contoh.go.id" and moderation["at"]

    cached = report_link(stack, operator, unit_id=PUSKESMAS)
    assert report_link(stack, operator, unit_id=PUSKESMAS).split("?")[0] == cached.split("?")[0]
    trigger_aggregate(stack.url("aggregate"), Q3.key)
    assert report_link(stack, operator, unit_id=PUSKESMAS).split("?")[0] != cached.split("?")[0]  # a new run
    after = rows_by_key(warehouse)
    skm, old = after[(PUSKESMAS, "skm")], before[(PUSKESMAS, "skm")]
    assert (skm["respondents"], skm["excluded_flagged"]) == (old["respondents"] - 1, old["excluded_flagged"] + 1)
    assert skm["suggestions_answered"] == old["suggestions_answered"] + 1  # the reply feeds the KPI
    lurah = (flagged["unit_id"], "skm")
    assert after[lurah]["respondents"] == before[lurah]["respondents"] + 1


def test_the_citizen_sees_the_reply_and_csv_cells_cannot_run(stack, store):
    from shared.rules.periods import Period

    quarter = Period.now(zone=JAKARTA)
    sent = requests.post(
        f"{stack.url('submit')}/api/v1/responses",
        json={
            "submission_id": "5b7f1c1e-8a61-4b55-9d0a-0c7d0a3f2b11",
            "unit_id": PUSKESMAS,
            "answers": {code: 3 for s in ("skm", "ipkp", "ipak") for code in questionnaire.current(s).codes},
            "suggestion": SCRIPT,
            "form_token": opened_a_minute_ago("5b7f1c1e-8a61-4b55-9d0a-0c7d0a3f2b11"),
        },
        timeout=30,
    )
    assert sent.status_code == 201, sent.text
    receipt = sent.json()["receipt"]
    area = Area(stack, add_operator(store, "kapus@contoh.go.id", units=[PUSKESMAS]))
    page = area.get(f"/u/{PUSKESMAS}/{quarter.key}")
    assert "<script>alert" not in page.text and "&lt;script&gt;alert(" in page.text
    reply = "Sudah kami <b>perbaiki</b>."
    assert (
        area.post(
            f"/u/{PUSKESMAS}/{quarter.key}/complaint/5b7f1c1e-8a61-4b55-9d0a-0c7d0a3f2b11",
            {"status": "ditanggapi", "reply": reply},
        ).status_code
        == 303
    )
    citizen = requests.get(f"{stack.url('submit')}/r/{receipt}", timeout=10).text
    assert "Ditanggapi" in citizen and "Sudah kami &lt;b&gt;perbaiki&lt;/b&gt;." in citizen

    download = area.get(f"/u/{PUSKESMAS}/{quarter.key}/responses.csv")
    assert download.status_code == 200 and download.headers["Content-Type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(download.content.decode("utf-8-sig")), delimiter=";"))
    assert len(table) == 1 and table[0]["Kode tanda terima"] == receipt and table[0]["U1"] == "3"
    assert table[0]["Saran dan pengaduan"] == "'" + SCRIPT  # a spreadsheet shows the formula as text
    assert table[0]["Status pengaduan"] == "ditanggapi" and table[0]["Dihitung"] == "Ya"
    answered = table[0]["Waktu pengisian (WIB)"]  # local time, its zone named: not UTC as before
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", answered), answered


def test_oversized_or_malformed_operator_requests_get_4xx(stack, store, bureau):
    api = f"{stack.url('report')}/api/v1/reports"
    huge = requests.post(api, data=b"x" * 70_000, headers={**bureau, "Content-Type": "application/json"}, timeout=30)
    assert huge.status_code == 413
    assert (
        requests.post(api, data=b"{", headers={**bureau, "Content-Type": "application/json"}, timeout=30).status_code
        == 400
    )
    assert requests.post(api, json={"unit_id": 5, "quarter": "2026-Q3"}, headers=bureau, timeout=30).status_code == 422
    area = Area(stack, bureau)
    assert area.post(f"/u/{PUSKESMAS}/2026-Q9/plan", {}).status_code == 404
    assert area.get(f"/u/{PUSKESMAS}/2026-Q9").status_code == 404
    assert area.post(f"/u/{PUSKESMAS}/2026-Q3/complaint/nope", {"status": "selesai", "reply": "x"}).status_code == 404
    assert area.post(f"/u/{PUSKESMAS}/2026-Q3/complaint/nope", {"status": "closed"}).status_code == 422


def test_the_unit_page_reads_one_page_of_complaints_at_a_time(q3_data, stack, store):
    """The page costs its size in reads: 10 complaints and a link to the next 10, newest first."""
    area = Area(stack, add_operator(store, "kapus@contoh.go.id", units=[PUSKESMAS]))
    expected = sorted((r for r in q3_data[PUSKESMAS] if r.suggestion), key=lambda r: r.submitted_at, reverse=True)
    seen, url = [], f"/u/{PUSKESMAS}/{Q3.key}"
    while url:
        page = area.get(url)
        assert page.status_code == 200
        listed = re.findall(r'<div class="box[^"]*" id="r-([0-9a-f-]+)">', page.text)
        assert 0 < len(listed) <= 10
        seen += listed
        more = re.search(r'href="/operator(/u/[^"]+complaints_after=[^"#]+)', page.text)
        url = more.group(1).replace("&amp;", "&") if more else None
    assert seen == [r.response_id for r in expected]  # every complaint once, newest first
    assert "WIB" in page.text  # times in the region's zone
