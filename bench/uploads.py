"""Hostile uploads against a real one: peak memory and time of checking each file as an import
does first, in a fresh process, against the largest honest file the bounds allow (100,000 rows
of CSV). Each hostile
file is refused; its cost must stay below the honest file's (issue 26, point 3)."""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from bench.sizes import size

HEADER = "unit_id;submitted_at;" + ";".join(f"U{i}" for i in range(1, 10))
MAIN = b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
STRINGS_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def honest_csv(rows: int) -> bytes:
    from bench.imports import generated_file
    from shared.rules.records import Unit

    return generated_file([Unit(unit_id="kel-a", name="A", type="Kelurahan")], rows)


def million_lines_of_x(lines: int = 1_000_000) -> bytes:
    """A valid header over a million one-cell lines (2 MB)."""
    return (HEADER + "\n").encode() + b"x\n" * lines


def one_huge_shared_string(megabytes: int = 300) -> bytes:
    """A 300 KB XLSX whose only shared string unpacks to 300 MB."""

    def strings(part: IO[bytes]) -> None:
        part.write(b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/')
        part.write(b'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>')
        for _ in range(megabytes):
            part.write(b"a" * 2**20)
        part.write(b"</t></si></sst>")

    sheet = MAIN + b'<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>'
    rels = b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"'
    rels += b' Target="sharedStrings.xml" Id="rId99"/></Relationships>'
    override = b'<Override PartName="/xl/sharedStrings.xml" ContentType="' + STRINGS_TYPE + b'"/></Types>'
    return _rewritten(
        {
            "xl/sharedStrings.xml": strings,
            "xl/worksheets/sheet1.xml": lambda part: part.write(sheet),
            "xl/_rels/workbook.xml.rels": lambda part, base: part.write(base.replace(b"</Relationships>", rels)),
            "[Content_Types].xml": lambda part, base: part.write(base.replace(b"</Types>", override)),
        }
    )


def far_declared_dimension() -> bytes:
    """A 2 KB XLSX declaring A1:XFD50000: a valid header, then one cell in the last column."""
    header = "".join(
        f'<c r="{_letter(i)}1" t="inlineStr"><is><t>{name}</t></is></c>' for i, name in enumerate(HEADER.split(";"))
    )
    sheet = MAIN + b'<dimension ref="A1:XFD50000"/><sheetData><row r="1">' + header.encode()
    sheet += b'</row><row r="50000"><c r="XFD50000"><v>1</v></c></row></sheetData></worksheet>'
    return _rewritten({"xl/worksheets/sheet1.xml": lambda part: part.write(sheet)})


def _letter(index: int) -> str:
    from shared.files.spreadsheet import column_letter

    return column_letter(index)


def _rewritten(parts: dict[str, Callable[..., None]]) -> bytes:
    """openpyxl's empty workbook with some parts written anew (streamed: nothing big in memory)."""
    from openpyxl import Workbook

    saved = io.BytesIO()
    Workbook().save(saved)
    out = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename not in parts:
                target.writestr(item.filename, source.read(item))
        for name, write in parts.items():
            base = source.read(name) if name in source.namelist() else b""
            with target.open(name, "w", force_zip64=True) as part:
                write(part, base) if write.__code__.co_argcount == 2 else write(part)
    return out.getvalue()


READ = """
import sys, time
from datetime import datetime, timezone
from zoneinfo import ZoneInfo
from shared.files import responses_file, spreadsheet
from shared.rules.records import Unit
data = open(sys.argv[1], "rb").read()
units = {"kel-a": Unit(unit_id="kel-a", name="A", type="Kelurahan")}
batch = responses_file.Batch(units, ZoneInfo("Asia/Jakarta"), datetime.now(timezone.utc), "import")
started = time.perf_counter()
try:
    checked = responses_file.check_file(data, batch)  # what an import does first
    outcome = f"checked {sum(checked.quarters.values()):,} rows"
except spreadsheet.Refused as refused:
    outcome = "refused: " + refused.errors[0].text("en")[:70]
# VmHWM: this process image's own peak (ru_maxrss would carry the parent's across exec)
peak = int(next(l for l in open("/proc/self/status") if l.startswith("VmHWM")).split()[1]) / 1024
print(f"{time.perf_counter() - started:.3f} {peak:.0f} {outcome}")
"""


def measured(data: bytes, folder: Path) -> tuple[float, float, str]:
    """(seconds, peak MB of the whole process, outcome) of reading the file in a fresh process."""
    path = folder / "upload"
    path.write_bytes(data)
    ran = subprocess.run([sys.executable, "-c", READ, str(path)], capture_output=True, text=True, check=True)
    seconds, peak, outcome = ran.stdout.strip().split(" ", 2)
    return float(seconds), float(peak), outcome


def run() -> None:
    files = {
        "a million lines of x (CSV)": million_lines_of_x(size(1_000_000, 1_000)),
        "one 300 MB shared string (XLSX)": one_huge_shared_string(size(300, 41)),
        "a declared A1:XFD50000 (XLSX)": far_declared_dimension(),
    }
    with tempfile.TemporaryDirectory() as folder:
        base_seconds, base_peak, base_outcome = measured(honest_csv(size(100_000, 100)), Path(folder))
        print("responses file read in a fresh process: hostile / honest 100,000-row CSV (target < 1)")
        print(f"  honest CSV ({base_outcome}): {base_seconds:.2f} s, peak {base_peak:.0f} MB")
        for name, data in files.items():
            seconds, peak, outcome = measured(data, Path(folder))
            print(
                f"  {name}, {len(data) / 1e3:,.0f} KB: {seconds:.2f} s = {seconds / base_seconds:.2f}, "
                f"peak {peak:.0f} MB = {peak / base_peak:.2f}; {outcome}"
            )


if __name__ == "__main__":
    run()
