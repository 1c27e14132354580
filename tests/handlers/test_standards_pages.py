"""Service standards in the operator area, in-process on fakes: a version typed in, refused by
field without a write, kept beside the old one; the maklumat signed; the workbook round trip;
another unit's operator kept out."""

import io
from datetime import date

from shared.files import standards_file
from tests.helpers.http import operator, sign_in

DISDUKCAPIL = "disdukcapil"
PAGE = f"/operator/u/{DISDUKCAPIL}/2026-Q4/standar"
KTP = {
    "service": "KTP elektronik",
    "decree_number": "800/12/Disdukcapil/2026",
    "decree_date": "2026-01-02",
    "effective_from": "2026-01-15",
    "c_persyaratan": "Fotokopi KK",
    "c_waktu": "3 hari kerja",
    "c_biaya": "Gratis",
}


def test_a_version_is_typed_in_refused_by_field_and_kept_beside_the_old(report, services):
    csrf = sign_in(report, operator(services, [DISDUKCAPIL]))
    page = report.get(PAGE)
    assert page.status_code == 200 and "KTP elektronik" in page.text and "Belum ada standar yang berlaku" in page.text
    assert len(page.data) < 30_000
    refused = report.post(
        PAGE, data=KTP | {"csrf": csrf, "c_waktu": "-3 hari", "c_biaya": "Rp 5.000 s.d. 9.000", "decree_date": ""}
    )
    assert refused.status_code == 422
    for said in ("Jangka waktu harus lebih dari nol.", "Tulis satu nilai rupiah", "Wajib diisi."):
        assert said in refused.text
    assert 'value="800/12/Disdukcapil/2026"' in refused.text  # what was typed stays
    assert services.ops.standards(DISDUKCAPIL) == []
    assert report.post(PAGE, data=KTP | {"csrf": csrf}).status_code == 303
    revised = KTP | {
        "csrf": csrf,
        "decree_number": "800/41/2026",
        "effective_from": "2026-10-01",
        "c_waktu": "1 hari kerja",
    }
    assert report.post(PAGE, data=revised).status_code == 303
    clash = KTP | {"csrf": csrf, "c_waktu": "2 hari kerja"}  # another content under a stored date
    answer = report.post(PAGE, data=clash)
    assert answer.status_code == 422 and "versi baru memerlukan tanggal mulai berlaku sendiri" in answer.text
    kept = services.ops.standards(DISDUKCAPIL)
    assert [(v.effective_from, v.time.amount) for v in kept] == [(date(2026, 1, 15), 3), (date(2026, 10, 1), 1)]
    page = report.get(PAGE + "?s=1").text
    assert "selesai 1 hari kerja, gratis" in page and "berlaku pada akhir periode ini" in page
    assert (
        ">1 hari kerja</textarea>" in page and 'name="decree_number" value=""' in page
    )  # starts from the one in force
    assert [e["action"] for e in services.ops.admin_log(5)].count("standard_added") == 2


def test_the_maklumat_is_signed_or_refused_by_field(report, services):
    csrf = sign_in(report, operator(services, [DISDUKCAPIL]))
    refused = report.post(
        PAGE + "/maklumat",
        data={"csrf": csrf, "text": "x", "signer_name": "", "signer_position": "Kadis", "signed_on": ""},
    )
    assert refused.status_code == 422 and services.ops.maklumat(DISDUKCAPIL) is None
    fields = {
        "text": "Kami sanggup melayani sesuai standar pelayanan.",
        "signer_name": "Drs. Ahmad Yani",
        "signer_position": "Kepala Dinas",
        "signed_on": "2026-12-01",
    }
    assert report.post(PAGE + "/maklumat", data=fields | {"csrf": csrf}).status_code == 303
    assert "Drs. Ahmad Yani, Kepala Dinas" in report.get(PAGE).text


def test_the_workbook_is_downloaded_filled_and_imported_whole_or_refused(report, services):
    csrf = sign_in(report, operator(services, [DISDUKCAPIL]))
    report.post(PAGE, data=KTP | {"csrf": csrf})
    poster = report.get(PAGE + "/poster.pdf")
    assert poster.status_code == 200 and poster.data.startswith(b"%PDF")
    assert report.get(f"/operator/u/{DISDUKCAPIL}/2025-Q4/standar/poster.pdf").status_code == 404  # none in force yet
    workbook = report.get(PAGE + ".xlsx")
    assert workbook.status_code == 200 and workbook.headers["Content-Type"].startswith("application/vnd.openxml")
    [sheet] = standards_file.read_standards(workbook.data)
    assert sheet.standard.time.amount == 3  # the version in force at the period's end, filled in
    revised = sheet.standard.model_copy(update={"effective_from": date(2026, 11, 1), "decree_number": "800/50/2026"})
    unit = services.units.get_unit(DISDUKCAPIL)
    data = standards_file.template(unit, {revised.service: revised})
    upload = {"csrf": csrf, "file": (io.BytesIO(data), "standar.xlsx")}
    answer = report.post(PAGE + "/import", data=upload, content_type="multipart/form-data")
    assert answer.status_code == 303 and "imported=1" in answer.headers["Location"]
    bad = {"csrf": csrf, "file": (io.BytesIO(b"not a workbook"), "x.xlsx")}
    refused = report.post(PAGE + "/import", data=bad, content_type="multipart/form-data")
    assert refused.status_code == 422 and len(services.ops.standards(DISDUKCAPIL)) == 2


def test_another_units_operator_is_kept_out(report, services):
    csrf = sign_in(report, operator(services, ["dpmptsp"]))
    assert report.get(PAGE).status_code == 403
    assert report.post(PAGE, data=KTP | {"csrf": csrf}).status_code == 403
    assert report.get(PAGE + ".xlsx").status_code == 403
    assert services.ops.standards(DISDUKCAPIL) == []


def test_the_readiness_checklist_links_each_piece_and_the_bureau_sees_the_regions_share(report, services):
    from tests.helpers.http import aggregated

    aggregated(services)
    csrf = sign_in(report, operator(services, [DISDUKCAPIL]))
    unit_page = report.get(f"/operator/u/{DISDUKCAPIL}/2026-Q3").text
    assert 'id="kesiapan"' in unit_page and '✗ <a href="/operator/u/disdukcapil/2026-Q3/standar?lang=id">' in unit_page
    assert "(0/4 layanan)" in unit_page and "tanda tangani maklumat" in unit_page
    fields = {
        "text": "Kami sanggup melayani sesuai standar pelayanan.",
        "signer_name": "Drs. Ahmad Yani",
        "signer_position": "Kepala Dinas",
        "signed_on": "2026-07-01",
    }
    report.post(f"/operator/u/{DISDUKCAPIL}/2026-Q3/standar/maklumat", data=fields | {"csrf": csrf})
    assert (
        '✓ <a href="/operator/u/disdukcapil/2026-Q3/standar?lang=id#maklumat">'
        in report.get(f"/operator/u/{DISDUKCAPIL}/2026-Q3").text
    )
    sign_in(report, operator(services, bureau=True))
    home = report.get("/operator?period=2026-Q3").text
    assert "Unit yang siap dinilai: 0 dari 4 (0 %)" in home and "#kesiapan" in home
