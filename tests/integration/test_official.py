"""The official report (Laporan Hasil SKM): PDF and DOCX of the same content, the operator's
narrative in both, the DOCX opened by LibreOffice headless."""

import os
import re
import shutil
import subprocess

import pytest
import requests

from tests.helpers.area import Area, comma
from tests.helpers.data import Q3, add_operator, rows_by_key

pytestmark = pytest.mark.stack
UNIT = "puskesmas-teluk-dalam"  # SKM, IPKP and IPAK


def official_link(stack, headers, file_format: str, unit_id: str = UNIT) -> requests.Response:
    body = {"unit_id": unit_id, "period": Q3.key, "document": "official", "format": file_format}
    return requests.post(f"{stack.url('report')}/api/v1/reports", json=body, headers=headers, timeout=120)


def text_of_pdf(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def docx_as_pdf(docx_path, out_dir):
    """LibreOffice headless converts the Word file; its own profile goes to a writable home."""
    soffice = shutil.which("soffice") or pytest.fail("soffice is not installed: run `make system-deps`")
    env = {**os.environ, "HOME": str(out_dir)}
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(out_dir), str(docx_path)],
        check=True,
        capture_output=True,
        env=env,
        timeout=120,
    )
    return out_dir / (docx_path.stem + ".pdf")


def test_the_official_report_carries_the_same_numbers_and_narrative_in_pdf_and_docx(
    q3_data, stack, store, warehouse, artifacts
):
    operator = add_operator(store, "kapus@contoh.go.id", units=[UNIT])
    area = Area(stack, operator)
    bad_nip = area.post(f"/u/{UNIT}/{Q3.key}/narrative", {"nip": "12345"})
    assert bad_nip.status_code == 422 and "nip" in bad_nip.text
    narrative = {
        "foreword": "Laporan ini kami susun bersama <b>seluruh</b> petugas puskesmas.",
        "conclusion": "Puskesmas akan menambah loket pendaftaran pada triwulan berikutnya.",
        "place": "Banjarmasin",
        "position": "Kepala Puskesmas Teluk Dalam",
        "signatory": "dr. Siti Rahmah",
        "nip": "19800101 200501 2 001",
    }
    assert area.post(f"/u/{UNIT}/{Q3.key}/narrative", narrative).status_code == 303
    skm = rows_by_key(warehouse)[(UNIT, "skm")]
    texts = {}
    for file_format in ("pdf", "docx"):
        made = official_link(stack, operator, file_format)
        assert made.status_code == 201, made.text
        download = requests.get(made.json()["url"], timeout=60)
        assert download.status_code == 200
        path = artifacts / f"official.{file_format}"
        path.write_bytes(download.content)
        converted = artifacts / "from-docx"
        converted.mkdir(exist_ok=True)
        texts[file_format] = text_of_pdf(path if file_format == "pdf" else docx_as_pdf(path, converted))
    assert "wordprocessingml" in download.headers["Content-Type"]
    assert 'filename="LAPORAN_puskesmas-teluk-dalam_2026-Q3.docx"' in download.headers["Content-Disposition"]
    for text in texts.values():
        flat = " ".join(text.split())
        for expected in (
            "BAB I Pendahuluan",
            "BAB V Kesimpulan",
            "Lampiran 1. Kuesioner",
            comma(skm["index_converted"], 2),
            comma(skm["index_value"], 4),
            "seluruh</b> petugas",  # the operator's text, printed and never interpreted
            "menambah loket pendaftaran",
            "dr. Siti Rahmah",
            "NIP 19800101 200501 2 001",
            "Indeks Persepsi Anti Korupsi",
        ):
            assert expected in flat, (expected, flat[:400])
    pages = int(
        re.search(
            r"Pages:\s+(\d+)",
            subprocess.run(["pdfinfo", str(artifacts / "official.pdf")], capture_output=True, text=True).stdout,
        )[1]
    )
    assert pages >= 10 and f"Halaman {pages} dari {pages}" in texts["pdf"]
    from shared.rules import vocabulary
    from shared.text import messages

    captions = {messages.message("dim_" + dimension, "id") for dimension in vocabulary.DIMENSIONS}
    for page in texts["pdf"].split("\f"):  # a table's caption never ends a page: it moves with its table
        lines = [line.strip() for line in page.splitlines() if line.strip() and "Halaman" not in line]
        assert not lines or lines[-1] not in captions, lines[-3:]


def test_the_official_report_is_asked_for_with_its_own_options(q3_data, stack, store, bureau):
    summary_as_word = {"unit_id": UNIT, "period": Q3.key, "format": "docx"}
    refused = requests.post(f"{stack.url('report')}/api/v1/reports", json=summary_as_word, headers=bureau, timeout=30)
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "format"
    other = add_operator(store, "lurah@contoh.go.id", units=["kelurahan-teluk-dalam"])
    assert official_link(stack, other, "pdf").status_code == 403


