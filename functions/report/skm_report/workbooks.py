"""Exports that open right in Indonesian Excel: XLSX written by XlsxWriter.

Numbers are stored as numbers (Excel shows them with the reader's own decimal comma), dates as
dates in the region's time, the header row is frozen and columns have readable widths. The
large ones (a period's responses) are written in constant memory, row after row. Text cells
are written as strings, never as formulas, whatever a citizen typed.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from datetime import datetime, tzinfo
from decimal import Decimal
from typing import Any

from shared.reports import tables
from shared.rules import eligibility, questionnaire, vocabulary
from shared.rules.questionnaire import current

NUMBER_FORMATS = {0: "0", 1: "0.0", 2: "0.00", 3: "0.000", 4: "0.0000"}
DATE_FORMAT = "dd/mm/yyyy hh:mm"
DIGITS = tables.RECAP_DIGITS | {"nrr": 2}


class Book:
    """One workbook in memory (XLSX is a zip: it is finished whole, then sent)."""

    def __init__(self, constant_memory: bool = False):
        import xlsxwriter  # only when a workbook is made

        self.buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(
            self.buffer,
            {"constant_memory": constant_memory, "strings_to_formulas": False, "strings_to_urls": False},
        )
        self.header = self.book.add_format({"bold": True, "bg_color": "#E8EEF5", "text_wrap": True, "valign": "top"})
        self.date = self.book.add_format({"num_format": DATE_FORMAT})
        self.numbers = {digits: self.book.add_format({"num_format": code}) for digits, code in NUMBER_FORMATS.items()}

    def sheet(self, name: str, columns: list[tuple[str, int]]) -> Any:
        """A sheet with its header row frozen; `columns`: (title, width in characters)."""
        sheet = self.book.add_worksheet(name)
        for column, (title, width) in enumerate(columns):
            sheet.set_column(column, column, width)
            sheet.write_string(0, column, title, self.header)
        sheet.freeze_panes(1, 0)
        return sheet

    def cell(
        self,
        sheet: Any,
        row: int,
        column: int,
        value: Any,
        digits: int | None = None,
        zone: tzinfo | None = None,
        lang: str = "id",
    ) -> None:
        if value is None or value == "":
            return
        if isinstance(value, bool):
            sheet.write_string(row, column, tables.staff_value(value, lang))  # Ya/Tidak, as the CSV
        elif isinstance(value, datetime):
            local = value.astimezone(zone) if zone and value.tzinfo else value
            sheet.write_datetime(row, column, local.replace(tzinfo=None), self.date)
        elif isinstance(value, (int, float, Decimal)) or (digits is not None and _is_number(value)):
            number = float(Decimal(str(value)))
            sheet.write_number(row, column, number, self.numbers.get(digits if digits is not None else 0))
        else:
            sheet.write_string(row, column, _text(value))

    def finish(self) -> bytes:
        self.book.close()
        return self.buffer.getvalue()


def _is_number(value: Any) -> bool:
    try:
        Decimal(str(value))
    except ArithmeticError:
        return False
    return True


def _text(value: Any) -> str:
    return str(tables.flat_text(value))


def recap(units: list[dict[str, Any]], rows: list[dict[str, Any]], minimum: int, lang: str = "id") -> bytes:
    """The bureau's recap: the ranking, the per-element matrix (units x U1..U9), and IPKP and
    IPAK where units run them. `units`: the ranked SKM rows; `rows`: every index row; a unit under
    `minimum` respondents is listed unranked in every matrix, as in the ranking."""
    book = Book()
    columns = tables.RECAP_COLUMNS
    sheet = book.sheet("Rekap", [(tables.column_label(name, lang), _width(name)) for name in columns])
    for r, unit in enumerate(units, start=1):
        for c, name in enumerate(columns):
            book.cell(sheet, r, c, unit.get(name), DIGITS.get(name) if name in DIGITS else None, lang=lang)
    for survey in questionnaire.SURVEYS:
        of_survey = [row for row in rows if row["survey"] == survey and row["unit_id"] != vocabulary.REGION]
        if of_survey:
            matrix(book, survey, eligibility.ranked(of_survey, minimum=minimum, survey=survey), lang)
    return book.finish()


def matrix(book: Book, survey: str, units: list[dict[str, Any]], lang: str) -> None:
    """Units x items: each item's NRR, then the index and grade."""
    codes = list(current(survey).codes)
    title = "Matriks unsur" if survey == "skm" else f"Matriks {survey.upper()}"
    named = [("unit_id", 24), ("unit_name", 36), *[(code, 8) for code in codes], ("index_converted", 10), ("grade", 7)]
    heads = [(tables.column_label(name, lang), width) for name, width in named]
    sheet = book.sheet(title, heads)
    for r, unit in enumerate(units, start=1):
        nrr = {element["code"]: element["nrr"] for element in unit["elements"]}
        values = [unit["unit_id"], unit["unit_name"], *[nrr.get(code) for code in codes], unit["index_converted"]]
        for c, value in enumerate(values):
            book.cell(sheet, r, c, value, 2 if c >= 2 else None)
        book.cell(sheet, r, len(values), unit["grade"])


