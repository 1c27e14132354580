"""Responses that arrive in batches: files imported and paper questionnaires typed in.

A batch is a list of rows (column name -> cell) with the line each came from. Every row is
checked before anything is stored, and every bad cell is reported with its line and column,
so a batch is taken whole or not at all. A row's response id is derived from its content (or
from its `submission_id` column), so taking the same batch again adds nothing.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from pydantic import ValidationError

from shared.files import spreadsheet
from shared.files.spreadsheet import CellError, Refused, column_letter
from shared.rules import questionnaire, vocabulary
from shared.rules.periods import Period
from shared.rules.records import Profile, StoredResponse, Unit, strip_unprintable
from shared.rules.vocabulary import Channel
from shared.text import messages
from shared.text.validation import from_pydantic

PROFILE_COLUMNS = ("gender", "age", "education", "occupation", "service")
OPTIONAL_COLUMNS = (*PROFILE_COLUMNS, "suggestion", "submission_id")
IGNORED_COLUMNS = ("no", "no.", "nomor")  # the row numbers Indonesian spreadsheets start with
ITEM_CODES = tuple(code for survey in questionnaire.SURVEYS for code in questionnaire.current(survey).codes)
COLUMNS = ("unit_id", "submitted_at", *ITEM_CODES, *OPTIONAL_COLUMNS)
# Column names as Indonesian spreadsheets and Google Forms write them (compared as spreadsheet.folded)
ALIASES = {
    "Timestamp": "submitted_at",
    "Stempel waktu": "submitted_at",
    "Cap waktu": "submitted_at",
    "Tanggal": "submitted_at",
    "Waktu": "submitted_at",
    "Tanggal dan waktu": "submitted_at",
    "Tanggal pengisian": "submitted_at",
    "Kode unit": "unit_id",
    "Jenis kelamin": "gender",
    "Umur": "age",
    "Usia": "age",
    "Pendidikan": "education",
    "Pendidikan terakhir": "education",
    "Pekerjaan": "occupation",
    "Layanan": "service",
    "Jenis layanan": "service",
    "Saran": "suggestion",
    "Kritik dan saran": "suggestion",
    "Saran dan masukan": "suggestion",
}
CLOCK_SKEW = timedelta(minutes=10)  # a time this far ahead of now is a typo, not a response
MAX_SUGGESTION = 2000
DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T,]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?$")
LEADING_SCORE = re.compile(r"^(\d)(?:\D|$)")  # "4", "4 - Sangat baik", "4. Sangat sesuai"
# Profile codes as a paper form numbers them, and labels as Google Forms options write them.
PROFILE_LABELS = {
    "gender": {"1": "L", "2": "P", "LAKI-LAKI": "L", "LAKI LAKI": "L", "PRIA": "L", "PEREMPUAN": "P", "WANITA": "P"},
    "education": {str(n): code for n, code in enumerate(vocabulary.EDUCATIONS, start=1)}
    | {"SLTP": "SMP", "SLTA": "SMA", "SMA/SMK": "SMA", "SMK": "SMA", "DIPLOMA": "D1-D3", "SARJANA": "S1"}
    | {"PASCASARJANA": "S2"},
    "occupation": {str(n): code for n, code in enumerate(vocabulary.OCCUPATIONS, start=1)}
    | {"ASN": "PNS", "PEGAWAI SWASTA": "SWASTA", "WIRASWASTA": "WIRAUSAHA", "PELAJAR/MAHASISWA": "PELAJAR"}
    | {"MAHASISWA": "PELAJAR"},
}


@dataclass(frozen=True)
class Batch:
    """How a batch's rows become responses."""

    units: Mapping[str, Unit]  # the units the batch may write to
    zone: tzinfo
    now: datetime
    channel: Channel
    lang: str = "id"
    unit_id: str = ""  # every row's unit, when the file has no unit_id column
    entered_by: str | None = None  # the operator typing paper forms
    surveys: tuple[str, ...] = ()  # the surveys the batch carries (a file may carry SKM alone); none: all
    earliest_year: int = 2017  # no response is older (SKM_EARLIEST_YEAR; the regulation's year by default)

    def carries(self, survey: str) -> bool:
        return not self.surveys or survey in self.surveys


