"""Reporting periods: quarters (triwulan), semesters and years, keyed "2026-Q3", "2026-S1", "2026".

A response belongs to the quarter of the moment it was given, on the region's calendar
(`SKM_TIMEZONE`); a semester or a year is the union of its quarters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Literal
from zoneinfo import ZoneInfo

JAKARTA = ZoneInfo("Asia/Jakarta")
Kind = Literal["quarter", "semester", "year"]
KINDS: tuple[Kind, ...] = ("quarter", "semester", "year")
QUARTERS_IN = {"quarter": 1, "semester": 2, "year": 4}
TREND = {"quarter": 8, "semester": 6, "year": 5}  # like compared with like: 2 years, 3 years, 5 years
_KEY = re.compile(r"^(\d{4})(?:-(Q[1-4]|S[12]))?$")
FORMS = "2026-Q3, 2026-S1 or 2026"  # what an error message names as accepted
ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True, order=True)
class Period:
    year: int
    first_quarter: int  # 1..4: where the period starts
    kind: Kind

    @classmethod
    def parse(cls, key: str) -> Period:
        match = _KEY.match(key.strip()) if isinstance(key, str) else None
        if not match or not 2000 <= int(match[1]) <= 2999:
            raise ValueError(f"not a period like {FORMS}: {key!r}")
        year, part = int(match[1]), match[2]
        if part is None:
            return cls(year, 1, "year")
        if part[0] == "S":
            return cls(year, 1 if part == "S1" else 3, "semester")
        return cls(year, int(part[1]), "quarter")

    @classmethod
    def quarter(cls, year: int, number: int) -> Period:
        return cls(year, number, "quarter")

    @classmethod
    def of(cls, moment: datetime, *, zone: tzinfo) -> Period:
        """The quarter an instant falls in, on the region's calendar."""
        if moment.tzinfo is None:
            raise ValueError("a naive datetime has no place in time; pass an aware one")
        local = moment.astimezone(zone)
        return cls(local.year, (local.month - 1) // 3 + 1, "quarter")

    @classmethod
    def now(cls, *, zone: tzinfo) -> Period:
        return cls.of(datetime.now(timezone.utc), zone=zone)

    @property
    def number(self) -> int:
        """The quarter's or semester's number in its year (1 for a year)."""
        return {"quarter": self.first_quarter, "semester": (self.first_quarter + 1) // 2, "year": 1}[self.kind]

    @property
    def key(self) -> str:
        if self.kind == "year":
            return str(self.year)
        return f"{self.year}-{'Q' if self.kind == 'quarter' else 'S'}{self.number}"

    @property
    def quarters(self) -> list[Period]:
        return [Period.quarter(self.year, self.first_quarter + i) for i in range(QUARTERS_IN[self.kind])]

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.first_quarter - 2, 1)

    @property
    def end(self) -> date:
        """Exclusive: the first day after the period."""
        last = self.quarters[-1]
        return date(last.year + 1, 1, 1) if last.first_quarter == 4 else date(last.year, 3 * last.first_quarter + 1, 1)

    def starts_at(self, *, zone: tzinfo) -> datetime:
        return datetime.combine(self.start, time(), zone)

    @property
    def last_day(self) -> date:
        """The period's last calendar day (`end` is the next period's first)."""
        return self.end - timedelta(days=1)

    def ends_at(self, *, zone: tzinfo) -> datetime:
        return datetime.combine(self.end, time(), zone)

    def next(self) -> Period:
        step = QUARTERS_IN[self.kind]
        index = self.year * 4 + self.first_quarter - 1 + step
        return Period(index // 4, index % 4 + 1, self.kind)

    def previous(self) -> Period:
        step = QUARTERS_IN[self.kind]
        index = self.year * 4 + self.first_quarter - 1 - step
        return Period(index // 4, index % 4 + 1, self.kind)

    def contains(self, quarter: Period) -> bool:
        return quarter in self.quarters

    def containing(self) -> list[Period]:
        """A quarter's semester and year."""
        semester = Period(self.year, 1 if self.first_quarter <= 2 else 3, "semester")
        return [semester, Period(self.year, 1, "year")]

    def closes(self) -> list[Period]:
        """The periods this quarter completes: itself, then its semester after Q2 and Q4, and the year after Q4."""
        closed = [self]
        if self.kind == "quarter" and self.first_quarter in (2, 4):
            closed.append(self.containing()[0])
        if self.kind == "quarter" and self.first_quarter == 4:
            closed.append(self.containing()[1])
        return closed

    def __str__(self) -> str:
        return self.key


def trend(period: Period) -> list[Period]:
    """The periods a report's trend shows, oldest first, ending with `period` itself."""
    shown = [period]
    for _ in range(TREND[period.kind] - 1):
        shown.insert(0, shown[0].previous())
    return shown


class Refused(ValueError):
    """A period a report cannot be asked for; `key` names the message, `values` fill it."""

    def __init__(self, key: str, **values: str):
        super().__init__(key)
        self.key, self.values = key, values


def reportable(key: str, kinds: tuple[str, ...], today: date) -> Period:
    """The period a report asks for, if the region reports that kind and it has begun."""
    try:
        period = Period.parse(key)
    except ValueError:
        raise Refused("bad_period", forms=FORMS) from None
    if period.kind not in kinds:
        raise Refused("period_kind_off", kinds=", ".join(kinds))
    if period.start > today:
        raise Refused("period_not_started", start=period.start.isoformat())
    return period
