"""Kiosk mode: a unit's tablet at the counter, one respondent after another.

The tablet is enrolled once through the one-time link an operator made (shared.rules.devices); its
device key then lives in an HttpOnly cookie. Each respondent gets a fresh, empty form with
large touch targets; after sending, a thank-you screen returns to a new form by itself
(a meta refresh, no JavaScript), and nothing of one respondent is left for the next: no
stored form, no autofill, no answers on the thank-you screen.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

from flask import Request, redirect
from werkzeug.wrappers import Response

from shared.bootstrap import services
from shared.rules import abuse, devices
from shared.rules.devices import Device
from shared.text import messages
from shared.usecases import submission
from shared.web import cross_site, request_lang

from .citizen import accept_form, form_body, form_page, is_receipt, language_switch
from .routes import FORM_TYPES, app, client_address, message_page, page, require_type

COOKIE = "skm_kiosk"
PATH = "/k"
COOKIE_SECONDS = 2 * 365 * 24 * 3600  # a tablet stays enrolled until revoked
THANKS_SECONDS = 8  # the thank-you screen, then a fresh form
THANKS = PATH + "/selesai"
RECEIPT_COOKIE = "skm_kiosk_receipt"  # the code of a response with a complaint, read once


def enrolled_device(request: Request) -> Device | None:
    return services().devices.device_for_key(request.cookies.get(COOKIE))


@app.route(PATH + "/enrol/<token>", methods=("GET", "POST"))
def kiosk_enrol(request: Request, token: str) -> Response:
    """GET asks (a link preview must not use the link up); POST enrols this browser."""
    lang = request_lang(request)
    if devices.split(token) is None:
        return message_page(404, "link_invalid", lang)
    if request.method == "GET":
        return page("kiosk_enrol.html", lang=lang, token=token)
    if cross_site(request, services().settings.form_base_url):  # a page elsewhere enrolling this browser
        return message_page(403, "cross_site_refused", lang)
    enrolled = services().devices.enrol(token, datetime.now(timezone.utc))
    if enrolled is None:
        return message_page(410, "kiosk_link_used", lang)
    _, key = enrolled
    response = redirect(f"{PATH}?lang={lang}", code=303)
    response.set_cookie(
        COOKIE,
        key,
        max_age=COOKIE_SECONDS,
        path=PATH,
        httponly=True,
        samesite="Strict",
        secure=not services().settings.local,
    )
    return response


@app.route(PATH, methods=("GET", "POST"))
def kiosk_form(request: Request) -> Response:
    lang = (
        messages.pick_lang(request.form.get("lang"), request_lang(request))
        if request.method == "POST"
        else request_lang(request)
    )
    device = enrolled_device(request)
    unit = services().units.get_unit(device.unit_id) if device else None
    if device is None or unit is None:
        return message_page(403, "kiosk_not_enrolled", lang)
    if request.method == "GET":
        return form_page(unit, lang, str(uuid.uuid4()), kiosk=True)
    require_type(request, FORM_TYPES)
    if switched := language_switch(request):
        return form_page(unit, switched, request.form.get("submission_id", ""), request.form, kiosk=True)
    body = form_body(request, unit, lang)
    honeypot = abuse.honeypot_flags(request.form)
    client = submission.Client(client_address(request), tuple(honeypot), "kiosk", device.device_id)
    accepted = accept_form(request, unit, lang, body, client, services().device_limiters, kiosk=True)
    if isinstance(accepted, Response):
        return accepted
    done = redirect(f"{THANKS}?lang={lang}", code=303)
    if accepted.has_suggestion:  # the code to follow a complaint up: shown once, never in the tablet's history
        secure = not services().settings.local
        done.set_cookie(
            RECEIPT_COOKIE, accepted.receipt, 60, path=THANKS, secure=secure, httponly=True, samesite="Strict"
        )
    return done


@app.route(THANKS)
def kiosk_thanks(request: Request) -> Response:
    lang = request_lang(request)
    receipt = request.cookies.get(RECEIPT_COOKIE, "")
    receipt = receipt if is_receipt(receipt) else ""
    response = page(
        "kiosk_thanks.html", lang=lang, receipt=receipt, seconds=THANKS_SECONDS, kiosk=True, kiosk_done=True
    )
    response.headers["Cache-Control"] = "no-store"
    response.delete_cookie(RECEIPT_COOKIE, path=THANKS)  # the next person going back sees no code
    return response
