"""What a walkthrough of the citizen pages and the operator area found (issue 18, point 6),
each reproduced and closed, in-process on fakes."""

import io
import re

from shared.rules.records import new_receipt
from tests.helpers.data import Q3
from tests.helpers.http import PUSKESMAS, UNIT, aggregated, form_fields, operator, sign_in


def fresh_form(submit) -> tuple[str, str]:
    page = submit.get(f"/u/{UNIT}").text
    return re.search(r'name="submission_id" value="([^"]+)"', page)[1], re.search(
        r'name="form_token" value="([^"]+)"', page
    )[1]


def test_a_citizen_can_type_a_receipt_code_in_any_case(submit, services):
    submission_id, token = fresh_form(submit)
    sent = submit.post(f"/u/{UNIT}", data=form_fields(submission_id, token, suggestion="Antrean lama"))
    receipt = sent.headers["Location"].split("/r/")[1].split("?")[0]
    lookup = submit.get("/r")
    assert lookup.status_code == 200 and 'name="kode"' in lookup.text and "Kode tanda terima" in lookup.text
    typed = f"{receipt[:4].lower()}-{receipt[4:].lower()}"
    found = submit.get(f"/r?kode={typed}")
    assert found.status_code == 303 and found.headers["Location"].startswith(f"/r/{receipt}")
    assert submit.get(f"/r/{receipt.lower()}").headers["Location"].startswith(f"/r/{receipt}")
    assert 'id="complaint"' in submit.get(f"/r/{receipt}").text
    bad = submit.get("/r?kode=12")
    assert bad.status_code == 422 and "8 huruf dan angka" in bad.text and 'aria-invalid="true"' in bad.text
    unknown = submit.get(f"/r/{new_receipt()}")
    assert unknown.status_code == 404 and "tidak ditemukan" in unknown.text and 'name="kode"' in unknown.text
    assert 'href="/r?lang=id"' in submit.get("/").text  # linked from the units list


def test_every_page_address_answers_html_never_json(submit, report, services):
    for path, target in (
        (f"/u/{UNIT}/", f"/u/{UNIT}"),
        (f"/U/{UNIT}", f"/u/{UNIT}"),
        ("/r/", "/r"),
    ):
        moved = submit.get(path)
        assert moved.status_code in (301, 303) and moved.headers["Location"] == target, path
    aggregated(services)
    sign_in(report, operator(services, [PUSKESMAS]))
    base = f"/operator/u/{PUSKESMAS}/{Q3.key}"
    for path, target in (
        (f"{base}/plan?lang=en", f"{base}?lang=en"),  # a refused form's address, opened again
        (f"{base}/complaint/abc", base),
        ("/operator/recap", "/operator"),
        ("/operator/", "/operator"),
    ):
        moved = report.get(path)
        assert moved.status_code == 303 and moved.headers["Location"] == target, path
    assert report.get("/api/v1/reports").headers["Content-Type"].startswith("application/json")


def test_every_mistake_of_a_form_is_shown_at_once_in_one_short_summary(submit, services):
    submission_id, token = fresh_form(submit)
    empty = {"submission_id": submission_id, "form_token": token, "lang": "id", "age": "300"}
    page = submit.post(f"/u/{UNIT}", data=empty)
    summary = re.search(r'<div class="box err" role="alert" id="errors">.*?</div>', page.text, re.S)[0]
    assert page.status_code == 422 and summary.count("<li>") == 2
    assert '<a href="#q-U1">Ada 9 pertanyaan yang belum dijawab, mulai nomor 1.</a>' in summary
    assert '<a href="#age">Umur: ' in summary  # the age's own problem, beside the answers'
    assert page.text.count('class="msg" id="e-') == 10  # and each question marked where it is asked
    one = form_fields(submission_id, token)
    del one["U3"]
    assert "Pertanyaan nomor 3 belum dijawab." in submit.post(f"/u/{UNIT}", data=one).text


def test_citizen_pages_name_the_region_and_switch_language(submit, services):
    region = services.settings.region_name
    for path in ("/", f"/u/{UNIT}", "/r"):
        page = submit.get(path).text
        switch = 'name="switch_lang" value="en"' if path.startswith("/u/") else 'href="?lang=en"'
        assert f"<span>{region}</span>" in page and switch in page and ">English<" in page, path
    assert 'href="?lang=id"' in submit.get("/?lang=en").text
    # the form's switch posts the answers back in the other language, sending nothing
    form = submit.get(f"/u/{UNIT}").text
    fields = {name: re.search(rf'name="{name}" value="([^"]+)"', form)[1] for name in ("submission_id", "form_token")}
    switched = submit.post(f"/u/{UNIT}", data={**fields, "lang": "id", "U1": "4", "switch_lang": "en"})
    assert switched.status_code == 200 and '<html lang="en">' in switched.text
    assert 'value="4" checked' in switched.text and fields["submission_id"] in switched.text
    assert services.responses.docs == {}
    assert "ul.units{list-style:none" in submit.get("/").text  # no bullet beside a long name's last line