def check_header(header: list[str], batch: Batch, line: int = 1) -> list[CellError]:
    """Unknown, repeated and missing columns; names are compared without case or spaces."""
    errors, seen = [], Counter(header)
    known = {"unit_id", "submitted_at", *ITEM_CODES, *OPTIONAL_COLUMNS}
    for index, name in enumerate(header):
        letter = column_letter(index)
        if name.casefold() in IGNORED_COLUMNS or not name:
            continue
        if name not in known:
            errors.append(CellError(line, name, messages.message("unknown_column", batch.lang), letter))
        elif seen[name] > 1:
            errors.append(CellError(line, name, messages.message("repeated_column", batch.lang), letter))
    required = ["submitted_at", *questionnaire.current("skm").codes] + ([] if batch.unit_id else ["unit_id"])
    for survey in questionnaire.SURVEYS[1:]:  # another survey's columns: all of them, or none
        codes = questionnaire.current(survey).codes
        if any(code in seen for code in codes):
            required += codes
    for name in required:
        if name not in seen:
            errors.append(CellError(line, name, messages.message("missing_column", batch.lang)))
    return errors


def responses(
    rows: Iterable[tuple[int, Mapping[str, Any]]], batch: Batch, letters: Mapping[str, str] = {}
) -> list[StoredResponse]:
    """Every row as a response, or Refused with every bad cell (nothing is half taken)."""
    return list(each_response(rows, batch, letters))


def each_response(
    rows: Iterable[tuple[int, Mapping[str, Any]]], batch: Batch, letters: Mapping[str, str] = {}
) -> Iterator[StoredResponse]:
    """The rows as responses, one at a time, until the first bad cell; Refused at the end with
    the bad cells (the first ERRORS_KEPT listed, all counted). The ids are the same on every
    reading of the same rows."""
    errors: list[CellError] = []
    count, occurrences = 0, Counter[str]()
    for line, row in rows:
        try:
            response = row_response(row, batch)
        except Refused as refused:
            count += len(refused.errors)
            room = spreadsheet.ERRORS_KEPT - len(errors)  # the first ones are listed, the rest counted
            errors += [CellError(line, e.column, e.message, letters.get(e.column, "")) for e in refused.errors[:room]]
            continue
        if not row_text(row, "submission_id"):  # identical rows in one file stay distinct responses
            occurrences[response.response_id] += 1
            response.response_id = f"{response.response_id}{occurrences[response.response_id]:04d}"
        if not errors:
            yield response
    if errors:
        raise Refused(ordered(errors), count)


def ordered(errors: list[CellError]) -> list[CellError]:
    """By line, then column as a spreadsheet orders them (Z before AA)."""
    return sorted(errors, key=lambda e: (e.line, len(e.letter), e.letter))


def row_response(row: Mapping[str, Any], batch: Batch) -> StoredResponse:
    """One row as a response; Refused (line 0) with the row's bad cells."""
    errors: list[CellError] = []

    def bad(column: str, key: str, **values: object) -> None:
        errors.append(CellError(0, column, messages.message(key, batch.lang, **values)))

    unit_id = row_text(row, "unit_id") or batch.unit_id
    unit = batch.units.get(unit_id)
    if unit is None:
        bad("unit_id", "required" if not unit_id else "unit_not_yours")
    moment = None
    try:
        moment = submitted_at(row.get("submitted_at"), batch.zone)
        if too_early(moment, batch):
            bad("submitted_at", "time_too_early", year=batch.earliest_year)
            moment = None
        elif moment > batch.now + CLOCK_SKEW:
            bad("submitted_at", "time_in_future")
    except ValueError as error:
        bad("submitted_at", str(error) or "bad_time")
    answers = read_answers(row, unit, bad, batch) if unit else {}
    profile, profile_errors = read_profile(row, batch.lang)
    errors += profile_errors
    suggestion = row_text(row, "suggestion")
    if len(suggestion) > MAX_SUGGESTION:
        bad("suggestion", "too_long", max=MAX_SUGGESTION)
    if errors or unit is None or moment is None or profile is None:
        raise Refused(errors)
    return StoredResponse(
        response_id=response_id(unit.unit_id, row, moment, answers, profile, suggestion),
        unit_id=unit.unit_id,
        quarter=Period.of(moment, zone=batch.zone).key,
        receipt="",  # nobody was shown one: the citizen answered on paper or elsewhere
        questionnaires={q.survey: q.version for q in unit.questionnaires() if batch.carries(q.survey)},
        answers=answers,
        profile=profile,
        suggestion=suggestion,
        channel=batch.channel,
        submitted_at=moment,
        complaint_status="baru" if suggestion else None,
        entered_by=batch.entered_by,
        entered_at=batch.now if batch.entered_by else None,
    )


