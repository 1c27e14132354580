"""Service standards on the emulators: the demo's workbooks imported through the CLI, versions
kept, a clash refused without a write, the audit record in the same commit; a unit with two
services and two versions shows each period's own in the official PDF, the public site and the
counter poster."""

import json
from datetime import date, datetime, timedelta, timezone

import pytest

from shared.files import standards_file
from shared.files.spreadsheet import Refused
from shared.rules.periods import Period
from shared.usecases import standards
from skm import demo as journey

pytestmark = pytest.mark.stack


def test_two_workbooks_give_two_versions_and_each_period_sees_its_own(store, tmp_path, capsys):
    from skm.cli import main

    today = datetime.now(store.settings.zone).date()
    unit = store.units.get_unit("disdukcapil")
    first, revision = journey.demo_standards(today)
    paths = []
    for number, versions in enumerate((first, revision)):
        path = tmp_path / f"standar-{number}.xlsx"
        path.write_bytes(standards_file.template(unit, {v.service: v for v in versions}))
        paths.append(path)
    assert main(["standards", "import", str(paths[0]), "--by", "biro@contoh.go.id"]) == 0
    assert "2 standard version(s) added" in capsys.readouterr().out
    assert main(["standards", "import", str(paths[1])]) == 0
    assert main(["standards", "import", str(paths[1])]) == 0  # again: nothing new, nothing rewritten
    assert "0 standard version(s) added, 1 already stored" in capsys.readouterr().out

    running = Period.now(zone=store.settings.zone)
    now_in_force = standards.in_force(store.ops, "disdukcapil", running.end - timedelta(days=1))
    before = standards.in_force(store.ops, "disdukcapil", running.previous().end - timedelta(days=1))
    assert now_in_force["KTP elektronik"].time.amount == 1 and before["KTP elektronik"].time.amount == 3
    assert now_in_force["Akta kelahiran"] == before["Akta kelahiran"]
    assert "Kartu keluarga" not in now_in_force  # a service without a standard: none invented
    logged = [entry for entry in store.ops.admin_log(10) if entry["action"] == "standards_imported"]
    assert [entry["by"] for entry in logged][-1] == "biro@contoh.go.id" and len(logged) == 2

    template = tmp_path / "template.xlsx"
    assert main(["standards", "template", "disdukcapil", str(template)]) == 0
    read = {sheet.standard.service: sheet.standard for sheet in standards_file.read_standards(template.read_bytes())}
    assert read == now_in_force


def test_a_changed_version_under_a_stored_date_is_refused_and_nothing_is_written(store):
    today = datetime.now(store.settings.zone).date()
    unit = store.units.get_unit("disdukcapil")
    first, _ = journey.demo_standards(today)
    units = {unit.unit_id: unit}
    data = standards_file.template(unit, {v.service: v for v in first})
    now = datetime.now(timezone.utc)
    assert standards.import_workbook(data, "a.xlsx", "x", now, units, store.ops) == (2, 0)
    edited = [first[0].model_copy(update={"decree_number": "800/99/2026"}), first[1]]
    changed = standards_file.template(unit, {v.service: v for v in edited})
    with pytest.raises(Refused) as refused:
        standards.import_workbook(changed, "b.xlsx", "x", now, units, store.ops)
    [error] = refused.value.errors
    assert error.column == "KTP elektronik · Tanggal mulai berlaku" and error.line == 6
    assert store.ops.standards("disdukcapil") == sorted(first, key=lambda s: s.service)
    assert len([e for e in store.ops.admin_log(10) if e["action"] == "standards_imported"]) == 1


def test_the_poster_has_a_page_per_service_in_force_the_maklumat_and_the_forms_qr(
    store, tmp_path, monkeypatch, artifacts
):
    import subprocess

    from skm.cli import main
    from tests.helpers.printed import scan, text_of

    monkeypatch.setenv("SKM_FORM_BASE_URL", "https://skm.example.go.id")
    today = datetime.now(store.settings.zone).date()
    unit = store.units.get_unit("disdukcapil")
    units = {unit.unit_id: unit}
    for versions in journey.demo_standards(today):
        data = standards_file.template(unit, {v.service: v for v in versions})
        standards.import_workbook(data, "x.xlsx", "biro", datetime.now(timezone.utc), units, store.ops)
    fields = {
        "text": "Kami sanggup melayani sesuai standar; bila ingkar, kami siap menerima sanksi.",
        "signer_name": "Drs. Ahmad Yani",
        "signer_position": "Kepala Dinas",
        "signed_on": today.isoformat(),
    }
    standards.sign_maklumat("disdukcapil", fields, "biro", datetime.now(timezone.utc), store.ops)
    running = Period.now(zone=store.settings.zone)
    pages = {}
    for period in (running.previous(), running):
        assert main(["standards", "poster", "disdukcapil", "--period", period.key, "--out", str(tmp_path)]) == 0
        pdf = tmp_path / f"standar_pelayanan_disdukcapil_{period.key}.pdf"
        pages[period] = " ".join(text_of(pdf).split())
        scans = tmp_path / period.key
        scans.mkdir()
        assert scan(pdf, 1, scans) == ["https://skm.example.go.id/u/disdukcapil"]
    before, now = pages[running.previous()], pages[running]
    assert "KTP elektronik" in before and "Akta kelahiran" in before and "3 hari kerja" in before
    assert "1 hari kerja" in now and "Cukup NIK" in now and "Fotokopi KK" not in now
    assert "MAKLUMAT PELAYANAN" in now and "Drs. Ahmad Yani" in now and "Kepala Dinas" in now
    assert "tidak diatur dalam keputusan" not in now  # every delivery component of the demo is set
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(pdf), str(artifacts / "standard-poster")], check=True
    )


