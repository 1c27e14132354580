"""The operator area's data entry: paper questionnaires typed in, and files of responses imported.

Both are batches (shared.files.responses_file): every cell is checked before anything is stored, a bad cell is
marked beside what was typed, and saving the same rows twice stores them once. Every paper
entry records who typed it and when; its author may correct or delete it while its period is
open, and each change is kept in the audit trail (`entry_log`).
"""

from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Any

from flask import Request, redirect
from werkzeug.wrappers import Response

from shared.bootstrap import services
from shared.files import responses_file, spreadsheet
from shared.rules import access, vocabulary
from shared.rules.periods import Period
from shared.rules.records import StoredResponse, Unit
from shared.rules.vocabulary import Channel
from shared.text import formats, messages
from shared.usecases import imports, paper

from .pages import AREA, UNIT, message_page, now, page, refused_page
from .routes import app
from .session import csrf_of, signed_in

GRID_ROWS = 10  # rows shown (the page stays under 30 KB); `?rows=50` shows the most one save takes
IMPORT_MAX_BYTES = 10 * 1024 * 1024  # 100,000 rows of CSV are about 4 MB
NOTICES = ("paper_corrected", "paper_deleted")


def entry_batch(unit: Unit, operator: access.Operator, lang: str, channel: Channel = "paper") -> responses_file.Batch:
    settings = services().settings
    entered_by = operator.email if channel == "paper" else None
    return responses_file.Batch(
        {unit.unit_id: unit},
        settings.zone,
        datetime.now(timezone.utc),
        channel,
        lang,
        unit.unit_id,
        entered_by,
        earliest_year=settings.earliest_year,
    )


@app.route(UNIT + "/paper", methods=("GET", "POST"))
@signed_in
def area_paper(request: Request, operator: access.Operator, lang: str, unit_id: str, period: Period) -> Response:
    unit = services().units.get_unit(unit_id)
    if unit is None:
        return message_page(404, "unknown_unit", lang)
    if request.method == "GET" or request.form.get("rows"):  # more rows: what was typed stays, nothing is saved
        return paper_page(request, operator, lang, unit, period)
    grid = [(line, cells) for line, cells in posted_rows(request) if not paper.is_blank(cells)]
    found, errors = checked(grid, unit, request.form.get("day", ""), operator, lang)
    if errors or not grid:
        return paper_page(request, operator, lang, unit, period, errors=errors, status=422 if errors else 200)
    added = paper.save_entries(found, operator.email, now(), services().responses)
    return redirect(f"{AREA}/u/{unit_id}/{period.key}/paper?lang={lang}&saved={added}#mine", code=303)


def checked(
    grid: list[tuple[int, dict[str, str]]], unit: Unit, day: str, operator: access.Operator, lang: str
) -> tuple[list[StoredResponse], dict[str, str]]:
    """The grid's rows as responses, or every bad cell's message keyed by its input's name."""
    rows: list[tuple[int, dict[str, Any]]] = []
    errors: dict[str, str] = {}
    for line, cells in grid:
        row, cell_errors = paper.row_cells(cells, unit, day, lang)
        rows += [] if cell_errors else [(line, row)]  # the other rows are still checked
        errors |= {f"r{line}_{e.column}": e.message for e in cell_errors}
    try:
        found = responses_file.responses(rows, entry_batch(unit, operator, lang))
    except spreadsheet.Refused as refused:
        found = []
        for error in refused.errors:  # several items of one answers cell: every message, in one place
            key = f"r{error.line}_{paper.grid_field(error.column)}"
            errors[key] = " ".join(filter(None, (errors.get(key), cell_message(error))))
    return found, errors


def cell_message(error: spreadsheet.CellError) -> str:
    """A batch error in its grid cell: the item it concerns leads when a cell holds several."""
    return f"{error.column}: {error.message}" if paper.grid_field(error.column) != error.column else error.message


