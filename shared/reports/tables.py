"""What goes into an operator's report, recap and CSV downloads (pure; no rendering here)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

from shared.rules import comparison, follow_up
from shared.rules.follow_up import PLAN_ROWS
from shared.rules.questionnaire import survey_of_item
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


def ranked(index_rows: Iterable[Mapping[str, Any]], survey: str = "skm", minimum: int = 1) -> list[dict[str, Any]]:
    """The bureau recap: units by converted index, best first. A unit under `minimum`
    respondents has "data belum cukup" (`enough` False): not ranked, listed after the ranked."""
    units = [dict(row) for row in index_rows if row["survey"] == survey and row["unit_id"] != REGION]
    for row in units:
        row["enough"] = comparison.rankable(row, minimum)
    units.sort(key=lambda row: (not row["enough"], -Decimal(str(row["index_converted"] or 0)), row["unit_name"]))
    for rank, row in enumerate(units, start=1):
        row["rank"] = rank if row["enough"] else None
    return units


def standing(
    unit: Mapping[str, Any], before: Mapping[str, Any] | None, plan: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """A ranked unit's change against the period before (its verdict only with enough
    respondents) and its follow-up completion: the recap's last columns and the public site's."""
    done, planned = follow_up.completion(list(plan))
    return {
        "change_points": comparison.points(unit, before),
        "change_verdict": comparison.compare(unit, before) if unit.get("enough") else None,
        "follow_up_done": done if planned else None,
        "follow_up_planned": planned or None,
    }


def change_text(verdict: str | None, points: Any, lang: str = "id") -> str:
    """'naik (+2,31)', 'turun (−1,05)', 'tidak berbeda nyata (+0,40)' or '–'."""
    if verdict is None:
        return "–"
    return f"{messages.message('verdict_' + verdict, lang)} ({signed(points, lang)})"


def signed(value: Any, lang: str = "id") -> str:
    """+2,31 / −1,05 / ±0,00 / – : a change in points, the reader's way."""
    if value is None:
        return "–"
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return sign + formats.number(abs(value), 2, lang)


def movement(
    now: Mapping[str, Any] | None, before: Mapping[str, Any] | None, previous: str, minimum: int, lang: str = "id"
) -> str:
    """One sentence on how the converted index moved against the period before (`previous`
    names it): up or down only when significant, else said plainly."""
    points = comparison.points(now, before)
    if now is None or before is None or points is None:
        return messages.message("movement_none", lang)
    values = {
        "now": formats.number(now["index_converted"], 2, lang),
        "before": formats.number(before["index_converted"], 2, lang),
        "previous": previous,
        "signed": signed(points, lang),
        "minimum": minimum,
    }
    if not (comparison.enough(now, minimum) and comparison.enough(before, minimum)):
        return messages.message("movement_too_few", lang, **values)
    verdict = comparison.compare(now, before)
    if verdict is None:
        return messages.message("movement_untested", lang, **values)
    if verdict == "tidak berbeda nyata":
        return messages.message("movement_same", lang, **values)
    moved = messages.message("moved_" + verdict, lang)
    return messages.message(
        "movement_significant", lang, moved=moved, points=formats.number(abs(points), 2, lang), **values
    )


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


def plan_rows(
    lowest_items: Sequence[Mapping[str, Any]],
    saved: Mapping[str, Any] | None,
    carried: Sequence[Mapping[str, Any]] = (),
) -> list[dict[str, Any]]:
    """One follow-up row per weakest element (the operator's entry, or a blank row to fill in),
    and the previous period's unfinished actions (`carried`) until they are done: a plan is
    carried to its end, across periods."""
    entries = {row["item"]: row for row in carried} | {row["item"]: row for row in (saved or {}).get("rows", [])}
    weakest = [low["code"] for low in lowest_items[:PLAN_ROWS]]
    nrr = {low["code"]: low["nrr"] for low in lowest_items}
    items = weakest + [item for item in entries if item not in weakest]
    return [{"item": item, "nrr": nrr.get(item), **_entry(entries.get(item))} for item in items]


def _entry(saved: Mapping[str, Any] | None) -> dict[str, Any]:
    saved = saved or {}
    return {
        "action": saved.get("action") or "",
        "owner": saved.get("owner") or "",
        "due": saved.get("due"),
        "status": saved.get("status") or "direncanakan",
        "evidence": saved.get("evidence") or "",
    }


FORMULA_START = re.compile(r"(^|[,;\t])( *)([=+\-@\t\r])")


def csv_text(rows: Iterable[Mapping[str, Any]], columns: tuple[str, ...]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return "\ufeff" + out.getvalue()  # a BOM so spreadsheet programs read UTF-8


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
    from shared.rules.follow_up import counted_flags

    profile = doc.get("profile") or {}
    verdict = (doc.get("moderation") or {}).get("spam")
    record = {name: doc.get(name) for name in RESPONSE_COLUMNS}
    record["channel"] = doc.get("channel") or "web"
    record.update({name: profile.get(name) for name in ("age", "gender", "education", "occupation", "service")})
    record["spam_verdict"] = "" if verdict is None else ("spam" if verdict else "bukan spam")
    record["counted"] = "ya" if not counted_flags(doc) else "tidak"
    for code, score in sorted((doc.get("answers") or {}).items()):
        record[code] = score
    return record


def response_columns() -> tuple[str, ...]:
    """Fixed columns, then every item of every questionnaire version, so files of all quarters line up."""
    return RESPONSE_COLUMNS + tuple(sorted(survey_of_item()))
