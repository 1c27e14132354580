"""Service standards on the Firestore emulator: the demo's workbooks imported through the CLI,
versions kept, a clash refused without a write, the audit record in the same commit."""

from datetime import datetime, timezone

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
    now_in_force = standards.in_force(store.ops, "disdukcapil", running.end)
    before = standards.in_force(store.ops, "disdukcapil", running.previous().end)
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