def test_the_poster_promises_the_time_the_form_takes():
    from skm.demo import DEMO_UNITS
    from skm.poster import minutes_to_fill
    from skm.units_csv import read_units_file

    minutes = {unit.unit_id: minutes_to_fill(unit) for unit in read_units_file(DEMO_UNITS)}
    assert minutes["dpmptsp"] == 3 and minutes["puskesmas-teluk-dalam"] == 5  # 9 questions; 23


def test_ipak_statements_read_naturally_with_agree_or_disagree():
    from shared.rules.questionnaire import current

    for item in current("ipak").items:
        assert not item.question["id"].startswith("Tidak"), item.code
        assert [option.label["id"] for option in item.options][-1] == "Sangat setuju"


def test_operators_read_labels_not_codes(report, services):
    aggregated(services)
    suspect = next(r for r in services.responses.docs.values() if r["unit_id"] == PUSKESMAS and r["quarter"] == Q3.key)
    suspect["flags"] = ["too-fast", "no-form-token"]
    csrf = sign_in(report, operator(services, [PUSKESMAS]))
    base = f"/operator/u/{PUSKESMAS}/{Q3.key}"
    page = report.get(base).text
    assert "too-fast" not in page and "no-form-token" not in page
    assert "Diisi terlalu cepat; Tanpa token formulir yang sah" in page
    refused = report.post(f"{base}/plan", data={"item": "U1", "action_U1": "x" * 600, "csrf": csrf})
    assert refused.status_code == 422
    problem = re.search(r'<p class="err" role="alert">([^<]*)</p>', refused.text)[1]
    assert problem.startswith("U1 Persyaratan – Rencana tindak lanjut: "), problem
    complaint = next(
        r for r in services.responses.docs.values() if r.get("unit_id") == PUSKESMAS and r.get("suggestion")
    )
    bare = report.post(f"{base}/complaint/{complaint['response_id']}", data={"status": "selesai", "csrf": csrf})
    assert bare.status_code == 422 and "reply:" not in bare.text and "status:" not in bare.text


def test_a_report_link_is_a_download_button_with_a_local_expiry(report, services):
    aggregated(services)
    csrf = sign_in(report, operator(services, [PUSKESMAS]))
    page = report.post(f"/operator/u/{PUSKESMAS}/{Q3.key}/link", data={"csrf": csrf}).text
    assert re.search(r'<a id="report-link" class="button" href="[^"]+">Unduh PDF</a>', page)
    assert re.search(r"Berlaku sampai: \d{1,2} \w+ 20\d\d \d\d\.\d\d WIB", page) and "Z UTC" not in page


def test_a_refused_reply_keeps_what_the_operator_typed_whatever_page_its_complaint_is_on(report, services):
    aggregated(services)
    csrf = sign_in(report, operator(services, [PUSKESMAS]))
    base = f"/operator/u/{PUSKESMAS}/{Q3.key}"
    docs = [r for r in services.responses.docs.values() if r["unit_id"] == PUSKESMAS and r.get("suggestion")]
    oldest = min(docs, key=lambda r: r["submitted_at"])  # not on the first page of ten
    typed = "Mohon maaf, loket kedua " + "x" * 2000
    form = {"csrf": csrf, "reply": typed, "status": "ditanggapi"}
    refused = report.post(f"{base}/complaint/{oldest['response_id']}", data=form)
    assert refused.status_code == 422 and f'id="r-{oldest["response_id"]}"' in refused.text
    assert typed in refused.text and "Terlalu panjang" in refused.text


def test_every_page_route_answers_html_or_a_redirect_whatever_the_method(submit, report, services):
    from functions.report.skm_report.app import app as report_app
    from functions.submit.skm_submit.app import app as submit_app

    aggregated(services)
    sign_in(report, operator(services, bureau=True))
    values = {"unit_id": PUSKESMAS, "period": Q3.key, "receipt": "AAAA3333", "response_id": "x", "token": "x.y"}
    values |= {"device_id": "x", "export": "x", "token_hash": "0" * 64, "key": "0" * 64, "code": "x", "name": "x"}
    values |= {"picture": "x"}
    downloads = ("/reports/", ".csv", ".xlsx", ".png", "/api/", "/healthz")
    for client, app in ((submit, submit_app), (report, report_app)):
        for path, _methods in app.endpoints().values():
            url = re.sub(r"<(\w+)>", lambda m: values[m[1]], path)
            if any(part in path for part in downloads):
                continue
            for method in ("GET", "POST"):
                answer = client.open(url, method=method, data={})
                if answer.status_code in (301, 303):
                    continue
                assert answer.content_type.startswith("text/html"), (method, url, answer.status_code)


