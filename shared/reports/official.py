"""The official report (Laporan Hasil SKM) as a list of blocks, rendered alike to PDF and DOCX.

It follows the outline pemda reports share (../shared/DOMAIN.md): cover, foreword, contents,
BAB I–V, appendices and a signature block. Every number comes from the aggregation's index
rows; the narrative is written from those numbers in plain Indonesian, and the unit's operator
may replace the foreword, background and conclusion and name the signatory (`Narrative`, kept
per unit and period). The document is in Bahasa Indonesia: it is the one a Bagian Organisasi
signs; the summary report stays bilingual.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import partial
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, StringConstraints, field_validator

from shared.rules import comparison, questionnaire, sampling, vocabulary
from shared.rules.periods import Period
from shared.rules.questionnaire import text
from shared.rules.records import Clean
from shared.text import formats, messages

LANG = "id"
num = partial(formats.number, lang=LANG)  # the official report is written in Bahasa Indonesia
day = partial(formats.date_text, lang=LANG)
TOO_FEW = messages.message("too_few", LANG)
LEGAL_BASIS = (
    "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;",
    "Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan Undang-Undang Nomor 25 Tahun 2009 "
    "tentang Pelayanan Publik;",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 14 Tahun 2017 tentang "
    "Pedoman Penyusunan Survei Kepuasan Masyarakat Unit Penyelenggara Pelayanan Publik.",
)
LongText = Annotated[str, Clean, StringConstraints(strip_whitespace=True, max_length=4000)]
ShortText = Annotated[str, Clean, StringConstraints(strip_whitespace=True, max_length=120)]


class Narrative(BaseModel):
    """What the unit's operator writes into the report; empty fields get the generated text."""

    model_config = ConfigDict(extra="forbid")
    foreword: LongText = ""
    background: LongText = ""
    conclusion: LongText = ""
    place: ShortText = ""
    position: ShortText = ""
    signatory: ShortText = ""
    nip: Annotated[str, StringConstraints(strip_whitespace=True, max_length=24)] = ""

    @classmethod
    def stored(cls, record: dict[str, Any] | None) -> Narrative:
        """The narrative of a stored record (which also says who wrote it, and when)."""
        return cls.model_validate({name: value for name, value in (record or {}).items() if name in cls.model_fields})

    @field_validator("nip")
    @classmethod
    def _nip(cls, value: str) -> str:
        """A civil servant's NIP: 18 digits, often written in groups (19700101 199003 1 001)."""
        digits = re.sub(r"\s", "", value)
        if digits and not (digits.isascii() and digits.isdigit() and len(digits) == 18):
            raise ValueError("NIP: 18 digits")
        return value


# Blocks -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1: a chapter (starts a page), 2: a section


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str = ""  # "", "list" (a numbered item), "small"


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]
    widths: tuple[int, ...]  # percent of the text width
    numeric: tuple[bool, ...] = ()  # right-aligned columns
    footer: Sequence[tuple[str, ...]] = field(default_factory=list)
    caption: str = ""


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Signature:
    place_date: str
    position: str
    name: str
    nip: str


@dataclass(frozen=True)
class Contents:
    """The table of contents: the chapters, in order (the PDF adds their pages)."""

    entries: tuple[str, ...]


Block = Heading | Paragraph | Table | PageBreak | Signature | Contents


@dataclass(frozen=True)
class Cover:
    region: str
    unit: str
    period: str
    year: int


@dataclass(frozen=True)
class Document:
    cover: Cover
    blocks: list[Block]
    footer: str  # region and period, printed on every page beside its number

    @property
    def chapters(self) -> list[str]:
        return [block.text for block in self.blocks if isinstance(block, Heading) and block.level == 1]


def element(survey: str, code: str) -> str:
    return questionnaire.element_name(survey, code, LANG)


def band_name(survey: str, grade: str | None) -> str:
    return questionnaire.band_label(survey, grade, LANG)


# The document ------------------------------------------------------------------------------
@dataclass(frozen=True)
class UnitData:
    """What one unit's report is made of: index rows by survey, the trend (SKM rows of earlier
    periods, ending with this one), a year's or semester's quarters, this period's plan and the
    previous period's (its follow-up is reported)."""

    unit_name: str
    period: Period
    rows: dict[str, dict[str, Any]]
    trend: list[dict[str, Any]]
    parts: list[dict[str, Any]]
    plan: list[dict[str, Any]]
    previous_plan: list[dict[str, Any]]
    minimum: int = 30  # respondents to be ranked and to call a change (SKM_MIN_RESPONDENTS)


