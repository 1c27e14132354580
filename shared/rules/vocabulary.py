"""The survey's vocabulary, in one place: every code the system stores or prints.

Profile dimensions and their groups, the region-wide key, complaint statuses and abuse flags.
Labels people read live in the message catalogue (`shared.text.messages`) under the keys built
here; `shared.text.formats.group_label` writes them.
"""

from __future__ import annotations

from typing import Literal, get_args

REGION = "*"  # unit_id of the region-wide rows, and the recap's "every unit"

# Profile of a respondent -------------------------------------------------------------
Gender = Literal["L", "P"]
Education = Literal["SD", "SMP", "SMA", "D1-D3", "S1", "S2"]
Occupation = Literal["PNS", "TNI", "POLRI", "SWASTA", "WIRAUSAHA", "PELAJAR", "LAINNYA"]
GENDERS: tuple[str, ...] = get_args(Gender)
EDUCATIONS: tuple[str, ...] = get_args(Education)
OCCUPATIONS: tuple[str, ...] = get_args(Occupation)
EDUCATION_ALIASES = {"D4": "S1", "D4/S1": "S1", "S3": "S2", "D1": "D1-D3", "D2": "D1-D3", "D3": "D1-D3"}
AGE_BANDS = ("15-24", "25-34", "35-44", "45-54", "55+")
AGE_BAND_UPPER = (25, 35, 45, 55)  # exclusive upper ages of all but the last band (as in group_facts.sql)
Channel = Literal["web", "kiosk", "paper", "import", "api"]
CHANNELS: tuple[str, ...] = get_args(Channel)  # how a response arrived: the citizen's own form, a
# unit's tablet, a paper form typed in, a file imported, another app through the JSON API
DIMENSIONS = ("gender", "age_band", "education", "occupation", "service", "channel")
GROUPS: dict[str, tuple[str, ...]] = {  # the order groups are listed in; services are the unit's own
    "channel": CHANNELS,
    "gender": GENDERS,
    "age_band": AGE_BANDS,
    "education": EDUCATIONS,
    "occupation": OCCUPATIONS,
}
ALL = ("all", "all")  # (dimension, group) of a unit's whole sample


def age_band(age: int | None) -> str | None:
    """The age group of the profile breakdown."""
    if age is None:
        return None
    for band, upper in zip(AGE_BANDS, AGE_BAND_UPPER):
        if age < upper:
            return band
    return AGE_BANDS[-1]


def group_label_key(dimension: str, value: str) -> str | None:
    """The message key of a group's label; None where the value is its own label (age, service)."""
    return f"{dimension}_{value}" if dimension in ("gender", "education", "occupation", "channel") else None


# Complaints -----------------------------------------------------------------------------
ComplaintStatus = Literal["baru", "ditanggapi", "selesai"]
STATUS_ORDER: tuple[str, ...] = get_args(ComplaintStatus)  # a status only ever moves forward


def status_key(status: str | None) -> str:
    return f"status_{status or 'baru'}"


# Abuse flags ----------------------------------------------------------------------------
FLAG_HONEYPOT = "honeypot"
FLAG_TOO_FAST = "too-fast"
FLAG_NO_FORM_TOKEN = "no-form-token"
FLAG_STRAIGHT_LINING = "straight-lining"  # no longer set (never a reason alone); kept for responses stored with it
FLAG_OPERATOR_SPAM = "operator-spam"
FLAGS = (FLAG_HONEYPOT, FLAG_TOO_FAST, FLAG_NO_FORM_TOKEN, FLAG_STRAIGHT_LINING, FLAG_OPERATOR_SPAM)


def flag_key(flag: str) -> str:
    return "flag_" + flag.replace("-", "_")
