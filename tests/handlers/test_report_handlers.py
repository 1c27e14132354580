"""The report function's handlers, in-process on fakes: auth, links, the area's session and CSRF."""

import re

from shared import config
from shared.rules.periods import JAKARTA, Period
from shared.usecases.aggregation import runs
from tests.helpers.http import PUSKESMAS, aggregated, assert_secure, operator, sign_in

Q3 = Period.parse("2026-Q3")


def ask(report, token, **body):
    return report.post(
        "/api/v1/reports", json={"quarter": Q3.key, **body}, headers={"Authorization": f"Bearer {token}"}
    )


def test_report_links_are_authorised_per_unit_and_expire(report, services):
    aggregated(services)
    unit_token, bureau_token = operator(services, [PUSKESMAS]), operator(services, bureau=True)
    assert report.post("/api/v1/reports", json={"unit_id": PUSKESMAS, "quarter": Q3.key}).status_code == 401
    assert ask(report, unit_token, unit_id="dpmptsp").status_code == 403
    assert ask(report, unit_token, unit_id="*", format="csv").status_code == 403
    for bad in ("2026-S3", "2026-Q5", "Q3", "2999"):
        refused = ask(report, bureau_token, unit_id=PUSKESMAS, quarter=bad)
        assert refused.status_code == 422 and refused.json["errors"][0]["field"] == "period", bad
    assert "2026-S1" in ask(report, bureau_token, unit_id=PUSKESMAS, period="x").json["errors"][0]["message"]
    missing = ask(report, bureau_token, unit_id=PUSKESMAS, quarter="2025-Q1")
    assert missing.status_code == 404 and "pukul 01.00" in missing.json["errors"][0]["message"]
    assert ask(report, bureau_token, unit_id=PUSKESMAS, quarter="2026-S1").status_code == 404
    link = ask(report, bureau_token, unit_id="*", format="csv")
    assert link.status_code == 201, link.json
    path = link.json["url"].removeprefix(services.settings.report_base_url)
    download = report.get(path)
    # for the bureau's Indonesian Excel: its language, its separator, Ya/Tidak (issue 25, point 3)
    assert download.status_code == 200 and download.text.startswith(
        '\ufeff"Periode";"Sementara";"Peringkat";"Kode unit"'
    )
    assert ';"Tidak";' in download.text and "False" not in download.text and "True" not in download.text
    assert_secure(download)
    assert report.get(path.replace("REKAP_ALL", "REKAP_XYZ")).status_code == 403
    assert report.get(path.split("?")[0]).status_code == 403
    assert report.get(path.replace("sig=", "sig=1")).status_code == 403


def test_a_unit_pdf_is_served_with_a_policy_its_viewer_can_show(report, services):
    aggregated(services)
    link = ask(report, operator(services, [PUSKESMAS]), unit_id=PUSKESMAS)
    pdf = report.get(link.json["url"].removeprefix(services.settings.report_base_url))
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF") and pdf.mimetype == "application/pdf"
    assert_secure(pdf)  # no default-src on a PDF: Chrome's viewer needs its inline styles


def test_the_area_needs_a_session_and_every_form_its_csrf_token(report, services):
    aggregated(services)
    token = operator(services, [PUSKESMAS])
    assert report.get(f"/operator/u/{PUSKESMAS}/{Q3.key}").status_code == 401
    csrf = sign_in(report, token)
    page = report.get(f"/operator/u/{PUSKESMAS}/{Q3.key}")
    assert page.status_code == 200 and "Rencana tindak lanjut" in page.text
    assert_secure(page)
    assert report.get(f"/operator/u/dpmptsp/{Q3.key}").status_code == 403
    assert report.get(f"/operator/u/{PUSKESMAS}/2026-Q9").status_code == 404
    plan = {"item": "U1", "action_U1": "Tambah loket"}
    assert report.post(f"/operator/u/{PUSKESMAS}/{Q3.key}/plan", data=plan).status_code == 403
    assert report.post(f"/operator/u/{PUSKESMAS}/{Q3.key}/plan", data={**plan, "csrf": "1.x"}).status_code == 403
    saved = report.post(f"/operator/u/{PUSKESMAS}/{Q3.key}/plan", data={**plan, "csrf": csrf})
    assert saved.status_code == 303 and services.ops.plan(PUSKESMAS, Q3.key)["rows"][0]["action"] == "Tambah loket"
    other = operator(services, ["dpmptsp"])
    forged = report.post(f"/operator/u/{PUSKESMAS}/{Q3.key}/plan", data={**plan, "csrf": sign_in(report, other)})
    assert forged.status_code == 403  # another operator's session, and that operator's unit is not this one


