"""Workbooks: what a citizen typed stays text; numbers and dates keep their types."""

import io
from datetime import datetime, timezone

from openpyxl import load_workbook

from functions.report.skm_report import workbooks
from shared.rules.periods import JAKARTA


def test_a_formula_a_citizen_typed_is_kept_as_text_and_times_are_the_regions():
    doc = {
        "receipt": "ACDEFGHJ",
        "suggestion": '=HYPERLINK("http://x","klik")',
        "submitted_at": datetime(2026, 9, 30, 17, 30, tzinfo=timezone.utc),  # 00:30 WIB on 1 October
        "channel": "web",
    }
    sheet = load_workbook(io.BytesIO(workbooks.complaints([doc], JAKARTA)))["Pengaduan"]
    assert sheet["C2"].data_type == "s" and sheet["C2"].value == doc["suggestion"]
    assert sheet["B2"].value == datetime(2026, 10, 1, 0, 30) and sheet["D2"].value == "baru"
