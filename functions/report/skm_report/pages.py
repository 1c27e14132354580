"""The operator area's pages: one template environment, the page and message pages, and the
small readers every page uses (a period asked for, a whole number typed the Indonesian way)."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from flask import Request
from pydantic import ValidationError
from werkzeug.wrappers import Response

from shared.bootstrap import services
from shared.files.spreadsheet import Refused, listed
from shared.rules import periods
from shared.rules.periods import Period
from shared.rules.questionnaire import element_name
from shared.rules.records import UNIT_ID_PATTERN
from shared.templates import environment
from shared.text import formats, messages
from shared.text.validation import from_pydantic
from shared.web import HTML_TYPE

from .routes import app

UNIT_ID = re.compile(UNIT_ID_PATTERN)

AREA = "/operator"

PAGE_SIZE = 10  # complaints (or flagged responses) per page: a page reads this many, and stays under 30 KB

UNIT = AREA + "/u/<unit_id>/<period>"

INBOX = AREA + "/complaints"  # every complaint of the operator's units, across periods

THOUSANDS = re.compile(r"^\d{1,3}([. ]\d{3})+$")


def pages() -> Any:
    """Templates load on the first page, not at cold start: the report API needs none."""
    return environment(Path(__file__).parent / "templates")


def page(name: str, status: int = 200, **context: Any) -> Response:
    lang = context.setdefault("lang", "id")
    html = (
        pages()
        .get_template(name)
        .render(w=messages.words(lang), ui=messages.words(lang), area=AREA, label_of=label_of, **context)
    )
    return Response(html, status=status, content_type=HTML_TYPE, headers={"Cache-Control": "no-store"})


def label_of(doc: dict[str, Any]) -> dict[str, Any]:
    """What a suggestion is about, as the figures count it: the operator's correction, else the rules'."""
    from shared.rules.suggestions import classify_response

    corrected = doc.get("label")
    if corrected:
        return {"kind": corrected["kind"], "elements": list(corrected["elements"]), "corrected": True}
    found = classify_response(doc)
    return {"kind": found.kind, "elements": list(found.elements), "corrected": False}


def refused_page(refused: Refused, lang: str, back: str) -> Response:
    """A file refused whole (shared.files.responses_file.Refused): nothing stored, every bad cell by line and column."""
    summary = messages.message("import_refused", lang, count=refused.count)
    shown = listed(refused, lang)
    return page("area_import_refused.html", 422, lang=lang, back=back, errors=shown, summary=summary)


def message_page(status: int, key: str, lang: str) -> Response:
    return page("area_message.html", status, lang=lang, message=messages.message(key, lang))


app.error_page = message_page

FIELD_LABELS = ("reply", "status", "action", "owner", "due", "evidence")  # each a catalogue key


def first_error(error: ValidationError, lang: str) -> str:
    """The first field error, in the operator's language, named by the form's own label
    ("Target waktu: …"), never by the field's code name."""
    first = from_pydantic(error, lang).errors[0]
    name = first.field.rsplit(".", 1)[-1]
    return f"{messages.message(name, lang)}: {first.message}" if name in FIELD_LABELS else first.message


def item_problem(item: str, problem: str, lang: str) -> str:
    """A follow-up row's problem, named by its element: "U5 Perilaku pelaksana – …"."""
    return f"{item} {element_name('skm', item, lang)} – {problem}"


def whole_number(written: str) -> int | None:
    """1500, 1.500 or 1 500 (Indonesian thousands); None for anything else."""
    digits = written.replace(".", "").replace(" ", "") if THOUSANDS.match(written) else written
    return int(digits) if digits.isascii() and digits.isdigit() and len(digits) <= 8 else None


def period_arg(request: Request, value: str | None = None) -> Period:
    zone = services().settings.zone
    try:
        return Period.parse(value or request.args.get("period") or request.args.get("quarter", ""))
    except ValueError:
        return Period.now(zone=zone)  # the running quarter, with its provisional figures


def recent_periods(lang: str) -> list[tuple[str, str]]:
    """The periods an operator picks from: the running ones first, then the closed ones, by kind."""
    settings = services().settings
    now, listed = Period.now(zone=settings.zone), []
    for kind in settings.kinds:
        period = now if kind == "quarter" else next(p for p in now.containing() if p.kind == kind)
        for _ in range(periods.TREND[kind]):
            listed.append((period.key, formats.period_name(period, lang)))
            period = period.previous()
    return listed


def now() -> datetime:
    return datetime.now(timezone.utc)
