"""The official report's blocks, without the stack: a quarter aggregated on the fakes by the real
use case, then the unit's and the region's documents built from its index rows."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from shared.reports.official import region, unit
from shared.reports.official.blocks import Contents, Heading, Paragraph, Signature, Table
from shared.reports.official.narrative import Narrative
from shared.rules import follow_up
from skm.demo import DEMO_UNITS
from skm.units_csv import read_units_file
from tests.helpers.data import Q3
from tests.helpers.fakes import fake_services
from tests.helpers.http import aggregated

PUSKESMAS = "puskesmas-teluk-dalam"  # SKM, IPKP and IPAK
TODAY = date(2026, 10, 5)


@pytest.fixture(scope="module")
def rows():
    services = fake_services(read_units_file(DEMO_UNITS))
    aggregated(services)
    return services.warehouse.index_rows(Q3)


def unit_document(rows, minimum=30, narrative=Narrative(), until=None):
    by_survey = {row["survey"]: row for row in rows if row["unit_id"] == PUSKESMAS}
    skm = by_survey["skm"]
    plan = follow_up.plan_rows(skm["lowest_items"] or [], None)
    data = unit.UnitData(skm["unit_name"], Q3, by_survey, [skm], [], plan, [], minimum, until)
    return unit.unit_report(data, narrative, "Pemerintah Kota Contoh", TODAY)


def texts(document) -> str:
    return "\n".join(block.text for block in document.blocks if isinstance(block, Heading | Paragraph))


def test_a_units_report_has_its_chapters_in_order_and_a_contents_list_that_names_them(rows):
    document = unit_document(rows)
    assert [chapter.split()[1] for chapter in document.chapters if chapter.startswith("BAB")] == [
        "I",
        "II",
        "III",
        "IV",
        "V",
    ]
    assert document.chapters[0] == "Kata Pengantar" and document.chapters[-1] == "Lampiran"
    (contents,) = [block for block in document.blocks if isinstance(block, Contents)]
    assert tuple(document.chapters) == contents.entries
    assert document.cover.period == "Triwulan III 2026 (Juli–September)"


def test_every_survey_the_unit_ran_has_its_table_and_the_signature_closes_the_report(rows):
    document = unit_document(rows)
    assert {"SKM", "IPKP", "IPAK"} <= {word for word in texts(document).split() if word.isupper()}
    assert any(isinstance(block, Table) for block in document.blocks)
    assert isinstance(document.blocks[-1], Signature)


def test_the_operators_own_texts_replace_the_generated_ones_and_name_the_signatory(rows):
    written = Narrative(conclusion="Pelayanan membaik.\n\nAntrean dipercepat.", signatory="dr. Sari", place="Teluk")
    document = unit_document(rows, narrative=written)
    assert "Pelayanan membaik." in texts(document) and "Antrean dipercepat." in texts(document)
    signature = document.blocks[-1]
    assert signature.name == "dr. Sari" and signature.place_date == "Teluk, 5 Oktober 2026"


def test_a_unit_under_the_regions_minimum_says_so_in_bab_three(rows):
    assert "Data belum cukup" not in texts(unit_document(rows, minimum=1))
    assert "Data belum cukup" in texts(unit_document(rows, minimum=10_000))


def test_the_regions_report_ranks_the_units_and_gives_each_an_appendix(rows):
    document = region.region_report(Q3, rows, [], Narrative(), "Pemerintah Kota Contoh", TODAY, minimum=1, until=None)
    names = sorted({row["unit_name"] for row in rows if row["unit_id"] != "*"})
    body = texts(document)
    assert all(name in body for name in names)
    ranking = next(
        b for b in document.blocks if isinstance(b, Table) and b.header[1:3] == ("Unit layanan", "Responden")
    )
    assert sorted(row[1] for row in ranking.rows) == names
    ranks = [row[0] for row in ranking.rows]  # the ranked first, 1, 2, …; then units without an index, "–"
    ranked = [rank for rank in ranks if rank != "–"]
    assert ranked == [str(n) for n in range(1, len(ranked) + 1)] and ranks == ranked + ["–"] * (
        len(ranks) - len(ranked)
    )
    assert isinstance(document.blocks[-1], Signature)


def test_a_running_periods_report_says_sementara_on_its_cover_every_page_and_in_bab_two(rows):
    until = datetime(2026, 9, 14, 14, 5, tzinfo=ZoneInfo("Asia/Makassar"))  # issue 27: the time, in the zone
    running = unit_document(rows, until=until)
    assert running.cover.mark == "SEMENTARA" and running.footer.startswith("SEMENTARA · ")
    assert "1 Juli 2026 sampai dengan 14 September 2026 14.05 WITA, periode masih berjalan." in texts(running)
    whole = region.region_report(Q3, rows, [], Narrative(), "Kota", TODAY, minimum=1, until=until)
    assert whole.cover.mark == "SEMENTARA" and "sampai dengan 14 September 2026 14.05 WITA, periode" in texts(whole)
    ended = unit_document(rows)
    assert ended.cover.mark == "" and "SEMENTARA" not in ended.footer + texts(ended)
    assert "1 Juli 2026 sampai dengan 30 September 2026." in texts(ended)


def test_the_method_names_the_channels_in_the_data_with_their_shares_and_no_product(rows):
    document = unit_document(rows)
    body = texts(document)
    assert "skm-cloud" not in body and "tautan atau kode QR" not in body
    skm = next(r for r in rows if r["unit_id"] == PUSKESMAS and r["survey"] == "skm")
    used = [g for g in skm["profile"] if g["dimension"] == "channel"]
    assert used and all(f"{g['respondents']} responden (" in body for g in used)
    whole = region.region_report(Q3, rows, [], Narrative(), "Kota", TODAY, minimum=1, until=None)
    assert "formulir daring, kios, kuesioner kertas dan impor berkas" not in texts(whole)


def test_lampiran_one_lists_every_questionnaire_the_unit_ran_and_no_heading_nests_parentheses(rows):
    body = texts(unit_document(rows))
    appendix = body[body.index("Lampiran 1. Kuesioner") : body.index("Lampiran 2.")]
    titles = ("Survei Kepuasan Masyarakat", "Indeks Persepsi Kualitas Pelayanan", "Indeks Persepsi Anti Korupsi")
    assert all(title in appendix for title in titles)  # the puskesmas runs all three
    assert "Sebelumnya: Triwulan II 2026 (April–Juni)" in body and "((" not in body and "))" not in body


def test_the_regions_report_is_signed_by_the_bureau_unless_the_bureau_wrote_otherwise(rows):
    whole = region.region_report(Q3, rows, [], Narrative(), "Kota", TODAY, minimum=1, until=None)
    assert whole.blocks[-1].position == "Kepala Bagian Organisasi"
    named = Narrative(position="Sekretaris Daerah")
    assert region.region_report(Q3, rows, [], named, "Kota", TODAY, minimum=1, until=None).blocks[-1].position == (
        "Sekretaris Daerah"
    )
    assert unit_document(rows).blocks[-1].position == "Kepala Unit Layanan"


def test_each_index_is_printed_with_its_own_bands_and_their_source(rows):
    body = texts(unit_document(rows))
    assert "Rentang mutu IPAK: A 81,26–100,00 (Bebas dari korupsi)" in body and "PermenPAN-RB 90/2021" in body
    assert "Rentang mutu SKM: A 88,31–100,00 (Sangat baik)" in body and "PermenPAN-RB 14/2017" in body


def test_a_word_line_break_in_any_stored_text_still_makes_a_word_file(rows):
    """Issue 26, point 9: Word's \\x0b (and U+FFFF) typed on paper or in an imported cell, or
    already stored, never fails the DOCX writer."""
    import io

    import docx

    from functions.report.skm_report.official_files import docx as word_file
    from shared.reports.official.blocks import Document, printable

    dirty = [{**row, "unit_name": "Puskesmas\x0bTeluk\uffff Dalam"} for row in rows]
    document = unit_document(dirty)
    document = Document(document.cover, [*document.blocks, Paragraph("Antrean\x0blama\x0c")], document.footer)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(word_file(document))).paragraphs)
    assert "AntreanLama".lower() in text.lower() and "PuskesmasTeluk Dalam" in text
    assert printable(("a\x0bb", ["c\x00"])) == ("ab", ["c"])


def test_paper_rows_and_imported_cells_are_cleaned_as_the_citizens_form_is():
    from datetime import datetime, timezone

    from shared.files import responses_file
    from shared.rules.periods import JAKARTA
    from shared.rules.records import StoredResponse, Unit

    unit = Unit(unit_id="kel-a", name="A", type="Kelurahan")
    batch = responses_file.Batch({"kel-a": unit}, JAKARTA, datetime(2026, 11, 24, tzinfo=timezone.utc), "paper")
    header = "unit_id;submitted_at;U1;U2;U3;U4;U5;U6;U7;U8;U9;suggestion"
    data = f"{header}\nkel-a;02/08/2026 09:30;4;4;4;4;4;4;4;4;3;Antrean\x0blama\ufffe\n".encode()
    (read,) = responses_file.read_file(data, batch).responses
    assert read.suggestion == "Antreanlama"
    stored = read.model_dump() | {"suggestion": "a\x0bb", "reply": "c\x0bd"}  # stored before this rule
    assert StoredResponse.model_validate(stored).suggestion == "ab"


def test_bab_one_cites_each_services_decree_and_bab_four_sets_the_weak_elements_beside_their_promise(rows):
    from shared.rules.standards import Cost, Duration, Standard

    by_survey = {row["survey"]: row for row in rows if row["unit_id"] == PUSKESMAS}
    skm = by_survey["skm"]
    plan = follow_up.plan_rows(skm["lowest_items"] or [], None)
    general = Standard(
        unit_id=PUSKESMAS,
        service="Pemeriksaan umum",
        decree_number="440/7/PKM/2026",
        decree_date=date(2026, 1, 5),
        effective_from=date(2026, 2, 1),
        components={
            code: f"janji {code}" for code in ("persyaratan", "prosedur", "produk", "pengaduan", "sarana", "kompetensi")
        },
        time=Duration(amount=60, unit="menit"),
        cost=Cost(rupiah=0),
    )
    data = unit.UnitData(skm["unit_name"], Q3, by_survey, [skm], [], plan, [], 30, None, {"Pemeriksaan umum": general})
    document = unit.unit_report(data, Narrative(), "Pemerintah Kota Contoh", TODAY)
    said = texts(document)
    assert "Keputusan Nomor 440/7/PKM/2026 tanggal 5 Januari 2026 tentang Standar Pelayanan Pemeriksaan umum" in said
    assert "(berlaku mulai 1 Februari 2026)" in said
    [table] = [b for b in document.blocks if isinstance(b, Table) and b.header[-1] == "Janji dalam standar pelayanan"]
    weakest = [low["code"] for low in sorted(skm["elements"], key=lambda e: (float(e["nrr"]), e["code"]))[:3]]
    assert [row[0].split()[0] for row in table.rows] == weakest
    expected = {
        "U3": "Pemeriksaan umum: selesai 60 menit",
        "U4": "Pemeriksaan umum: gratis",
        "U7": "Tidak ada komponen",
    }
    for row in table.rows:
        code = row[0].split()[0]
        assert row[2].startswith(expected.get(code, "Pemeriksaan umum: janji ")), row
    without = texts(unit_document(rows))
    assert "belum menetapkan standar pelayanan yang berlaku pada periode ini" in without
