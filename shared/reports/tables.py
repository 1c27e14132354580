"""What goes into an operator's report, recap and CSV downloads (pure; no rendering here)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime, tzinfo
from decimal import Decimal
from typing import Any

from shared.rules import questionnaire
from shared.rules.eligibility import counted_flags
from shared.rules.vocabulary import REGION
from shared.text import formats, messages
from shared.text.formats import fixed

RECAP_COLUMNS = (
    "period",
    "provisional",
    "rank",
    "unit_id",
    "unit_name",
    "unit_type",
    "respondents",
    "required_sample",
    "sample_reached",
    "enough_data",
    "index_value",
    "index_converted",
    "ci_low",
    "ci_high",
    "grade",
    "performance",
    "excluded_flagged",
    "suggestions_received",
    "suggestions_answered",
    "median_reply_hours",
    "change_points",
    "change_verdict",
    "follow_up_done",
    "follow_up_planned",
    "aggregation_run",
)
RESPONSE_COLUMNS = (
    "response_id",
    "receipt",
    "submitted_at",
    "channel",
    "questionnaires",
    "age",
    "gender",
    "education",
    "occupation",
    "service",
    "suggestion",
    "complaint_status",
    "reply",
    "first_reply_at",
    "flags",
    "spam_verdict",
    "counted",
)


def report_file(kind: str, unit_id: str, period: str, lang: str, *versioned: Any) -> str:
    """Storage name of a rendered report: a new aggregation run or plan makes a new name."""
    digest = hashlib.sha256(json.dumps(versioned, default=str, sort_keys=True).encode()).hexdigest()[:20]
    return f"{kind}_{'ALL' if unit_id == REGION else unit_id}_{period}_{lang}_{digest}"


def download_name(stored: str, extension: str) -> str:
    """`IKM_<unit>_<period>.pdf` (or `REKAP_…`) from a storage name made by `report_file`."""
    kind, unit, period = stored.split("_")[:3]
    return f"{kind}_{unit}_{period}.{extension}"


RECAP_DIGITS = {
    "index_value": 4,
    "index_converted": 2,
    "ci_low": 2,
    "ci_high": 2,
    "median_reply_hours": 1,
    "change_points": 2,
}


def recap_records(units: Iterable[Mapping[str, Any]]) -> Iterator[dict[str, Any]]:
    """Recap rows for CSV, numbers at their displayed precision (as on the PDF)."""
    for unit in units:
        yield {
            **unit,
            **{
                name: fixed(unit[name], digits) if unit[name] is not None else None
                for name, digits in RECAP_DIGITS.items()
            },
        }


FORMULA_START = re.compile(r"(^|[,;\t])( *)([=+\-@\t\r])")


def csv_text(
    rows: Iterable[Mapping[str, Any]], columns: tuple[str, ...], header: Sequence[str] = (), delimiter: str = ","
) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL, delimiter=delimiter)
    writer.writerow(header or columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return "\ufeff" + out.getvalue()  # a BOM so spreadsheet programs read UTF-8


TIME_COLUMNS = ("submitted_at", "first_reply_at")


def column_label(name: str, lang: str, zone: tzinfo | None = None) -> str:
    """A column as staff read it ("Waktu pengisian (WITA)"); an item code is its own label (U1)."""
    key = f"col_{name}"
    if key not in messages.CATALOGUE:
        return name
    label = messages.message(key, lang)
    return f"{label} ({formats.zone_name(zone)})" if zone and name in TIME_COLUMNS else label


def staff_value(value: Any, lang: str, zone: tzinfo | None = None) -> Any:
    """A cell as staff read it: Ya/Tidak for a flag, a time in the region's zone (named in the header)."""
    if isinstance(value, bool):
        return messages.message("bool_yes" if value else "bool_no", lang)
    if isinstance(value, datetime) and zone is not None:
        return value.astimezone(zone).strftime("%Y-%m-%d %H:%M")
    return value


def staff_csv(
    rows: Iterable[Mapping[str, Any]], columns: tuple[str, ...], lang: str, zone: tzinfo | None = None
) -> str:
    """A CSV for the staff's spreadsheet: headers in their language, flags as Ya/Tidak, times in the
    region's zone; for Indonesian Excel separated by ';' with decimal commas (89,17), in English by
    ',' with decimal points; with a BOM."""
    header = [column_label(name, lang, zone) for name in columns]
    readable = ({name: _staff_cell(name, row.get(name), lang, zone) for name in columns} for row in rows)
    return csv_text(readable, columns, header, ";" if lang == "id" else ",")


def _staff_cell(name: str, value: Any, lang: str, zone: tzinfo | None) -> Any:
    if name in RECAP_DIGITS and isinstance(value, str) and lang == "id":
        return value.replace(".", ",")  # a decimal the recap wrote with fixed(): 89.17 -> 89,17
    return staff_value(value, lang, zone)


def flat_text(value: Any) -> Any:
    """A list or a mapping as one cell's text ("a b", "skm=1 ipak=1"); anything else as it is."""
    if isinstance(value, (list, tuple)):
        return " ".join(str(v) for v in value)
    if isinstance(value, dict):
        return " ".join(f"{k}={v}" for k, v in sorted(value.items()))
    return value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    value = flat_text(value)
    if hasattr(value, "isoformat"):
        value = value.isoformat()
    elif isinstance(value, (int, float, Decimal)):
        return str(value)  # a number is never a formula
    # Citizens' text must not become a spreadsheet formula (CSV injection), wherever a program
    # starts a cell: Excel with Indonesian settings splits on ";", others on "," or tab.
    return FORMULA_START.sub(r"\1\2'\3", str(value))


def response_record(doc: Mapping[str, Any]) -> dict[str, Any]:
    """A stored response as one CSV row for its unit's operator."""
    profile = doc.get("profile") or {}
    verdict = (doc.get("moderation") or {}).get("spam")
    record = {name: doc.get(name) for name in RESPONSE_COLUMNS}
    record["channel"] = doc.get("channel") or "web"
    record.update({name: profile.get(name) for name in ("age", "gender", "education", "occupation", "service")})
    record["spam_verdict"] = "" if verdict is None else ("spam" if verdict else "bukan spam")
    record["counted"] = not counted_flags(doc)
    record.update(doc.get("answers") or {})  # the columns give the order
    return record


def response_columns() -> tuple[str, ...]:
    """Fixed columns, then every item of every questionnaire version in questionnaire order (U1…U9,
    then IPKP, IPAK, SPKP, SPAK; an item a later version dropped stays in its place), so files of
    all quarters and units line up."""
    return RESPONSE_COLUMNS + item_codes()


def item_codes() -> tuple[str, ...]:
    return tuple(
        dict.fromkeys(
            code for survey in questionnaire.SURVEYS for form in questionnaire.versions(survey) for code in form.codes
        )
    )
