"""The survey's vocabulary, in one place: every code the system stores or prints.

Profile dimensions and their groups, the region-wide key, complaint statuses, abuse flags
and the minimum-sample rules with the method sentence each one prints. Labels people read
live in the message catalogue (`shared.text.messages`) under the keys built here.
"""

from __future__ import annotations

from typing import Literal, get_args

from shared.rules import sampling
from shared.text import messages

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


def group_label(dimension: str, value: str, lang: str) -> str:
    """A profile group as a reader sees it ("Perempuan", "Kios di loket"; an age band as it is)."""
    key = group_label_key(dimension, value)
    return messages.message(key, lang) if key and key in messages.CATALOGUE else value


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


# Minimum sample rules -------------------------------------------------------------------
SampleRule = Literal["krejcie-morgan", "slovin", "ten-percent"]
SAMPLE_RULES = {
    "krejcie-morgan": sampling.krejcie_morgan,
    "slovin": sampling.slovin,
    "ten-percent": sampling.ten_percent,
}
assert set(SAMPLE_RULES) == set(get_args(SampleRule))


def required_sample(population: int, rule: str) -> int:
    return SAMPLE_RULES[rule](population)


def sample_rule_key(rule: str) -> str:
    """The message key of the method sentence that names the rule."""
    return "sample_rule_" + rule.replace("-", "_")