def unit_report(data: UnitData, narrative: Narrative, region: str, today: date) -> Document:
    """The unit's official report for a period, from its index rows."""
    unit_name, period, rows = data.unit_name, data.period, data.rows
    skm = rows["skm"]
    label = formats.period_name(period, LANG)
    chapters: list[Block] = [
        *foreword(unit_name, label, narrative, today),
        Contents(()),
        *chapter_one(unit_name, label, narrative),
        *chapter_two(unit_name, period, skm),
        *chapter_three(rows, data.minimum),
        *chapter_four(skm, data.trend, data.parts, data.plan, period, data.minimum),
        *chapter_five(unit_name, label, rows, data.trend, narrative),
        *appendices(skm, data.previous_plan, period),
        signature(narrative, today),
    ]
    document = Document(Cover(region, unit_name, label, period.year), chapters, f"{region} · {label}")
    contents = Contents(tuple(document.chapters))
    return Document(document.cover, [contents if isinstance(b, Contents) else b for b in chapters], document.footer)


def foreword(unit: str, label: str, narrative: Narrative, today: date) -> list[Block]:
    generated = (
        f"Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa atas tersusunnya Laporan Hasil Survei "
        f"Kepuasan Masyarakat (SKM) {unit} periode {label}. Survei ini dilaksanakan sesuai Peraturan Menteri "
        f"PANRB Nomor 14 Tahun 2017 sebagai sarana menilai kinerja pelayanan dari sudut pandang masyarakat "
        f"pengguna layanan. Hasilnya menjadi bahan evaluasi dan dasar rencana tindak lanjut perbaikan pelayanan. "
        f"Terima kasih kami sampaikan kepada seluruh masyarakat yang telah meluangkan waktu mengisi survei."
    )
    return [
        Heading("Kata Pengantar"),
        *paragraphs(narrative.foreword or generated),
        signature(narrative, today),
    ]


def chapter_one(unit: str, label: str, narrative: Narrative) -> list[Block]:
    background = (
        f"Pelayanan publik yang baik menjadi hak setiap warga negara. Untuk mengetahui sejauh mana pelayanan "
        f"{unit} memenuhi harapan masyarakat, unit melaksanakan Survei Kepuasan Masyarakat secara berkala. "
        f"Laporan ini menyajikan hasil survei periode {label}: indeks kepuasan masyarakat, nilai setiap unsur "
        f"pelayanan, saran dan pengaduan masyarakat, serta rencana tindak lanjut."
    )
    return [
        Heading("BAB I Pendahuluan"),
        Heading("1.1 Latar Belakang", 2),
        *paragraphs(narrative.background or background),
        Heading("1.2 Dasar Pelaksanaan", 2),
        *[Paragraph(f"{n}. {law}", "list") for n, law in enumerate(LEGAL_BASIS, start=1)],
        Heading("1.3 Maksud dan Tujuan", 2),
        Paragraph(
            "Maksud survei adalah mengukur tingkat kepuasan masyarakat atas pelayanan yang diterima. "
            "Tujuannya: mengetahui kelemahan dan kelebihan setiap unsur pelayanan, menilai kinerja unit secara "
            "berkala, dan menjadi dasar kebijakan perbaikan kualitas pelayanan."
        ),
    ]


def chapter_two(unit: str, period: Period, skm: dict[str, Any]) -> list[Block]:
    channels = [g for g in skm.get("profile") or [] if g["dimension"] == "channel"]
    channel_text = ", ".join(
        f"{messages.message('channel_' + g['group_value'], LANG).lower()} {g['respondents']} responden"
        for g in channels
    )
    form = questionnaire.current("skm")
    rule = messages.message(sampling.sample_rule_key(skm.get("sample_rule") or "krejcie-morgan"), LANG)
    needed, respondents = skm.get("required_sample"), skm["respondents"]
    reached = (
        f"Jumlah responden {respondents} {'memenuhi' if skm.get('sample_reached') else 'belum memenuhi'} "
        f"sampel minimal {needed}."
        if needed
        else f"Jumlah responden {respondents}; jumlah pengguna layanan belum dicatat, sampel minimal tidak dihitung."
    )
    return [
        Heading("BAB II Pengumpulan Data SKM"),
        Heading("2.1 Pelaksana SKM", 2),
        Paragraph(f"Survei dilaksanakan secara mandiri oleh {unit} dengan sistem skm-cloud."),
        Heading("2.2 Metode Pengumpulan Data", 2),
        Paragraph(
            f"Data dikumpulkan dengan kuesioner {len(form.codes)} unsur pelayanan sesuai PermenPAN-RB 14/2017, "
            f"masing-masing dengan skala {form.scale.min}–{form.scale.max}. "
            + (f"Saluran pengisian: {channel_text}." if channel_text else "")
        ),
        Heading("2.3 Lokasi Pengumpulan Data", 2),
        Paragraph(f"Lokasi pelayanan {unit}, dan secara daring melalui tautan atau kode QR di loket."),
        Heading("2.4 Waktu Pelaksanaan SKM", 2),
        Paragraph(f"{day(period.start)} sampai dengan {day(period.end - timedelta(days=1))}."),
        Heading("2.5 Penentuan Jumlah Responden", 2),
        Paragraph(
            f"Jumlah pengguna layanan pada periode ini {num(skm.get('service_users') or 0, 0)} orang. {rule} {reached}"
        ),
    ]


