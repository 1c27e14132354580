"""The XLSX of a unit's service standards, as staff fill it in: one sheet per service, one row per
component (its name in column A, what the decree says in column B), with the unit, the service,
the decree's number and date and the day it takes effect as rows of their own. The importer
reads it back whole or refuses it, naming each bad cell by sheet, line and column; the bounds
of every uploaded file (shared.files.spreadsheet) apply.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError

from shared.files import spreadsheet
from shared.files.spreadsheet import CellError, Refused
from shared.rules import standards
from shared.rules.records import Unit, spreadsheet_day
from shared.rules.standards import Standard
from shared.text import messages

UNIT, SERVICE, DECREE_NUMBER, DECREE_DATE, EFFECTIVE = (
    "Kode unit",
    "Nama layanan",
    "Nomor keputusan",
    "Tanggal keputusan",
    "Tanggal mulai berlaku",
)
HEADS = (UNIT, SERVICE, DECREE_NUMBER, DECREE_DATE, EFFECTIVE)
REQUIRED = {UNIT: "unit_id", SERVICE: "service", DECREE_NUMBER: "decree_number"}
GROUP_TITLES = {"delivery": "Komponen penyampaian pelayanan", "internal": "Komponen pengelolaan pelayanan"}
MAX_SHEETS = 100  # services of one unit in one file
SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


def template(unit: Unit, current: dict[str, Standard] | None = None) -> bytes:
    """The unit's workbook: a sheet per service it offers (one "Layanan" sheet when it lists none),
    filled with the version in force where there is one, so staff revise rather than retype."""
    import xlsxwriter  # only when a template is made

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"strings_to_formulas": False})
    head = book.add_format({"bold": True, "bg_color": "#E8EEF5", "text_wrap": True, "valign": "top"})
    group = book.add_format({"bold": True, "italic": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    day = book.add_format({"num_format": "dd/mm/yyyy", "align": "left"})
    used: set[str] = set()
    for service in unit.services or ("Layanan",):
        standard = (current or {}).get(service)
        sheet = book.add_worksheet(_sheet_name(service, used))
        sheet.set_column(0, 0, 42)
        sheet.set_column(1, 1, 80)
        sheet.write_string(0, 0, "Komponen", head)
        sheet.write_string(0, 1, "Isi (sesuai keputusan; kosongkan yang tidak diatur)", head)
        sheet.write_string(1, 0, UNIT, head)
        sheet.write_string(1, 1, unit.unit_id)
        sheet.write_string(2, 0, SERVICE, head)
        sheet.write_string(2, 1, service)
        sheet.write_string(3, 0, DECREE_NUMBER, head)
        sheet.write_string(3, 1, standard.decree_number if standard else "")
        for row, title, value in ((4, DECREE_DATE, "decree_date"), (5, EFFECTIVE, "effective_from")):
            sheet.write_string(row, 0, title, head)
            if standard:
                sheet.write_datetime(row, 1, datetime.combine(getattr(standard, value), datetime.min.time()), day)
            sheet.data_validation(row, 1, row, 1, {"validate": "date", "criteria": ">", "value": date(2000, 1, 1)})
        row = 6
        for kind, title in GROUP_TITLES.items():
            sheet.write_string(row, 0, title, group)
            row += 1
            for component in (c for c in standards.COMPONENTS if c.group == kind):
                sheet.write_string(row, 0, component.name)
                sheet.write_string(row, 1, written(standard, component.key) if standard else "", wrap)
                row += 1
        sheet.freeze_panes(1, 1)
    book.close()
    return buffer.getvalue()


def written(standard: Standard, key: str) -> str:
    """A component as the template shows it: the decree's words, else the typed time or cost."""
    if standard.text(key):
        return standard.text(key)
    if key == "waktu" and standard.time:
        return f"{standard.time.amount} {standard.time.unit}"
    if key == "biaya" and standard.cost:
        return "Gratis" if standard.cost.free else f"Rp {standard.cost.rupiah:,}".replace(",", ".")
    return ""


def _sheet_name(service: str, used: set[str]) -> str:
    """Excel's sheet names: 31 characters, none of []:*?/\\, unique ignoring case."""
    base = SHEET_NAME_BAD.sub(" ", service).strip()[:28] or "Layanan"
    name, number = base, 2
    while name.lower() in used:
        name, number = f"{base[:26]} {number}", number + 1
    used.add(name.lower())
    return name


@dataclass(frozen=True)
class Sheet:
    """One sheet's standard, and the line of each row it was read from (to name a cell later)."""

    name: str
    standard: Standard
    lines: Mapping[str, int]

    def error(self, title: str, message: str) -> CellError:
        return CellError(self.lines.get(title, 1), f"{self.name} · {title}", message, "B")


