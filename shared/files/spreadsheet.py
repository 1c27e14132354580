"""Read a file of responses as people save it: CSV from Indonesian Excel or Google Sheets, or XLSX.

CSV may be UTF-8 (with or without a byte-order mark), UTF-16 (Excel's "Unicode text", tab
separated) or Windows-1252 (Excel's plain "CSV"), separated by commas, semicolons (Excel with
Indonesian settings) or tabs. XLSX is read with openpyxl; its dates arrive as dates.
Column names are matched without case; a mapping renames a Google Forms export's question
texts to the batch's columns (docs/import.md).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from shared.text import messages

ZIP_MAGIC = b"PK\x03\x04"
# A last row a spreadsheet user adds under the data: skipped with a note, not read as a response.
TOTALS = {"jumlah", "ratarata", "total", "nrr", "ikm", "average", "mean", "sum"}


class Unreadable(ValueError):
    """Not a CSV or XLSX file this reader understands."""


@dataclass
class Table:
    header: list[str]  # column names as the batch knows them (or as written, when unknown)
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (line, column -> cell)
    stray: list[tuple[int, int]] = field(default_factory=list)  # (line, column index) of a filled cell with no column
    totals: list[int] = field(default_factory=list)  # lines of totals rows under the data, skipped

    @property
    def letters(self) -> dict[str, str]:
        return {name: column_letter(index) for index, name in enumerate(self.header)}


def read(
    data: bytes,
    mapping: Mapping[str, str] | None = None,
    known: Collection[str] = (),
    aliases: Mapping[str, str] | None = None,
) -> Table:
    """The file's header and non-empty rows; Unreadable if it is neither CSV nor XLSX. A header
    cell that names a `known` column, or one of its `aliases`, ignoring case, spaces, underscores
    and punctuation, is that column; others stay as written. Nothing is silently cut: a filled
    cell with no column (a `;` inside unquoted text shifts a row) is kept in `stray`, and totals
    rows under the data in `totals`."""
    lines = _xlsx_lines(data) if data.startswith(ZIP_MAGIC) else _csv_lines(data)
    try:
        _, first = next(lines)
    except StopIteration:
        raise Unreadable("empty file") from None
    except csv.Error as error:
        raise Unreadable(str(error)) from None
    names = {folded(name): name for name in known} | {folded(alias): name for alias, name in (aliases or {}).items()}
    header = [column_name(cell, mapping or {}, names) for cell in first]
    table = Table(header)
    for number, cells in _guarded(lines):
        if not any(_filled(cell) for cell in cells):
            continue
        table.stray += [(number, i) for i, cell in enumerate(cells) if _filled(cell) and not _named(header, i)]
        table.rows.append((number, {name: cell for name, cell in zip(header, cells) if name}))
    while table.rows and _is_totals(table.rows[-1][1]):
        table.totals.insert(0, table.rows.pop()[0])
    return table


def folded(name: str) -> str:
    """A column's name as compared: "Jenis Kelamin", "jenis_kelamin" and "JENIS-KELAMIN" alike."""
    return re.sub(r"[\W_]+", "", name.casefold())


def column_name(cell: Any, mapping: Mapping[str, str], names: Mapping[str, str]) -> str:
    written = " ".join(str(cell or "").replace("\ufeff", "").split())
    renamed = {folded(key): value for key, value in mapping.items()}.get(folded(written))
    return names.get(folded(renamed or written), renamed or written)


def stray_errors(table: Table, lang: str) -> list[CellError]:
    """Each filled cell outside the table's named columns, by line and column letter."""
    text = messages.message("cell_outside_table", lang)
    return [CellError(line, "", text, column_letter(index)) for line, index in table.stray]


def _named(header: list[str], index: int) -> bool:
    return index < len(header) and bool(header[index])


def _is_totals(row: Mapping[str, Any]) -> bool:
    first = next((str(cell) for cell in row.values() if _filled(cell)), "")
    return folded(first) in TOTALS


def read_mapping(data: bytes) -> dict[str, str]:
    """A mapping file: CSV rows of `header in the export,column` (the first row names them)."""
    rows = [cells for _, cells in _csv_lines(data)]
    return {" ".join(row[0].split()): row[1].strip() for row in rows[1:] if len(row) >= 2 and row[0].strip()}


def _guarded(lines: Iterator[tuple[int, list[Any]]]) -> Iterator[tuple[int, list[Any]]]:
    try:
        yield from lines
    except csv.Error as error:  # a NUL byte, an unclosed quote at the end
        raise Unreadable(str(error)) from None


def _filled(cell: Any) -> bool:
    return cell is not None and str(cell).strip() != ""


def _csv_lines(data: bytes) -> Iterator[tuple[int, list[str]]]:
    """(first line of the record, cells): a suggestion may span lines inside quotes."""
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max(("\t", ";", ","), key=first_line.count) if first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    for cells in reader:
        yield start, cells
        start = reader.line_num + 1


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\x00" in data[:200]:  # UTF-16 without its mark, or not text at all
        try:
            return data.decode("utf-16-le")
        except UnicodeDecodeError:
            raise Unreadable("binary") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # Excel's plain "CSV" on Windows


def _xlsx_lines(data: bytes) -> Iterator[tuple[int, list[Any]]]:
    from openpyxl import load_workbook  # only the paths that read files pay for it

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # a damaged or foreign zip: the user's file, not our fault
        raise Unreadable(str(error)) from None
    if not book.worksheets:  # a workbook of chart sheets only
        raise Unreadable("no worksheet")
    sheet = book.worksheets[0]
    return ((number, list(row)) for number, row in enumerate(sheet.iter_rows(values_only=True), start=1))


@dataclass(frozen=True)
class CellError:
    line: int
    column: str  # the column's name as the batch names it
    message: str
    letter: str = ""  # the spreadsheet's column letter, when the batch is a file

    def where(self, lang: str = "id") -> str:
        column = f"{self.letter} ({self.column})" if self.letter else self.column
        return messages.message("cell_at", lang, line=self.line, column=column)

    def text(self, lang: str = "id") -> str:
        return f"{self.where(lang)}: {self.message}"


class Refused(Exception):
    """The batch has bad cells; nothing was stored."""

    def __init__(self, errors: list[CellError]):
        self.errors = errors
        super().__init__(f"{len(errors)} bad cells")


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: where a spreadsheet user looks for a column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