def responses(docs: Iterable[Mapping[str, Any]], zone: tzinfo, lang: str = "id") -> bytes:
    """A period's responses, one row each, in constant memory (a province's quarter is large).

    Each column's type is known, so each cell goes straight to its writer: a time as the
    serial day number Excel stores (with the date format), a score or an age as a number."""
    columns = tables.response_columns()
    book = Book(constant_memory=True)
    sheet = book.sheet("Isian", [(tables.column_label(name, lang, zone), _width(name)) for name in columns])
    times = set(tables.TIME_COLUMNS)
    numbers = {"age", *questionnaire.survey_of_item()}
    kinds = [
        (c, name, "time" if name in times else "number" if name in numbers else "text")
        for c, name in enumerate(columns)
    ]
    write_number, write_string, date_format = sheet.write_number, sheet.write_string, book.date
    for r, doc in enumerate(docs, start=1):
        record = tables.response_record(doc)
        for c, name, kind in kinds:
            value = record.get(name)
            if not value and value != 0:  # None and "": an empty cell costs nothing
                continue
            if type(value) is str:  # most cells: straight to the writer
                write_string(r, c, value)
            elif kind == "time" and isinstance(value, datetime):
                write_number(r, c, excel_serial(value, zone), date_format)
            elif kind == "number" and isinstance(value, int):
                write_number(r, c, value)
            elif isinstance(value, bool):
                write_string(r, c, tables.staff_value(value, lang))
            else:
                write_string(r, c, _text(value))
    return book.finish()


EXCEL_EPOCH = datetime(1899, 12, 30)


def excel_serial(moment: datetime, zone: tzinfo) -> float:
    """Days since Excel's epoch, in the region's local time (Excel has no time zones)."""
    local = moment.astimezone(zone).replace(tzinfo=None) if moment.tzinfo else moment
    delta = local - EXCEL_EPOCH
    return delta.days + delta.seconds / 86400


def complaints(docs: Iterable[Mapping[str, Any]], zone: tzinfo, lang: str = "id") -> bytes:
    """The period's suggestions and complaints with their follow-up."""
    columns = ("receipt", "submitted_at", "suggestion", "complaint_status", "reply", "first_reply_at", "channel")
    book = Book(constant_memory=True)
    sheet = book.sheet("Pengaduan", [(tables.column_label(name, lang, zone), _width(name)) for name in columns])
    r = 0
    for doc in docs:
        if not doc.get("suggestion"):
            continue
        r += 1
        for c, name in enumerate(columns):
            book.cell(sheet, r, c, doc.get(name) or ("baru" if name == "complaint_status" else None), zone=zone)
    return book.finish()


def _width(name: str) -> int:
    return {"suggestion": 60, "reply": 50, "unit_name": 36, "response_id": 38, "submitted_at": 17}.get(
        name, max(8, min(len(name) + 2, 24))
    )