def chapter_three(rows: dict[str, dict[str, Any]], minimum: int) -> list[Block]:
    skm = rows["skm"]
    blocks: list[Block] = [
        Heading("BAB III Hasil Pengolahan Data SKM"),
        Heading("3.1 Jumlah Responden dan Profilnya", 2),
        Paragraph(f"Responden yang dihitung: {skm['respondents']} orang."),
    ]
    if not comparison.enough(skm, minimum):
        note = messages.message("too_few_note", LANG, respondents=skm["respondents"], minimum=minimum)
        blocks.append(Paragraph(note))
    for dimension in vocabulary.DIMENSIONS:
        groups = [g for g in skm.get("profile") or [] if g["dimension"] == dimension]
        if not groups:
            continue
        total = sum(g["respondents"] for g in groups) or 1
        blocks.append(
            Table(
                ("Kelompok", "Responden", "Persentase", "IKM"),
                [
                    (
                        formats.group_label(dimension, g["group_value"], LANG),
                        str(g["respondents"]),
                        num(Decimal(g["respondents"] * 100) / total, 1) + "%",
                        num(g["index_converted"], 2),
                    )
                    for g in groups
                ],
                (46, 18, 18, 18),
                (False, True, True, True),
                caption=messages.message("dim_" + dimension, LANG),
            )
        )
    blocks.append(Heading("3.2 Indeks Kepuasan Masyarakat", 2))
    blocks += survey_blocks(skm)
    for survey in ("ipkp", "ipak"):
        if survey in rows:
            blocks.append(Heading(f"3.{3 if survey == 'ipkp' else 4} {survey_title(survey)}", 2))
            blocks += survey_blocks(rows[survey])
    return blocks


def survey_title(survey: str) -> str:
    return text(questionnaire.current(survey).title, LANG)


def survey_blocks(row: dict[str, Any]) -> list[Block]:
    survey = row["survey"]
    factor = questionnaire.current(survey).conversion_factor
    elements = [
        (
            e["code"],
            element(survey, e["code"]),
            str(e["score_sum"] or 0),
            str(e["answers"] or 0),
            num(e["nrr"], 2),
            num(e["weighted_nrr"], 3),
        )
        for e in row["elements"]
    ]
    return [
        Table(
            ("No", "Unsur pelayanan", "Jumlah nilai", "Jumlah jawaban", "NRR", "NRR tertimbang"),
            elements,
            (8, 40, 13, 13, 11, 15),
            (False, False, True, True, True, True),
            footer=[
                ("", "Indeks (nilai interval)", "", "", "", num(row["index_value"], 4)),
                ("", f"Indeks konversi (× {factor})", "", "", "", num(row["index_converted"], 2)),
            ],
        ),
        Paragraph(
            f"Nilai indeks {num(row['index_value'], 4)}, dikonversi {num(row['index_converted'], 2)}: "
            f"mutu {row['grade'] or '–'} ({band_name(survey, row['grade'])})."
            + (
                f" Selang kepercayaan 95%: {num(row['ci_low'], 2)}–{num(row['ci_high'], 2)}."
                if row.get("ci_low") is not None
                else ""
            )
        ),
    ]


