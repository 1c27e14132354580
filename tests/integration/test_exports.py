"""Exports that open right in Indonesian Excel: numbers as numbers, dates as dates, frozen headers."""

import io
from datetime import datetime
from decimal import Decimal

import pytest
import requests
from openpyxl import load_workbook

from tests.helpers.area import Area
from tests.helpers.data import Q3, add_operator, rows_by_key

pytestmark = pytest.mark.stack
UNIT = "puskesmas-teluk-dalam"


def workbook(content: bytes):
    return load_workbook(io.BytesIO(content), read_only=False)


def test_the_recap_workbook_has_the_ranking_and_the_element_matrices(q3_data, stack, store, warehouse, bureau):
    body = {"unit_id": "*", "period": Q3.key, "format": "xlsx"}
    made = requests.post(f"{stack.url('report')}/api/v1/reports", json=body, headers=bureau, timeout=60)
    assert made.status_code == 201, made.text
    download = requests.get(made.json()["url"], timeout=60)
    assert "spreadsheetml" in download.headers["Content-Type"]
    book = workbook(download.content)
    assert book.sheetnames == ["Rekap", "Matriks unsur", "Matriks IPKP", "Matriks IPAK"]
    recap = book["Rekap"]
    assert recap.freeze_panes == "A2"
    header = [cell.value for cell in recap[1]]
    first = dict(zip(header, [cell.value for cell in recap[2]]))
    skm = rows_by_key(warehouse)[(first["Kode unit"], "skm")]  # headers in the reader's language
    assert isinstance(first["IKM konversi"], float) and Decimal(str(first["IKM konversi"])) == Decimal(
        skm["index_converted"]
    )
    assert recap.cell(2, header.index("IKM konversi") + 1).number_format == "0.00"
    assert first["Sementara"] == "Tidak"  # not FALSE
    matrix = book["Matriks unsur"]
    assert [c.value for c in matrix[1]][2:11] == [f"U{i}" for i in range(1, 10)]
    row = {c.value: v.value for c, v in zip(matrix[1], matrix[2])}
    nrr = {e["code"]: e["nrr"] for e in rows_by_key(warehouse)[(row["Kode unit"], "skm")]["elements"]}
    assert Decimal(str(row["U1"])) == Decimal(nrr["U1"])


def test_a_units_responses_and_complaints_as_workbooks(q3_data, stack, store):
    area = Area(stack, add_operator(store, "kapus@contoh.go.id", units=[UNIT]))
    responses = area.get(f"/u/{UNIT}/{Q3.key}/responses.xlsx")
    assert (
        responses.status_code == 200
        and 'filename="SKM_puskesmas-teluk-dalam_2026-Q3.xlsx"' in responses.headers["Content-Disposition"]
    )
    sheet = workbook(responses.content)["Isian"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, [c.value for c in row])) for row in sheet.iter_rows(min_row=2)]
    assert len(rows) == len(q3_data[UNIT]) and sheet.freeze_panes == "A2"
    assert all(isinstance(row["Waktu pengisian (WIB)"], datetime) for row in rows)
    assert all(isinstance(row["U1"], int) for row in rows)
    assert sheet.cell(2, header.index("Waktu pengisian (WIB)") + 1).number_format == "dd/mm/yyyy hh:mm"
    complaints = workbook(area.get(f"/u/{UNIT}/{Q3.key}/complaints.xlsx").content)["Pengaduan"]
    texts = [c.value for c in complaints["C"][1:]]
    assert texts and "Petugas ramah <b>sekali</b>" in texts and all(t for t in texts)