def test_signing_out_ends_the_session_on_the_server_and_a_new_session_has_a_new_csrf_token(report, services):
    token = operator(services, [PUSKESMAS])
    csrf = sign_in(report, token)
    cookie = report.get_cookie("skm_session", path="/operator").value
    assert report.post("/operator/logout", data={"csrf": csrf}).status_code == 303
    assert services.access.sessions == {}
    report.set_cookie("skm_session", cookie, path="/operator")  # the old cookie, kept by an attacker
    assert report.get(f"/operator/u/{PUSKESMAS}/{Q3.key}").status_code == 401
    assert sign_in(report, token) != csrf
    plan = {"item": "U1", "action_U1": "Tambah loket", "csrf": csrf}
    assert report.post(f"/operator/u/{PUSKESMAS}/{Q3.key}/plan", data=plan).status_code == 403


def test_reserved_or_malformed_ids_in_operator_routes_are_not_found(report, services):
    aggregated(services)
    csrf = sign_in(report, operator(services, [], bureau=True))
    for unit_id in ("__x__", ".", "..", "%00", "a" * 70):
        assert report.get(f"/operator/u/{unit_id}/{Q3.key}").status_code == 404, unit_id
    for response_id in ("__x__", ".", "..", "x" * 2000):
        url = f"/operator/u/{PUSKESMAS}/{Q3.key}/complaint/{response_id}"
        assert report.post(url, data={"csrf": csrf, "status": "ditanggapi", "reply": "x"}).status_code == 404
    plan = {"item": "U1", "action_U1": "x", "csrf": csrf}
    assert report.post(f"/operator/u/no-such-unit/{Q3.key}/plan", data=plan).status_code == 404


def test_a_complaint_reply_is_refused_with_its_reason_beside_it(report, services):
    aggregated(services)
    csrf = sign_in(report, operator(services, [PUSKESMAS]))
    complaint = next(
        doc
        for doc in services.responses.docs.values()
        if doc["unit_id"] == PUSKESMAS and doc["suggestion"] and doc["quarter"] == Q3.key
    )
    url = f"/operator/u/{PUSKESMAS}/{Q3.key}/complaint/{complaint['response_id']}"
    refused = report.post(url, data={"csrf": csrf, "status": "selesai", "reply": ""})
    if complaint.get("first_reply_at") is None and not complaint.get("reply"):
        assert refused.status_code == 422 and "Tulis tanggapan" in refused.text
    answered = report.post(url, data={"csrf": csrf, "status": "ditanggapi", "reply": "Sudah kami perbaiki"})
    assert answered.status_code == 303
    assert services.ops.follow_ups[complaint["response_id"]]["reply"] == "Sudah kami perbaiki"


def test_every_endpoint_answers_with_the_security_headers(report, services):
    from functions.report.skm_report.app import app

    for endpoint, (path, methods) in app.endpoints().items():
        concrete = re.sub(r"<(\w+)>", lambda m: {"quarter": Q3.key, "unit_id": PUSKESMAS}.get(m[1], "x"), path)
        for method in methods:
            response = report.open(concrete, method=method)
            assert response.status_code < 500, endpoint
            assert_secure(response)


def test_the_method_note_names_the_sample_rule_the_row_was_computed_with():
    from functions.report.skm_report.render import method_note

    assert "Slovin" in method_note({"sample_rule": "slovin", "excluded_flagged": 2}, "id")
    assert "Krejcie & Morgan" in method_note({"sample_rule": "krejcie-morgan"}, "en")
    assert "10%" in method_note({"sample_rule": "ten-percent"}, "id")


def test_provisional_figures_say_up_to_when_their_data_goes_in_the_regions_zone():
    """Issue 27: "data sampai 4 Desember 2026 05.57 WITA", the month as written."""
    from zoneinfo import ZoneInfo

    from functions.report.skm_report.render import method_note

    row = {"provisional": True, "aggregated_at": "2026-12-03T21:57:10+00:00"}
    makassar = ZoneInfo("Asia/Makassar")
    assert method_note(row, "id", makassar).endswith("Data sampai 4 Desember 2026 05.57 WITA.")
    assert method_note(row, "en", makassar).endswith("Data up to 4 December 2026 05:57 WITA.")
    assert "sampai 4" not in method_note(row | {"provisional": False}, "id", makassar)


