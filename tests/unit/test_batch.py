"""Batches of responses (imports, paper forms): reading files, cells, ids."""

import codecs
from datetime import datetime, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.files import responses_file, spreadsheet
from shared.rules.periods import JAKARTA
from shared.rules.records import Unit
from shared.usecases import imports

UNIT = Unit(unit_id="kelurahan-teluk-dalam", name="Kelurahan", type="Kelurahan")
BATCH = responses_file.Batch({UNIT.unit_id: UNIT}, JAKARTA, datetime(2026, 11, 24, tzinfo=timezone.utc), "import")
HEADER = "unit_id,submitted_at,U1,U2,U3,U4,U5,U6,U7,U8,U9"
ROW = "kelurahan-teluk-dalam,02/08/2026 09:30,4,4,4,4,4,4,4,4,3"


def kept():
    from tests.helpers.fakes import FakeResponses

    return FakeResponses({})


@pytest.mark.parametrize(
    "encoded",
    [
        f"{HEADER}\n{ROW}\n".encode(),
        f"{HEADER}\r\n{ROW}\r\n".replace(",", ";").encode("utf-8-sig"),  # Indonesian Excel, CSV UTF-8
        f"{HEADER}\n{ROW}\n".replace(",", "\t").encode("utf-16"),  # Excel's "Unicode text"
        codecs.BOM_UTF16_LE + f"{HEADER}\n{ROW}\n".replace(",", ";").encode("utf-16-le"),
    ],
)
def test_every_way_excel_saves_a_csv_reads_the_same(encoded):
    table = responses_file.read_table(encoded)
    assert table.header[:3] == ["unit_id", "submitted_at", "U1"]
    ((line, row),) = table.rows
    assert line == 2 and row["U9"] == "3" and row["submitted_at"] == "02/08/2026 09:30"


def test_the_same_rows_taken_twice_add_nothing_and_identical_rows_stay_distinct():
    data = f"{HEADER}\n{ROW}\n{ROW}\n".encode()
    store = kept()
    assert imports.import_responses(data, BATCH, "op@x", "a.csv", store) == imports.Taken(2, 0, (), (("2026-Q3", 2),))
    again = imports.import_responses(data, BATCH, "op@x", "a.csv", store)
    assert again == imports.Taken(0, 2, (), (("2026-Q3", 2),))
    assert "Triwulan III 2026 (Juli–September): 2" in imports.done_text(again, "id")  # where the rows went
    assert [(r["by"], r["file"], r["added"]) for r in store.entries] == [("op@x", "a.csv", 2), ("op@x", "a.csv", 0)]


def test_a_suggestion_over_several_lines_keeps_the_line_numbers_of_later_rows():
    data = f'{HEADER},suggestion\n{ROW},"baris satu\nbaris dua"\n{ROW.replace(",3", ",7")},\n'.encode()
    with pytest.raises(spreadsheet.Refused) as refused:
        responses_file.read_file(data, BATCH)
    (error,) = refused.value.errors
    assert (error.line, error.letter, error.column) == (4, "K", "U9")


def test_the_header_names_unknown_repeated_and_missing_columns():
    data = b"unit_id,jam_isi,U1,U1,U2\n"
    with pytest.raises(spreadsheet.Refused) as refused:
        responses_file.read_file(data, BATCH)
    found = {(e.letter, e.column) for e in refused.value.errors}
    assert {("B", "jam_isi"), ("D", "U1"), ("", "submitted_at"), ("", "U9")} <= found


def test_answers_read_as_digits_labels_or_numbers():
    item = responses_file.questionnaire.current("skm").items[0]
    assert [
        responses_file.read_score(v, item) for v in (4, 4.0, "4", "4 - Sangat sesuai", "sangat SESUAI", "", 4.5)
    ] == [
        4,
        4,
        4,
        4,
        4,
        None,
        None,
    ]


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31)))
def test_an_indonesian_spreadsheet_time_is_read_as_the_regions_local_time(moment):
    moment = moment.replace(second=0, microsecond=0)
    written = moment.strftime("%d/%m/%Y %H:%M")
    assert responses_file.submitted_at(written, JAKARTA) == moment.replace(tzinfo=JAKARTA)


def test_a_us_date_is_refused_with_how_to_fix_it():
    with pytest.raises(ValueError, match="month_first"):
        responses_file.submitted_at("10/24/2026 09:15", JAKARTA)


