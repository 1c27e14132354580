"""The bureau manages units in the browser (issue 18, point 2), in-process on fakes."""

import io

from tests.helpers.http import PUSKESMAS, operator, sign_in

NEW = {
    "unit_id": "kelurahan-baru",
    "name": "Kelurahan <Baru>",
    "type": "Kelurahan",
    "service_users_per_quarter": "1.500",
    "surveys": ["ipak"],
    "services": "Surat pengantar\nLegalisir",
    "active": "1",
}


def test_the_bureau_adds_edits_and_closes_a_unit(report, submit, services):
    csrf = sign_in(report, operator(services, bureau=True))
    bad = report.post("/operator/units", data={**NEW, "unit_id": "Kelurahan Baru", "name": "", "csrf": csrf})
    assert bad.status_code == 422 and "Kode unit: 2–63 huruf kecil" in bad.text and "Wajib diisi." in bad.text
    assert 'value="Kelurahan Baru"' in bad.text and services.units.get_unit("kelurahan-baru") is None
    assert report.post("/operator/units", data={**NEW, "csrf": csrf}).status_code == 303
    unit = services.units.get_unit("kelurahan-baru")
    assert (unit.service_users_per_quarter, unit.surveys, unit.services) == (
        1500,
        ("skm", "ipak"),
        ("Surat pengantar", "Legalisir"),
    )
    taken = report.post("/operator/units", data={**NEW, "csrf": csrf})
    assert taken.status_code == 422 and "sudah dipakai" in taken.text
    listing = report.get("/operator/units").text
    assert "Kelurahan &lt;Baru&gt;" in listing and "<Baru>" not in listing
    edit = report.get("/operator/units/kelurahan-baru")
    assert edit.status_code == 200 and "Surat pengantar\nLegalisir" in edit.text
    closed = {**NEW, "name": "Kelurahan Baru", "csrf": csrf}
    del closed["active"]
    assert report.post("/operator/units/kelurahan-baru", data=closed).status_code == 303
    assert services.units.get_unit("kelurahan-baru").active is False
    assert submit.get("/u/kelurahan-baru").status_code == 410 and "kelurahan-baru" not in submit.get("/").text
    history = report.get("/operator/operators").text
    assert "menambah unit" in history and "mengubah unit" in history


def test_the_units_file_is_imported_whole_or_refused_with_every_bad_cell(report, services):
    csrf = sign_in(report, operator(services, bureau=True))
    header = "kode_unit;nama;jenis;induk;pengguna_per_triwulan;survei\n"
    good = header + f"{PUSKESMAS};Puskesmas Teluk Dalam;Puskesmas;;2.000;skm\nkel-x;Kelurahan X;Kelurahan;;300;skm\n"
    bad = good + "Kel Y;;Kelurahan;;1,5;skm\n"
    before = len(services.units.list_units())
    refused = report.post(
        "/operator/units/import", data={"csrf": csrf, "file": (io.BytesIO(bad.encode("utf-16")), "unit.csv")}
    )
    assert refused.status_code == 422 and len(services.units.list_units()) == before
    for text in ("Baris 4, kolom A (unit_id)", "Baris 4, kolom B (name): Wajib diisi.", "Baris 4, kolom E"):
        assert text in refused.text
    done = report.post("/operator/units/import", data={"csrf": csrf, "file": (io.BytesIO(good.encode()), "unit.csv")})
    assert done.status_code == 200 and "1 unit baru, 1 unit diperbarui" in done.text
    assert services.units.get_unit(PUSKESMAS).service_users_per_quarter == 2000


def test_a_unit_operator_cannot_manage_units(report, services):
    csrf = sign_in(report, operator(services, [PUSKESMAS]))
    assert report.get("/operator/units").status_code == 403
    assert report.post("/operator/units", data={**NEW, "csrf": csrf}).status_code == 403
    assert report.post(f"/operator/units/{PUSKESMAS}", data={**NEW, "csrf": csrf}).status_code == 403
