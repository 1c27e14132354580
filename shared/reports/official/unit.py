"""A unit's official report for a period: cover, foreword, contents, BAB I–V, appendices, signature."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from shared.reports import suggestion_analysis as analysis
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
    LANG,
    LEGAL_BASIS,
    Narrative,
    band_name,
    channels,
    collected,
    day,
    element,
    footer,
    mark,
    num,
    paragraphs,
    provisional_note,
    signature,
    survey_title,
)
from shared.rules import eligibility, questionnaire, sampling, vocabulary
from shared.rules.periods import Period
from shared.rules.questionnaire import text
from shared.rules.standards import BY_ELEMENT, Standard, promise
from shared.text import formats, messages
from shared.text.changes import movement as moved


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
    minimum: int  # respondents to be ranked and to call a change (SKM_MIN_RESPONDENTS)
    until: datetime | None  # while the period runs (a provisional report): data up to then; None once ended
    standards: Mapping[str, Standard] = field(default_factory=dict)  # service -> version in force at the end


def unit_report(data: UnitData, narrative: Narrative, region: str, today: date) -> Document:
    """The unit's official report for a period, from its index rows."""
    unit_name, period, rows = data.unit_name, data.period, data.rows
    skm = rows["skm"]
    label = formats.period_name(period, LANG)
    chapters: list[Block] = [
        *foreword(unit_name, label, narrative, today),
        Contents(()),
        *chapter_one(unit_name, label, narrative, data.standards),
        *chapter_two(unit_name, period, skm, data.until),
        *chapter_three(rows, data.minimum),
        *chapter_four(skm, data.trend, data.parts, data.plan, period, data.minimum, data.standards),
        *chapter_five(unit_name, label, rows, data.trend, narrative),
        *appendices(rows, data.previous_plan, period),
        signature(narrative, today),
    ]
    cover = Cover(region, unit_name, label, period.year, mark(data.until))
    document = Document(cover, chapters, footer(region, label, data.until))
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


def chapter_one(
    unit: str, label: str, narrative: Narrative, standards: Mapping[str, Standard] | None = None
) -> list[Block]:
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
        *[Paragraph(f"{n}. {law}", "list") for n, law in enumerate((*LEGAL_BASIS, *decrees(standards or {})), start=1)],
        *([] if standards or standards is None else [Paragraph(f"{unit} {NO_STANDARD}")]),
        Heading("1.3 Maksud dan Tujuan", 2),
        Paragraph(
            "Maksud survei adalah mengukur tingkat kepuasan masyarakat atas pelayanan yang diterima. "
            "Tujuannya: mengetahui kelemahan dan kelebihan setiap unsur pelayanan, menilai kinerja unit secara "
            "berkala, dan menjadi dasar kebijakan perbaikan kualitas pelayanan."
        ),
    ]


def chapter_two(unit: str, period: Period, skm: dict[str, Any], until: datetime | None) -> list[Block]:
    channel_text = channels(skm)
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
        Paragraph(f"Survei dilaksanakan secara mandiri oleh {unit}."),
        Heading("2.2 Metode Pengumpulan Data", 2),
        Paragraph(
            f"Data dikumpulkan dengan kuesioner {len(form.codes)} unsur pelayanan sesuai PermenPAN-RB 14/2017, "
            f"masing-masing dengan skala {form.scale.min}–{form.scale.max}. "
            + (f"Saluran pengisian: {channel_text}." if channel_text else "")
        ),
        Heading("2.3 Lokasi Pengumpulan Data", 2),
        Paragraph(f"Lokasi pelayanan {unit}" + (f"; data masuk melalui {channel_text}." if channel_text else ".")),
        Heading("2.4 Waktu Pelaksanaan SKM", 2),
        Paragraph(f"{collected(period, until)}."),
        *provisional_note(until),
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
    if not eligibility.enough(skm, minimum):
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
    for n, survey in enumerate((s for s in questionnaire.PERCEPTION if s in rows), start=3):
        blocks.append(Heading(f"3.{n} {survey_title(survey)}", 2))
        blocks += survey_blocks(rows[survey])
    return blocks


def survey_blocks(row: dict[str, Any]) -> list[Block]:
    survey = row["survey"]
    factor = questionnaire.factor_text(questionnaire.current(survey))
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
        Paragraph(f"Rentang mutu {survey.upper()}: {formats.bands_text(survey, LANG)}.", "small"),
    ]


NO_STANDARD = "belum menetapkan standar pelayanan yang berlaku pada periode ini."


def decrees(standards: Mapping[str, Standard]) -> list[str]:
    """Each service's standard in force, cited as the legal basis it is."""
    return [
        f"Keputusan Nomor {v.decree_number} tanggal {day(v.decree_date)} tentang Standar Pelayanan {service} "
        f"(berlaku mulai {day(v.effective_from)});"
        for service, v in sorted(standards.items())
    ]


