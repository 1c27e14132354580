"""Printable A4 posters with a QR code to each unit's form, made locally (no QR web service)."""

from __future__ import annotations

from pathlib import Path

from shared.reports.standard_poster import form_url, minutes_to_fill, qr_svg
from shared.rules.records import Unit
from shared.templates import environment

__all__ = ["form_url", "minutes_to_fill", "render", "write_posters"]


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