def chapter_four(
    skm: dict[str, Any],
    trend: list[dict[str, Any]],
    parts: list[dict[str, Any]],
    plan: list[dict[str, Any]],
    period: Period,
    minimum: int,
) -> list[Block]:
    answered = [e for e in skm["elements"] if e["nrr"] is not None]
    mean = sum((Decimal(e["nrr"]) for e in answered), Decimal(0)) / (len(answered) or 1)
    ordered = sorted(answered, key=lambda e: (Decimal(e["nrr"]), e["code"]))
    weakest = ordered[:3]
    strongest = list(reversed(ordered[-2:]))

    def described(e: dict[str, Any]) -> str:
        gap = Decimal(e["nrr"]) - mean
        side = "di bawah" if gap < 0 else "di atas"
        return f"{e['code']} {element('skm', e['code'])} (NRR {num(e['nrr'], 2)}, {num(abs(gap), 2)} {side} rata-rata)"

    blocks: list[Block] = [
        Heading("BAB IV Analisis Hasil SKM"),
        Heading("4.1 Kelemahan dan Kelebihan Unsur Pelayanan", 2),
        Paragraph(
            f"Rata-rata NRR unsur {num(mean, 2)}. Unsur terlemah: " + "; ".join(map(described, weakest)) + ". "
            "Unsur terkuat: " + "; ".join(map(described, strongest)) + "."
            if answered
            else "Belum ada jawaban pada periode ini."
        ),
        Heading("4.2 Rencana Tindak Lanjut", 2),
        plan_table(plan),
        Heading("4.3 Tren Nilai SKM", 2),
        index_table(trend),
        Paragraph(movement(trend, period, minimum)),
        *(quarters_of(parts)),
        Heading("4.4 Saran dan Pengaduan", 2),
        Paragraph(complaints_text(skm)),
    ]
    return blocks


def quarters_of(parts: list[dict[str, Any]]) -> list[Block]:
    return [Paragraph("Triwulan dalam periode ini:"), index_table(parts)] if parts else []


def plan_table(plan: list[dict[str, Any]]) -> Table:
    return Table(
        ("Unsur", "NRR", "Rencana tindak lanjut", "Penanggung jawab", "Target waktu"),
        [
            (
                f"{p['item']} {element('skm', p['item'])}",
                num(p.get("nrr"), 2),
                p.get("action") or "–",
                p.get("owner") or "–",
                day(p.get("due")),
            )
            for p in plan
        ],
        (24, 9, 35, 17, 15),
        (False, True, False, False, False),
    )


def index_table(rows: list[dict[str, Any]]) -> Table:
    return Table(
        ("Periode", "Responden", "IKM konversi", "Mutu"),
        [
            (
                formats.period_short_name(Period.parse(t["period"]), LANG),
                str(t["respondents"]),
                num(t["index_converted"], 2),
                f"{t['grade'] or '–'} ({band_name('skm', t['grade'])})",
            )
            for t in rows
        ],
        (34, 18, 18, 30),
        (False, True, True, False),
    )


def movement(trend: list[dict[str, Any]], period: Period, minimum: int) -> str:
    """How the index moved against the period before: up or down only when significant."""
    from shared.reports.tables import movement as moved

    by_period = {t["period"]: t for t in trend}
    now, before = by_period.get(period.key), by_period.get(period.previous().key)
    return moved(now, before, formats.period_name(period.previous(), LANG), minimum, LANG)


def complaints_text(skm: dict[str, Any]) -> str:
    received, answered = skm.get("suggestions_received") or 0, skm.get("suggestions_answered") or 0
    if not received:
        return "Tidak ada saran atau pengaduan pada periode ini."
    median = skm.get("median_reply_hours")
    reply = f" Median waktu tanggapan pertama {num(median, 1)} jam." if median is not None else ""
    return f"Diterima {received} saran atau pengaduan, {answered} di antaranya telah ditanggapi.{reply}"


def chapter_five(
    unit: str,
    label: str,
    rows: dict[str, dict[str, Any]],
    trend: list[dict[str, Any]],
    narrative: Narrative,
) -> list[Block]:
    skm = rows["skm"]
    sentences = [
        f"Indeks Kepuasan Masyarakat {unit} periode {label} adalah {num(skm['index_converted'], 2)} "
        f"dengan mutu pelayanan {skm['grade'] or '–'} ({band_name('skm', skm['grade'])})."
    ]
    for survey in ("ipkp", "ipak"):
        if survey in rows and rows[survey]["index_converted"] is not None:
            row = rows[survey]
            sentences.append(f"{survey.upper()} {num(row['index_converted'], 2)}: {band_name(survey, row['grade'])}.")
    if skm.get("required_sample"):
        met = "terpenuhi" if skm.get("sample_reached") else "belum terpenuhi"
        sentences.append(f"Sampel minimal {skm['required_sample']} responden {met}.")
    generated = " ".join(sentences)
    return [Heading("BAB V Kesimpulan"), *paragraphs(generated), *paragraphs(narrative.conclusion)]


