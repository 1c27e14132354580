"""The one writer of what people read besides sentences: numbers, dates and times, period names
and profile groups, in the reader's language (Bahasa Indonesia first) and the region's zone.

Numbers are rounded half up by `shared.rules.numbers` (the regulation's rounding) before Babel
writes the separators; Babel's own rounding is half-even.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from decimal import Decimal
from fractions import Fraction

from shared.rules import questionnaire
from shared.rules.numbers import round_half_up
from shared.rules.periods import ROMAN, Period
from shared.rules.vocabulary import group_label_key
from shared.text import messages

Number = Decimal | str | float | int


def _locale(lang: str) -> str:
    return "id" if lang == "id" else "en"


def number(value: Number | None, digits: int, lang: str = "id") -> str:
    """A number with exactly `digits` decimals the reader's way (82,31 / 82.31); "–" when absent."""
    if value is None:
        return "–"
    from babel.numbers import format_decimal

    rounded = round_half_up(Fraction(Decimal(str(value))), digits)
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(rounded, format=pattern, locale=_locale(lang), decimal_quantization=True)


def date_text(day: date | str | None, lang: str = "id", blank: str = "–") -> str:
    """31 Januari 2027 / 31 January 2027, from a date or its ISO text (a stored plan's due date);
    `blank` when there is none."""
    if not day:
        return blank
    from babel.dates import format_date

    return format_date(date.fromisoformat(day) if isinstance(day, str) else day, "d MMMM y", locale=_locale(lang))


def datetime_text(moment: datetime | None, zone: tzinfo, lang: str = "id") -> str:
    """24 November 2026 23.25 WIB: a time a person reads, in the region's zone."""
    if moment is None:
        return "–"
    from babel.dates import format_datetime

    pattern = "d MMMM y HH.mm" if lang == "id" else "d MMMM y HH:mm"
    zone_name = format_datetime(moment, "zzz", tzinfo=zone, locale="id")  # WIB, WITA, WIT in English too
    return f"{format_datetime(moment, pattern, tzinfo=zone, locale=_locale(lang))} {zone_name}"


def zone_name(zone: tzinfo) -> str:
    """WIB, WITA or WIT: how the region's zone is named beside a time, in either language."""
    from babel.dates import format_datetime

    return format_datetime(datetime(2026, 1, 1, tzinfo=zone), "zzz", tzinfo=zone, locale="id")


def month_name(month: int, lang: str = "id") -> str:
    from babel.dates import get_month_names

    return get_month_names("wide", locale=_locale(lang))[month]


def fixed(value: Number | None, digits: int) -> str:
    """A stored, already rounded value with exactly `digits` decimals, for machines (CSV, the CLI's
    table); "–" when absent. People read numbers through `number`.

    Stores may hand back extra zeros (NUMERIC scale 9); rounding them away is exact.
    """
    if value is None:
        return "–"
    return str(round_half_up(Fraction(Decimal(str(value))), digits))


def period_name(period: Period, lang: str = "id") -> str:
    """'Triwulan III 2026 (Juli–September)', 'Semester I 2026 (Januari–Juni)', 'Tahun 2026'."""
    first = month_name(period.start.month, lang)
    last = month_name(period.quarters[-1].start.month + 2, lang)
    if period.kind == "year":
        return f"{'Year' if lang == 'en' else 'Tahun'} {period.year}"
    if lang == "en":
        return f"{period.kind.capitalize()} {period.number} {period.year} ({first}–{last})"
    word = "Triwulan" if period.kind == "quarter" else "Semester"
    return f"{word} {ROMAN[period.number - 1]} {period.year} ({first}–{last})"


def period_short_name(period: Period, lang: str = "id") -> str:
    """'TW III 2026', 'Smt I 2026', '2026' (id); 'Q3 2026', 'H1 2026', '2026' (en): chart axes and tables."""
    if period.kind == "year":
        return str(period.year)
    if lang == "en":
        return f"{'Q' if period.kind == 'quarter' else 'H'}{period.number} {period.year}"
    return f"{'TW' if period.kind == 'quarter' else 'Smt'} {ROMAN[period.number - 1]} {period.year}"


def group_label(dimension: str, value: str, lang: str) -> str:
    """A profile group as a reader sees it ("Perempuan", "Kios di loket"; an age band as it is)."""
    key = group_label_key(dimension, value)
    return messages.message(key, lang) if key and key in messages.CATALOGUE else value


def bands_text(survey: str, lang: str = "id") -> str:
    """A questionnaire's grades with their ranges and names, and the rule they come from:
    "A 81,26–100 (Bebas dari korupsi) · B … (PermenPAN-RB 90/2021 …)", so an IPAK of 81,92 (A)
    beside an IKM of 77,03 (B) reads as two scales."""
    form = questionnaire.current(survey)
    bands = " · ".join(
        f"{band.grade} {number(low, 2, lang)}–{number(high, 2, lang)} ({questionnaire.text(band.label, lang)})"
        for band, low, high in form.band_ranges()
    )
    return f"{bands}; {form.source}"
