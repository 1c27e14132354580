"""The units file, as the bureau saves it: CSV (comma or semicolon, UTF-8, UTF-16 or cp1252) or
XLSX, read with the same reader as response files (shared.files.spreadsheet). All or nothing: every
bad cell is named by line and column, in the reader's language; nothing is stored on a refusal.

Columns: unit_id, name, type, parent, service_users_per_quarter, surveys[, services, registered];
their Indonesian names (kode_unit, nama, jenis, induk, pengguna_per_triwulan, survei, layanan,
terdaftar) work too. `registered` (31/12/2026 or 2026-12-31) is the day the unit joined; left
out, a new unit joins on the day of the import and a known one keeps its date. Lists are
written "a;b"; "1.500" is 1500; XLSX numbers arrive as numbers.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from shared.files import spreadsheet
from shared.files.spreadsheet import CellError, Refused, column_letter
from shared.rules import questionnaire
from shared.rules.records import Unit
from shared.text import messages

COLUMNS = ("unit_id", "name", "type", "parent", "service_users_per_quarter", "surveys", "services", "registered")
REQUIRED = ("unit_id", "name", "type")
ALIASES = {
    "kode": "unit_id",
    "kode_unit": "unit_id",
    "nama": "name",
    "nama_unit": "name",
    "jenis": "type",
    "jenis_unit": "type",
    "induk": "parent",
    "pengguna_per_triwulan": "service_users_per_quarter",
    "pengguna_layanan_per_triwulan": "service_users_per_quarter",
    "survei": "surveys",
    "layanan": "services",
    "terdaftar": "registered",
    "tanggal_terdaftar": "registered",
    "terdaftar_sejak": "registered",
}
THOUSANDS = re.compile(r"^\d{1,3}([. ]\d{3})+$")  # 1.500 or 1 500, written the Indonesian way
FIELD_MESSAGES = {
    "unit_id": "unit_id_format",
    "surveys": "surveys_known",
    "service_users_per_quarter": "whole_number",
    "registered": "day_format",
}


def read_units(data: bytes, lang: str = "id") -> list[Unit]:
    """Every unit of the file, or Refused with every bad cell."""
    try:
        table = spreadsheet.read(data, lang=lang)
    except spreadsheet.Unreadable:
        raise Refused([CellError(1, "", messages.message("file_unreadable", lang))]) from None
    named = {raw: column(raw) for raw in table.header}
    header = [named[raw] for raw in table.header]
    letters = {name: column_letter(index) for index, name in enumerate(header)}
    errors = [
        CellError(1, name, messages.message("missing_column", lang)) for name in REQUIRED if name not in letters
    ] + [
        CellError(1, name, messages.message("unknown_units_column", lang), letters[name])
        for name in header
        if name and name not in COLUMNS
    ]
    if errors:
        raise Refused(errors)
    units: list[Unit] = []
    first_line: dict[str, int] = {}
    for line, row in table.rows:
        cells = {named[raw]: value for raw, value in row.items()}
        unit, problems = unit_of(cells, line, letters, lang)
        errors += problems
        if unit and unit.unit_id in first_line:
            message = messages.message("unit_id_repeated", lang, line=first_line[unit.unit_id])
            errors.append(CellError(line, "unit_id", message, letters["unit_id"]))
        elif unit:
            first_line[unit.unit_id] = line
            units.append(unit)
    errors += spreadsheet.stray_errors(table, lang)
    if errors:
        raise Refused(sorted(errors, key=lambda e: e.line))
    if not units:
        raise Refused([CellError(2, "", messages.message("file_empty", lang))])
    return units


def column(written: str) -> str:
    """A header cell as the file's column: "Kode Unit" and "kode_unit" are unit_id."""
    folded = written.casefold().replace(" ", "_")
    return ALIASES.get(folded, folded)


def unit_of(
    cells: dict[str, Any], line: int, letters: dict[str, str], lang: str
) -> tuple[Unit | None, list[CellError]]:
    written = {name: text(cells.get(name)) for name in COLUMNS}
    data: dict[str, Any] = written | {
        "service_users_per_quarter": whole(written["service_users_per_quarter"]),
        "surveys": [part for part in re.split(r"[;,\s]+", written["surveys"] or "skm") if part],  # codes: any separator
        "services": [part.strip() for part in written["services"].split(";") if part.strip()],
        "registered": cells.get("registered")
        if isinstance(cells.get("registered"), datetime)
        else written["registered"],
    }
    try:
        return Unit.model_validate(data), []
    except ValidationError as error:
        problems = []
        for item in error.errors():
            name = str(item["loc"][0])
            problems.append(CellError(line, name, problem(name, item, lang), letters.get(name, "")))
        return None, problems


def problem(name: str, item: Any, lang: str) -> str:
    if item["type"] in ("string_too_short", "too_short", "missing"):
        return messages.message("required", lang)
    if item["type"] == "string_too_long":
        return messages.message("too_long", lang, max=(item.get("ctx") or {}).get("max_length", ""))
    key = FIELD_MESSAGES.get(name, "invalid")
    return messages.message(key, lang, surveys=", ".join(questionnaire.SURVEYS))


def text(cell: Any) -> str:
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)  # XLSX stores 1500 as 1500.0
    return "" if cell is None else str(cell).strip()


def whole(value: str) -> str:
    """'1.500' -> '1500'; '' -> '0'; anything else as written (the model refuses it)."""
    if not value:
        return "0"
    return re.sub(r"[. ]", "", value) if THOUSANDS.match(value) else value
