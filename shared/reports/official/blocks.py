"""The blocks an official report is made of; the report function renders each to PDF and DOCX."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


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
