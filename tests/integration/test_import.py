"""Responses collected elsewhere: `skm responses import FILE` into a closed quarter, through to the PDF."""

import io
from pathlib import Path

import pytest

from shared.usecases.aggregation import runs
from skm.cli import main
from skm.local import trigger_aggregate
from tests.helpers.area import pdf_text, report_link
from tests.helpers.data import stored_responses

pytestmark = pytest.mark.stack
EXAMPLES = Path(__file__).parents[2] / "examples"
UNIT = "kelurahan-teluk-dalam"  # SKM only


def import_file(path: Path, *options: str) -> int:
    return main(["responses", "import", str(path), *options])


def test_a_google_forms_export_imports_into_a_closed_quarter_once_and_reaches_the_pdf(
    stack, store, bureau, artifacts, capsys
):
    export = EXAMPLES / "google-forms" / "skm-kelurahan-teluk-dalam.csv"
    mapping = EXAMPLES / "google-forms" / "mapping.csv"
    assert import_file(export, "--unit", UNIT, "--mapping", str(mapping)) == 0
    assert "12 isian baru diimpor; 0 sudah ada" in capsys.readouterr().out
    assert import_file(export, "--unit", UNIT, "--mapping", str(mapping)) == 0  # the same file again
    assert "0 isian baru diimpor; 12 sudah ada" in capsys.readouterr().out
    stored = stored_responses(store)
    assert len(stored) == 12 and {doc["channel"] for doc in stored} == {"import"}
    assert {doc["quarter"] for doc in stored} == {"2026-Q4"}
    runs.catch_up(store)  # the ingester brings them in and marks their quarter for the daily run
    assert "2026-Q4" in store.responses.changed_quarters()


def test_a_semicolon_file_from_indonesian_excel_goes_through_to_the_pdf(stack, store, bureau, artifacts, capsys):
    lines = ["No;unit_id;submitted_at;U1;U2;U3;U4;U5;U6;U7;U8;U9;gender;age"]
    for n in range(1, 7):  # six responses in Q3, which has ended: a late import
        scores = ";".join(["4"] * 8 + ["3" if n % 2 else "4"])
        lines.append(f"{n};{UNIT};{n + 1:02d}/08/2026 09:{n:02d};{scores};{'LP'[n % 2]};{20 + n}")
    path = artifacts / "excel-id.csv"
    path.write_bytes("\r\n".join(lines).encode("utf-8-sig"))
    assert import_file(path) == 0
    trigger_aggregate(stack.url("aggregate"), "2026-Q3")
    text = pdf_text(report_link(stack, bureau, unit_id=UNIT, period="2026-Q3"), artifacts / "imported.pdf")
    # U9: three 3s and three 4s -> 3.5; IKM (8x4 + 3.5)/9 = 3.9444 -> 98.61, A
    assert "98,61" in text and "3,9444" in text and "Impor berkas" in text


def test_a_bad_file_is_refused_whole_with_every_line_and_column(stack, store, artifacts, capsys):
    good = f"{UNIT},01/08/2026 09:00," + ",".join(["4"] * 9)
    rows = [
        "unit_id,submitted_at,U1,U2,U3,U4,U5,U6,U7,U8,U9,age",
        good + ",30",
        f"{UNIT},31/02/2026 09:00," + ",".join(["4"] * 9) + ",30",  # no 31 February
        f"{UNIT},01/08/2026 09:00,4,5,4,4,4,4,4,4,,abc",  # U2 out of range, U9 empty, age not a number
        "puskesmas-tidak-ada,01/08/2026 09:00," + ",".join(["4"] * 9) + ",",
    ]
    path = artifacts / "bad.csv"
    path.write_text("\n".join(rows), encoding="utf-8")
    assert import_file(path) == 1
    errors = capsys.readouterr().err
    for expected in (
        "Baris 3, kolom B (submitted_at)",
        "Baris 4, kolom D (U2): Jawaban harus bernilai 1 sampai 4.",
        "Baris 4, kolom K (U9)",
        "Baris 4, kolom L (age): Harus berupa angka bulat.",
        "Baris 5, kolom A (unit_id): Unit tidak dikenal",
        "Tidak ada yang diimpor: 5 sel perlu diperbaiki.",
    ):
        assert expected in errors, errors
    assert stored_responses(store) == []  # not even the good line


def test_an_xlsx_file_imports_with_its_dates(stack, store, artifacts, capsys):
    from datetime import datetime

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["unit_id", "submitted_at", *[f"U{i}" for i in range(1, 10)], "suggestion"])
    sheet.append([UNIT, datetime(2026, 9, 30, 23, 30), *[3] * 9, "Loket <b>kurang</b>"])
    buffer = io.BytesIO()
    book.save(buffer)
    path = artifacts / "responses.xlsx"
    path.write_bytes(buffer.getvalue())
    assert import_file(path) == 0
    (doc,) = stored_responses(store)
    assert doc["quarter"] == "2026-Q3"  # 23:30 WIB on 30 September, local time
    assert doc["complaint_status"] == "baru" and doc["suggestion"] == "Loket <b>kurang</b>"


def test_the_template_the_cli_writes_imports_back_once_filled_in(stack, store, tmp_path, capsys):
    from openpyxl import load_workbook

    path = tmp_path / "templat.xlsx"
    assert main(["responses", "template", "puskesmas-teluk-dalam", str(path)]) == 0
    book = load_workbook(path)
    sheet = book["Isian"]
    header = [cell.value for cell in sheet[1]]
    for column, name in enumerate(header, start=1):
        sheet.cell(2, column, "15/09/2026 09:30" if name == "Tanggal" else "4" if name[-1].isdigit() else None)
    book.save(path)
    assert import_file(path, "--unit", "puskesmas-teluk-dalam") == 0
    assert "1 isian baru diimpor" in capsys.readouterr().out
    (stored,) = stored_responses(store)
    assert set(stored["questionnaires"]) == {"skm", "ipkp", "ipak"}  # the puskesmas runs all three
    assert main(["responses", "template", "no-such-unit", str(path)]) == 2