def test_a_plan_target_date_already_past_is_refused_and_the_pdf_writes_dates_the_indonesian_way(
    q3_data, stack, store, warehouse, artifacts
):
    from tests.helpers.area import pdf_text, report_link

    operator = add_operator(store, "kapus@contoh.go.id", units=[UNIT])
    area = Area(stack, operator)
    weakest = rows_by_key(warehouse)[(UNIT, "skm")]["lowest_items"][0]["code"]
    past = area.post(f"/u/{UNIT}/{Q3.key}/plan", {"item": [weakest], f"due_{weakest}": "2020-01-31"})
    assert past.status_code == 422 and "Target waktu tidak boleh sebelum hari ini." in past.text
    saved = area.post(
        f"/u/{UNIT}/{Q3.key}/plan",
        {"item": [weakest], f"action_{weakest}": "Tambah loket", f"due_{weakest}": "2099-01-31"},
    )
    assert saved.status_code == 303
    text = pdf_text(report_link(stack, operator, unit_id=UNIT), artifacts / "summary-dates.pdf")
    assert "31 Januari 2099" in text and "2099-01-31" not in text


def test_the_regions_consolidated_report_ranks_every_unit_in_pdf_and_docx(
    q3_data, stack, store, warehouse, bureau, artifacts
):
    rows = rows_by_key(warehouse)
    texts = {}
    for file_format in ("pdf", "docx"):
        made = official_link(stack, bureau, file_format, unit_id="*")
        assert made.status_code == 201, made.text
        path = artifacts / f"official-region.{file_format}"
        path.write_bytes(requests.get(made.json()["url"], timeout=60).content)
        converted = artifacts / "from-docx"
        converted.mkdir(exist_ok=True)
        texts[file_format] = " ".join(
            text_of_pdf(path if file_format == "pdf" else docx_as_pdf(path, converted)).split()
        )
    for text in texts.values():
        assert "Peringkat Unit Layanan" in text and "Matriks Nilai Unsur per Unit" in text
        assert comma(rows[("*", "skm")]["index_converted"], 2) in text
        for unit_id in ("puskesmas-teluk-dalam", "kelurahan-teluk-dalam"):
            assert comma(rows[(unit_id, "skm")]["index_converted"], 2) in text
        assert "Lampiran 1. " in text and "Indeks Persepsi Anti Korupsi" in text
    assert (
        requests.post(
            f"{stack.url('report')}/api/v1/reports",
            json={"unit_id": "*", "period": Q3.key, "document": "official"},
            headers=add_operator(store, "lurah@contoh.go.id", units=["kelurahan-teluk-dalam"]),
            timeout=30,
        ).status_code
        == 403
    )


def test_a_running_periods_official_report_is_marked_sementara_on_every_page_of_its_pdf_and_docx(tmp_path):
    """Rendered in-process from index rows aggregated on the fakes: the cover, every page's
    footer and BAB II say the figures are provisional (the period of the rows still runs)."""
    from datetime import date, datetime

    from functions.report.skm_report import official_files
    from shared.reports.official import unit
    from shared.reports.official.narrative import Narrative
    from shared.rules import follow_up
    from shared.rules.periods import JAKARTA
    from skm.demo import DEMO_UNITS
    from skm.units_csv import read_units_file
    from tests.helpers.fakes import fake_services
    from tests.helpers.http import aggregated

    services = fake_services(read_units_file(DEMO_UNITS))
    aggregated(services)
    by_survey = {row["survey"]: row for row in services.warehouse.index_rows(Q3) if row["unit_id"] == UNIT}
    skm = by_survey["skm"]
    plan = follow_up.plan_rows(skm["lowest_items"] or [], None)
    until = datetime(2026, 9, 14, 14, 5, tzinfo=JAKARTA)  # every response before it is in
    data = unit.UnitData(skm["unit_name"], Q3, by_survey, [skm], [], plan, [], 30, until)
    document = unit.unit_report(data, Narrative(), "Pemerintah Kota Contoh", date(2026, 9, 15))
    pdf = tmp_path / "running.pdf"
    pdf.write_bytes(official_files.pdf(document))
    pages = text_of_pdf(pdf).split("\f")[:-1]
    assert "SEMENTARA" in pages[0]  # the cover
    assert all("SEMENTARA · Pemerintah Kota Contoh" in page for page in pages[1:]), "a page without the mark"
    assert "14 September 2026 14.05 WIB, periode masih berjalan" in " ".join(" ".join(pages).split())
    docx = tmp_path / "running.docx"
    docx.write_bytes(official_files.docx(document))
    from_word = docx_as_pdf(docx, tmp_path)
    word_pages = text_of_pdf(from_word).split("\f")[:-1]
    assert "SEMENTARA" in word_pages[0] and all("SEMENTARA" in page for page in word_pages[1:])


