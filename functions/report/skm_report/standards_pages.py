"""The operator area's service standards: each service's versions, a new version typed in or
imported from the workbook, the maklumat signed, the counter poster printed. The unit's
operators and the bureau may edit (`signed_in` checks the unit); every change is audited in the
same commit (shared.usecases.standards)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any

from flask import Request, redirect
from pydantic import ValidationError
from werkzeug.wrappers import Response

from shared.bootstrap import services
from shared.files import spreadsheet, standards_file
from shared.reports import promises
from shared.rules import access
from shared.rules import standards as rules
from shared.rules.periods import Period
from shared.rules.records import Unit
from shared.rules.standards import Standard
from shared.text import formats, messages
from shared.usecases import standards

from .exports import xlsx
from .pages import AREA, UNIT, first_error, message_page, now, page, refused_page
from .routes import app
from .session import csrf_of, signed_in

STANDARDS = UNIT + "/standar"
WORKBOOK_MAX_BYTES = 2 * 1024 * 1024  # a unit's workbook of a few services is tens of KB


def with_unit(handler: Callable[..., Response]) -> Callable[..., Response]:
    """Under `signed_in`: the unit of the page's address, or 404."""

    @wraps(handler)
    def found(request: Request, operator: access.Operator, lang: str, unit_id: str, period: Period) -> Response:
        unit = services().units.get_unit(unit_id)
        if unit is None:
            return message_page(404, "unknown_unit", lang)
        return handler(request, operator, lang, unit, period)

    return found


def here(unit_id: str, period: Period) -> str:
    return f"{AREA}/u/{unit_id}/{period.key}/standar"


@app.route(STANDARDS, methods=("GET", "POST"))
@signed_in
@with_unit
def area_standards(request: Request, operator: access.Operator, lang: str, unit: Unit, period: Period) -> Response:
    if request.method == "GET":
        return standards_page(request, lang, unit, period, opened=request.args.get("s", ""))
    service = request.form.get("service", "")
    if service not in service_names(unit):
        return message_page(422, "invalid", lang)
    version, errors = standards.version_from_form(unit.unit_id, service, request.form, lang)
    if version is not None and not standards.add_version(version, operator.email, now(), services().ops):
        errors = {"effective_from": messages.message("standard_version_exists", lang)}
    if errors:
        typed = {key: request.form.get(key, "") for key in request.form}
        opened = str(service_names(unit).index(service) + 1)
        return standards_page(request, lang, unit, period, opened, typed=typed, errors=errors, status=422)
    return redirect(f"{here(unit.unit_id, period)}?lang={lang}&saved=1", code=303)


@app.route(STANDARDS + "/maklumat", methods=("POST",))
@signed_in
@with_unit
def area_maklumat(request: Request, operator: access.Operator, lang: str, unit: Unit, period: Period) -> Response:
    fields = {key: request.form.get(key, "") for key in ("text", "signer_name", "signer_position", "signed_on")}
    try:
        standards.sign_maklumat(unit.unit_id, fields, operator.email, now(), services().ops)
    except ValidationError as error:
        errors = {str(problem["loc"][0]): first_error(error, lang) for problem in error.errors()}
        return standards_page(request, lang, unit, period, "", pledge=fields, errors=errors, status=422)
    return redirect(f"{here(unit.unit_id, period)}?lang={lang}&signed=1#maklumat", code=303)


@app.route(STANDARDS + ".xlsx")
@signed_in
@with_unit
def area_standards_workbook(
    request: Request, operator: access.Operator, lang: str, unit: Unit, period: Period
) -> Response:
    """The unit's workbook, filled with the versions in force at the period's end."""
    current = standards.in_force(services().ops, unit.unit_id, period.last_day)
    return xlsx(standards_file.template(unit, current), f"STANDAR_PELAYANAN_{unit.unit_id}.xlsx")


@app.route(STANDARDS + "/import", methods=("POST",), max_body_bytes=WORKBOOK_MAX_BYTES)
@signed_in
@with_unit
def area_standards_import(
    request: Request, operator: access.Operator, lang: str, unit: Unit, period: Period
) -> Response:
    """A filled workbook of this unit, imported whole or refused with every bad cell."""
    upload = request.files.get("file")
    data, name = (upload.read(), upload.filename or "") if upload else (b"", "")
    try:
        added, unchanged = standards.import_workbook(
            data, name, operator.email, now(), {unit.unit_id: unit}, services().ops, lang
        )
    except spreadsheet.Refused as refused:
        return refused_page(refused, lang, f"{here(unit.unit_id, period)}?lang={lang}")
    return redirect(f"{here(unit.unit_id, period)}?lang={lang}&imported={added}&unchanged={unchanged}", code=303)


