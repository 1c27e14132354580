"""A unit's service standard (Standar Pelayanan, PermenPAN-RB 15/2014), per service it offers.

A standard is set by a decree of the unit's head (number and date) and takes effect on a date;
a revision is a new version, never a rewrite of the old one, and a period is shown with the
version in force when it ended. Its components come in two groups: what is shown to citizens
(service delivery) and what the unit keeps internally. Eight of the nine SKM elements mirror a
component, so a report can set a unit's promise beside its citizens' verdict. Time and cost are
typed where a person can type them (3 hari kerja; Rp 5.000,- or Gratis); every other component
is text as the decree words it. A component the decree does not give stays empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from shared.rules.records import Clean

Group = Literal["delivery", "internal"]
TimeUnit = Literal["hari kerja", "hari", "jam", "menit"]


@dataclass(frozen=True)
class Component:
    key: str
    name: str  # as the regulation names it: the same words in every language
    group: Group
    element: str | None  # the SKM element that asks citizens about it


COMPONENTS = (
    Component("persyaratan", "Persyaratan", "delivery", "U1"),
    Component("prosedur", "Sistem, mekanisme dan prosedur", "delivery", "U2"),
    Component("waktu", "Jangka waktu penyelesaian", "delivery", "U3"),
    Component("biaya", "Biaya/tarif", "delivery", "U4"),
    Component("produk", "Produk pelayanan", "delivery", "U5"),
    Component("pengaduan", "Penanganan pengaduan, saran dan masukan", "delivery", "U8"),
    Component("dasar_hukum", "Dasar hukum", "internal", None),
    Component("sarana", "Sarana, prasarana dan/atau fasilitas", "internal", "U9"),
    Component("kompetensi", "Kompetensi pelaksana", "internal", "U6"),
    Component("pengawasan", "Pengawasan internal", "internal", None),
    Component("jumlah_pelaksana", "Jumlah pelaksana", "internal", None),
    Component("jaminan_pelayanan", "Jaminan pelayanan", "internal", None),
    Component("jaminan_keamanan", "Jaminan keamanan dan keselamatan pelayanan", "internal", None),
    Component("evaluasi", "Evaluasi kinerja pelaksana", "internal", None),
)
BY_KEY = {component.key: component for component in COMPONENTS}
BY_ELEMENT = {component.element: component for component in COMPONENTS if component.element}
TEXT_LIMIT = 4000  # characters of one component: a long list of requirements fits

Text = Annotated[str, Clean, StringConstraints(strip_whitespace=True, max_length=TEXT_LIMIT)]


class Refused(ValueError):
    """A value a person typed that cannot be read as what it should be: `key` names the message
    (shared/text/messages.py), `values` fill it in."""

    def __init__(self, key: str, **values: object):
        super().__init__(key)
        self.key, self.values = key, values


class Duration(BaseModel):
    model_config = ConfigDict(frozen=True)
    amount: int = Field(gt=0, le=10_000)
    unit: TimeUnit


class Cost(BaseModel):
    model_config = ConfigDict(frozen=True)
    rupiah: int = Field(ge=0, le=10**12)  # 0: Gratis

    @property
    def free(self) -> bool:
        return self.rupiah == 0


class Standard(BaseModel):
    """One version of one service's standard."""

    model_config = ConfigDict(frozen=True)
    unit_id: str
    service: Annotated[str, Clean, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
    decree_number: Annotated[str, Clean, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    decree_date: date
    effective_from: date
    components: dict[str, Text] = {}  # component key -> text as the decree words it; absent: not given
    time: Duration | None = None
    cost: Cost | None = None

    def text(self, key: str) -> str:
        return self.components.get(key, "")

    @property
    def version(self) -> str:
        return self.effective_from.isoformat()


UNIT_WORDS = {
    "hari kerja": "hari kerja",
    "hk": "hari kerja",
    "hari": "hari",
    "jam": "jam",
    "menit": "menit",
    "working days": "hari kerja",
    "days": "hari",
    "hours": "jam",
    "minutes": "menit",
}
LEAD_WORDS = r"(?:paling lama|paling lambat|selambat-lambatnya|maksimal|maks\.?|max\.?|selama|at most)\s*"
DURATION = re.compile(
    rf"^(?:{LEAD_WORDS})?(-?\s*\d+)\s*(?:\([a-z ]+\)\s*)?({'|'.join(sorted(UNIT_WORDS, key=len, reverse=True))})\.?$"
)
FREE_WORDS = {"gratis", "rp 0", "rp0", "0", "tidak dipungut biaya", "tanpa biaya", "free", "nihil"}
RUPIAH = re.compile(r"^(-?)\s*(?:rp\.?\s*)?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(?:-|0+))?\s*-?$")


def parse_time(text: object) -> Duration | None:
    """'3 hari kerja', '3 (tiga) hari kerja', 'paling lama 60 menit' -> a Duration; empty -> None;
    a negative or unreadable time -> Refused."""
    value = _folded(text)
    if not value:
        return None
    match = DURATION.match(value)
    if not match:
        raise Refused("standard_time_format")
    amount = int(match.group(1).replace(" ", ""))
    if amount <= 0:
        raise Refused("standard_time_positive")
    return Duration(amount=amount, unit=UNIT_WORDS[match.group(2)])  # type: ignore[arg-type]


def parse_cost(value: object) -> Cost | None:
    """'Rp 5.000,-', 'Rp5.000,00', '5000' or a spreadsheet's number -> that many rupiah; 'Gratis',
    'tidak dipungut biaya', 'Rp 0' -> free; empty -> None; anything else (a range, a fraction of a
    rupiah, a negative amount) -> Refused: the decree's own words belong in the component's text."""
    if isinstance(value, bool):
        raise Refused("standard_cost_format")
    if isinstance(value, int | float):
        if value < 0 or value != int(value):
            raise Refused("standard_cost_format")
        return Cost(rupiah=int(value))
    text = _folded(value)
    if not text:
        return None
    if text in FREE_WORDS:
        return Cost(rupiah=0)
    match = RUPIAH.match(text)
    if not match or match.group(1):
        raise Refused("standard_cost_format")
    return Cost(rupiah=int(match.group(2).replace(".", "")))


def _folded(value: object) -> str:
    if value is None:
        return ""
    return re.sub(r"\s+", " ", str(value).strip().lower())


def in_force(versions: list[Standard], day: date) -> Standard | None:
    """The version in force on `day`: the newest that took effect by then; None before the first."""
    begun = [version for version in versions if version.effective_from <= day]
    return max(begun, key=lambda version: version.effective_from, default=None)


def promise(standard: Standard, element: str) -> str:
    """What the standard promises about an SKM element, as short as a table cell allows ('' if
    it says nothing): the typed time and cost first, else the component's own words."""
    component = BY_ELEMENT.get(element)
    if component is None:
        return ""
    if component.key == "waktu" and standard.time:
        return f"selesai {standard.time.amount} {standard.time.unit}"
    if component.key == "biaya" and standard.cost:
        return "gratis" if standard.cost.free else f"Rp{standard.cost.rupiah:,}".replace(",", ".")
    return standard.text(component.key)


# The pledge's usual words (the example of PermenPAN-RB 15/2014's annex): a region sets its own
# with SKM_MAKLUMAT_TEXT, a unit may word its own.
DEFAULT_MAKLUMAT = (
    "Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan yang telah "
    "ditetapkan dan apabila tidak menepati janji ini, kami siap menerima sanksi sesuai peraturan "
    "perundang-undangan yang berlaku."
)


class Maklumat(BaseModel):
    """The head's public pledge to deliver to the standard, signed by name and position."""

    model_config = ConfigDict(frozen=True)
    text: Annotated[str, Clean, StringConstraints(strip_whitespace=True, min_length=20, max_length=2000)]
    signer_name: Annotated[str, Clean, StringConstraints(strip_whitespace=True, min_length=3, max_length=120)]
    signer_position: Annotated[str, Clean, StringConstraints(strip_whitespace=True, min_length=3, max_length=200)]
    signed_on: date
