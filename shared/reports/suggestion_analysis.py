"""What citizens wrote, read from an SKM index row's counts (computed by the aggregation, pooled
like the index): the API's summary, the dashboard's most raised elements, the official report's
"Analisis saran dan pengaduan" and the follow-up plan's proposals. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from shared.rules import questionnaire
from shared.rules.numbers import round_half_up
from shared.rules.suggestions import ACTIONABLE, KINDS
from shared.text import formats, messages

NONE = "none"  # suggestions that name no element
ALL = "*"  # every suggestion once, whatever it names


def summary(row: Mapping[str, Any] | None) -> dict[str, dict[str, int]]:
    """{"U3": {"keluhan": 12, "saran": 4, "pujian": 0, "lainnya": 0}, …, "none": {…}}: every element
    of the questionnaire, in its order, then those naming none."""
    codes = [*questionnaire.current("skm").codes, NONE]
    found = {code: dict.fromkeys(KINDS, 0) for code in codes}
    for count in (row or {}).get("suggestion_counts") or []:
        if count["element"] != ALL:
            found.setdefault(count["element"], dict.fromkeys(KINDS, 0))[count["kind"]] = count["n"]
    return found


def totals(row: Mapping[str, Any] | None) -> dict[str, int]:
    """Suggestions per kind, each counted once (one may name several elements)."""
    found = dict.fromkeys(KINDS, 0)
    for count in (row or {}).get("suggestion_counts") or []:
        if count["element"] == ALL:
            found[count["kind"]] = count["n"]
    return found


def most_raised(row: Mapping[str, Any] | None, count: int = 3) -> list[tuple[str, int]]:
    """The elements citizens complained about or proposed for most: (code, complaints + proposals)."""
    raised = [(code, sum(kinds[kind] for kind in ACTIONABLE)) for code, kinds in summary(row).items() if code != NONE]
    ordered = sorted((item for item in raised if item[1]), key=lambda item: -item[1])
    return ordered[:count]


@dataclass(frozen=True)
class ElementLine:
    code: str
    name: str
    complaints: int
    proposals: int
    praise: int
    share: Decimal | None  # % of the suggestions that say something (kind other than lainnya)
    quotes: tuple[str, ...]


def analysis(row: Mapping[str, Any] | None, lang: str = "id") -> list[ElementLine]:
    """One line per element citizens wrote about, most raised first: the report's table."""
    found = summary(row)
    every = totals(row)
    said = sum(every.values()) - every["lainnya"]
    quotes: dict[str, list[str]] = {}
    for quote in (row or {}).get("suggestion_quotes") or []:
        quotes.setdefault(quote["element"], []).append(quote["text"])
    lines = []
    for code, kinds in found.items():
        mentions = kinds["keluhan"] + kinds["saran"] + kinds["pujian"]
        if not mentions:
            continue
        share = round_half_up(Fraction(mentions * 100, said), 0) if said else None
        name = questionnaire.element_name("skm", code, lang) if code != NONE else messages.message("no_element", lang)
        lines.append(
            ElementLine(
                code, name, kinds["keluhan"], kinds["saran"], kinds["pujian"], share, tuple(quotes.get(code, ()))
            )
        )
    return sorted(lines, key=lambda line: (line.code == NONE, -(line.complaints + line.proposals)))


def finding(row: Mapping[str, Any] | None, lang: str = "id") -> str:
    """One sentence where the text and the figures agree: the element with the lowest NRR, when
    citizens' complaints name it ("Unsur Waktu penyelesaian memiliki NRR terendah (2,71) dan 38 %
    keluhan menyebut unsur ini."); empty when they do not."""
    lowest = ((row or {}).get("lowest_items") or [None])[0]
    if not lowest:
        return ""
    named = summary(row).get(lowest["code"], {}).get("keluhan", 0)
    complaints = totals(row)["keluhan"]
    if not named:
        return ""
    return messages.message(
        "suggestion_finding",
        lang,
        element=questionnaire.element_name("skm", lowest["code"], lang),
        nrr=formats.number(Decimal(str(lowest["nrr"])), 2, lang),
        share=formats.number(round_half_up(Fraction(named * 100, complaints), 0), 0, lang),
    )


def proposals(row: Mapping[str, Any] | None, code: str, lang: str = "id", count: int = 3) -> list[str]:
    """The themes citizens raised about an element, most raised first, for the plan form:
    "antrean dan loket (12 keluhan dan saran)"."""
    form = questionnaire.current("skm")
    if code not in form.codes:
        return []
    labels = {f"{code}:{theme.id}": questionnaire.text(theme.label, lang) for theme in form.item(code).themes}
    raised = [(labels[t["theme"]], t["n"]) for t in (row or {}).get("suggestion_themes") or [] if t["theme"] in labels]
    raised.sort(key=lambda item: -item[1])
    return [messages.message("plan_theme", lang, theme=label, count=n) for label, n in raised[:count]]
