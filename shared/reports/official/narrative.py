"""What the official report says in words: the operator's own texts (`Narrative`), the legal
basis, and how numbers, dates, elements and bands are written (Bahasa Indonesia)."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from decimal import Decimal
from functools import partial
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, StringConstraints, field_validator

from shared.reports.official.blocks import (
    Paragraph,
    Signature,
)
from shared.rules import questionnaire
from shared.rules.periods import Period
from shared.rules.questionnaire import text
from shared.rules.records import Clean
from shared.text import formats, messages

LANG = "id"
num = partial(formats.number, lang=LANG)  # the official report is written in Bahasa Indonesia
day = partial(formats.date_text, lang=LANG)
TOO_FEW = messages.message("too_few", LANG)
LEGAL_BASIS = (
    "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;",
    "Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan Undang-Undang Nomor 25 Tahun 2009 "
    "tentang Pelayanan Publik;",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 14 Tahun 2017 tentang "
    "Pedoman Penyusunan Survei Kepuasan Masyarakat Unit Penyelenggara Pelayanan Publik.",
)
LongText = Annotated[str, Clean, StringConstraints(strip_whitespace=True, max_length=4000)]
ShortText = Annotated[str, Clean, StringConstraints(strip_whitespace=True, max_length=120)]


class Narrative(BaseModel):
    """What the unit's operator writes into the report; empty fields get the generated text."""

    model_config = ConfigDict(extra="forbid")
    foreword: LongText = ""
    background: LongText = ""
    conclusion: LongText = ""
    place: ShortText = ""
    position: ShortText = ""
    signatory: ShortText = ""
    nip: Annotated[str, StringConstraints(strip_whitespace=True, max_length=24)] = ""

    @classmethod
    def stored(cls, record: dict[str, Any] | None) -> Narrative:
        """The narrative of a stored record (which also says who wrote it, and when)."""
        return cls.model_validate({name: value for name, value in (record or {}).items() if name in cls.model_fields})

    @field_validator("nip")
    @classmethod
    def _nip(cls, value: str) -> str:
        """A civil servant's NIP: 18 digits, often written in groups (19700101 199003 1 001)."""
        digits = re.sub(r"\s", "", value)
        if digits and not (digits.isascii() and digits.isdigit() and len(digits) == 18):
            raise ValueError("NIP: 18 digits")
        return value


def element(survey: str, code: str) -> str:
    return questionnaire.element_name(survey, code, LANG)


def band_name(survey: str, grade: str | None) -> str:
    return questionnaire.band_label(survey, grade, LANG)


def survey_title(survey: str) -> str:
    return text(questionnaire.current(survey).title, LANG)


def paragraphs(written: str) -> list[Paragraph]:
    """A text an operator typed: one paragraph per blank-line-separated part."""
    return [Paragraph(" ".join(part.split())) for part in re.split(r"\n\s*\n", written or "") if part.strip()]


UNIT_SIGNS = "Kepala Unit Layanan"
BUREAU_SIGNS = "Kepala Bagian Organisasi"  # the region's consolidated report is the bureau's


def signature(narrative: Narrative, today: date, position: str = UNIT_SIGNS) -> Signature:
    """The signature block: what the operator wrote, else the position that signs by default."""
    place = narrative.place or "…………"
    return Signature(
        f"{place}, {day(today)}",
        narrative.position or position,
        narrative.signatory or "(………………………………)",
        f"NIP {narrative.nip}" if narrative.nip else "NIP …………………………",
    )


PROVISIONAL = "SEMENTARA"


def mark(until: datetime | None) -> str:
    """The cover's and every page's mark of a report whose period still runs."""
    return PROVISIONAL if until else ""


def footer(region: str, label: str, until: datetime | None) -> str:
    """Region and period on every page, marked SEMENTARA while the period runs."""
    return " · ".join(part for part in (mark(until), region, label) if part)


def collected(period: Period, until: datetime | None) -> str:
    """When the data was collected: the whole period, or, while it runs, up to the moment every
    response before it was in BigQuery (in the region's zone, as `until` carries it)."""
    if until is None:
        return f"{day(period.start)} sampai dengan {day(period.last_day)}"
    moment = formats.datetime_text(until, until.tzinfo or timezone.utc, LANG)
    return f"{day(period.start)} sampai dengan {moment}, periode masih berjalan"


def provisional_note(until: datetime | None) -> list[Paragraph]:
    if until is None:
        return []
    return [Paragraph(f"{PROVISIONAL}: angka dalam laporan ini sementara dan akan berubah sampai periode berakhir.")]


def channels(row: dict[str, Any]) -> str:
    """The channels the data came through, each with its respondents and share, largest first:
    "formulir daring 60 responden (50,0%), kuesioner kertas 60 responden (50,0%)"; what was
    not used is not claimed."""
    groups = [g for g in row.get("profile") or [] if g["dimension"] == "channel" and g["respondents"]]
    total = sum(g["respondents"] for g in groups)
    return ", ".join(
        f"{messages.message('channel_' + g['group_value'], LANG).lower()} {g['respondents']} responden "
        f"({num(Decimal(100 * g['respondents']) / total, 1)}%)"
        for g in sorted(groups, key=lambda g: -g["respondents"])
    )
