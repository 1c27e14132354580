"""The units file for the CLI and the demo: read by `shared.files.units_file` (CSV or XLSX, Indonesian
Excel's semicolons and UTF-16 included); a refusal lists every bad cell."""

from __future__ import annotations

from pathlib import Path

from shared.files.spreadsheet import Refused
from shared.files.units_file import read_units
from shared.rules.records import Unit


class CsvError(ValueError):
    pass


def read_units_file(path: Path, lang: str = "id") -> list[Unit]:
    try:
        return read_units(path.read_bytes(), lang)
    except Refused as refused:
        raise CsvError("\n".join(f"{path}: {error.text(lang)}" for error in refused.errors)) from None
