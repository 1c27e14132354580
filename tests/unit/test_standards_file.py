"""The standards workbook: the template reads back, and every bad cell is named by sheet, line
and column; nothing is read from a refused file."""

import io
from datetime import date

import pytest

from shared.files import standards_file
from shared.files.spreadsheet import Refused
from shared.rules.records import Unit
from shared.rules.standards import Cost, Duration, Standard

UNIT = Unit(unit_id="disdukcapil", name="Disdukcapil", type="dinas", services=("KTP-el", "Akta kelahiran"))


def fill(data: bytes, changes: dict[str, dict[str, object]]) -> bytes:
    """The template as a person fills it in Excel: column B of the rows named in column A."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    for sheet_name, rows in changes.items():
        sheet = book[sheet_name]
        for row in sheet.iter_rows(min_row=1):
            label = row[0].value
            if label in rows:
                row[1].value = rows.pop(label)
        for label, value in rows.items():  # rows the template does not have
            sheet.append([label, value])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


KTP = {
    "Nomor keputusan": "800/17/Disdukcapil/2026",
    "Tanggal keputusan": "02/01/2026",
    "Tanggal mulai berlaku": "2026-01-15",
    "Persyaratan": "Fotokopi KK; surat pengantar RT/RW",
    "Jangka waktu penyelesaian": "1 hari kerja",
    "Biaya/tarif": "Gratis",
}


def test_the_template_has_a_sheet_per_service_and_reads_back_what_staff_wrote():
    data = fill(standards_file.template(UNIT), {"KTP-el": dict(KTP)})
    [sheet] = standards_file.read_standards(data)  # the untouched sheet is a service not yet set
    standard = sheet.standard
    assert standard.unit_id == "disdukcapil" and standard.service == "KTP-el"
    assert (standard.decree_date, standard.effective_from) == (date(2026, 1, 2), date(2026, 1, 15))
    assert standard.time == Duration(amount=1, unit="hari kerja") and standard.cost == Cost(rupiah=0)
    assert standard.text("persyaratan") == "Fotokopi KK; surat pengantar RT/RW"
    assert standard.text("produk") == "" and "produk" not in standard.components  # never invented


def test_the_template_starts_from_the_version_in_force():
    current = Standard(
        unit_id="disdukcapil",
        service="Akta kelahiran",
        decree_number="800/3/2025",
        decree_date=date(2025, 3, 1),
        effective_from=date(2025, 3, 3),
        components={"biaya": "Rp 5.000,-"},
        cost=Cost(rupiah=5000),
    )
    [again] = standards_file.read_standards(standards_file.template(UNIT, {"Akta kelahiran": current}))
    assert again.standard == current and again.name == "Akta kelahiran"


def test_bad_cells_are_named_by_sheet_line_and_column_and_nothing_is_read():
    bad = dict(KTP) | {
        "Tanggal keputusan": None,
        "Jangka waktu penyelesaian": "-3 hari",
        "Biaya/tarif": "Rp 5.000 s.d. 10.000",
    }
    bad["Jumlah pegawai"] = "12"  # not a component's name
    data = fill(standards_file.template(UNIT), {"KTP-el": bad})
    with pytest.raises(Refused) as refused:
        standards_file.read_standards(data)
    said = [error.text("id") for error in refused.value.errors]
    assert any("Baris 5, kolom B (KTP-el · Tanggal keputusan): Wajib diisi." in line for line in said), said
    assert any("KTP-el · Jangka waktu penyelesaian): Jangka waktu harus lebih dari nol." in line for line in said)
    assert any("KTP-el · Biaya/tarif): Tulis satu nilai rupiah" in line for line in said)
    assert any("kolom A (KTP-el · Jumlah pegawai)" in line for line in said)
    with pytest.raises(Refused) as refused:
        standards_file.read_standards(data, lang="en")
    english = [error.text("en") for error in refused.value.errors]
    assert any("The time must be more than zero." in line for line in english)


def test_a_file_that_is_not_a_workbook_or_has_nothing_filled_is_refused():
    for data in (b"unit_id,name\n", standards_file.template(UNIT)):
        with pytest.raises(Refused):
            standards_file.read_standards(data)


def test_sheet_names_fit_excel():
    long = Unit(unit_id="x-unit", name="X", type="dinas", services=("A" * 40, "A" * 40 + "b", "Izin: usaha/mikro"))
    names = io.BytesIO(standards_file.template(long))
    from openpyxl import load_workbook

    titles = load_workbook(names).sheetnames
    assert len({t.lower() for t in titles}) == 3 and all(len(t) <= 31 for t in titles)
    assert "Izin  usaha mikro" in titles


def test_a_sheet_of_a_unit_or_service_the_person_may_not_edit_is_refused():
    data = fill(standards_file.template(UNIT), {"KTP-el": dict(KTP) | {"Nama layanan": "Paspor"}})
    with pytest.raises(Refused) as refused:
        standards_file.read_standards(data, units={UNIT.unit_id: UNIT})
    [error] = refused.value.errors
    assert error.line == 3 and error.letter == "B" and "KTP-el, Akta kelahiran" in error.message
    with pytest.raises(Refused) as refused:
        standards_file.read_standards(data, units={})
    assert refused.value.errors[0].text() == "Baris 2, kolom B (KTP-el · Kode unit): Unit disdukcapil tidak terdaftar."