def test_the_consolidated_report_counts_only_the_units_of_its_period_in_pdf_and_docx(tmp_path):
    """Two units registered in December, with no response in Triwulan III, are not among its
    units: not in the count, the ranking, the appendices or the region's sample."""
    from datetime import date

    from functions.report.skm_report import official_files
    from shared.reports.official import region
    from shared.reports.official.narrative import Narrative
    from skm.demo import DEMO_UNITS
    from skm.units_csv import read_units_file
    from tests.helpers.fakes import fake_services
    from tests.helpers.http import aggregated

    units = read_units_file(DEMO_UNITS)
    late = [
        units[0].model_copy(update={"unit_id": f"baru-{n}", "name": f"Unit Baru {n}", "registered": date(2026, 12, 1)})
        for n in (1, 2)
    ]
    services = fake_services([*units, *late])
    aggregated(services)
    rows = services.warehouse.index_rows(Q3)
    document = region.region_report(Q3, rows, [], Narrative(), "Kota Contoh", date(2026, 12, 3), minimum=1, until=None)
    pdf, docx = tmp_path / "region.pdf", tmp_path / "region.docx"
    pdf.write_bytes(official_files.pdf(document))
    docx.write_bytes(official_files.docx(document))
    for text in (text_of_pdf(pdf), text_of_pdf(docx_as_pdf(docx, tmp_path))):
        flat = " ".join(text.split())
        assert f"Survei dilaksanakan oleh {len(units)} unit layanan" in flat
        assert "Unit Baru" not in flat


def test_the_signature_never_stands_alone_on_the_last_page_of_the_pdf_or_the_docx(tmp_path):
    """Reports of growing length, so that one of them ends where the signature alone would
    spill onto a new page: what precedes it goes along, in the PDF and in LibreOffice."""
    from functions.report.skm_report import official_files
    from shared.reports.official.blocks import Cover, Document, Heading, Paragraph, Signature

    def report(lines: int) -> Document:
        text = [Paragraph(f"Baris nomor {n}.") for n in range(1, lines + 1)]
        signature = Signature("Banjarmasin, 3 Desember 2026", "Kepala Puskesmas", "dr. Siti", "NIP 1980")
        return Document(Cover("Kota", "Unit", "Triwulan III 2026", 2026), [Heading("BAB V"), *text, signature], "Kota")

    lengths = range(30, 62, 2)  # a page holds about 45 lines: every way the last page can end
    for lines in lengths:
        (tmp_path / f"r{lines}.pdf").write_bytes(official_files.pdf(report(lines)))
        (tmp_path / f"r{lines}.docx").write_bytes(official_files.docx(report(lines)))
    converted = tmp_path / "from-docx"
    soffice = shutil.which("soffice") or pytest.fail("soffice is not installed: run `make system-deps`")
    docx_files = [str(tmp_path / f"r{lines}.docx") for lines in lengths]
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(converted), *docx_files],
        check=True,
        capture_output=True,
        env={**os.environ, "HOME": str(tmp_path)},
        timeout=300,
    )
    for path in [tmp_path / f"r{lines}.pdf" for lines in lengths] + sorted(converted.glob("*.pdf")):
        last = text_of_pdf(path).split("\f")[:-1][-1]
        assert "Banjarmasin, 3 Desember 2026" in last and "NIP 1980" in last, path.name
        assert "Baris nomor" in last, f"{path.name}: the signature stands alone on its page"


def test_the_contents_give_each_chapters_page_and_the_cover_takes_the_regions_logo(tmp_path):
    """The DOCX's contents are fields LibreOffice (and Word, asked on opening) fill in with each
    chapter's page; the PDF's are WeasyPrint's. The logo setting tops both covers."""
    import io
    from datetime import date

    import segno

    from functions.report.skm_report import official_files
    from shared.reports.official import region
    from shared.reports.official.narrative import Narrative
    from skm.demo import DEMO_UNITS
    from skm.units_csv import read_units_file
    from tests.helpers.fakes import fake_services
    from tests.helpers.http import aggregated

    services = fake_services(read_units_file(DEMO_UNITS))
    aggregated(services)
    rows = services.warehouse.index_rows(Q3)
    document = region.region_report(Q3, rows, [], Narrative(), "Kota Contoh", date(2026, 10, 5), minimum=1, until=None)
    logo = io.BytesIO()
    segno.make("Kota Contoh").save(logo, kind="png", scale=6)
    pdf, docx = tmp_path / "region.pdf", tmp_path / "region.docx"
    pdf.write_bytes(official_files.pdf(document, logo.getvalue()))
    docx.write_bytes(official_files.docx(document, logo.getvalue()))
    for path in (pdf, docx_as_pdf(docx, tmp_path / "from-docx")):
        pages = text_of_pdf(path).split("\f")[:-1]
        contents = next(page for page in pages if "Daftar Isi" in page or "DAFTAR ISI" in page)
        listed = re.findall(r"^\s*(\S.*?)\s*\.{3,}\s*(\d+)\s*$", contents, re.MULTILINE)
        assert [title for title, _ in listed] == document.chapters, path
        for title, page in listed:
            assert pages[int(page) - 1].split("\n", 2)[0].strip().casefold() == title.casefold(), (path, title)
        images = subprocess.run(["pdfimages", "-list", "-f", "1", "-l", "1", str(path)], capture_output=True, text=True)
        assert len(images.stdout.splitlines()) == 3, f"{path}: no logo on the cover"  # a header, a rule, the logo
