"""Minimum sample size: the three rules a region may choose (Krejcie & Morgan by default, DOMAIN.md),
their registry, and the message key of the method sentence each one prints."""

from __future__ import annotations

from fractions import Fraction
from typing import Literal, get_args

from shared.rules.numbers import round_half_up

CHI_SQUARE = Fraction("3.841")  # chi-square, 1 degree of freedom, 95 %
PROPORTION = Fraction(1, 2)
MARGIN = Fraction(5, 100)


def krejcie_morgan(population: int) -> int:
    """s = X^2 N P(1-P) / (d^2 (N-1) + X^2 P(1-P)), rounded to the nearest whole number."""
    if population <= 0:
        return 0
    pq = PROPORTION * (1 - PROPORTION)
    size = CHI_SQUARE * population * pq / (MARGIN**2 * (population - 1) + CHI_SQUARE * pq)
    return int(round_half_up(size, 0))


def slovin(population: int, margin: Fraction = MARGIN) -> int:
    """n = N / (1 + N e^2), rounded up (the usual reading)."""
    if population <= 0:
        return 0
    size = Fraction(population) / (1 + population * margin**2)
    return -(-size.numerator // size.denominator)


def ten_percent(population: int) -> int:
    return -(-population // 10)


SampleRule = Literal["krejcie-morgan", "slovin", "ten-percent"]
SAMPLE_RULES = {"krejcie-morgan": krejcie_morgan, "slovin": slovin, "ten-percent": ten_percent}
assert set(SAMPLE_RULES) == set(get_args(SampleRule))


def required_sample(population: int, rule: str) -> int:
    return SAMPLE_RULES[rule](population)


def sample_rule_key(rule: str) -> str:
    """The message key of the method sentence that names the rule."""
    return "sample_rule_" + rule.replace("-", "_")