def posted_rows(request: Request) -> list[tuple[int, dict[str, str]]]:
    """The grid's rows as posted: `r{n}_{field}`, at most MAX_FORMS of them."""
    rows = []
    for line in range(1, paper.MAX_FORMS + 1):
        cells = {name: request.form.get(f"r{line}_{name}", "") for name in (*paper.GRID_FIELDS, "id", "day")}
        cells["submission_id"] = cells.pop("id") or str(uuid.uuid4())
        rows.append((line, cells))
    return rows


def paper_page(
    request: Request,
    operator: access.Operator,
    lang: str,
    unit: Unit,
    period: Period,
    errors: dict[str, str] | None = None,
    status: int = 200,
    editing: dict[str, Any] | None = None,
    given: Any = None,
) -> Response:
    """The grid (what was typed, bad cells marked), the import form and my entries of the period."""
    zone = services().settings.zone
    size = paper.MAX_FORMS if request.values.get("rows") == str(paper.MAX_FORMS) else GRID_ROWS
    given = given if given is not None else (request.form if request.method == "POST" else {})
    errors = errors or {}
    quarters = [q.key for q in period.quarters]
    mine = services().responses.entries_page(unit.unit_id, quarters, operator.email, request.args.get("after"), 25)
    now = datetime.now(timezone.utc)
    return page(
        "area_paper.html",
        status,
        lang=lang,
        unit=unit,
        period=period,
        period_name=formats.period_name(period, lang),
        rows=range(1, (1 if editing else max(size, rows_posted(given))) + 1),
        given=given,
        ids={n: given.get(f"r{n}_id") or str(uuid.uuid4()) for n in range(1, paper.MAX_FORMS + 1)},
        day=given.get("day") or datetime.now(zone).date().isoformat(),
        errors=errors,
        row_errors={n: [text for key, text in errors.items() if key.startswith(f"r{n}_")] for n in range(1, 51)},
        refused=messages.message("paper_refused", lang, count=len(errors)) if errors else "",
        saved=request.args.get("saved", "")[:6],
        notice=messages.message(notice, lang) if (notice := request.args.get("notice")) in NOTICES else "",
        wide=True,
        editing=editing,
        mine=sorted(mine.docs, key=lambda doc: (str(doc.get("entered_at") or ""), doc["submitted_at"] or now)),
        mine_next=mine.next_after,
        read_back=paper.read_back,
        changeable={doc["response_id"]: paper.may_change(doc, operator.email, now, zone) for doc in mine.docs},
        when=lambda moment: formats.date_text(moment.astimezone(zone).date(), lang) if moment else "–",
        csrf=csrf_of(request),
        codes=profile_codes(unit, lang),
        import_columns=", ".join(f"{q.codes[0]}…{q.codes[-1]}" for q in unit.questionnaires()),
        max_forms=paper.MAX_FORMS,
    )


def rows_posted(form: Any) -> int:
    return max((n for n in range(1, paper.MAX_FORMS + 1) if form.get(f"r{n}_id")), default=0)


def profile_codes(unit: Unit, lang: str) -> list[tuple[str, str]]:
    """The legend of the grid's profile codes, as printed on the paper form."""
    words = messages.words(lang)
    gender = " · ".join(f"{n} {words['gender_' + code]}" for n, code in ((1, "L"), (2, "P")))
    education = " · ".join(f"{n} {code}" for n, code in enumerate(vocabulary.EDUCATIONS, start=1))
    occupation = " · ".join(
        f"{n} {words['occupation_' + code]}" for n, code in enumerate(vocabulary.OCCUPATIONS, start=1)
    )
    listed = [(words["gender"], gender), (words["education"], education), (words["occupation"], occupation)]
    if unit.services:
        listed.append((words["service"], " · ".join(f"{n} {name}" for n, name in enumerate(unit.services, start=1))))
    return listed


