"""The A4 poster a unit hangs at its counter for each service: the service's standard in force
(its delivery components), the unit's maklumat and the QR code of the survey form. The CLI
(`skm standards poster`) and the operator area print the same file."""

from __future__ import annotations

import io
from pathlib import Path

from shared.reports import promises
from shared.rules.records import Unit
from shared.rules.standards import Maklumat, Standard
from shared.templates import environment

SECONDS_PER_QUESTION = 10  # a tap on a four-point scale, read on a phone
SECONDS_FOR_PROFILE = 60  # age, gender, education, occupation, service and a suggestion


def form_url(base_url: str, unit: Unit) -> str:
    return f"{base_url.rstrip('/')}/u/{unit.unit_id}"


def minutes_to_fill(unit: Unit) -> int:
    """What a poster promises: 3 minutes for the nine SKM questions, 5 with IPKP and IPAK."""
    questions = sum(len(questionnaire.items) for questionnaire in unit.questionnaires())
    return -(-(questions * SECONDS_PER_QUESTION + SECONDS_FOR_PROFILE) // 60)


def qr_svg(url: str) -> str:
    """An inline SVG QR code; error correction M survives a scuffed or glare-lit print."""
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(
        buffer, kind="svg", xmldecl=False, svgns=True, border=2, dark="#000", light="#fff", omitsize=True
    )
    return buffer.getvalue().decode()


def html(unit: Unit, versions: list[Standard], maklumat: Maklumat | None, base_url: str, region: str) -> str:
    """One page per service's standard (in `versions`), the maklumat and the form's QR on each."""
    posters = [
        {"standard": v, "decree": promises.decree(v), "components": promises.components(v, "delivery")}
        for v in sorted(versions, key=lambda v: v.service)
    ]
    url = form_url(base_url, unit)
    template = environment(Path(__file__).with_name("poster_templates")).get_template("standard_poster.html")
    return template.render(
        posters=posters,
        unit=unit,
        maklumat=maklumat,
        region=region,
        form_url=url,
        qr_svg=qr_svg(url),
        minutes=minutes_to_fill(unit),
    )
