"""The blocks an official report is made of; the report function renders each to PDF and DOCX."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import Any

from shared.rules.records import strip_unprintable


# -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1: a chapter (starts a page), 2: a section


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str = ""  # "", "list" (a numbered item), "small", "caption" (a bold title kept with what follows)


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]
    widths: tuple[int, ...]  # percent of the text width
    numeric: tuple[bool, ...] = ()  # right-aligned columns
    footer: Sequence[tuple[str, ...]] = field(default_factory=list)
    caption: str = ""


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Signature:
    place_date: str
    position: str
    name: str
    nip: str


@dataclass(frozen=True)
class Contents:
    """The table of contents: the chapters, in order (the PDF adds their pages)."""

    entries: tuple[str, ...]


Block = Heading | Paragraph | Table | PageBreak | Signature | Contents


@dataclass(frozen=True)
class Cover:
    region: str
    unit: str
    period: str
    year: int
    mark: str = ""  # "SEMENTARA" while the period runs: its figures will change


@dataclass(frozen=True)
class Document:
    cover: Cover
    blocks: list[Block]
    footer: str  # region and period, printed on every page beside its number

    @property
    def chapters(self) -> list[str]:
        return [block.text for block in self.blocks if isinstance(block, Heading) and block.level == 1]


def printable(value: Any) -> Any:
    """The document with every text cleaned of what XML refuses (Word's \\x0b line break and the
    like), whatever a store holds: a Word file is made of everything a user could store."""
    if isinstance(value, str):
        return strip_unprintable(value)
    if isinstance(value, (list, tuple)):
        return type(value)(printable(item) for item in value)
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: printable(getattr(value, f.name)) for f in fields(value) if f.init})
    return value
