"""An upload is hostile until bounded (issue 26, point 3): rows, cells per row, characters per
cell, unpacked size, time and the errors listed are capped, each refusal naming its line. The
full-size files and their peak memory and time are in `make bench` (bench/uploads.py)."""

from datetime import datetime, timezone

import pytest

from bench import uploads
from shared.files import responses_file, spreadsheet, units_file
from shared.rules.periods import JAKARTA
from shared.rules.records import Unit

UNIT = Unit(unit_id="kel-a", name="Kelurahan A", type="Kelurahan")
BATCH = responses_file.Batch({UNIT.unit_id: UNIT}, JAKARTA, datetime(2026, 11, 24, tzinfo=timezone.utc), "import")
ROW = "kel-a;02/08/2026 09:30;4;4;4;4;4;4;4;4;3"


def refusal(data: bytes) -> spreadsheet.Refused:
    with pytest.raises(spreadsheet.Refused) as refused:
        responses_file.read_file(data, BATCH)
    return refused.value


def test_a_file_past_the_row_cap_is_refused_at_the_first_row_too_many(monkeypatch):
    monkeypatch.setattr(spreadsheet, "MAX_ROWS", 50)
    honest = f"{uploads.HEADER}\n" + f"{ROW}\n" * 50
    assert len(responses_file.read_file(honest.encode(), BATCH).responses) == 50
    refused = refusal(uploads.million_lines_of_x(1_000))
    assert [e.text() for e in refused.errors] == [
        "Baris 52: Berkas berisi lebih dari 50 baris isian: bagi menjadi beberapa berkas."
    ]


def test_a_far_declared_dimension_is_not_padded_and_a_too_wide_row_is_refused():
    refused = refusal(uploads.far_declared_dimension())
    assert refused.errors[0].text() == "Baris 50000: Baris ini berisi lebih dari 200 sel: periksa pemisah kolomnya."


def test_an_xlsx_that_unpacks_past_the_bound_is_refused_before_it_is_opened(monkeypatch):
    monkeypatch.setattr(spreadsheet, "MAX_STRINGS", 2**20)
    refused = refusal(uploads.one_huge_shared_string(2))
    assert "terlalu besar setelah dibuka" in refused.errors[0].text()
    with pytest.raises(spreadsheet.Refused):  # the units file uses the same reader
        units_file.read_units(uploads.one_huge_shared_string(2))


def test_a_cell_past_the_character_cap_is_refused_with_its_line_and_column():
    header = uploads.HEADER + ";suggestion"
    refused = refusal(f"{header}\n{ROW};{'a' * 5_001}\n".encode())
    assert refused.errors[0].text() == "Baris 2, kolom L: Isi sel lebih dari 5.000 karakter."


def test_reading_stops_at_the_time_bound(monkeypatch):
    monkeypatch.setattr(spreadsheet, "MAX_SECONDS", -1.0)
    refused = refusal(f"{uploads.HEADER}\n{ROW}\n".encode())
    assert "tidak selesai dibaca dalam" in refused.errors[0].text()


def test_the_time_bound_counts_reading_not_what_the_reader_does_between_lines(monkeypatch):
    """An import's second pass writes a chunk between lines: a slow store is not a slow file."""
    import time

    monkeypatch.setattr(spreadsheet, "MAX_SECONDS", 0.2)
    honest = (f"{uploads.HEADER}\n" + f"{ROW}\n" * 3).encode()
    taken = [time.sleep(0.1) for _ in responses_file.stream_file(honest, BATCH)]
    assert len(taken) == 3


def test_the_first_hundred_bad_cells_are_listed_and_the_rest_counted():
    bad = f"{uploads.HEADER}\n" + "kel-a;02/08/2026 09:30;9;4;4;4;4;4;4;4;9\n" * 150
    refused = refusal(bad.encode())
    assert len(refused.errors) == 100 and refused.count == 300
    assert spreadsheet.listed(refused, "id")[-1] == "… dan 200 kesalahan lain."


def test_a_bad_header_is_refused_before_any_row_is_read(monkeypatch):
    monkeypatch.setattr(spreadsheet, "MAX_ROWS", 10)  # the rows would be refused too, later
    refused = refusal(b"x\n" * 1_000)
    assert refused.errors[0].line == 1 and "Kolom tidak dikenal" in refused.errors[0].text()
