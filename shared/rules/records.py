"""Units and responses: the records that flow through the system."""

from __future__ import annotations

import re
import secrets
from datetime import date, datetime
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from shared.rules import questionnaire
from shared.rules.periods import Period
from shared.rules.vocabulary import EDUCATION_ALIASES, Channel, ComplaintStatus, Education, Gender, Occupation

SCHEMA_VERSION = 1
# NUL and other control characters (tab and line breaks excepted; Word's line break \x0b is
# one), lone surrogates and U+FFFE/U+FFFF: never meant by a person, unprintable in HTML, CSV and
# PDF, refused by Firestore's encoder and by XML (a Word file).
UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def strip_unprintable(value: Any) -> Any:
    return UNPRINTABLE.sub("", value) if isinstance(value, str) else value


Clean = BeforeValidator(strip_unprintable)  # on every text field a person types
UNIT_ID_PATTERN = r"^[a-z0-9][a-z0-9-]{1,62}$"
SUBMISSION_ID_PATTERN = r"^[A-Za-z0-9-]{16,64}$"  # a client's random id (a UUID in practice)
UnitId = Annotated[str, StringConstraints(pattern=UNIT_ID_PATTERN)]
Survey = Literal["skm", "ipkp", "ipak", "spkp", "spak"]

# Receipt codes avoid characters people confuse when reading them aloud or copying
# them from a phone screen: 0/O, 1/I/L, 5/S, 2/Z, 8/B.
RECEIPT_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
RECEIPT_LENGTH = 8


def new_receipt() -> str:
    return "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH))


def spreadsheet_day(value: object) -> date | None:
    """A day as a spreadsheet or a person gives it: a datetime or date cell, 31/12/2026 (day
    first, as Indonesians write it) or 2026-12-31; None for anything else, or no such day."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    if match := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text):
        day, month, year = (int(part) for part in match.groups())
    elif match := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text):
        year, month, day = (int(part) for part in match.groups())
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


class Unit(BaseModel):
    model_config = ConfigDict(frozen=True)
    unit_id: UnitId
    name: Annotated[str, Clean, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    type: Annotated[str, Clean, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
    parent: Annotated[str, Clean] = ""
    service_users_per_quarter: int = Field(default=0, ge=0)
    surveys: tuple[Survey, ...] = ("skm",)
    services: tuple[
        Annotated[str, Clean, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)], ...
    ] = ()
    active: bool = True  # a unit the bureau closed keeps its history; its form takes no more responses
    # The day the bureau registered it, in the region's zone; None: before the records began.
    registered: date | None = None

    @field_validator("registered", mode="before")
    @classmethod
    def _day(cls, value: object) -> object:
        """Spreadsheets give a datetime or 31/12/2026; a form's empty field is no date."""
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, str):
            value = value.strip()
            return (spreadsheet_day(value) or value) if value else None  # else the model refuses it by name
        return value

    @field_validator("surveys", "services", mode="before")
    @classmethod
    def _split_list(cls, value: object, info: ValidationInfo) -> object:
        """CSV cells hold lists as "a;b"; survey codes are case-insensitive."""
        if isinstance(value, str):
            value = [part.strip() for part in value.split(";") if part.strip()]
        if info.field_name == "surveys" and isinstance(value, (list, tuple)):
            value = [str(v).lower() for v in value]
        return value

    @field_validator("surveys")
    @classmethod
    def _skm_first(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if "skm" not in value:
            raise ValueError("every unit runs the SKM survey")
        both = [s for s in value if questionnaire.VARIANTS.get(s) in value]
        if both:  # one index, two scales: the unit chooses the four-point or the six-point variant
            raise ValueError(f"choose one variant: {' or '.join(sorted(both))}")
        return tuple(s for s in questionnaire.SURVEYS if s in value)

    def questionnaires(self) -> list[questionnaire.Questionnaire]:
        return [questionnaire.current(survey) for survey in self.surveys]

    def takes_part(self, period: Period, answered: bool) -> bool:
        """One of a period's units: it has responses in it, or it was open and registered before
        the period ended. A unit registered later, or closed with nothing in it, is not counted
        in the region's units, samples or service users."""
        if answered:
            return True
        return self.active and (self.registered is None or self.registered < period.end)


class Profile(BaseModel):
    """Anonymous and optional respondent profile."""

    model_config = ConfigDict(extra="forbid")
    age: StrictInt | None = Field(default=None, ge=15, le=100)
    gender: Gender | None = None
    education: Education | None = None
    occupation: Occupation | None = None
    service: Annotated[str, Clean, StringConstraints(strip_whitespace=True, max_length=120)] | None = None

    @field_validator("gender", "education", "occupation", mode="before")
    @classmethod
    def _normalise(cls, value: object) -> object:
        if isinstance(value, str):
            value = value.strip().upper()
            value = EDUCATION_ALIASES.get(value, value)
            return value or None
        return value


class SubmissionIn(BaseModel):
    """The body of POST /api/v1/responses (see README for the contract)."""

    model_config = ConfigDict(extra="forbid")
    submission_id: Annotated[str, StringConstraints(pattern=SUBMISSION_ID_PATTERN)]
    unit_id: UnitId
    answers: dict[str, StrictInt]  # true, "3" and 3.0 are not scores
    profile: Profile = Field(default_factory=Profile)
    suggestion: Annotated[str, Clean, StringConstraints(strip_whitespace=True, max_length=2000)] = ""
    lang: Literal["id", "en"] = "id"


class StoredResponse(BaseModel):
    """A response as kept in the store; `submitted_at` is set by the store."""

    response_id: str
    unit_id: str
    quarter: str
    receipt: str
    questionnaires: dict[str, int]  # survey -> questionnaire version answered
    answers: dict[str, int]
    profile: Profile
    suggestion: Annotated[str, Clean] = ""  # cleaned on the way in, and again as read back
    flags: list[str] = Field(default_factory=list)
    channel: Channel = "web"  # stored before channels were: the citizen's form
    schema_version: int = SCHEMA_VERSION
    submitted_at: datetime | None = None
    # Follow-up of a suggestion or complaint: baru -> ditanggapi -> selesai (operators move it).
    complaint_status: ComplaintStatus | None = None
    first_reply_at: datetime | None = None
    reply: Annotated[str, Clean] | None = None  # the operator's answer, shown on the receipt page
    device_id: str | None = None  # the kiosk it was answered on
    entered_by: str | None = None  # the operator who typed a paper form in, and when
    entered_at: datetime | None = None

    @property
    def quarter_key(self) -> Period:
        return Period.parse(self.quarter)


class Page(NamedTuple):
    """One page of a listing, newest first."""

    docs: list[dict[str, Any]]
    next_after: str | None  # the id to continue after; None on the last page