def read_answers(row: Mapping[str, Any], unit: Unit, bad: Any, batch: Batch) -> dict[str, int]:
    """Each item of the unit's surveys that the batch carries as its score; an item of a survey
    it does not run stays empty."""
    answers: dict[str, int] = {}
    runs = {code for q in unit.questionnaires() if batch.carries(q.survey) for code in q.codes}
    for survey in questionnaire.SURVEYS:
        if not batch.carries(survey):  # not in the file at all (check_header: a survey whole or not)
            continue
        current = questionnaire.current(survey)
        for item in current.items:
            cell = row.get(item.code)
            if item.code not in runs:
                if row_text(row, item.code):
                    bad(item.code, "survey_not_run", survey=survey.upper())
                continue
            score = read_score(cell, item)
            if score is None:
                bad(item.code, "choose_answer")
            elif not current.scale.min <= score <= current.scale.max:
                bad(item.code, "answer_range", min=current.scale.min, max=current.scale.max)
            else:
                answers[item.code] = score
    return answers


def read_score(cell: Any, item: questionnaire.Item) -> int | None:
    """4, 4.0, "4", "4 - Sangat sesuai" or the option's own label ("Sangat sesuai")."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, (int, float)):
        return int(cell) if float(cell).is_integer() else None
    value = str(cell or "").strip()
    match = LEADING_SCORE.match(value)
    if match:
        return int(match.group(1))
    wanted = value.casefold()
    for option in item.options:
        if wanted and wanted in (label.casefold() for label in option.label.values()):
            return option.score
    return None


def read_profile(row: Mapping[str, Any], lang: str) -> tuple[Profile | None, list[CellError]]:
    """The profile cells: codes (L/P, SD…S2, PNS…), a paper form's numbers or Google Forms' labels."""
    data: dict[str, Any] = {}
    for column in PROFILE_COLUMNS:
        value = row_text(row, column)
        if value and column == "age":
            data[column] = int(value) if value.isascii() and value.isdigit() else value
        elif value:
            data[column] = PROFILE_LABELS.get(column, {}).get(value.upper(), value)
    try:
        return Profile.model_validate(data), []
    except ValidationError as error:
        invalid = from_pydantic(error, lang)
        return None, [CellError(0, e.field, e.message) for e in invalid.errors]


def row_text(row: Mapping[str, Any], column: str) -> str:
    value = row.get(column)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return strip_unprintable(str(value)).strip()  # as the citizen's form does: Word's \x0b and the like


def too_early(moment: datetime, batch: Batch) -> bool:
    """Before 1 January of the earliest year in the region (the year is compared first: a year-1
    date would overflow when moved to another zone)."""
    if moment.year < batch.earliest_year:
        return True
    return moment.astimezone(batch.zone).year < batch.earliest_year


def submitted_at(cell: Any, zone: tzinfo) -> datetime:
    """When a row's citizen answered: a spreadsheet's date, ISO 8601 or dd/mm/yyyy hh:mm.

    A time without an offset is the region's local time. ValueError carries a message key."""
    if isinstance(cell, datetime):
        moment = cell
    elif isinstance(cell, date):
        moment = datetime.combine(cell, time())
    else:
        moment = parse_time_text(str(cell or "").strip())
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment


def parse_time_text(value: str) -> datetime:
    if not value:
        raise ValueError("required")
    match = DAY_FIRST.match(value)
    if match:
        day, month, year, hour, minute, second = (int(part or 0) for part in match.groups())
        if month > 12 and day <= 12:
            raise ValueError("month_first")
        try:
            return datetime(year, month, day, hour, minute, second)
        except ValueError:
            raise ValueError("bad_time") from None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise ValueError("bad_time") from None