@pytest.mark.parametrize("index,letter", [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"), (702, "AAA")])
def test_column_letters_are_the_spreadsheets(index, letter):
    assert spreadsheet.column_letter(index) == letter


def test_a_cell_outside_the_tables_columns_is_refused_never_cut():
    """An unquoted ';' in a suggestion (Indonesian Excel's separator) shifts the row: refused with
    its line and column, instead of storing "Antrean lama" for "Antrean lama; parkir sempit"."""
    header = HEADER.replace(",", ";") + ";suggestion"
    row = ROW.replace(",", ";") + ";Antrean lama; parkir sempit"
    with pytest.raises(spreadsheet.Refused) as refused:
        responses_file.read_file(f"{header}\n{row}\n".encode(), BATCH)
    ((line, letter),) = [(e.line, e.letter) for e in refused.value.errors]
    assert (line, letter) == (2, "M") and "tanda kutip" in refused.value.errors[0].message
    trailing = f"{header};;\n{row.replace('; parkir', ', parkir')};;\n"  # empty trailing cells: fine
    assert responses_file.read_file(trailing.encode(), BATCH).responses[0].suggestion == "Antrean lama, parkir sempit"


def test_indonesian_column_names_are_read_whatever_their_case_spaces_and_punctuation():
    header = "No.;Tanggal;Kode Unit;U1;U2;U3;U4;U5;U6;U7;U8;U9;JENIS_KELAMIN;Umur;Pendidikan;Pekerjaan;Kritik dan Saran"
    row = "1;02/08/2026 09:30;kelurahan-teluk-dalam;4;4;4;4;4;4;4;4;3;P;34;SMA;Swasta;Antrean lama"
    (found,) = responses_file.read_file(f"{header}\n{row}\n".encode(), BATCH).responses
    assert (found.profile.gender, found.profile.age, found.profile.education) == ("P", 34, "SMA")
    assert found.profile.occupation == "SWASTA" and found.suggestion == "Antrean lama"


def test_a_file_may_carry_skm_alone_for_a_unit_that_also_runs_ipkp_and_ipak():
    puskesmas = Unit(unit_id="puskesmas", name="Puskesmas", type="Puskesmas", surveys=("skm", "ipkp", "ipak"))
    batch = responses_file.Batch({"puskesmas": puskesmas}, JAKARTA, BATCH.now, "import", unit_id="puskesmas")
    data = f"{HEADER}\n{ROW.replace('kelurahan-teluk-dalam', 'puskesmas')}\n".encode()
    (found,) = responses_file.read_file(data, batch).responses
    assert found.questionnaires == {"skm": 1} and set(found.answers) == {f"U{i}" for i in range(1, 10)}
    partly = f"{HEADER},IPKP1\n{ROW.replace('kelurahan-teluk-dalam', 'puskesmas')},4\n".encode()
    with pytest.raises(spreadsheet.Refused) as refused:  # a survey's columns: all of them or none
        responses_file.read_file(partly, batch)
    assert {e.column for e in refused.value.errors} == {f"IPKP{i}" for i in range(2, 10)}


def test_a_totals_row_under_the_data_is_skipped_with_a_note():
    totals = "Jumlah,,36,36,36,36,36,36,36,36,27"
    data = f"{HEADER}\n{ROW}\n{ROW}\n{totals}\n".encode()
    taken = imports.import_responses(data, BATCH, "op@x", "a.csv", kept())
    assert (taken.added, taken.totals) == (2, (4,))
    assert imports.done_text(taken, "id").endswith("Baris 4 berisi jumlah atau rata-rata dan dilewati.")


def test_the_units_template_reads_back_once_filled_in_and_lists_the_allowed_answers():
    import io

    from openpyxl import load_workbook

    from shared.files import responses_template

    puskesmas = Unit(
        unit_id="puskesmas", name="Puskesmas", type="Puskesmas", surveys=("skm", "ipak"), services=("Imunisasi", "Gigi")
    )
    book = load_workbook(io.BytesIO(responses_template.template(puskesmas)))
    sheet = book["Isian"]
    header = [cell.value for cell in sheet[1]]
    assert header[0] == "Tanggal" and "U9" in header and "IPAK5" in header and "IPKP1" not in header
    assert header[-6:] == ["Jenis kelamin", "Umur", "Pendidikan", "Pekerjaan", "Layanan", "Kritik dan saran"]
    checks = {str(v.sqref).split(":")[0]: v for v in sheet.data_validations.dataValidation}
    assert checks["B2"].type == "list" and checks["B2"].formula1.startswith("Pilihan!$B$1")
    services = [row[0].value for row in book["Pilihan"].iter_rows(min_col=len(header) - 1, max_col=len(header) - 1)]
    assert [s for s in services if s] == ["Imunisasi", "Gigi"]
    values = ["15/09/2026 09:30", *["4"] * 14, "P", 34, "SMA", "PNS", "Gigi", "Ramah"]
    for column, value in enumerate(values, start=1):
        sheet.cell(2, column, value)
    filled = io.BytesIO()
    book.save(filled)
    batch = responses_file.Batch({"puskesmas": puskesmas}, JAKARTA, BATCH.now, "import", unit_id="puskesmas")
    (found,) = responses_file.read_file(filled.getvalue(), batch).responses
    assert found.questionnaires == {"skm": 1, "ipak": 1} and found.profile.service == "Gigi"
    assert found.suggestion == "Ramah" and found.answers["IPAK5"] == 4


@pytest.mark.parametrize(
    ("written", "column"),
    [
        ("31/12/1999 10:00", "B"),  # a typo for 2019: it would name quarter 1999-Q4
        ("2000-01-01T00:00:00+14:00", "B"),  # still 1999 in UTC
        ("0001-01-01", "B"),  # year 1 overflows when moved to another zone
        ("31/12/2016 23:59", "B"),
    ],
)
def test_a_date_before_the_regions_earliest_year_is_refused_with_its_line_and_column(written, column):
    data = f"{HEADER}\n{ROW}\n{ROW.replace('02/08/2026 09:30', written)}\n".encode()
    with pytest.raises(spreadsheet.Refused) as refused:
        responses_file.read_file(data, BATCH)
    [error] = refused.value.errors
    assert (error.line, error.letter, error.message) == (
        3,
        column,
        "Tanggal sebelum tahun 2017 tidak diterima: periksa tahunnya.",
    )
    later = responses_file.Batch(BATCH.units, JAKARTA, BATCH.now, "import", earliest_year=2020)
    with pytest.raises(spreadsheet.Refused):  # a region that started later says so
        responses_file.read_file(f"{HEADER}\n{ROW.replace('2026', '2019')}\n".encode(), later)


def test_an_import_cut_off_counts_nothing_until_the_same_file_completes_it():
    """Issue 26, point 4: rows written before a kill stay out of every run; sent again, the
    file's import resumes and completes, and a different file takes the orphaned rows over."""
    from shared.rules.periods import Period
    from shared.usecases.aggregation import ingestion
    from tests.helpers.fakes import FakeFeed, FakeOps, FakeWarehouse

    data = (f"{HEADER}\n{ROW}\n" + ROW.replace("09:30", "10:30") + "\n").encode()
    store = kept()

    class CutOff(Exception):
        pass

    write = store.write_import_rows

    def killed(import_id, responses):
        write(import_id, responses[:1])  # the first row made it
        raise CutOff

    store.write_import_rows = killed  # type: ignore[method-assign]
    with pytest.raises(CutOff):
        imports.import_responses(data, BATCH, "op@x", "a.csv", store)
    del store.write_import_rows
    feed, ops, warehouse, q3 = FakeFeed(store, {}), FakeOps({}), FakeWarehouse(), Period.parse("2026-Q3")

    def counted() -> int:
        ingestion.ingest(feed, ops, warehouse, store)
        return len(warehouse.current_rows(q3))

    assert len(store.docs) == 1 and counted() == 0 and store.entries == []
    taken = imports.import_responses(data, BATCH, "op@x", "a.csv", store)  # the same file again
    assert (taken.added, taken.known) == (2, 0)
    assert counted() == 2
    assert [r["added"] for r in store.entries] == [2] and "2026-Q3" in store.changes


def test_a_six_point_file_is_imported_with_its_labels_and_refused_past_its_scale():
    unit = Unit(unit_id="inspektorat", name="Inspektorat", type="Dinas", surveys=("skm", "spkp", "spak"))
    batch = responses_file.Batch({unit.unit_id: unit}, JAKARTA, datetime(2026, 11, 24, tzinfo=timezone.utc), "import")
    header = ",".join(["unit_id", "submitted_at", *(f"U{i}" for i in range(1, 10))])
    header += "," + ",".join([*(f"SPKP{i}" for i in range(1, 26)), *(f"SPAK{i}" for i in range(1, 9))])
    cells = ["inspektorat", "02/08/2026 09:30", *["4"] * 9, "Sangat setuju", *["5"] * 24, *["6"] * 8]
    store = kept()
    data = f"{header}\n{','.join(cells)}\n".encode()
    assert imports.import_responses(data, batch, "op@x", "zi.csv", store).added == 1
    [saved] = store.docs.values()
    assert saved["answers"]["SPKP1"] == 6 and saved["answers"]["SPAK8"] == 6 and saved["questionnaires"]["spkp"] == 1
    seven = cells[:-1] + ["7"]
    with pytest.raises(spreadsheet.Refused) as refused:
        imports.import_responses(f"{header}\n{','.join(seven)}\n".encode(), batch, "op@x", "zi.csv", kept())
    assert "1 sampai 6" in refused.value.errors[0].message and refused.value.errors[0].column == "SPAK8"
