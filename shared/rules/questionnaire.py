"""Questionnaires as versioned data (shared/questionnaires/*.json).

Wording, order, scale and grade bands are data; only item codes are stable keys.
"""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, field_validator

Text = dict[str, str]  # {"id": "...", "en": "..."}
SURVEYS = ("skm", "ipkp", "ipak", "spkp", "spak")
# The Zona Integritas perception surveys beside SKM: each in its four-point variant (ipkp, ipak)
# or the ZI survey kit's six-point one (spkp, spak); a unit runs one variant of each.
PERCEPTION = ("ipkp", "ipak", "spkp", "spak")
VARIANTS = {"ipkp": "spkp", "spkp": "ipkp", "ipak": "spak", "spak": "ipak"}


class Option(BaseModel):
    model_config = ConfigDict(frozen=True)
    score: int
    label: Text


class Theme(BaseModel):
    """What citizens raise about an element ("antrean"), and the phrases that say it, per language
    (shared/rules/suggestions.py reads them)."""

    model_config = ConfigDict(frozen=True)
    id: str
    label: Text
    phrases: dict[str, tuple[str, ...]]


class Item(BaseModel):
    model_config = ConfigDict(frozen=True)
    code: str
    element: Text
    question: Text
    options: tuple[Option, ...]
    themes: tuple[Theme, ...] = ()


class Band(BaseModel):
    model_config = ConfigDict(frozen=True)
    min_converted: Decimal
    grade: str
    label: Text


class Scale(BaseModel):
    model_config = ConfigDict(frozen=True)
    min: int
    max: int


class Questionnaire(BaseModel):
    model_config = ConfigDict(frozen=True)
    id: str
    version: int
    survey: str
    title: Text
    source: str
    scale: Scale
    conversion_factor: Fraction  # 25 for a four-point scale, "100/6" for a six-point one

    @field_validator("conversion_factor", mode="before")
    @classmethod
    def _ratio(cls, value: object) -> object:
        """The factor as data writes it: 25, or "100/6" (a ratio kept exact)."""
        return Fraction(value) if isinstance(value, int | str) else value

    bands: tuple[Band, ...]
    items: tuple[Item, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(item.code for item in self.items)

    def item(self, code: str) -> Item:
        return next(item for item in self.items if item.code == code)

    def band_ranges(self) -> list[tuple[Band, Decimal, Decimal]]:
        """Each band with its converted range, best first: A 88.31–100, B 76.61–88.30, …
        (a band ends a hundredth below the next one's lower bound)."""
        top = exact_decimal(self.scale.max * self.conversion_factor)
        ordered = sorted(self.bands, key=lambda band: band.min_converted, reverse=True)
        highs = [top] + [band.min_converted - Decimal("0.01") for band in ordered[:-1]]
        return [(band, band.min_converted, high) for band, high in zip(ordered, highs)]


def exact_decimal(value: Fraction) -> Decimal:
    """A ratio that the scale makes whole (6 × 100/6) as a Decimal, rounded to 2 places otherwise."""
    return (
        Decimal(value.numerator) / Decimal(value.denominator)
        if value.denominator == 1
        else round(Decimal(value.numerator) / Decimal(value.denominator), 2)
    )


def factor_text(form: Questionnaire) -> str:
    """ "25" or "100/6": the conversion as the regulation writes it."""
    factor = form.conversion_factor
    if factor.denominator == 1:
        return str(factor.numerator)
    return (
        f"100/{form.scale.max}"
        if factor == Fraction(100, form.scale.max)
        else f"{factor.numerator}/{factor.denominator}"
    )


@cache
def load(survey: str, version: int = 1) -> Questionnaire:
    """The questionnaire of `survey` at `version`, from the package data."""
    raw = resources.files("shared.questionnaires").joinpath(f"{survey}-v{version}.json").read_text("utf-8")
    return Questionnaire.model_validate(json.loads(raw))


def current(survey: str) -> Questionnaire:
    """The version new responses are collected with."""
    return load(survey, CURRENT_VERSIONS[survey])


CURRENT_VERSIONS = {"skm": 1, "ipkp": 1, "ipak": 1, "spkp": 1, "spak": 1}


def versions(survey: str) -> tuple[Questionnaire, ...]:
    """Every version of `survey` shipped in the package, oldest first."""
    found = sorted(
        int(f.name.removeprefix(f"{survey}-v").removesuffix(".json"))
        for f in resources.files("shared.questionnaires").iterdir()
        if f.name.startswith(f"{survey}-v") and f.name.endswith(".json")
    )
    return tuple(load(survey, version) for version in found)


def text(value: Text, lang: str) -> str:
    return value.get(lang) or value["id"]


def element_name(survey: str, code: str, lang: str) -> str:
    """An item's element name, from the newest version that has it (dropped items keep theirs)."""
    for form in reversed(versions(survey)):
        if code in form.codes:
            return text(form.item(code).element, lang)
    return code


def band_label(survey: str, grade: str | None, lang: str) -> str:
    """The name of a grade's band ("Baik", "Cukup bersih"), "–" without a grade."""
    band = next((b for b in current(survey).bands if b.grade == grade), None)
    return text(band.label, lang) if band else "–"


def code_order(code: str) -> tuple[int, str]:
    """Item codes in their natural order (U2 before U10); codes without a number last."""
    digits = "".join(ch for ch in code if ch.isdigit())
    return (int(digits) if digits else 99, code)


def survey_of_item() -> dict[str, str]:
    """Item code -> survey, over every questionnaire version (old responses keep their items)."""
    return {code: form.survey for survey in SURVEYS for form in versions(survey) for code in form.codes}
