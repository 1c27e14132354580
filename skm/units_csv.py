"""Read the units CSV: unit_id,name,type,parent,service_users_per_quarter,surveys[,services]."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from shared.models import Unit

COLUMNS = ("unit_id", "name", "type", "parent", "service_users_per_quarter", "surveys")
OPTIONAL_COLUMNS = ("services",)  # "a;b": the services a unit offers, asked as "service received"


class CsvError(ValueError):
    pass


def read_units(lines: Iterable[str], source: str = "units.csv") -> list[Unit]:
    """Every unit of the file, or a CsvError naming each bad line and field."""
    reader = csv.DictReader(lines)
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise CsvError(f"{source}: missing columns: {', '.join(missing)}")
    units, problems, seen = [], [], set()
    for line_number, record in enumerate(reader, start=2):
        data = {key: (record.get(key) or "").strip() for key in COLUMNS + OPTIONAL_COLUMNS}
        data["service_users_per_quarter"] = data["service_users_per_quarter"] or "0"
        data["surveys"] = data["surveys"] or "skm"
        try:
            unit = Unit.model_validate(data)
        except ValidationError as error:
            for item in error.errors():
                problems.append(f"{source}:{line_number}: {'.'.join(map(str, item['loc']))}: {item['msg']}")
            continue
        if unit.unit_id in seen:
            problems.append(f"{source}:{line_number}: unit_id: duplicate {unit.unit_id}")
        seen.add(unit.unit_id)
        units.append(unit)
    if problems:
        raise CsvError("\n".join(problems))
    return units


def read_units_file(path: Path) -> list[Unit]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return read_units(handle, str(path))