def test_two_services_two_versions_each_period_shows_its_own_in_the_pdf_the_site_and_the_poster(
    q3_data, stack, store, warehouse, tmp_path, monkeypatch
):
    """Puskesmas: Gigi and Imunisasi set in January; Gigi revised from 1 October. Q3 ended with
    the January versions; the running Q4 shows the revision."""
    import requests

    from shared.rules.standards import Cost, Duration, Standard
    from skm.cli import main
    from skm.local import trigger_aggregate
    from tests.helpers.data import Q3, add_operator
    from tests.helpers.printed import text_of

    unit = store.units.get_unit("puskesmas-teluk-dalam")
    q4 = Q3.next()

    def version(service, effective, number, minutes, rupiah):
        return Standard(
            unit_id=unit.unit_id,
            service=service,
            decree_number=number,
            decree_date=effective,
            effective_from=effective,
            components={"waktu": f"{minutes} menit", "persyaratan": f"Kartu berobat ({number})"},
            time=Duration(amount=minutes, unit="menit"),
            cost=Cost(rupiah=rupiah),
        )

    january = {
        "Gigi": version("Gigi", date(2026, 1, 5), "440/1/2026", 45, 15000),
        "Imunisasi": version("Imunisasi", date(2026, 1, 5), "440/2/2026", 20, 0),
    }
    october = {"Gigi": version("Gigi", date(2026, 10, 1), "440/9/2026", 30, 10000)}
    now = datetime.now(timezone.utc)
    for versions in (january, october):
        data = standards_file.template(unit, versions)
        standards.import_workbook(data, "x.xlsx", "biro", now, {unit.unit_id: unit}, store.ops)
    trigger_aggregate(stack.url("aggregate"), q4.key)
    bureau = add_operator(store, "biro@contoh.go.id", bureau=True)
    texts = {}
    for period in (Q3, q4):
        body = {"unit_id": unit.unit_id, "period": period.key, "document": "official", "format": "pdf"}
        made = requests.post(f"{stack.url('report')}/api/v1/reports", json=body, headers=bureau, timeout=120)
        assert made.status_code == 201, made.text
        pdf = tmp_path / f"official-{period.key}.pdf"
        pdf.write_bytes(requests.get(made.json()["url"], timeout=60).content)
        texts[period] = " ".join(text_of(pdf).split())
    assert "Keputusan Nomor 440/1/2026 tanggal 5 Januari 2026 tentang Standar Pelayanan Gigi" in texts[Q3]
    assert "440/9/2026" not in texts[Q3] and "Janji dalam standar pelayanan" in texts[Q3]
    assert "Keputusan Nomor 440/9/2026 tanggal 1 Oktober 2026 tentang Standar Pelayanan Gigi" in texts[q4]
    assert "Standar Pelayanan Imunisasi" in texts[q4]  # the January version of the other service holds

    monkeypatch.setenv("SKM_PUBLIC_DIR", str(tmp_path / "public"))
    assert main(["publish", "--period", Q3.key]) == 0
    page = (tmp_path / "public" / Q3.key / "u" / f"{unit.unit_id}.html").read_text()
    assert "Janji Gigi: selesai 45 menit" in page and "Janji Imunisasi: gratis" in page and "Rp15.000" in page
    standard_page = (tmp_path / "public" / Q3.key / "u" / f"{unit.unit_id}-standar.html").read_text()
    assert (
        "Kartu berobat (440/1/2026)" in standard_page
        and "Standar baru untuk Gigi berlaku mulai 1 Oktober 2026" in standard_page
    )
    published = json.loads((tmp_path / "public" / Q3.key / "standards.json").read_text())
    assert {s["decree_number"] for u in published["units"] for s in u["services"]} == {"440/1/2026", "440/2/2026"}

    for period, expected, absent in ((Q3, "45 menit", "30 menit"), (q4, "30 menit", "45 menit")):
        assert main(["standards", "poster", unit.unit_id, "--period", period.key, "--out", str(tmp_path)]) == 0
        poster = " ".join(text_of(tmp_path / f"standar_pelayanan_{unit.unit_id}_{period.key}.pdf").split())
        assert expected in poster and absent not in poster and "Imunisasi" in poster