def read_standards(data: bytes, lang: str = "id", units: Mapping[str, Unit] | None = None) -> list[Sheet]:
    """Every filled sheet's standard, or Refused with every bad cell (sheet, line and column).
    With `units` (those the person may edit), each sheet's unit must be one of them and its
    service one the unit lists."""
    found: list[Sheet] = []
    errors: list[CellError] = []
    seen: dict[tuple[str, str, date], str] = {}
    try:
        for name, lines in _sheets(data, lang):
            sheet, problems = _standard(name, lines, lang)
            errors += problems
            if sheet is None:
                continue
            standard = sheet.standard
            key = (standard.unit_id, standard.service, standard.effective_from)
            if key in seen:
                errors.append(sheet.error(SERVICE, messages.message("standard_repeated", lang, sheet=seen[key])))
            seen[key] = name
            errors += _unknown(sheet, units, lang) if units is not None else []
            found.append(sheet)
    except spreadsheet.Unreadable:
        raise Refused([CellError(1, "", messages.message("file_unreadable", lang))]) from None
    if errors:
        raise Refused(errors)
    if not found:
        raise Refused([CellError(1, "", messages.message("standard_empty_file", lang))])
    return found


def _unknown(sheet: Sheet, units: Mapping[str, Unit], lang: str) -> list[CellError]:
    unit = units.get(sheet.standard.unit_id)
    if unit is None:
        return [sheet.error(UNIT, messages.message("standard_unknown_unit", lang, unit=sheet.standard.unit_id))]
    if unit.services and sheet.standard.service not in unit.services:
        listed = ", ".join(unit.services)
        return [sheet.error(SERVICE, messages.message("standard_unknown_service", lang, services=listed))]
    return []


def _sheets(data: bytes, lang: str) -> Iterator[tuple[str, Iterator[tuple[int, list[Any]]]]]:
    if not data.startswith(spreadsheet.ZIP_MAGIC):
        raise spreadsheet.Unreadable("not an XLSX file")
    for count, (name, lines) in enumerate(spreadsheet.xlsx_sheets(data, lang), start=1):
        if count > MAX_SHEETS:
            raise Refused([CellError(1, name, messages.message("standard_too_many_sheets", lang, limit=MAX_SHEETS))])
        yield name, spreadsheet.bounded(lines, lang)


def _standard(sheet: str, lines: Iterator[tuple[int, list[Any]]], lang: str) -> tuple[Sheet | None, list]:
    names = {spreadsheet.folded(c.name): c.key for c in standards.COMPONENTS}
    heads = {spreadsheet.folded(title): title for title in HEADS}
    skipped = {spreadsheet.folded(title) for title in (*GROUP_TITLES.values(), "Komponen")}
    values: dict[str, tuple[int, Any]] = {}
    errors: list[CellError] = []
    for line, cells in lines:
        label = str(cells[0]).strip() if cells and cells[0] is not None else ""
        value = cells[1] if len(cells) > 1 else None
        folded = spreadsheet.folded(label)
        if not label or folded in skipped:
            if not label and _filled(value):
                errors.append(CellError(line, sheet, messages.message("standard_value_without_name", lang), "B"))
            continue
        key = heads.get(folded) or names.get(folded)
        if key is None:
            errors.append(CellError(line, f"{sheet} · {label}", messages.message("standard_unknown_row", lang), "A"))
        elif key in values:
            earlier = values[key][0]
            message = messages.message("standard_row_repeated", lang, line=earlier)
            errors.append(CellError(line, f"{sheet} · {label}", message, "A"))
        else:
            values[key] = (line, value)
    if not any(_filled(value) for key, (_, value) in values.items() if key not in (UNIT, SERVICE)):
        return None, errors  # a sheet as the template left it (a service not yet standardised)
    return _checked(sheet, values, lang, errors)


def _checked(sheet: str, values: dict[str, tuple[int, Any]], lang: str, errors: list) -> tuple[Sheet | None, list]:
    def cell_error(key: str, message_key: str, **extra: object) -> None:
        title = key if key in HEADS else standards.BY_KEY[key].name
        where = values.get(key, (1, None))[0]
        errors.append(CellError(where, f"{sheet} · {title}", messages.message(message_key, lang, **extra), "B"))

    fields: dict[str, Any] = {}
    for title, field in REQUIRED.items():
        text = _text(values.get(title, (0, None))[1])
        if not text:
            cell_error(title, "required")
        fields[field] = text
    for title, field in ((DECREE_DATE, "decree_date"), (EFFECTIVE, "effective_from")):
        raw = values.get(title, (0, None))[1]
        day = spreadsheet_day(raw)
        if day is None:
            cell_error(title, "required" if not _filled(raw) else "day_format")
        fields[field] = day
    components = {key: _text(value) for key, (_, value) in values.items() if key in standards.BY_KEY and _filled(value)}
    for key, parse, field in (("waktu", standards.parse_time, "time"), ("biaya", standards.parse_cost, "cost")):
        if key in values:
            try:
                fields[field] = parse(values[key][1])
            except standards.Refused as refused:
                cell_error(key, refused.key, **refused.values)
    if any(error.column.startswith(f"{sheet} ·") for error in errors):
        return None, errors
    lines = {title: line for title, (line, _) in values.items() if title in HEADS}
    try:
        return Sheet(sheet, Standard(components=components, **fields), lines), errors
    except ValidationError as error:  # a name or number past its length
        titles = {field: title for title, field in REQUIRED.items()}
        for problem in error.errors():
            cell_error(titles.get(str(problem["loc"][0]), DECREE_NUMBER), "too_long", max=200)
        return None, errors


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _filled(value: Any) -> bool:
    return value is not None and str(value).strip() != ""