@app.route(STANDARDS + "/poster.pdf")
@signed_in
@with_unit
def area_standards_poster(
    request: Request, operator: access.Operator, lang: str, unit: Unit, period: Period
) -> Response:
    """The counter poster: a page per service in force at the period's end, the maklumat, the QR."""
    from .render import to_pdf

    settings = services().settings
    html = standards.poster(unit, period.last_day, services().ops, settings.form_base_url, settings.region_name)
    if html is None:
        return message_page(404, "standard_none_in_force", lang)
    name = f"STANDAR_PELAYANAN_{unit.unit_id}_{period.key}.pdf"
    return Response(
        to_pdf(html),
        content_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"},
    )


def service_names(unit: Unit) -> list[str]:
    """The services a unit lists; a unit that lists none has one standard, "Layanan"."""
    return list(unit.services) or ["Layanan"]


def standards_page(
    request: Request,
    lang: str,
    unit: Unit,
    period: Period,
    opened: str,
    typed: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    pledge: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    ops, settings = services().ops, services().settings
    day = period.last_day
    versions = ops.standards(unit.unit_id)
    in_force = promises.by_service_in_force(versions, day)
    listed = []
    for number, service in enumerate(service_names(unit), start=1):
        current = in_force.get(service)
        is_open = opened == str(number)
        listed.append(
            {
                "service": service,
                "current": current,
                "current_decree": promises.decree(current, lang) if current else "",
                "headline": promises.headline(current) if current else "",
                "versions": [version_line(v, current, day, lang) for v in versions if v.service == service],
                "open": is_open,
                "typed": (typed if is_open and typed is not None else prefilled(current)),
                "errors": (errors or {}) if is_open and typed is not None else {},
            }
        )
    maklumat = standards.maklumat_of(ops, unit.unit_id)
    signed = maklumat.model_dump(mode="json") if maklumat else {}
    default = {
        "text": standards.default_maklumat(settings.maklumat_text),
        "signed_on": now().astimezone(settings.zone).date().isoformat(),
    }
    return page(
        "area_standards.html",
        status,
        lang=lang,
        unit=unit,
        here=here(unit.unit_id, period),
        back_url=f"{AREA}/u/{unit.unit_id}/{period.key}?lang={lang}",
        period_end=formats.date_text(day, lang),
        services=listed,
        components=[{"key": c.key, "name": c.name, "element": c.element or ""} for c in rules.COMPONENTS],
        in_force=in_force,
        maklumat=maklumat,
        maklumat_signed=formats.date_text(maklumat.signed_on, lang) if maklumat else "",
        pledge=pledge or signed or default,
        errors=(errors or {}) if pledge is not None else {},
        notice=notice(request, lang),
        csrf=csrf_of(request),
    )


def version_line(version: Standard, current: Standard | None, day: date, lang: str) -> dict[str, str]:
    """One stored version as the history lists it, marked in force or not yet in force."""
    state = ""
    if version == current:
        state = messages.message("standard_state_current", lang)
    elif version.effective_from > day:
        state = messages.message("standard_state_upcoming", lang)
    headline = promises.headline(version)
    return {"text": promises.decree(version, lang) + (f" · {headline}" if headline else ""), "state": state}


def prefilled(current: Standard | None) -> dict[str, Any]:
    """A new version starts from the one in force: staff revise rather than retype."""
    if current is None:
        return {}
    return {"decree_number": "", **{f"c_{key}": text for key, text in current.components.items()}}


def notice(request: Request, lang: str) -> str:
    """What the redirect after a change says happened."""
    if request.args.get("saved"):
        return messages.message("standard_saved", lang)
    if request.args.get("signed"):
        return messages.message("maklumat_saved", lang)
    if "imported" in request.args:
        added, unchanged = request.args.get("imported", "0"), request.args.get("unchanged", "0")
        if added.isdigit() and unchanged.isdigit():
            return messages.message("standard_imported", lang, added=int(added), unchanged=int(unchanged))
    return ""
