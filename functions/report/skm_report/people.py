"""The bureau's operators in the browser: list, add, revoke; one-time sign-in links that open a
month-long session on a device (no token to type); each operator's signed-in devices, any of
which can be signed out. Every change goes to the audit trail (`admin_log`)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import Request, redirect
from werkzeug.wrappers import Response

from shared.bootstrap import services
from shared.rules import access
from shared.text import formats, messages
from shared.usecases import administration
from shared.web import cross_site, request_lang

from .kiosk_devices import qr_svg
from .pages import AREA, message_page, now, page
from .routes import app
from .session import bureau_only, csrf_of, signed_in, signed_in_response

PEOPLE = AREA + "/operators"
LOG_SHOWN = 30  # the latest changes shown under the list
MAX_UNITS_CHOSEN = 500


def audit(by: access.Operator, action: str, target: str, **details: Any) -> None:
    administration.stores_of(services()).record(by.email, action, target, now(), **details)


@app.route(PEOPLE)
@signed_in
@bureau_only
def people_page(request: Request, operator: access.Operator, lang: str) -> Response:
    return people(request, operator, lang)


def matches(unit: Any, wanted: str) -> bool:
    """A unit the add form's filter keeps: the words typed in its name, type or code, in any case."""
    text = f"{unit.name} {unit.type} {unit.unit_id}".casefold()
    return all(word in text for word in wanted.casefold().split())


def people(
    request: Request, operator: access.Operator, lang: str, error: str = "", typed: Any = None, status: int = 200
) -> Response:
    store, moment = services().access, now()
    listed = sorted(store.list_operators(), key=lambda o: (o.revoked_at is not None, o.email))
    zone = services().settings.zone
    units = services().units.list_units()
    wanted = request.args.get("cari", "").strip()[:80]
    chosen = set((typed or {}).get("units") or [])
    shown = [u for u in units if u.unit_id in chosen or not wanted or matches(u, wanted)]
    return page(
        "area_people.html",
        status,
        lang=lang,
        operator=operator,
        people=[(person, store.sessions_of(person.token_hash, moment) if person.active else []) for person in listed],
        units=units,
        groups=[(kind, [u for u in shown if u.type == kind]) for kind in dict.fromkeys(u.type for u in shown)],
        wanted=wanted,
        unit_names={unit.unit_id: unit.name for unit in units},
        log=services().ops.admin_log(LOG_SHOWN),
        when=lambda moment: formats.datetime_text(moment, zone, lang),
        error=error,
        typed=typed or {},
        csrf=csrf_of(request),
    )


@app.route(PEOPLE, methods=("POST",))
@signed_in
@bureau_only
def people_add(request: Request, operator: access.Operator, lang: str) -> Response:
    """Add an operator and show their first sign-in link at once (their token is never shown)."""
    email, units = request.form.get("email", ""), request.form.getlist("units")[:MAX_UNITS_CHOSEN]
    bureau, stores = request.form.get("bureau") == "1", administration.stores_of(services())
    typed = {"email": email, "units": units}
    try:
        person, _ = administration.add_operator(email, units, bureau, operator.email, now(), stores)
    except administration.Refused as refused:
        return people(request, operator, lang, messages.message(refused.key, lang, **refused.values), typed, 422)
    return link_page(operator, person, lang)


@app.route(PEOPLE + "/<token_hash>/link", methods=("POST",))
@signed_in
@bureau_only
def people_link(request: Request, operator: access.Operator, lang: str, token_hash: str) -> Response:
    person = services().access.operator(token_hash)
    if person is None or not person.active:
        return message_page(404, "not_found", lang)
    return link_page(operator, person, lang)


def link_page(by: access.Operator, person: access.Operator, lang: str) -> Response:
    """A new one-time sign-in link for `person`, shown once, with its QR code to print."""
    code, record = administration.make_sign_in_link(person, by.email, now(), administration.stores_of(services()))
    link = access.sign_in_url(services().settings.report_base_url, code)
    return page(
        "area_sign_in_link.html",
        lang=lang,
        person=person,
        link=link,
        qr=qr_svg(link),
        expires=formats.datetime_text(record["expires_at"], services().settings.zone, lang),
        back=f"{PEOPLE}?lang={lang}",
    )


@app.route(PEOPLE + "/<token_hash>/revoke", methods=("POST",))
@signed_in
@bureau_only
def people_revoke(request: Request, operator: access.Operator, lang: str, token_hash: str) -> Response:
    person = services().access.operator(token_hash)
    if person is None:
        return message_page(404, "not_found", lang)
    try:
        administration.revoke_operator(person.email, operator.email, now(), administration.stores_of(services()))
    except administration.Refused as refused:
        return people(request, operator, lang, messages.message(refused.key, lang), status=422)
    return redirect(f"{PEOPLE}?lang={lang}", code=303)


@app.route(PEOPLE + "/<token_hash>/sessions/<key>/end", methods=("POST",))
@signed_in
def people_sign_out(request: Request, operator: access.Operator, lang: str, token_hash: str, key: str) -> Response:
    """Sign one device out: the bureau for anyone, an operator for themselves."""
    if not (operator.bureau or token_hash == operator.token_hash):
        return message_page(403, "forbidden", lang)
    person = services().access.operator(token_hash)
    owned = {s["key"] for s in services().access.sessions_of(token_hash, now())} if person else set()
    if person is None or key not in owned:
        return message_page(404, "not_found", lang)
    services().access.end_session(key)
    audit(operator, "device_signed_out", person.email)
    return redirect(f"{PEOPLE if operator.bureau else AREA}?lang={lang}", code=303)


@app.route(AREA + "/masuk/<code>", methods=("GET", "POST"))
def sign_in_with_link(request: Request, code: str) -> Response:
    """GET shows whose link it is and a button; the POST spends the link and opens a session."""
    lang = request_lang(request)
    key = access.link_key(code)
    if request.method == "GET":
        record = services().access.sign_in_link(key)
        if record is None or record.get("used_at") or record["expires_at"] <= now():
            return message_page(410, "sign_in_link_spent", lang)
        return page("area_sign_in.html", lang=lang, email=record["email"], code=code)
    if cross_site(request, services().settings.report_base_url):
        return message_page(403, "cross_site_refused", lang)
    session, seconds = access.new_session_id(), access.DEVICE_SESSION_SECONDS
    device = access.device_label(request.headers.get("User-Agent"))
    expires = now() + timedelta(seconds=seconds)
    if services().access.sign_in_with_link(key, now(), access.session_key(session), expires, device) is None:
        return message_page(410, "sign_in_link_spent", lang)
    return signed_in_response(session, lang, seconds)
