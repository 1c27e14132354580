"""Calendar quarters (triwulan) in Asia/Jakarta time, keyed like "2026-Q3"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

from shared.messages import month_name

JAKARTA = ZoneInfo("Asia/Jakarta")
_KEY = re.compile(r"^(\d{4})-Q([1-4])$")


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int  # 1..4

    @classmethod
    def parse(cls, key: str) -> Quarter:
        match = _KEY.match(key.strip()) if isinstance(key, str) else None
        if not match:
            raise ValueError(f"not a quarter key like 2026-Q3: {key!r}")
        return cls(int(match[1]), int(match[2]))

    @classmethod
    def of(cls, moment: datetime) -> Quarter:
        """The quarter an instant falls in, on the Jakarta calendar."""
        if moment.tzinfo is None:
            raise ValueError("a naive datetime has no place in time; pass an aware one")
        local = moment.astimezone(JAKARTA)
        return cls(local.year, (local.month - 1) // 3 + 1)

    @classmethod
    def now(cls) -> Quarter:
        return cls.of(datetime.now(timezone.utc))

    @property
    def key(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def starts_at(self) -> datetime:
        return datetime.combine(self.start, time(), JAKARTA)

    @property
    def ends_at(self) -> datetime:
        """Exclusive end: the start of the next quarter."""
        return self.next().starts_at

    def next(self) -> Quarter:
        return Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)

    def previous(self) -> Quarter:
        return Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)

    def __str__(self) -> str:
        return self.key


def label(quarter: Quarter, lang: str = "id") -> str:
    """'Triwulan III 2026 (Juli–September)' / 'Quarter 3 2026 (July–September)'."""
    first, last = month_name(3 * quarter.number - 2, lang), month_name(3 * quarter.number, lang)
    if lang == "en":
        return f"Quarter {quarter.number} {quarter.year} ({first}–{last})"
    roman = ("I", "II", "III", "IV")[quarter.number - 1]
    return f"Triwulan {roman} {quarter.year} ({first}–{last})"


def short_label(quarter: Quarter, lang: str = "id") -> str:
    """'TW III 2026' / 'Q3 2026': chart axes and tables."""
    if lang == "en":
        return f"Q{quarter.number} {quarter.year}"
    return f"TW {('I', 'II', 'III', 'IV')[quarter.number - 1]} {quarter.year}"
