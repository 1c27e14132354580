"""The operator area: server-rendered pages that work without JavaScript.

An operator signs in with their API token once; a signed, HttpOnly, SameSite=Strict
cookie carries the session, every form carries a CSRF token, and every request looks
the operator up again, so a revoked token ends its sessions at once.
"""
from __future__ import annotations

from datetime import datetime, timezone
from functools import cache, wraps
from pathlib import Path
from typing import Any, Callable

from flask import Request, Response, redirect
from pydantic import ValidationError
from werkzeug.routing import Rule

import reports
from shared import follow_up, i18n, operators, quarters, reporting
from shared.aggregation import REGION
from shared.numbers import fixed
from shared.quarters import Quarter
from shared.validation import from_pydantic
from shared.web import request_lang
from words import AREA_WORDS, WORDS

COOKIE = "skm_session"
AREA = "/operator"
LISTED = 200  # complaints and flagged responses shown per page



@cache
def pages():
    """Templates load on the first page, not at cold start: the report API needs none."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    return Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                       autoescape=select_autoescape(default=True))

RULES = [
    Rule(AREA, endpoint="area_home", methods=["GET"]),
    Rule(f"{AREA}/login", endpoint="area_login", methods=["POST"]),
    Rule(f"{AREA}/logout", endpoint="area_logout", methods=["POST"]),
    Rule(f"{AREA}/recap", endpoint="area_recap", methods=["POST"]),
    Rule(f"{AREA}/u/<unit_id>/<quarter>", endpoint="area_unit", methods=["GET"]),
    Rule(f"{AREA}/u/<unit_id>/<quarter>/link", endpoint="area_link", methods=["POST"]),
    Rule(f"{AREA}/u/<unit_id>/<quarter>/plan", endpoint="area_plan", methods=["POST"]),
    Rule(f"{AREA}/u/<unit_id>/<quarter>/complaint/<response_id>", endpoint="area_complaint", methods=["POST"]),
    Rule(f"{AREA}/u/<unit_id>/<quarter>/spam/<response_id>", endpoint="area_spam", methods=["POST"]),
    Rule(f"{AREA}/u/<unit_id>/<quarter>/responses.csv", endpoint="area_csv", methods=["GET"]),
]


def page(name: str, status: int = 200, **context: Any) -> Response:
    lang = context.setdefault("lang", "id")
    html = pages().get_template(name).render(w=WORDS[lang], ui=AREA_WORDS[lang], area=AREA, **context)
    return Response(html, status=status, content_type="text/html; charset=utf-8",
                    headers={"Cache-Control": "no-store"})


def secret() -> str:
    return reports.settings().link_secret


def session_operator(request: Request) -> operators.Operator | None:
    hashed = operators.session_hash(secret(), request.cookies.get(COOKIE))
    operator = reports.store().operator(hashed) if hashed else None
    return operator if operator and operator.active else None


def signed_in(handler: Callable[..., Response]) -> Callable[..., Response]:
    """Needs a session; forms must carry the CSRF token; unit pages need the unit."""
    @wraps(handler)
    def checked(request: Request, **args: Any) -> Response:
        lang = request_lang(request)
        operator = session_operator(request)
        if operator is None:
            return page("area_login.html", 401, lang=lang, error=i18n.message("session_needed", lang))
        if request.method == "POST" and not operators.csrf_ok(secret(), operator.token_hash, request.form.get("csrf")):
            return page("area_message.html", 403, lang=lang, message=i18n.message("csrf", lang))
        if "unit_id" in args:
            if not operator.may_read(args["unit_id"]):
                return page("area_message.html", 403, lang=lang, message=i18n.message("forbidden", lang))
            try:
                args["quarter"] = Quarter.parse(args["quarter"])
            except ValueError:
                return page("area_message.html", 404, lang=lang, message=i18n.message("not_found", lang))
        return handler(request, operator, lang, **args)
    return checked


def area_home(request: Request) -> Response:
    lang = request_lang(request)
    operator = session_operator(request)
    if operator is None:
        return page("area_login.html", lang=lang)
    return home(request, operator, lang)


def home(request: Request, operator: operators.Operator, lang: str) -> Response:
    chosen = _quarter_arg(request)
    units = [u for u in reports.store().list_units() if operator.may_read(u.unit_id)]
    return page("area_home.html", lang=lang, operator=operator, units=units, quarter=chosen,
                quarters=_recent_quarters(lang), csrf=operators.csrf_token(secret(), operator.token_hash))


def area_login(request: Request) -> Response:
    lang = request_lang(request)
    token = request.form.get("token", "").strip()
    operator = reports.store().operator(operators.token_hash(token)) if token.startswith(operators.TOKEN_PREFIX) else None
    if operator is None or not operator.active:
        return page("area_login.html", 401, lang=lang, error=i18n.message("unauthorized", lang))
    response = redirect(f"{AREA}?lang={lang}", code=303)
    response.set_cookie(COOKIE, operators.session_cookie(secret(), operator.token_hash),
                        max_age=operators.SESSION_SECONDS, path=AREA, httponly=True, samesite="Strict",
                        secure=not reports.settings().local)
    return response


@signed_in
def area_logout(request: Request, operator: operators.Operator, lang: str) -> Response:
    response = redirect(f"{AREA}?lang={lang}", code=303)
    response.delete_cookie(COOKIE, path=AREA)
    return response


@signed_in
def area_recap(request: Request, operator: operators.Operator, lang: str) -> Response:
    if not operator.bureau:
        return page("area_message.html", 403, lang=lang, message=i18n.message("forbidden", lang))
    quarter = _quarter_arg(request, request.form.get("quarter"))
    file_format = "csv" if request.form.get("format") == "csv" else "pdf"
    return _link_page(lambda: reports.recap(quarter, lang, file_format), lang, quarter, REGION)


@signed_in
def area_link(request: Request, operator: operators.Operator, lang: str, unit_id: str, quarter: Quarter) -> Response:
    doc_lang = i18n.pick_lang(request.form.get("doc_lang"), lang)
    return _link_page(lambda: reports.unit_report(unit_id, quarter, doc_lang), lang, quarter, unit_id)


def _link_page(make: Callable[[], str], lang: str, quarter: Quarter, unit_id: str) -> Response:
    try:
        link = reports.signed_link(make())
    except reports.NoData:
        return page("area_message.html", 404, lang=lang, message=i18n.message("no_data", lang))
    return page("area_link.html", lang=lang, link=link, quarter=quarter, unit_id=unit_id)


@signed_in
def area_unit(request: Request, operator: operators.Operator, lang: str, unit_id: str, quarter: Quarter,
              errors: dict[str, str] | None = None, status: int = 200) -> Response:
    unit = reports.store().get_unit(unit_id)
    if unit is None:
        return page("area_message.html", 404, lang=lang, message=i18n.message("unknown_unit", lang))
    rows = {r["survey"]: r for r in reports.warehouse().index_rows(quarter.start, unit_id)}
    plan = reporting.plan_rows((rows.get("skm") or {}).get("lowest_items") or [], reports.store().plan(unit_id, quarter.key))
    complaints, flagged = [], []
    for doc in reports.store().unit_responses(unit_id, quarter.key):
        if doc.get("suggestion") and len(complaints) < LISTED:
            complaints.append(doc)
        if follow_up.counted_flags(doc) and len(flagged) < LISTED:
            flagged.append(doc)
    complaints.sort(key=lambda doc: follow_up.STATUS_ORDER.index(doc.get("complaint_status") or "baru"))  # open first
    from render import element_name

    plan = [{**row, "name": element_name("skm", row["item"], lang)} for row in plan]
    return page("area_unit.html", status, lang=lang, operator=operator, unit=unit, quarter=quarter,
                period=quarters.label(quarter, lang), row=rows.get("skm"), plan=plan, complaints=complaints,
                flagged=flagged, errors=errors or {}, csrf=operators.csrf_token(secret(), operator.token_hash),
                quarters=_recent_quarters(lang), n=lambda v, d: fixed(v, d, "," if lang == "id" else "."))


@signed_in
def area_plan(request: Request, operator: operators.Operator, lang: str, unit_id: str, quarter: Quarter) -> Response:
    items = request.form.getlist("item")[:follow_up.PLAN_ROWS * 3]
    try:
        rows = [follow_up.PlanRow(item=item, action=request.form.get(f"action_{item}", ""),
                                  owner=request.form.get(f"owner_{item}", ""), due=request.form.get(f"due_{item}", ""))
                for item in items]
    except ValidationError as error:
        return _unit_error(request, operator, lang, unit_id, quarter, "plan", first_error(error, lang))
    plan = follow_up.Plan(rows=[row for row in rows if row.filled], updated_by=operator.email,
                          updated_at=datetime.now(timezone.utc))
    reports.store().put_plan(unit_id, quarter.key, plan.model_dump(mode="json"))
    return redirect(f"{AREA}/u/{unit_id}/{quarter.key}?lang={lang}#plan", code=303)


@signed_in
def area_complaint(request: Request, operator: operators.Operator, lang: str, unit_id: str, quarter: Quarter,
                   response_id: str) -> Response:
    try:
        update = follow_up.ComplaintUpdate(status=request.form.get("status", ""), reply=request.form.get("reply", ""))
        changed = reports.store().change_follow_up(
            response_id, unit_id,
            lambda current: follow_up.complaint_changes(current, update, operator.email, datetime.now(timezone.utc)))
    except ValidationError as error:
        return _unit_error(request, operator, lang, unit_id, quarter, response_id, first_error(error, lang))
    except follow_up.FollowUpError as error:
        return _unit_error(request, operator, lang, unit_id, quarter, response_id,
                           f"{error.field}: {i18n.message(error.key, lang)}")
    if changed is None:
        return page("area_message.html", 404, lang=lang, message=i18n.message("not_found", lang))
    return redirect(f"{AREA}/u/{unit_id}/{quarter.key}?lang={lang}#r-{response_id}", code=303)


def first_error(error: ValidationError, lang: str) -> str:
    """The first field error, in the operator's language (the API's own translation)."""
    first = from_pydantic(error, lang).errors[0]
    return f"{first.field}: {first.message}"


def _unit_error(request: Request, operator: operators.Operator, lang: str, unit_id: str, quarter: Quarter,
                anchor: str, message: str) -> Response:
    """The unit page again, with the message beside the form it concerns (422)."""
    return area_unit.__wrapped__(request, operator, lang, unit_id, quarter, errors={anchor: message}, status=422)


@signed_in
def area_spam(request: Request, operator: operators.Operator, lang: str, unit_id: str, quarter: Quarter,
              response_id: str) -> Response:
    spam = request.form.get("spam") == "1"
    changed = reports.store().change_follow_up(
        response_id, unit_id, lambda current: follow_up.spam_changes(spam, operator.email, datetime.now(timezone.utc)))
    if changed is None:
        return page("area_message.html", 404, lang=lang, message=i18n.message("not_found", lang))
    return redirect(f"{AREA}/u/{unit_id}/{quarter.key}?lang={lang}#r-{response_id}", code=303)


@signed_in
def area_csv(request: Request, operator: operators.Operator, lang: str, unit_id: str, quarter: Quarter) -> Response:
    records = (reporting.response_record(doc) for doc in reports.store().unit_responses(unit_id, quarter.key))
    return Response(reporting.csv_text(records, reporting.response_columns()), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="SKM_{unit_id}_{quarter.key}.csv"',
                             "Cache-Control": "no-store"})


def _quarter_arg(request: Request, value: str | None = None) -> Quarter:
    try:
        return Quarter.parse(value or request.args.get("quarter", ""))
    except ValueError:
        return Quarter.now().previous()  # the quarter whose report is due


def _recent_quarters(lang: str, count: int = reporting.TREND_QUARTERS) -> list[tuple[str, str]]:
    quarter, listed = Quarter.now(), []
    for _ in range(count):
        listed.append((quarter.key, quarters.label(quarter, lang)))
        quarter = quarter.previous()
    return listed


HANDLERS = {"area_home": area_home, "area_login": area_login, "area_logout": area_logout, "area_recap": area_recap,
            "area_unit": area_unit, "area_link": area_link, "area_plan": area_plan,
            "area_complaint": area_complaint, "area_spam": area_spam, "area_csv": area_csv}
