"""Official reports and Excel exports.

- A unit's yearly official report (SKM, IPKP, IPAK), fresh and cached, over HTTP on a warm
  instance (goals: fresh <= 1.5 s, cached <= 5 % of fresh).
- The region's consolidated report for 150 units, rendered in-process from generated index rows
  (goal <= 10 s), and the time each added unit costs (75 against 150 units).
- The XLSX of 1,000,000 responses against writing the same rows as CSV (goal <= 3x), each in
  its own process, with its peak memory (goal < 300 MB).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from bench.sizes import size

ROOT = Path(__file__).resolve().parent.parent
XLSX_ROWS = int(os.environ.get("SKM_BENCH_XLSX_ROWS", size(1_000_000, 100)))
REGION_UNITS = size(150, 4)  # the consolidated report's units (and half as many, for the cost of one)
SITE_UNITS = size(3000, 5)
FRESH_RUNS, CACHED_RUNS = size(5, 1), size(20, 1)


def generated_docs(count: int):
    start = datetime(2026, 7, 1, tzinfo=timezone.utc)
    for n in range(count):
        yield {
            "response_id": f"{n:032x}",
            "receipt": "ACDEFGHJ",
            "submitted_at": start + timedelta(seconds=n * 7),
            "channel": "web",
            "questionnaires": {"skm": 1},
            "profile": {"age": 20 + n % 50, "gender": "LP"[n % 2]},
            "suggestion": "Antrean lama" if n % 9 == 0 else "",
            "complaint_status": "baru" if n % 9 == 0 else None,
            "flags": [],
            "answers": {f"U{i}": 1 + (n + i) % 4 for i in range(1, 10)},
        }


def write_export(kind: str, count: int, out: Path) -> None:
    """Run in a child process: one export of `count` responses; prints seconds and peak MB."""
    import csv

    from shared.reports import tables
    from shared.rules.periods import JAKARTA

    sys.path.insert(0, str(ROOT / "functions" / "report"))
    started = time.perf_counter()
    if kind == "xlsx":
        from skm_report import workbooks

        out.write_bytes(workbooks.responses(generated_docs(count), JAKARTA))
    else:
        columns = tables.response_columns()
        with out.open("w", newline="", encoding="utf-8") as file:
            writer = csv.writer(file, quoting=csv.QUOTE_ALL)
            writer.writerow(columns)
            for doc in generated_docs(count):
                record = tables.response_record(doc)
                writer.writerow([tables._cell(record.get(column)) for column in columns])
    print(f"{time.perf_counter() - started:.3f} {peak_mb():.0f}")


def peak_mb() -> float:
    """This process's own peak resident memory (VmHWM; ru_maxrss carries the parent's over)."""
    status = Path("/proc/self/status").read_text()
    return next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")) / 1024


def exports() -> None:
    results = {}
    for kind in ("csv", "xlsx"):
        out = ROOT / "out" / f"bench-export.{kind}"
        code = (
            "from bench.documents import write_export; from pathlib import Path; "
            f"write_export({kind!r}, {XLSX_ROWS}, Path({str(out)!r}))"
        )
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
        seconds, peak = done.stdout.split()
        results[kind] = (float(seconds), float(peak), out.stat().st_size)
    (csv_s, csv_mb, csv_size), (xlsx_s, xlsx_mb, xlsx_size) = results["csv"], results["xlsx"]
    print(f"{XLSX_ROWS:,} responses, XLSX / CSV of the same rows (goal <= 3x, peak < 300 MB):")
    print(
        f"  {xlsx_s:6.1f} s / {csv_s:6.1f} s = {xlsx_s / csv_s:4.2f}; peak {xlsx_mb:.0f} MB / {csv_mb:.0f} MB; "
        f"files {xlsx_size / 1e6:.0f} MB / {csv_size / 1e6:.0f} MB"
    )


def synthetic_rows(units: int):
    """Index rows of `units` units (SKM, IPKP and IPAK) and the region, from generated facts."""
    import random

    from shared.rules import questionnaire
    from shared.rules.ikm import Tally
    from shared.rules.periods import Period
    from shared.rules.records import Unit
    from shared.usecases.aggregation import index_rows
    from shared.usecases.aggregation.index_rows import GroupFacts, UnitFacts

    rng = random.Random(16)
    period = Period.parse("2026")
    listed, groups = [], {}
    for n in range(units):
        unit = Unit(
            unit_id=f"unit-{n:03d}",
            name=f"Unit Layanan {n:03d}",
            type="Puskesmas",
            service_users_per_quarter=rng.randint(100, 3000),
            surveys=("skm", "ipkp", "ipak") if n % 3 == 0 else ("skm",),
        )
        listed.append(unit)
        for survey in unit.surveys:
            count = rng.randint(40, 400)
            codes = questionnaire.current(survey).codes
            tallies = {code: Tally(count, rng.randint(2 * count, 4 * count)) for code in codes}
            total = sum(t.score_sum for t in tallies.values())
            groups[(unit.unit_id, survey, "all", "all")] = GroupFacts(count, tallies, float(total), float(total * 3))
            groups[(unit.unit_id, survey, "channel", "web")] = GroupFacts(
                count, tallies, float(total), float(total * 3)
            )
    facts = index_rows.PeriodFacts(groups, {u.unit_id: UnitFacts() for u in listed}, {})
    return period, index_rows.build_rows(period, listed, facts, "krejcie-morgan", "Pemerintah Kota Contoh")


def consolidated() -> None:
    sys.path.insert(0, str(ROOT / "functions" / "report"))
    from skm_report import official_files as render

    from shared.reports.official import narrative, region

    def seconds(units: int) -> tuple[float, int]:
        period, rows = synthetic_rows(units)
        started = time.perf_counter()
        document = region.region_report(
            period, rows, [], narrative.Narrative(), "Pemerintah Kota Contoh", date.today(), minimum=30, until=None
        )
        pdf = render.pdf(document)
        return time.perf_counter() - started, pdf_pages(pdf)

    seconds(size(10, 1))  # warm: fonts, templates
    half = REGION_UNITS // 2
    small, _ = seconds(half)
    large, pages = seconds(REGION_UNITS)
    print(f"the region's consolidated official report, rendered in-process (goal <= 10 s for {REGION_UNITS} units):")
    print(
        f"  {REGION_UNITS} units {large:5.1f} s ({pages} pages), {half} units {small:5.1f} s: "
        f"{(large - small) / (REGION_UNITS - half) * 1000:.0f} ms a unit"
    )


def yearly_official(stack, token: str, year: str) -> None:
    import requests

    ask = {"unit_id": "puskesmas-teluk-dalam", "period": year, "document": "official", "format": "pdf"}

    def timed() -> tuple[float, str]:
        started = time.perf_counter()
        response = requests.post(
            f"{stack.url('report')}/api/v1/reports", json=ask, timeout=120, headers={"Authorization": f"Bearer {token}"}
        )
        assert response.status_code == 201, response.text
        return time.perf_counter() - started, response.json()["url"]

    timed()
    fresh = []
    for _ in range(FRESH_RUNS):
        shutil.rmtree(stack.workdir / "reports", ignore_errors=True)
        fresh.append(timed()[0])
    cached = [timed()[0] for _ in range(CACHED_RUNS)]
    pdf = requests.get(timed()[1], timeout=60).content
    count = pdf_pages(pdf)
    f, c = statistics.median(fresh), statistics.median(cached)
    print(f"a unit's yearly official report (SKM, IPKP, IPAK; {count} pages) over HTTP, warm instance:")
    print(f"  fresh {f:.2f} s (goal <= 1.5 s), cached {c * 1000:.0f} ms = {100 * c / f:.1f} % of fresh (goal <= 5 %)")


def pdf_pages(pdf: bytes) -> int:
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True).stdout.decode()
    return next((int(line.split()[-1]) for line in info.splitlines() if line.startswith("Pages:")), 0)


def run() -> None:
    from bench.report import demo_stack
    from shared import config
    from shared.rules.periods import Period

    with demo_stack("bench-documents", with_year=True) as (stack, token):
        yearly_official(stack, token, str(Period.now(zone=config.load(os.environ).zone).year))
    consolidated()
    public_site()
    exports()


def synthetic_standards(units: int):
    """Two services' standards per unit, every component set in words as long as a decree's, and
    a signed maklumat: the public pages at their heaviest."""
    from datetime import date

    from shared.rules import standards
    from shared.rules.standards import Cost, Duration, Maklumat, Standard

    words = "Fotokopi KTP dan KK yang masih berlaku; surat pengantar dari kelurahan; formulir permohonan. " * 3
    versions = [
        Standard(
            unit_id=f"unit-{n:03d}",
            service=service,
            decree_number=f"800/{n}/2026",
            decree_date=date(2026, 1, 2),
            effective_from=date(2026, 1, 15),
            components={c.key: words for c in standards.COMPONENTS} | {"waktu": "3 hari kerja", "biaya": "Gratis"},
            time=Duration(amount=3, unit="hari kerja"),
            cost=Cost(rupiah=0),
        )
        for n in range(units)
        for service in ("Pelayanan umum", "Pelayanan khusus")
    ]
    pledge = Maklumat(
        text=standards.DEFAULT_MAKLUMAT, signer_name="Kepala Unit", signer_position="Kepala", signed_on=date(2026, 1, 2)
    )
    return versions, {f"unit-{n:03d}": pledge for n in range(units)}


def public_site(units: int = SITE_UNITS) -> None:
    """The public site of one period for a province's units, written as a run writes it: the
    version's folder, the entry page, the addresses others link to, the shared pages."""
    import tempfile
    from datetime import datetime, timezone
    from types import SimpleNamespace

    from shared.adapters.public_site import LocalPublicSite
    from shared.reports.open_data import Publication, Publisher
    from shared.usecases import publishing

    period, rows = synthetic_rows(units)
    now = datetime.now(timezone.utc)
    rows = [row | {"provisional": False, "aggregated_at": now} for row in rows]
    publication = Publication(period.key, "bench", now)
    standards, maklumats = synthetic_standards(units)
    sources = SimpleNamespace(
        plans_of=lambda unit_ids, key: {}, standards=lambda unit_id=None: standards, maklumats=lambda: maklumats
    )
    warehouse = SimpleNamespace(index_rows=lambda asked, unit_id=None: rows if asked == period else [])
    publisher = Publisher("Pemerintah Provinsi Contoh", "CC-BY-4.0")
    with tempfile.TemporaryDirectory() as folder:
        target = publishing.Site(
            sources, warehouse, LocalPublicSite(Path(folder)), publisher, "https://example.org", 30
        )  # type: ignore[arg-type]
        started = time.perf_counter()
        written = publishing.write(period, target, rows, {period.key: publication})
        seconds = time.perf_counter() - started
        files = {
            str(path.relative_to(folder)): path.stat().st_size for path in Path(folder).rglob("*") if path.is_file()
        }
    pages = {path: size for path, size in files.items() if path.endswith(".html")}
    largest = max(pages, key=pages.__getitem__)
    standard_pages = {path: size for path, size in pages.items() if path.endswith("-standar.html")}
    heaviest = max(standard_pages, key=standard_pages.__getitem__)
    print(
        f"public site of one period, {units:,} units with two services' standards each "
        "(goal <= 60 s, each page < 20 KB):"
    )
    print(
        f"  {seconds:5.1f} s, {written:,} files, {sum(files.values()) / 1e6:.1f} MB; "
        f"largest page {largest} {pages[largest]:,} B; largest standard page {standard_pages[heaviest]:,} B"
    )


if __name__ == "__main__":
    run()
