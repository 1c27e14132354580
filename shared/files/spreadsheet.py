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
import time
import zipfile
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from shared.text import formats, messages

# An upload is hostile until bounded: the work a file may cause is what a real one needs.
MAX_ROWS = 100_000  # data rows in one file (docs/import.md): a bigger export is split
MAX_COLUMNS = 200  # cells in one row; a Google Forms export of three surveys has about 40
MAX_CELL = 5_000  # characters in one cell; a long suggestion is about 1,000
MAX_UNZIPPED = 200 * 2**20  # an XLSX's parts, decompressed, altogether
MAX_STRINGS = 40 * 2**20  # its shared strings part, which openpyxl holds whole
MAX_SECONDS = 60.0  # reading one file, well inside the report function's 120 s
ERRORS_KEPT = 100  # bad cells listed; the rest are counted

ZIP_MAGIC = b"PK\x03\x04"
# A last row a spreadsheet user adds under the data: skipped with a note, not read as a response.
TOTALS = {"jumlah", "ratarata", "total", "nrr", "ikm", "average", "mean", "sum"}


class Unreadable(ValueError):
    """Not a CSV or XLSX file this reader understands."""


@dataclass
class Table:
    """A file being read: `rows` is consumed once; `stray` and `totals` are complete after it."""

    header: list[str]  # column names as the batch knows them (or as written, when unknown)
    rows: Iterator[tuple[int, dict[str, Any]]] = iter(())  # (line, column -> cell)
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
    lang: str = "id",
    header_errors: Callable[[list[str]], list[CellError]] | None = None,
) -> Table:
    """The file's header and non-empty rows; Unreadable if it is neither CSV nor XLSX, Refused
    (with the line) past a bound above. A header cell that names a `known` column, or one of
    its `aliases`, ignoring case, spaces, underscores and punctuation, is that column; others
    stay as written. Nothing is silently cut: a filled cell with no column (a `;` inside
    unquoted text shifts a row) is kept in `stray`, and totals rows under the data in `totals`.
    A header `header_errors` finds fault with is refused before any row is read."""
    lines = bounded(_xlsx_lines(data, lang) if data.startswith(ZIP_MAGIC) else _csv_lines(data), lang)
    try:
        _, first = next(lines)
    except StopIteration:
        raise Unreadable("empty file") from None
    names = {folded(name): name for name in known} | {folded(alias): name for alias, name in (aliases or {}).items()}
    header = [column_name(cell, mapping or {}, names) for cell in first]
    if header_errors and (errors := header_errors(header)):
        raise Refused(errors)
    table = Table(header)
    table.rows = _rows(table, lines, lang)
    return table


