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


class Kept:
    def __init__(self):
        self.ids: list[str] = []
        self.trail: list[dict] = []

    def log_entries(self, records):
        self.trail += records

    def add_responses(self, responses):
        found = [r.response_id for r in responses]
        known = set(found) & set(self.ids)
        self.ids += found
        return known


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
    kept = Kept()
    assert imports.import_responses(data, BATCH, "op@x", "a.csv", kept, kept) == imports.Taken(2, 0)
    assert imports.import_responses(data, BATCH, "op@x", "a.csv", kept, kept) == imports.Taken(0, 2)
    assert [(r["by"], r["file"], r["added"]) for r in kept.trail] == [("op@x", "a.csv", 2), ("op@x", "a.csv", 0)]


def test_a_suggestion_over_several_lines_keeps_the_line_numbers_of_later_rows():
    data = f'{HEADER},suggestion\n{ROW},"baris satu\nbaris dua"\n{ROW.replace(",3", ",7")},\n'.encode()
    with pytest.raises(spreadsheet.Refused) as refused:
        responses_file.read_file(data, BATCH)
    (error,) = refused.value.errors
    assert (error.line, error.letter, error.column) == (4, "K", "U9")


def test_the_header_names_unknown_repeated_and_missing_columns():
    data = b"unit_id,waktu,U1,U1,U2\n"
    with pytest.raises(spreadsheet.Refused) as refused:
        responses_file.read_file(data, BATCH)
    found = {(e.letter, e.column) for e in refused.value.errors}
    assert {("B", "waktu"), ("D", "U1"), ("", "submitted_at"), ("", "U9")} <= found


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