def test_every_save_on_a_units_page_answers_what_was_saved_beside_its_section(report, services):
    aggregated(services)
    csrf = sign_in(report, operator(services, [PUSKESMAS]))
    base = f"/operator/u/{PUSKESMAS}/{Q3.key}"
    saves = {
        "plan": ({"item": "U1", "action_U1": "Tambah loket"}, "Tersimpan: rencana tindak lanjut"),
        "narrative": ({"conclusion": "Pelayanan membaik."}, "Tersimpan: teks laporan resmi"),
        "volume": ({f"served_{Q3.key}": "3.150"}, "Tersimpan: jumlah pengguna layanan"),
    }
    for action, (form, said) in saves.items():
        saved = report.post(f"{base}/{action}", data={**form, "csrf": csrf})
        assert saved.status_code == 303, action
        page = report.get(saved.headers["Location"]).text
        assert f'<p class="box ok" role="status">{said}' in page, action
    texts_open = report.get(f"{base}?saved=texts").text
    assert '<details class="box" open>' in texts_open  # what was saved stays in sight
    assert "Tersimpan" not in report.get(base).text and "Tersimpan" not in report.get(f"{base}?saved=x").text


def test_a_negative_age_is_told_the_range_and_a_unit_operator_is_told_whose_page_it_is(submit, report, services):
    posted = submit.post(f"/u/{UNIT}", data=form_fields("n" * 36, "1.x", age="-3"))
    assert posted.status_code == 422 and "Nilai minimal 15." in posted.text and "angka bulat" not in posted.text
    sign_in(report, operator(services, [PUSKESMAS]))
    units = report.get("/operator/units")
    assert units.status_code == 403 and "hanya untuk bagian organisasi" in units.text
    assert "tidak berwenang untuk unit ini" not in units.text


def test_the_report_functions_own_address_leads_a_person_to_the_operator_area(report):
    answer = report.get("/")
    assert answer.status_code == 303 and answer.headers["Location"].startswith("/operator?lang=")


def test_paper_entry_reads_back_as_typed_and_more_rows_keep_what_was_typed(report, services):
    aggregated(services)
    csrf = sign_in(report, operator(services, [PUSKESMAS]))
    base = f"/operator/u/{PUSKESMAS}/{Q3.key}/paper"
    row = {"r1_id": "paper-row-0000000001", "r1_skm": "443444344", "r1_ipkp": "", "r1_ipak": "33333"}
    empty_ipkp = report.post(base, data={"day": "2026-09-15", "csrf": csrf, **row})
    assert empty_ipkp.status_code == 422 and "(tertulis 0)" in empty_ipkp.text and "tanpa huruf" not in empty_ipkp.text
    more = report.post(base, data={"day": "2026-09-15", "csrf": csrf, "rows": "50", **row})
    assert more.status_code == 200 and 'name="r50_skm"' in more.text and 'value="443444344"' in more.text
    typed = {**row, "r1_ipkp": "334433443", "r1_suggestion": "Antrean lama"}
    assert report.post(base, data={"day": "2026-09-15", "csrf": csrf, **typed}).status_code == 303
    page = report.get(base).text
    assert (
        '<span class="typed">4 4 3 4 4 4 3 4 4</span>' in page
        and '<span class="typed">3 3 4 4 3 3 4 4 3</span>' in page
    )
    unit_page = report.get(f"/operator/u/{PUSKESMAS}/{Q3.key}?status=baru").text
    assert "Kuesioner kertas · " in unit_page and "Kode  ·" not in unit_page and "Kode · " not in unit_page


def test_the_import_help_speaks_of_the_units_surveys_and_offers_its_template(report, services):
    from openpyxl import load_workbook

    sign_in(report, operator(services, ["dpmptsp"]))  # SKM only
    page = report.get(f"/operator/u/dpmptsp/{Q3.key}/paper").text
    assert "Tanggal, U1…U9 dan" in page and "IPKP" not in page.split('id="import"')[1].split("</form>")[0]
    download = report.get(f"/operator/u/dpmptsp/{Q3.key}/template.xlsx")
    assert download.status_code == 200 and 'filename="TEMPLAT_dpmptsp.xlsx"' in download.headers["Content-Disposition"]
    header = [cell.value for cell in load_workbook(io.BytesIO(download.data))["Isian"][1]]
    assert header[:2] == ["Tanggal", "U1"] and "IPKP1" not in header


def test_the_receipt_page_leads_with_the_reply_when_there_is_one(submit, services):
    from tests.helpers.data import quarter_data

    response = next(r for rows in quarter_data().values() for r in rows if r.suggestion)
    services.responses.put_responses([response.model_copy(update={"receipt": "ACDE3467"})])
    assert "<h1>Tanggapan petugas</h1>" not in submit.get("/r/ACDE3467").text  # no reply yet: thanks and code lead
    services.responses.docs[response.response_id] |= {"reply": "Loket ditambah.", "complaint_status": "ditanggapi"}
    page = submit.get("/r/ACDE3467").text
    assert page.index("Loket ditambah.") < page.index("ACDE3467") and "<h1>Tanggapan petugas</h1>" in page
