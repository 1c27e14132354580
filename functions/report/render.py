"""Render a unit's quarterly report (jinja2 HTML -> PDF with WeasyPrint)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from shared import ikm, questionnaire, quarters
from shared.numbers import fixed
from shared.questionnaire import text

TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True),
)

WORDS = {
    "id": {
        "title": "Laporan Survei Kepuasan Masyarakat", "period": "Periode", "unit": "Unit layanan",
        "ikm": "Indeks Kepuasan Masyarakat (IKM)", "grade": "Mutu pelayanan", "performance": "Kinerja unit",
        "respondents": "Responden", "required": "sampel minimal", "reached": "terpenuhi", "not_reached": "belum terpenuhi",
        "interval": "Nilai interval", "elements": "Nilai per unsur pelayanan", "code": "Kode", "element": "Unsur pelayanan",
        "answers": "Jawaban", "nrr": "NRR", "weighted": "NRR tertimbang", "total": "IKM (nilai interval)",
        "converted": "IKM konversi", "chart": "NRR per unsur (skala 1–4)", "method": "Metode",
        "method_text": "Dihitung sesuai Peraturan Menteri PANRB Nomor 14 Tahun 2017: NRR unsur = jumlah nilai / jumlah jawaban; "
                       "IKM = Σ NRR × 1/k (k = jumlah unsur); IKM konversi = IKM × 25. Bobot memakai pecahan 1/k yang tepat dan "
                       "pembulatan (setengah ke atas) hanya untuk tampilan; mutu ditentukan dari nilai konversi dua desimal. "
                       "Sampel minimal: tabel Krejcie & Morgan dari jumlah pengguna layanan per triwulan.",
        "page": "Halaman", "of": "dari", "no_answers": "Belum ada responden pada periode ini.",
    },
    "en": {
        "title": "Public Satisfaction Survey Report", "period": "Period", "unit": "Service unit",
        "ikm": "Public Satisfaction Index (IKM)", "grade": "Service grade", "performance": "Unit performance",
        "respondents": "Respondents", "required": "minimum sample", "reached": "reached", "not_reached": "not reached",
        "interval": "Interval value", "elements": "Score per service element", "code": "Code", "element": "Service element",
        "answers": "Answers", "nrr": "NRR", "weighted": "Weighted NRR", "total": "IKM (interval value)",
        "converted": "Converted IKM", "chart": "NRR per element (scale 1–4)", "method": "Method",
        "method_text": "Computed as set by PermenPAN-RB 14/2017: element NRR = sum of scores / number of answers; "
                       "IKM = Σ NRR × 1/k (k = number of elements); converted IKM = IKM × 25. Weights use the exact fraction "
                       "1/k; rounding (half up) is for display only, and the grade follows the converted value at two decimals. "
                       "Minimum sample: Krejcie & Morgan from the unit's service users per quarter.",
        "page": "Page", "of": "of", "no_answers": "No respondents in this period yet.",
    },
}
CHART_WIDTH = 440
DIGITS = {"nrr": ikm.NRR_DIGITS, "weighted": ikm.WEIGHTED_NRR_DIGITS, "index": ikm.INDEX_DIGITS,
          "converted": ikm.CONVERTED_DIGITS}


def render_html(row: dict[str, Any], region: str, lang: str = "id") -> str:
    form = questionnaire.load(row["survey"], row["questionnaire_version"])
    quarter = quarters.Quarter.parse(row["quarter"])
    elements = [
        {**element, "name": text(form.item(element["code"]).element, lang),
         "bar": float(element["nrr"] or 0) / form.scale.max * CHART_WIDTH}
        for element in row["elements"]
    ]
    band = next((b for b in form.bands if b.grade == row["grade"]), None)
    return TEMPLATES.get_template("report.html").render(
        row=row, elements=elements, lang=lang, w=WORDS[lang], region=region,
        period=quarters.label(quarter, lang), performance=text(band.label, lang) if band else "–",
        # Indonesian documents write decimals with a comma.
        n=lambda value, digits: fixed(value, digits, "," if lang == "id" else "."), digits=DIGITS,
        chart_width=CHART_WIDTH,
    )


def render_pdf(row: dict[str, Any], region: str, lang: str = "id") -> bytes:
    from weasyprint import HTML  # heavy import, only when a report is actually rendered

    return HTML(string=render_html(row, region, lang)).write_pdf()