def appendices(skm: dict[str, Any], previous_plan: list[dict[str, Any]], period: Period) -> list[Block]:
    blocks: list[Block] = [Heading("Lampiran"), Heading("Lampiran 1. Kuesioner", 2)]
    form = questionnaire.current("skm")
    for n, item in enumerate(form.items, start=1):
        options = " · ".join(f"{o.score} {text(o.label, LANG)}" for o in item.options)
        blocks.append(Paragraph(f"{n}. {text(item.question, LANG)} ({options})", "list"))
    blocks.append(Heading("Lampiran 2. Saran dan Pengaduan Terbaru", 2))
    latest = skm.get("latest_suggestions") or []
    blocks += [Paragraph(f"“{s['text']}”", "small") for s in latest] or [Paragraph("Tidak ada.")]
    previous = formats.period_name(period.previous(), LANG)
    blocks.append(Heading(f"Lampiran 3. Tindak Lanjut SKM Periode Sebelumnya ({previous})", 2))
    blocks.append(
        plan_table(previous_plan) if previous_plan else Paragraph("Tidak ada rencana tindak lanjut tercatat.")
    )
    return blocks


def signature(narrative: Narrative, today: date) -> Signature:
    place = narrative.place or "…………"
    return Signature(
        f"{place}, {day(today)}",
        narrative.position or "Kepala Unit Layanan",
        narrative.signatory or "(………………………………)",
        f"NIP {narrative.nip}" if narrative.nip else "NIP …………………………",
    )


def paragraphs(written: str) -> list[Paragraph]:
    """A text an operator typed: one paragraph per blank-line-separated part."""
    return [Paragraph(" ".join(part.split())) for part in re.split(r"\n\s*\n", written or "") if part.strip()]


# The region's consolidated report -------------------------------------------------------------
def region_report(
    period: Period,
    rows: list[dict[str, Any]],
    trend: list[dict[str, Any]],
    narrative: Narrative,
    region: str,
    today: date,
    minimum: int = 30,
) -> Document:
    """Every unit's results in one report for the bureau: the same chapters over all units, the
    ranking, the per-element matrix, IPKP and IPAK where run, and an appendix per unit.
    `rows`: every index row of the period (units and the region-wide "*" rows)."""
    from shared.reports.tables import ranked

    label = formats.period_name(period, LANG)
    by_survey = {survey: ranked(rows, survey, minimum) for survey in questionnaire.SURVEYS}
    whole = {row["survey"]: row for row in rows if row["unit_id"] == vocabulary.REGION}
    units = by_survey["skm"]
    subject = f"unit layanan di lingkungan {region}"
    blocks: list[Block] = [
        *foreword(subject, label, narrative, today),
        Contents(()),
        *chapter_one(subject, label, narrative),
        Heading("BAB II Pengumpulan Data SKM"),
        Paragraph(
            f"Survei dilaksanakan oleh {len(units)} unit layanan pada {day(period.start)} sampai dengan "
            f"{day(period.end - timedelta(days=1))}, dengan kuesioner sembilan unsur PermenPAN-RB 14/2017 "
            f"melalui formulir daring, kios, kuesioner kertas dan impor berkas."
        ),
        Paragraph(
            f"Jumlah responden seluruh unit {whole['skm']['respondents'] if 'skm' in whole else 0}; "
            f"{sum(1 for u in units if u.get('sample_reached'))} dari {len(units)} unit memenuhi sampel minimal."
        ),
        Heading("BAB III Hasil Pengolahan Data SKM"),
        Heading("3.1 Indeks Seluruh Unit", 2),
        *(survey_blocks(whole["skm"]) if "skm" in whole else []),
        Heading("3.2 Peringkat Unit Layanan", 2),
        ranking_table(units, "skm"),
        Heading("3.3 Matriks Nilai Unsur per Unit", 2),
        element_matrix(units),
    ]
    for n, survey in enumerate(("ipkp", "ipak"), start=4):
        if by_survey[survey]:
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
        Heading("BAB V Kesimpulan"),
        *paragraphs(region_conclusion(region, label, whole, units)),
        *paragraphs(narrative.conclusion),
        Heading("Lampiran"),
        *[block for index, unit in enumerate(units, start=1) for block in unit_appendix(index, unit)],
        signature(narrative, today),
    ]
    contents = Contents(tuple(b.text for b in blocks if isinstance(b, Heading) and b.level == 1))
    cover = Cover(region, "Seluruh Unit Layanan", label, period.year)
    return Document(cover, [contents if isinstance(b, Contents) else b for b in blocks], f"{region} · {label}")


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