def promise_table(weakest: list[dict[str, Any]], standards: Mapping[str, Standard]) -> list[Block]:
    """Each weak element beside what the standards in force promise about it."""
    if not standards or not weakest:
        return []
    rows = []
    for e in weakest:
        component = BY_ELEMENT.get(e["code"])
        if component is None:
            said = "Tidak ada komponen standar pelayanan yang sepadan."
        else:
            listed = [
                f"{service}: {promise(v, e['code'])}"
                for service, v in sorted(standards.items())
                if promise(v, e["code"])
            ]
            said = "; ".join(listed) or f"{component.name} tidak diatur dalam standar pelayanan."
        rows.append((f"{e['code']} {element('skm', e['code'])}", num(e["nrr"], 2), said))
    return [
        Paragraph("Unsur terlemah dibandingkan dengan janji dalam standar pelayanan yang berlaku:"),
        Table(("Unsur", "NRR", "Janji dalam standar pelayanan"), rows, (28, 10, 62), (False, True, False)),
    ]


def chapter_four(
    skm: dict[str, Any],
    trend: list[dict[str, Any]],
    parts: list[dict[str, Any]],
    plan: list[dict[str, Any]],
    period: Period,
    minimum: int,
    standards: Mapping[str, Standard] | None = None,
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
        *promise_table(weakest, standards or {}),
        Heading("4.2 Rencana Tindak Lanjut", 2),
        plan_table(plan),
        Heading("4.3 Tren Nilai SKM", 2),
        index_table(trend),
        Paragraph(movement(trend, period, minimum)),
        *(quarters_of(parts)),
        Heading("4.4 Saran dan Pengaduan", 2),
        Paragraph(complaints_text(skm)),
        *suggestion_analysis_blocks(skm),
    ]
    return blocks


def suggestion_analysis_blocks(skm: dict[str, Any]) -> list[Block]:
    """4.5: what citizens wrote, per element and kind, with masked quotes and the one finding
    where the text and the figures agree."""
    lines = analysis.analysis(skm, LANG)
    every = analysis.totals(skm)
    blocks: list[Block] = [Heading("4.5 Analisis Saran dan Pengaduan", 2)]
    if not lines:
        return [*blocks, Paragraph(messages.message("suggestion_none_yet", LANG))]
    said = sum(every.values()) - every["lainnya"]
    counts = messages.message(
        "suggestion_totals",
        LANG,
        said=said,
        received=sum(every.values()),
        complaints=every["keluhan"],
        proposals=every["saran"],
        praise=every["pujian"],
    )
    blocks += [
        Paragraph(f"{messages.message('suggestion_analysis_intro', LANG)} {counts}"),
        Table(
            ("Unsur", "Keluhan", "Saran", "Pujian", messages.message("suggestion_share", LANG)),
            [
                (
                    line.name if line.code == analysis.NONE else f"{line.code} {line.name}",
                    str(line.complaints),
                    str(line.proposals),
                    str(line.praise),
                    f"{num(line.share, 0)} %" if line.share is not None else "–",
                )
                for line in lines
            ],
            (46, 12, 12, 12, 18),
            (False, True, True, True, True),
        ),
    ]
    finding = analysis.finding(skm, LANG)
    if finding:
        blocks.append(Paragraph(finding))
    for line in lines:
        if line.quotes:
            blocks.append(Paragraph(f"{line.code} {line.name}", "caption"))
            blocks += [Paragraph(f"“{quote}”", "small") for quote in line.quotes]
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


def appendices(rows: dict[str, dict[str, Any]], previous_plan: list[dict[str, Any]], period: Period) -> list[Block]:
    """The questionnaires the unit ran (SKM, and IPKP and IPAK in either variant where it ran them), the latest
    suggestions, and the previous period's follow-up."""
    skm = rows["skm"]
    blocks: list[Block] = [Heading("Lampiran"), Heading("Lampiran 1. Kuesioner", 2)]
    for survey in (s for s in questionnaire.SURVEYS if s in rows):
        blocks.append(Paragraph(survey_title(survey), "caption"))
        for n, item in enumerate(questionnaire.current(survey).items, start=1):
            options = " · ".join(f"{o.score} {text(o.label, LANG)}" for o in item.options)
            blocks.append(Paragraph(f"{n}. {text(item.question, LANG)} ({options})", "list"))
    blocks.append(Heading("Lampiran 2. Saran dan Pengaduan Terbaru", 2))
    latest = skm.get("latest_suggestions") or []
    blocks += [Paragraph(f"“{s['text']}”", "small") for s in latest] or [Paragraph("Tidak ada.")]
    previous = formats.period_name(period.previous(), LANG)
    blocks.append(Heading(f"Lampiran 3. Tindak Lanjut SKM Periode Sebelumnya: {previous}", 2))
    blocks.append(
        plan_table(previous_plan) if previous_plan else Paragraph("Tidak ada rencana tindak lanjut tercatat.")
    )
    return blocks