def response_id(
    unit_id: str, row: Mapping[str, Any], moment: datetime, answers: dict[str, int], profile: Profile, suggestion: str
) -> str:
    """The same row always gets the same id: its own submission id, else a digest of its content."""
    given = row_text(row, "submission_id")
    content = given or repr((moment.isoformat(), sorted(answers.items()), profile.model_dump(), suggestion))
    digest = hashlib.sha256(f"{unit_id}\n{content}".encode()).hexdigest()[:36]
    return f"{'sub' if given else 'row'}-{digest}"


def read_table(data: bytes, mapping: Mapping[str, str] | None = None, batch: Batch | None = None) -> spreadsheet.Table:
    """A file of responses: its header cells matched to the batch's columns in any case, and
    checked against the batch before any row is read."""
    lang = batch.lang if batch else "id"
    checked = (lambda header: check_header(header, batch)) if batch else None
    return spreadsheet.read(data, mapping, COLUMNS, ALIASES, lang, checked)


@dataclass(frozen=True)
class FileCheck:
    quarters: Counter[str]  # where the rows go: quarter -> rows
    totals: list[int]  # lines of totals rows under the data, skipped


@dataclass(frozen=True)
class FileRows:
    responses: list[StoredResponse]
    totals: list[int]  # lines of totals rows under the data, skipped (said to the person importing)


def read_file(data: bytes, batch: Batch, mapping: Mapping[str, str] | None = None) -> FileRows:
    """A CSV or XLSX file of responses as stored responses; Refused, with every bad cell, if any is bad.
    A file carries SKM and any of the other surveys, each whole; only the surveys it carries are read."""
    found: list[StoredResponse] = []
    totals = read_through(data, batch, mapping, found.append)
    return FileRows(found, totals)


def check_file(data: bytes, batch: Batch, mapping: Mapping[str, str] | None = None) -> FileCheck:
    """A file read through and checked, keeping nothing but where its rows go (an import's first
    pass: a file of 100,000 rows is never held whole); Refused as read_file."""
    quarters = Counter[str]()
    totals = read_through(data, batch, mapping, lambda response: quarters.update((response.quarter,)))
    return FileCheck(quarters, totals)


def stream_file(data: bytes, batch: Batch, mapping: Mapping[str, str] | None = None) -> Iterator[StoredResponse]:
    """The responses of a file check_file accepted, one at a time (an import's second pass)."""
    table, carried = opened(data, batch, mapping)
    yield from each_response(table.rows, carried, table.letters)


def read_through(
    data: bytes, batch: Batch, mapping: Mapping[str, str] | None, take: Callable[[StoredResponse], None]
) -> list[int]:
    """Every response of the file handed to `take` as it is read; Refused with every bad cell
    (and filled cells outside the columns), or for a file without rows. Returns the lines of
    totals rows skipped."""
    table, carried = opened(data, batch, mapping)
    taken = 0
    try:
        for response in each_response(table.rows, carried, table.letters):
            take(response)
            taken += 1
    except Refused as refused:
        stray = spreadsheet.stray_errors(table, batch.lang)
        raise Refused(ordered(refused.errors + stray), refused.count + len(stray)) from None
    if errors := spreadsheet.stray_errors(table, batch.lang):
        raise Refused(errors)
    if not taken:
        raise Refused([CellError(2, "", messages.message("file_empty", batch.lang))])
    return table.totals


def opened(data: bytes, batch: Batch, mapping: Mapping[str, str] | None) -> tuple[spreadsheet.Table, Batch]:
    """The file's table, its header checked, and the batch narrowed to the surveys it carries."""
    try:
        table = read_table(data, mapping, batch)
    except spreadsheet.Unreadable:
        raise Refused([CellError(1, "", messages.message("file_unreadable", batch.lang))]) from None
    return table, replace(batch, surveys=carried_surveys(table.header))


def carried_surveys(header: Sequence[str]) -> tuple[str, ...]:
    """The surveys a file has columns for (check_header has made sure each is whole)."""
    return tuple(s for s in questionnaire.SURVEYS if set(questionnaire.current(s).codes) <= set(header))


def read_rows(
    rows: Iterable[tuple[int, Mapping[str, Any]]], batch: Batch, letters: Mapping[str, str] = {}
) -> list[StoredResponse]:
    """A batch's rows as responses, all of them or Refused with every bad cell (none at all is refused too)."""
    found = responses(rows, batch, letters)
    if not found:
        raise Refused([CellError(2, "", messages.message("file_empty", batch.lang))])
    return found
