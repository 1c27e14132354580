"""A unit's service standards as its documents show them: the promise beside each SKM element,
the components of each service, the label of a period without a standard in force."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from shared.rules import standards
from shared.rules.standards import Standard
from shared.text import formats

SHOWN_SERVICES = 3  # a table cell names at most this many services' promises, then "dan N lainnya"
SHORT = 90  # characters of a component's own words that fit beside an element's score


def headline(standard: Standard) -> str:
    """'selesai 3 hari kerja, gratis': the time and cost promised, or '' when neither is typed."""
    parts = [
        standards.promise(standard, "U3") if standard.time else "",
        standards.promise(standard, "U4") if standard.cost else "",
    ]
    return ", ".join(part for part in parts if part)


def beside_elements(in_force: Mapping[str, Standard]) -> dict[str, dict[str, Any]]:
    """Per SKM element, what the services in force promise about it, when it is short enough to
    stand beside the element's score: {"U3": {"promises": [("KTP elektronik", "selesai 1 hari kerja")],
    "more": 0}}. Long components are on the standard's own page."""
    found: dict[str, dict[str, Any]] = {}
    for element in standards.BY_ELEMENT:
        promised = [
            (service, said)
            for service, standard in sorted(in_force.items())
            if (said := standards.promise(standard, element)) and len(said) <= SHORT
        ]
        if promised:
            found[element] = {"promises": promised[:SHOWN_SERVICES], "more": max(0, len(promised) - SHOWN_SERVICES)}
    return found


def components(standard: Standard, group: str) -> list[dict[str, str]]:
    """The group's components in the regulation's order, each with its text ('' when the decree
    does not give it: shown as not set, never invented)."""
    return [
        {"key": c.key, "name": c.name, "text": standard.text(c.key), "element": c.element or ""}
        for c in standards.COMPONENTS
        if c.group == group
    ]


def decree(standard: Standard, lang: str = "id") -> str:
    """'Keputusan Nomor 800/41/2026 tanggal 2 Januari 2026, berlaku mulai 15 Januari 2026'."""
    signed, effective = formats.date_text(standard.decree_date, lang), formats.date_text(standard.effective_from, lang)
    if lang == "en":
        return f"Decree number {standard.decree_number} of {signed}, in force from {effective}"
    return f"Keputusan Nomor {standard.decree_number} tanggal {signed}, berlaku mulai {effective}"


def upcoming(versions: list[Standard], day: date) -> list[Standard]:
    """Versions set but not yet in force on `day`, soonest first (labelled, never shown as the
    period's promise)."""
    return sorted((v for v in versions if v.effective_from > day), key=lambda v: (v.effective_from, v.service))


def by_service_in_force(versions: list[Standard], day: date) -> dict[str, Standard]:
    """Each service's version in force on `day` (services without one left out)."""
    by_service: dict[str, list[Standard]] = {}
    for version in versions:
        by_service.setdefault(version.service, []).append(version)
    found = {service: standards.in_force(listed, day) for service, listed in by_service.items()}
    return {service: version for service, version in found.items() if version is not None}