def _rows(table: Table, lines: Iterator[tuple[int, list[Any]]], lang: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """The table's non-empty rows as they are read (a file is never held whole). Rows that look
    like totals are held back until a data row follows them: at the end they are the totals."""
    held: list[tuple[int, dict[str, Any]]] = []
    count = 0
    for number, cells in lines:
        if not any(_filled(cell) for cell in cells):
            continue
        count += 1
        if count > MAX_ROWS:
            raise _too_big(number, "file_too_many_rows", lang, limit=formats.number(MAX_ROWS, 0, lang))
        if len(table.stray) < ERRORS_KEPT:
            table.stray += [
                (number, i) for i, cell in enumerate(cells) if _filled(cell) and not _named(table.header, i)
            ]
        row = (number, {name: cell for name, cell in zip(table.header, cells) if name})
        if _is_totals(row[1]):
            held.append(row)
            continue
        yield from held
        held.clear()
        yield row
    table.totals = [number for number, _ in held]


def bounded(lines: Iterator[tuple[int, list[Any]]], lang: str) -> Iterator[tuple[int, list[Any]]]:
    """The file's lines, refused at the first one past a bound: cells per row, characters per
    cell, time spent reading (not the time the reader's consumer spends between lines, writing
    them, say). The reader's own errors (a NUL byte, an unclosed quote, a damaged sheet) make
    the file unreadable, never a 500."""
    reading, resumed = 0.0, time.monotonic()
    try:
        for number, cells in lines:
            if len(cells) > MAX_COLUMNS:
                raise _too_big(number, "row_too_wide", lang, limit=MAX_COLUMNS)
            for index, cell in enumerate(cells):
                if isinstance(cell, str) and len(cell) > MAX_CELL:
                    limit = formats.number(MAX_CELL, 0, lang)
                    raise _too_big(number, "cell_too_long", lang, letter=column_letter(index), limit=limit)
            reading += time.monotonic() - resumed
            if reading > MAX_SECONDS:
                raise _too_big(number, "file_too_slow", lang, limit=int(MAX_SECONDS))
            yield number, cells
            resumed = time.monotonic()
    except (csv.Error, IndexError, KeyError, ValueError, TypeError, AttributeError) as error:
        raise Unreadable(str(error)[:200]) from None


def _too_big(line: int, key: str, lang: str, letter: str = "", **values: object) -> Refused:
    return Refused([CellError(line, "", messages.message(key, lang, **values), letter)])


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


def _xlsx_lines(data: bytes, lang: str) -> Iterator[tuple[int, list[Any]]]:
    """The first worksheet's rows, each as wide as its last cell: the declared dimension (one far
    cell can declare A1:XFD50000) is ignored, or openpyxl would pad every row to it."""
    from openpyxl import load_workbook  # only the paths that read files pay for it

    _check_unzipped(data, lang)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # a damaged or foreign zip: the user's file, not our fault
        raise Unreadable(str(error)[:200]) from None
    if not book.worksheets:  # a workbook of chart sheets only
        raise Unreadable("no worksheet")
    sheet = book.worksheets[0]
    sheet.reset_dimensions()
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        yield number, list(row)


def xlsx_sheets(data: bytes, lang: str) -> Iterator[tuple[str, Iterator[tuple[int, list[Any]]]]]:
    """Every worksheet's name and rows (each as wide as its last cell), for a workbook whose sheets
    are one record each; the same checks as `read` before openpyxl unpacks anything."""
    from openpyxl import load_workbook

    _check_unzipped(data, lang)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # a damaged or foreign zip: the user's file, not our fault
        raise Unreadable(str(error)[:200]) from None
    for sheet in book.worksheets:
        sheet.reset_dimensions()
        yield sheet.title, ((n, list(row)) for n, row in enumerate(sheet.iter_rows(values_only=True), start=1))


def _check_unzipped(data: bytes, lang: str) -> None:
    """Refuse an XLSX whose parts would unpack past the bounds, before openpyxl unpacks any.
    The sizes are the archive's declared ones; zipfile never reads a part past its own."""
    try:
        parts = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise Unreadable(str(error)[:200]) from None
    strings = sum(part.file_size for part in parts if part.filename.lower().endswith("sharedstrings.xml"))
    if strings > MAX_STRINGS or sum(part.file_size for part in parts) > MAX_UNZIPPED:
        raise _too_big(1, "file_unzips_too_big", lang, limit=MAX_UNZIPPED // 2**20)


@dataclass(frozen=True)
class CellError:
    line: int
    column: str  # the column's name as the batch names it
    message: str
    letter: str = ""  # the spreadsheet's column letter, when the batch is a file

    def where(self, lang: str = "id") -> str:
        name = self.column if len(self.column) <= 80 else self.column[:79] + "…"  # a header cell may be long
        column = f"{self.letter} ({name})" if self.letter and name else self.letter or name
        if not column:  # the whole line (or file)
            return messages.message("line_at", lang, line=self.line)
        return messages.message("cell_at", lang, line=self.line, column=column)

    def text(self, lang: str = "id") -> str:
        return f"{self.where(lang)}: {self.message}"


class Refused(Exception):
    """The batch has bad cells; nothing was stored. `errors` lists at most ERRORS_KEPT of them;
    `count` is how many there were."""

    def __init__(self, errors: list[CellError], count: int | None = None):
        self.errors = errors[:ERRORS_KEPT]
        self.count = max(count or 0, len(errors))
        super().__init__(f"{self.count} bad cells")


def listed(refused: Refused, lang: str) -> list[str]:
    """A refusal as lines to show: each listed bad cell, then how many more there were."""
    lines = [error.text(lang) for error in refused.errors]
    if refused.count > len(refused.errors):
        lines.append(messages.message("more_errors", lang, count=refused.count - len(refused.errors)))
    return lines


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: where a spreadsheet user looks for a column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