def test_settings_fail_at_start_naming_the_variable():
    import pytest

    with pytest.raises(config.SettingsError, match="SKM_SAMPLE_RULE"):
        config.load({"SKM_SAMPLE_RULE": "slovn"})
    with pytest.raises(config.SettingsError, match="SKM_LINK_TTL_SECONDS"):
        config.load({"SKM_LINK_TTL_SECONDS": "an hour"})
    production = config.load({"SKM_ENV": "production"})
    assert production.link_secret == "" and production.trusted_proxy_hops == 1
    with pytest.raises(config.SettingsError, match="SKM_LINK_SECRET"):
        config.require_for(production, "report")
    with pytest.raises(config.SettingsError, match="SKM_SUBMIT_SECRET"):
        config.require_for(production, "submit")
    config.require_for(production, "aggregate")  # needs no secret


def test_the_logo_setting_takes_a_png_or_jpeg_and_names_itself_otherwise(tmp_path):
    import pytest

    assert config.load({}).logo_file is None
    png = tmp_path / "logo.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 20)
    assert config.load({"SKM_LOGO_FILE": str(png)}).logo_file == png
    (tmp_path / "logo.svg").write_text("<svg/>")
    for bad in (tmp_path / "logo.svg", tmp_path / "missing.png"):
        with pytest.raises(config.SettingsError, match="SKM_LOGO_FILE"):
            config.load({"SKM_LOGO_FILE": str(bad)})


def test_the_area_offers_quarters_semesters_and_years_and_marks_provisional_figures(report, services):
    from datetime import datetime, timezone

    from shared.rules.periods import Period

    sign_in(report, operator(services, [PUSKESMAS]))
    home = report.get("/operator").text
    now = Period.now(zone=JAKARTA)
    semester, year = now.containing()
    for period in (now, now.previous(), semester, semester.previous(), year, year.previous()):
        assert f'<option value="{period.key}"' in home, period.key
    runs.catch_up(services)
    runs.run(semester, services, datetime.now(timezone.utc))  # the running semester: provisional
    page = report.get(f"/operator/u/{PUSKESMAS}/{semester.key}")
    assert page.status_code == 200 and "Sementara" in page.text and "Semester" in page.text
    assert report.get(f"/operator/u/{PUSKESMAS}/{semester.key}/responses.csv").status_code == 200


def test_the_inbox_gathers_the_operators_complaints_across_units_and_periods_with_live_counts(report, services):
    from datetime import datetime, timezone

    from tests.helpers.http import UNIT

    aggregated(services)
    docs = services.responses.docs
    mine = [d for d in docs.values() if d["unit_id"] in (PUSKESMAS, UNIT) and d.get("complaint_status")]
    late = next(d for d in mine if d["unit_id"] == PUSKESMAS) | {  # a complaint after the last run, in Q2
        "response_id": "late-complaint-q2-0001",
        "quarter": "2026-Q2",
        "submitted_at": datetime(2026, 6, 30, 2, tzinfo=timezone.utc),
        "suggestion": "Loket tutup sebelum jam <b>12</b>",
        "complaint_status": "baru",
    }
    docs[late["response_id"]] = late
    csrf = sign_in(report, operator(services, [PUSKESMAS, UNIT]))
    new = sum(1 for d in mine if d["complaint_status"] == "baru") + 1
    home = report.get("/operator?lang=id").text
    assert f"{new} saran dan pengaduan belum ditanggapi" in home and "/operator/complaints" in home
    inbox = report.get("/operator/complaints?lang=id").text
    assert f"Baru ({new})</strong>" in inbox and f"Semua ({len(mine) + 1})" in inbox
    assert "Teluk Dalam · Triwulan III 2026" in inbox and "Dinas Kependudukan" not in inbox
    assert inbox.count('class="quote"') == 10 and "after=" in inbox  # ten a page, newest first
    narrowed = report.get(f"/operator/complaints?lang=id&unit={PUSKESMAS}&period=2026-Q2&status=baru").text
    assert narrowed.count('class="quote"') == 1 and "Baru (1)" in narrowed
    assert "Puskesmas Teluk Dalam · Triwulan II 2026" in narrowed and "jam &lt;b&gt;12&lt;/b&gt;" in narrowed
    assert "Baru (" in report.get("/operator/complaints?unit=dpmptsp&status=x&period=1999").text  # ignored
    reply = {"csrf": csrf, "status": "ditanggapi", "reply": "Jam layanan kami perpanjang", "back": "status=baru&x=1"}
    answered = report.post(f"/operator/u/{PUSKESMAS}/2026-Q2/complaint/{late['response_id']}?lang=id", data=reply)
    assert answered.status_code == 303
    assert answered.headers["Location"] == f"/operator/complaints?lang=id&status=baru#r-{late['response_id']}"
    assert f"Baru ({new - 1})</strong>" in report.get("/operator/complaints?lang=id&status=baru").text
