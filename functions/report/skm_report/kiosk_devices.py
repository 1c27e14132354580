"""The operator area's kiosks: register a unit's tablet, show its one-time enrolment link, revoke it."""

from __future__ import annotations

import io

from flask import Request, redirect
from pydantic import ValidationError
from werkzeug.wrappers import Response

from shared.bootstrap import services
from shared.rules import access, devices
from shared.rules.periods import Period
from shared.text import formats, messages

from .pages import AREA, UNIT, message_page, now, page
from .routes import app
from .session import signed_in
from .unit_page import unit_page


@app.route(UNIT + "/devices", methods=("POST",))
@signed_in
def area_device_add(request: Request, operator: access.Operator, lang: str, unit_id: str, period: Period) -> Response:
    if services().units.get_unit(unit_id) is None:
        return message_page(404, "unknown_unit", lang)
    try:
        device, token = devices.new_device(unit_id, request.form.get("name", ""), operator.email, now())
    except ValidationError:
        problem = f"{messages.message('kiosk_name', lang)}: {messages.message('required', lang)}"
        return unit_page(request, operator, lang, unit_id, period, {"devices": problem}, 422)
    services().devices.add(device)
    link = f"{services().settings.form_base_url}/k/enrol/{token}"
    expires = formats.datetime_text(device.enrol_expires_at, services().settings.zone, lang)
    back = f"{AREA}/u/{unit_id}/{period.key}?lang={lang}#devices"
    return page(
        "area_device_link.html", lang=lang, device=device, link=link, qr=qr_svg(link), expires=expires, back=back
    )


@app.route(UNIT + "/devices/<device_id>/revoke", methods=("POST",))
@signed_in
def area_device_revoke(
    request: Request, operator: access.Operator, lang: str, unit_id: str, period: Period, device_id: str
) -> Response:
    device = services().devices.get(device_id) if devices.split(f"{device_id}.{'x' * 32}") else None
    if device is None or device.unit_id != unit_id:
        return message_page(404, "not_found", lang)
    services().devices.revoke(device_id, now())
    return redirect(f"{AREA}/u/{unit_id}/{period.key}?lang={lang}#devices", code=303)


def qr_svg(link: str) -> str:
    """The enrolment link as a QR code the tablet's camera can open."""
    import segno

    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="svg", xmldecl=False, svgns=True, border=2, scale=4)
    return buffer.getvalue().decode()
