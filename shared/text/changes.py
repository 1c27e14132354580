"""How a change between two periods is said: "naik (+2,31)", and the official report's sentence
on the index's movement, up or down only when Welch's t says so (shared.rules.comparison)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from shared.rules import comparison, eligibility
from shared.text import formats, messages


def change_text(verdict: str | None, points: Any, lang: str = "id") -> str:
    """'naik (+2,31)', 'turun (−1,05)', 'tidak berbeda nyata (+0,40)' or '–'."""
    if verdict is None:
        return "–"
    return f"{messages.message('verdict_' + verdict, lang)} ({signed(points, lang)})"


def signed(value: Any, lang: str = "id") -> str:
    """+2,31 / −1,05 / ±0,00 / – : a change in points, the reader's way."""
    if value is None:
        return "–"
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return sign + formats.number(abs(value), 2, lang)


def movement(
    now: Mapping[str, Any] | None, before: Mapping[str, Any] | None, previous: str, minimum: int, lang: str = "id"
) -> str:
    """One sentence on how the converted index moved against the period before (`previous`
    names it): up or down only when significant, else said plainly."""
    points = comparison.points(now, before)
    if now is None or before is None or points is None:
        return messages.message("movement_none", lang)
    values = {
        "now": formats.number(now["index_converted"], 2, lang),
        "before": formats.number(before["index_converted"], 2, lang),
        "previous": previous,
        "signed": signed(points, lang),
        "minimum": minimum,
    }
    if not (eligibility.enough(now, minimum) and eligibility.enough(before, minimum)):
        return messages.message("movement_too_few", lang, **values)
    verdict = comparison.compare(now, before)
    if verdict is None:
        return messages.message("movement_untested", lang, **values)
    if verdict == "tidak berbeda nyata":
        return messages.message("movement_same", lang, **values)
    moved = messages.message("moved_" + verdict, lang)
    return messages.message(
        "movement_significant", lang, moved=moved, points=formats.number(abs(points), 2, lang), **values
    )
