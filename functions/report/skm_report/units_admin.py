"""The bureau's units in the browser: list, add, edit, close (deactivate) and import the units
file (shared.files.units_file: the CLI's all-or-nothing rule, Indonesian Excel's shapes). Every
change goes to the audit trail."""

from __future__ import annotations

from typing import Any

from flask import Request, redirect
from werkzeug.wrappers import Response

from shared.bootstrap import services
from shared.files import spreadsheet, units_file
from shared.rules import access, questionnaire
from shared.rules.records import Unit
from shared.text import messages
from shared.usecases import administration

from .pages import AREA, message_page, now, page, refused_page
from .routes import app
from .session import bureau_only, csrf_of, signed_in

UNITS = AREA + "/units"
UNITS_FILE_MAX_BYTES = 2 * 1024 * 1024  # a province's few thousand units, with room to spare


@app.route(UNITS)
@signed_in
@bureau_only
def units_page(request: Request, operator: access.Operator, lang: str) -> Response:
    return units_list(request, lang)


def units_list(request: Request, lang: str, errors: dict[str, str] | None = None, typed: Any = None) -> Response:
    listed = services().units.list_units()
    return page(
        "area_units.html",
        422 if errors else 200,
        lang=lang,
        units=sorted(listed, key=lambda u: (not u.active, u.type, u.name)),
        unit=None,
        typed=typed or {},
        errors=errors or {},
        surveys=questionnaire.SURVEYS,
        csrf=csrf_of(request),
    )


@app.route(UNITS, methods=("POST",))
@signed_in
@bureau_only
def units_add(request: Request, operator: access.Operator, lang: str) -> Response:
    typed = form_cells(request)
    unit, errors = read_form(typed, lang)
    if errors or unit is None:
        return units_list(request, lang, errors, typed)
    try:
        administration.add_unit(
            unit, operator.email, now(), administration.stores_of(services()), zone=services().settings.zone
        )
    except administration.Refused as refused:
        return units_list(request, lang, {"unit_id": messages.message(refused.key, lang)}, typed)
    return redirect(f"{UNITS}?lang={lang}#u-{unit.unit_id}", code=303)


@app.route(UNITS + "/<code>", methods=("GET", "POST"))  # not `unit_id`: that names a unit page's scope
@signed_in
@bureau_only
def units_edit(request: Request, operator: access.Operator, lang: str, code: str) -> Response:
    unit_id = code
    before = services().units.get_unit(unit_id)
    if before is None:
        return message_page(404, "unknown_unit", lang)
    if request.method == "GET":
        return edit_page(request, lang, before, cells_of(before))
    typed = form_cells(request) | {"unit_id": unit_id}
    unit, errors = read_form(typed, lang)
    if errors or unit is None:
        return edit_page(request, lang, before, typed, errors)
    administration.change_unit(before, unit, operator.email, now(), administration.stores_of(services()))
    return redirect(f"{UNITS}?lang={lang}#u-{unit_id}", code=303)


def edit_page(
    request: Request, lang: str, unit: Unit, typed: dict[str, Any], errors: dict[str, str] | None = None
) -> Response:
    return page(
        "area_unit_edit.html",
        422 if errors else 200,
        lang=lang,
        unit=unit,
        typed=typed,
        errors=errors or {},
        surveys=questionnaire.SURVEYS,
        csrf=csrf_of(request),
    )


@app.route(UNITS + "/import", methods=("POST",), max_body_bytes=UNITS_FILE_MAX_BYTES)
@signed_in
@bureau_only
def units_import(request: Request, operator: access.Operator, lang: str) -> Response:
    """The units file, whole or not at all: new units added, known ones updated."""
    upload = request.files.get("file")
    try:
        units = units_file.read_units(upload.read() if upload else b"", lang)
    except spreadsheet.Refused as refusal:
        return refused_page(refusal, lang, f"{UNITS}?lang={lang}#import")
    source = (upload.filename if upload else "") or ""
    stores = administration.stores_of(services())
    added, updated = administration.import_units(
        units, source, operator.email, now(), stores, zone=services().settings.zone
    )
    done = messages.message("units_imported", lang, added=added, updated=updated)
    return page("area_message.html", lang=lang, message=done, back=f"{UNITS}?lang={lang}")


def form_cells(request: Request) -> dict[str, Any]:
    """The form's fields as the units file's cells: one reader checks both."""
    form = request.form
    return {
        "unit_id": form.get("unit_id", "").strip(),
        "name": form.get("name", ""),
        "type": form.get("type", ""),
        "parent": form.get("parent", ""),
        "service_users_per_quarter": form.get("service_users_per_quarter", ""),
        "surveys": ";".join(["skm", *form.getlist("surveys")]),
        "services": ";".join(line.strip() for line in form.get("services", "").splitlines() if line.strip()),
        "active": form.get("active") == "1",
        "registered": form.get("registered", ""),
    }


def cells_of(unit: Unit) -> dict[str, Any]:
    return unit.model_dump() | {"surveys": ";".join(unit.surveys), "services": ";".join(unit.services)}


def read_form(cells: dict[str, Any], lang: str) -> tuple[Unit | None, dict[str, str]]:
    unit, problems = units_file.unit_of(cells, 0, {}, lang)
    if unit is not None:
        unit = unit.model_copy(update={"active": cells["active"]})
    return unit, {problem.column: problem.message for problem in problems}
