"""Signing in to the operator area, and who may act.

An operator signs in with their API token once; the server opens a session and a signed,
HttpOnly, SameSite=Strict cookie carries its id; every form carries a CSRF token bound to
that session; every request looks the session and the operator up again, so signing out
or revoking the token ends it at once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from functools import wraps
from typing import Any

from flask import Request, redirect
from werkzeug.wrappers import Response

from shared import signing
from shared.bootstrap import services
from shared.rules import access
from shared.rules.periods import Period
from shared.text import messages
from shared.web import cross_site, request_lang

from .pages import AREA, UNIT_ID, message_page, page
from .routes import app

COOKIE = "skm_session"

AreaHandler = Callable[..., Response]


def secret() -> str:
    return services().settings.link_secret


def session_of(request: Request) -> str | None:
    return signing.session_id(secret(), request.cookies.get(COOKIE))


def session_operator(request: Request) -> access.Operator | None:
    """The operator of the request's session, if the server still holds it and the token is live."""
    session = session_of(request)
    key = access.session_key(session) if session else None
    hashed = services().access.session_operator(key, datetime.now(timezone.utc)) if key else None
    operator = services().access.operator(hashed) if hashed else None
    return operator if operator and operator.active else None


def csrf_of(request: Request) -> str:
    return signing.csrf_token(secret(), session_of(request) or "")


def signed_in(handler: AreaHandler) -> Callable[..., Response]:
    """Needs a session; forms must carry the CSRF token; unit pages need the unit."""

    @wraps(handler)
    def checked(request: Request, **args: Any) -> Response:
        lang = request_lang(request)
        operator = session_operator(request)
        if operator is None:
            return page("area_login.html", 401, lang=lang, error=messages.message("session_needed", lang))
        if request.method == "POST" and not signing.csrf_ok(
            secret(), session_of(request) or "", request.form.get("csrf")
        ):
            return message_page(403, "csrf", lang)
        if "unit_id" in args:
            if not UNIT_ID.match(args["unit_id"]):
                return message_page(404, "unknown_unit", lang)
            if not operator.may_read(args["unit_id"]):
                return message_page(403, "forbidden", lang)
            try:
                args["period"] = Period.parse(args["period"])
            except ValueError:
                return message_page(404, "not_found", lang)
        return handler(request, operator, lang, **args)

    return checked


def bureau_only(handler: AreaHandler) -> AreaHandler:
    """Under `signed_in`: the organisation bureau's pages (recap, publishing, units, operators)."""

    @wraps(handler)
    def checked(request: Request, operator: access.Operator, lang: str, **args: Any) -> Response:
        if not operator.bureau:
            return message_page(403, "bureau_only", lang)
        return handler(request, operator, lang, **args)

    return checked


@app.route(AREA + "/login", methods=("POST",))
def area_login(request: Request) -> Response:
    lang = request_lang(request)
    if cross_site(request, services().settings.report_base_url):
        return message_page(403, "cross_site_refused", lang)
    token = request.form.get("token", "").strip()
    found = services().access.operator(access.token_hash(token)) if token.startswith(access.TOKEN_PREFIX) else None
    if found is None or not found.active:
        return page("area_login.html", 401, lang=lang, error=messages.message("unauthorized", lang))
    device = access.device_label(request.headers.get("User-Agent"))
    return open_session(found, lang, access.SESSION_SECONDS, device, "token")


def open_session(person: access.Operator, lang: str, seconds: int, device: str, via: str) -> Response:
    """A new session for `person` on this device (its cookie set), then the area's home page."""
    session = access.new_session_id()
    expires = datetime.now(timezone.utc) + timedelta(seconds=seconds)
    services().access.open_session(access.session_key(session), person.token_hash, expires, device, via)
    return signed_in_response(session, lang, seconds)


def signed_in_response(session: str, lang: str, seconds: int) -> Response:
    """The area's home page, with the cookie of a session already stored."""
    response = redirect(f"{AREA}?lang={lang}", code=303)
    response.set_cookie(
        COOKIE,
        signing.session_cookie(secret(), session),
        max_age=seconds,
        path=AREA,
        httponly=True,
        samesite="Strict",
        secure=not services().settings.local,
    )
    return response


@app.route(AREA + "/logout", methods=("POST",))
@signed_in
def area_logout(request: Request, operator: access.Operator, lang: str) -> Response:
    services().access.end_session(access.session_key(session_of(request) or ""))  # the cookie dies with it
    response = redirect(f"{AREA}?lang={lang}", code=303)
    response.delete_cookie(COOKIE, path=AREA)
    return response
