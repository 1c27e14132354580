"""The region's consolidated official report: every unit's results in one document for the bureau."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from shared.reports import suggestion_analysis
from shared.reports.official.blocks import (
    Block,
    Contents,
    Cover,
    Document,
    Heading,
    Paragraph,
    Table,
)
from shared.reports.official.narrative import (
    BUREAU_SIGNS,
    LANG,
    TOO_FEW,
    Narrative,
    band_name,
    channels,
    collected,
    element,
    footer,
    mark,
    num,
    paragraphs,
    provisional_note,
    signature,
    survey_title,
)
from shared.reports.official.unit import chapter_one, foreword, index_table, movement, survey_blocks
from shared.rules import eligibility, questionnaire, vocabulary
from shared.rules.periods import Period
from shared.text import formats, messages


# The region's consolidated report -------------------------------------------------------------
def region_report(
    period: Period,
    rows: list[dict[str, Any]],
    trend: list[dict[str, Any]],
    narrative: Narrative,
    region: str,
    today: date,
    *,
    minimum: int,
    until: datetime | None,
) -> Document:
    """Every unit's results in one report for the bureau: the same chapters over all units, the
    ranking, the per-element matrix, IPKP and IPAK where run, and an appendix per unit.
    `rows`: every index row of the period (units and the region-wide "*" rows)."""
    label = formats.period_name(period, LANG)
    by_survey = {survey: eligibility.ranked(rows, minimum=minimum, survey=survey) for survey in questionnaire.SURVEYS}
    whole = {row["survey"]: row for row in rows if row["unit_id"] == vocabulary.REGION}
    units = by_survey["skm"]
    subject = f"unit layanan di lingkungan {region}"
    blocks: list[Block] = [
        *foreword(subject, label, narrative, today),
        Contents(()),
        *chapter_one(subject, label, narrative),
        Heading("BAB II Pengumpulan Data SKM"),
        Paragraph(
            f"Survei dilaksanakan oleh {len(units)} unit layanan pada {collected(period, until)}, "
            f"dengan kuesioner sembilan unsur PermenPAN-RB 14/2017"
            + (f"; data masuk melalui {channels(whole['skm'])}." if "skm" in whole and channels(whole["skm"]) else ".")
        ),
        Paragraph(
            f"Jumlah responden seluruh unit {whole['skm']['respondents'] if 'skm' in whole else 0}; "
            f"{sum(1 for u in units if u.get('sample_reached'))} dari {len(units)} unit memenuhi sampel minimal."
        ),
        *provisional_note(until),
        Heading("BAB III Hasil Pengolahan Data SKM"),
        Heading("3.1 Indeks Seluruh Unit", 2),
        *(survey_blocks(whole["skm"]) if "skm" in whole else []),
        Heading("3.2 Peringkat Unit Layanan", 2),
        ranking_table(units, "skm"),
        Heading("3.3 Matriks Nilai Unsur per Unit", 2),
        element_matrix(units),
    ]
    for n, survey in enumerate((s for s in questionnaire.PERCEPTION if by_survey[s]), start=4):
        blocks += [Heading(f"3.{n} {survey_title(survey)}", 2), ranking_table(by_survey[survey], survey)]
    blocks += [
        Heading("BAB IV Analisis Hasil SKM"),
        Heading("4.1 Unsur Terlemah Seluruh Unit", 2),
        *([Paragraph(weakest_text(whole["skm"]))] if "skm" in whole else []),
        Heading("4.2 Unit dengan Mutu di Bawah B", 2),
        Paragraph(below_b_text(units)),
        Heading("4.3 Tren Nilai SKM Seluruh Unit", 2),
        index_table(trend),
        Paragraph(movement(trend, period, minimum)),
        Heading("4.4 Saran dan Pengaduan per Unit dan Unsur", 2),
        *suggestion_matrix(units),
        Heading("BAB V Kesimpulan"),
        *paragraphs(region_conclusion(region, label, whole, units)),
        *paragraphs(narrative.conclusion),
        Heading("Lampiran"),
        *[block for index, unit in enumerate(units, start=1) for block in unit_appendix(index, unit)],
        signature(narrative, today, BUREAU_SIGNS),
    ]
    contents = Contents(tuple(b.text for b in blocks if isinstance(b, Heading) and b.level == 1))
    cover = Cover(region, "Seluruh Unit Layanan", label, period.year, mark(until))
    return Document(cover, [contents if isinstance(b, Contents) else b for b in blocks], footer(region, label, until))


def ranking_table(units: list[dict[str, Any]], survey: str) -> Table:
    return Table(
        ("No", "Unit layanan", "Responden", "Sampel minimal", "Indeks konversi", "Mutu"),
        [
            (
                str(unit["rank"] or "–"),
                unit["unit_name"],
                str(unit["respondents"]),
                str(unit.get("required_sample") or "–"),
                num(unit["index_converted"], 2),
                f"{unit['grade'] or '–'} ({band_name(survey, unit['grade'])})" if unit["enough"] else TOO_FEW,
            )
            for unit in units
        ],
        (7, 34, 14, 13, 12, 20),
        (True, False, True, True, True, False),
    )


def element_matrix(units: list[dict[str, Any]]) -> Table:
    codes = questionnaire.current("skm").codes
    rows = []
    for unit in units:
        nrr = {e["code"]: e["nrr"] for e in unit["elements"]}
        rows.append((unit["unit_name"], *[num(nrr.get(code), 2) for code in codes], num(unit["index_converted"], 2)))
    return Table(
        ("Unit layanan", *codes, "IKM"), rows, (28, *([7] * len(codes)), 9), (False, *([True] * (len(codes) + 1)))
    )


def suggestion_matrix(units: list[dict[str, Any]]) -> list[Block]:
    """Units × elements: the complaints and proposals citizens wrote about each (counted by the
    aggregation; an operator's correction counts instead of the rules' label)."""
    codes = questionnaire.current("skm").codes
    rows = []
    for unit in units:
        said = suggestion_analysis.summary(unit)
        counts = [said[code]["keluhan"] + said[code]["saran"] for code in codes]
        if any(counts):
            rows.append((unit["unit_name"], *[str(n) if n else "–" for n in counts], str(sum(counts))))
    if not rows:
        return [Paragraph(messages.message("suggestion_none_yet", LANG))]
    intro = (
        "Jumlah keluhan dan saran warga yang menyebut tiap unsur pelayanan, per unit. Satu isian dapat "
        "menyebut lebih dari satu unsur."
    )
    widths = (25, *([7] * len(codes)), 12)
    return [
        Paragraph(intro),
        Table(("Unit layanan", *codes, "Jumlah"), rows, widths, (False, *([True] * (len(codes) + 1)))),
    ]


def weakest_text(row: dict[str, Any]) -> str:
    lowest = row.get("lowest_items") or []
    if not lowest:
        return "Belum ada jawaban pada periode ini."
    listed = "; ".join(f"{low['code']} {element('skm', low['code'])} (NRR {num(low['nrr'], 2)})" for low in lowest)
    return f"Unsur dengan nilai terendah di seluruh unit: {listed}."


def below_b_text(units: list[dict[str, Any]]) -> str:
    below = [u for u in units if u["enough"] and u["grade"] in ("C", "D")]
    if not below:
        return "Semua unit yang disurvei mencapai mutu A atau B."
    names = ", ".join(f"{u['unit_name']} ({num(u['index_converted'], 2)}, {u['grade']})" for u in below)
    return f"{len(below)} unit perlu perhatian khusus: {names}."


def region_conclusion(region: str, label: str, whole: dict[str, dict[str, Any]], units: list[dict[str, Any]]) -> str:
    if "skm" not in whole or whole["skm"]["index_converted"] is None:
        return f"Belum ada hasil survei untuk {label}."
    skm = whole["skm"]
    best = units[0]["unit_name"] if units and units[0]["enough"] else "–"
    return (
        f"IKM seluruh unit layanan {region} periode {label} adalah {num(skm['index_converted'], 2)}, mutu "
        f"{skm['grade'] or '–'} ({band_name('skm', skm['grade'])}). Nilai tertinggi dicapai {best}."
    )


def unit_appendix(index: int, unit: dict[str, Any]) -> list[Block]:
    weakest = ", ".join(f"{low['code']} ({num(low['nrr'], 2)})" for low in unit.get("lowest_items") or []) or "–"
    reached = "terpenuhi" if unit.get("sample_reached") else "belum terpenuhi"
    return [
        Heading(f"Lampiran {index}. {unit['unit_name']}", 2),
        Paragraph(
            f"Responden {unit['respondents']}, sampel minimal {unit.get('required_sample') or '–'} ({reached}). "
            f"IKM {num(unit['index_converted'], 2)}, mutu {unit['grade'] or '–'} "
            f"({band_name('skm', unit['grade'])}). Unsur terlemah: {weakest}."
        ),
    ]
