"""The index formula of PermenPAN-RB 14/2017, exact.

NRR_i = sum of scores of item i / answers to item i
index = sum(NRR_i) / k over the k items answered (weights exactly 1/k)
converted = index * conversion factor (25 on the 1..4 scale)
grade = band of the converted value rounded half up to 2 decimals.

Everything is computed with Fractions and rounded only for display, so the
printed number and its grade always agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from shared.rules.numbers import round_half_up
from shared.rules.questionnaire import Band, Questionnaire

# Displayed precision of each figure (digits after the decimal point).
NRR_DIGITS = 2
WEIGHTED_NRR_DIGITS = 3
INDEX_DIGITS = 4
CONVERTED_DIGITS = 2


@dataclass(frozen=True)
class Tally:
    """Answers given to one item and the sum of their scores."""

    answers: int = 0
    score_sum: int = 0

    def add(self, score: int) -> Tally:
        return Tally(self.answers + 1, self.score_sum + score)


@dataclass(frozen=True)
class ItemResult:
    code: str
    answers: int
    score_sum: int
    nrr: Fraction
    weighted_nrr: Fraction


@dataclass(frozen=True)
class IndexResult:
    respondents: int
    items: tuple[ItemResult, ...]
    index: Fraction | None  # None when nobody answered
    converted: Fraction | None
    band: Band | None

    @property
    def converted_display(self) -> Decimal | None:
        return None if self.converted is None else round_half_up(self.converted, CONVERTED_DIGITS)

    @property
    def index_display(self) -> Decimal | None:
        return None if self.index is None else round_half_up(self.index, INDEX_DIGITS)


def tally(answer_sets: Iterable[Mapping[str, int]], codes: Iterable[str]) -> dict[str, Tally]:
    """Tally the scores of `codes` over responses' answers (missing answers are skipped)."""
    codes = tuple(codes)
    tallies = {code: Tally() for code in codes}
    for answers in answer_sets:
        for code in codes:
            if code in answers:
                tallies[code] = tallies[code].add(answers[code])
    return tallies


def grade(converted: Fraction, bands: Iterable[Band]) -> Band:
    """The band whose lower bound the converted value (rounded for display) reaches."""
    shown = round_half_up(converted, CONVERTED_DIGITS)
    reached = [band for band in bands if shown >= band.min_converted]
    if not reached:
        raise ValueError(f"converted value {shown} is below every band")
    return max(reached, key=lambda band: band.min_converted)


def compute(tallies: Mapping[str, Tally], questionnaire: Questionnaire, respondents: int) -> IndexResult:
    """Index of one unit and period from per-item tallies.

    The weight is 1/k over the k items that received at least one answer, so an item
    added or dropped mid-period neither counts as zero nor skews the weights. Items of
    another version of the questionnaire (answered before or after a change) follow
    the current version's items.
    """
    codes = list(questionnaire.codes)
    codes += sorted(code for code, t in tallies.items() if t.answers and code not in questionnaire.codes)
    answered = [code for code in codes if tallies.get(code, Tally()).answers > 0]
    if not answered:
        empty = tuple(ItemResult(c, 0, 0, Fraction(0), Fraction(0)) for c in codes)
        return IndexResult(respondents, empty, None, None, None)
    weight = Fraction(1, len(answered))
    items = []
    for code in codes:
        t = tallies.get(code, Tally())
        value = Fraction(t.score_sum, t.answers) if t.answers else Fraction(0)
        items.append(ItemResult(code, t.answers, t.score_sum, value, value * weight if t.answers else Fraction(0)))
    index = sum((item.weighted_nrr for item in items), Fraction(0))
    converted = index * questionnaire.conversion_factor
    return IndexResult(respondents, tuple(items), index, converted, grade(converted, questionnaire.bands))


def lowest_items(result: IndexResult, count: int = 3) -> list[ItemResult]:
    """The `count` answered items with the lowest NRR (ties keep questionnaire order)."""
    answered = [item for item in result.items if item.answers]
    return sorted(answered, key=lambda item: item.nrr)[:count]