@app.route(UNIT + "/paper/<response_id>", methods=("GET", "POST"))
@signed_in
def area_paper_entry(
    request: Request, operator: access.Operator, lang: str, unit_id: str, period: Period, response_id: str
) -> Response:
    """Correct one of my entries: the grid with its one row, filled in."""
    unit, doc = own_entry(operator, unit_id, response_id)
    if unit is None or doc is None:
        return message_page(403, "paper_locked", lang)
    if request.method == "GET":
        values = paper.grid_values(doc, unit, services().settings.zone)
        given = {f"r1_{k}": v for k, v in values.items()} | {"r1_id": response_id, "day": values["day"]}
        return paper_page(request, operator, lang, unit, period, editing=doc, given=given)
    cells = {name: request.form.get(f"r1_{name}", "") for name in paper.GRID_FIELDS} | {"submission_id": response_id}
    found, errors = checked([(1, cells)], unit, request.form.get("day", ""), operator, lang)
    if errors or not found:
        return paper_page(request, operator, lang, unit, period, errors=errors, status=422, editing=doc)
    (corrected,) = found
    try:
        paper.correct_entry(doc, corrected, operator.email, now(), services().responses, zone=services().settings.zone)
    except paper.OutsideWindow:
        closed = {"day": messages.message("paper_day_closed", lang, days=paper.CORRECTION_DAYS)}
        return paper_page(request, operator, lang, unit, period, errors=closed, status=422, editing=doc)
    return redirect(f"{AREA}/u/{unit_id}/{period.key}/paper?lang={lang}&notice=paper_corrected#mine", code=303)


@app.route(UNIT + "/paper/<response_id>/delete", methods=("POST",))
@signed_in
def area_paper_delete(
    request: Request, operator: access.Operator, lang: str, unit_id: str, period: Period, response_id: str
) -> Response:
    unit, doc = own_entry(operator, unit_id, response_id)
    if unit is None or doc is None:
        return message_page(403, "paper_locked", lang)
    paper.delete_entry(doc, operator.email, now(), services().responses)
    return redirect(f"{AREA}/u/{unit_id}/{period.key}/paper?lang={lang}&notice=paper_deleted#mine", code=303)


def own_entry(operator: access.Operator, unit_id: str, response_id: str) -> tuple[Unit | None, dict[str, Any] | None]:
    """The unit and the entry, if the operator typed it for that unit and may still change it."""
    doc = services().responses.get(response_id)
    if doc is None or doc.get("unit_id") != unit_id:
        return None, None
    if not paper.may_change(doc, operator.email, datetime.now(timezone.utc), services().settings.zone):
        return None, None
    StoredResponse.model_validate(doc)  # a stored entry always reads back; anything else is a bug
    return services().units.get_unit(unit_id), doc


@app.route(UNIT + "/import", methods=("POST",), max_body_bytes=IMPORT_MAX_BYTES)
@signed_in
def area_import(request: Request, operator: access.Operator, lang: str, unit_id: str, period: Period) -> Response:
    """A file of the unit's responses, imported whole or refused with every bad cell."""
    unit = services().units.get_unit(unit_id)
    if unit is None:
        return message_page(404, "unknown_unit", lang)
    upload = request.files.get("file")
    data = upload.read() if upload else b""
    entry, source = entry_batch(unit, operator, lang, "import"), (upload.filename if upload else "") or ""
    try:
        taken = imports.import_responses(data, entry, operator.email, source, services().responses)
    except spreadsheet.Refused as refused:
        return refused_page(refused, lang, f"{AREA}/u/{unit_id}/{period.key}/paper?lang={lang}#import")
    went = [(key, formats.period_name(Period.parse(key), lang)) for key, _ in taken.quarters]
    links = [(f"{AREA}/u/{unit_id}/{key}?lang={lang}", name) for key, name in went]
    back = f"{AREA}/u/{unit_id}/{period.key}/paper?lang={lang}"
    return page("area_message.html", lang=lang, message=imports.done_text(taken, lang), back=back, links=links)
