"""Printable A4 posters with a QR code to each unit's form, made locally (no QR web service)."""

from __future__ import annotations

import io
from pathlib import Path

import segno

from shared.rules.records import Unit
from shared.templates import environment


def form_url(base_url: str, unit: Unit) -> str:
    return f"{base_url.rstrip('/')}/u/{unit.unit_id}"


SECONDS_PER_QUESTION = 10  # a tap on a four-point scale, read on a phone
SECONDS_FOR_PROFILE = 60  # age, gender, education, occupation, service and a suggestion


def minutes_to_fill(unit: Unit) -> int:
    """What the poster promises: 3 minutes for the nine SKM questions, 5 with IPKP and IPAK."""
    questions = sum(len(questionnaire.items) for questionnaire in unit.questionnaires())
    return -(-(questions * SECONDS_PER_QUESTION + SECONDS_FOR_PROFILE) // 60)


def qr_svg(url: str) -> str:
    """An inline SVG QR code; error correction M survives a scuffed or glare-lit print."""
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(
        buffer, kind="svg", xmldecl=False, svgns=True, border=2, dark="#000", light="#fff", omitsize=True
    )
    return buffer.getvalue().decode()


def render(units: list[Unit], base_url: str, region: str, results_url: str = "") -> bytes:
    """One A4 page per unit, in one PDF."""
    from weasyprint import HTML

    posters = [
        {
            "unit": unit,
            "url": form_url(base_url, unit),
            "qr_svg": qr_svg(form_url(base_url, unit)),
            "minutes": minutes_to_fill(unit),
        }
        for unit in units
    ]
    html = (
        environment(Path(__file__).with_name("templates"))
        .get_template("poster.html")
        .render(posters=posters, region=region, unit=units[0], results_url=results_url)
    )
    return HTML(string=html).write_pdf()


def write_posters(
    units: list[Unit], base_url: str, region: str, out_dir: Path, one_file: bool, results_url: str = ""
) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    if one_file:
        path = out_dir / "poster_semua_unit.pdf"
        path.write_bytes(render(units, base_url, region, results_url))
        return [path]
    paths = []
    for unit in units:
        path = out_dir / f"poster_{unit.unit_id}.pdf"
        path.write_bytes(render([unit], base_url, region, results_url))
        paths.append(path)
    return paths
