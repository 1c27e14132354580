"""The operator area: server-rendered pages that work without JavaScript.

An operator signs in with their API token once; the server opens a session and a signed,
HttpOnly, SameSite=Strict cookie carries its id; every form carries a CSRF token bound to
that session; every request looks the session and the operator up again, so signing out
or revoking the token ends it at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from functools import wraps
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from flask import Request, redirect
from pydantic import ValidationError
from werkzeug.wrappers import Response

from shared import signing
from shared.bootstrap import services
from shared.reports import dashboard, tables
from shared.rules import access, follow_up, periods, vocabulary
from shared.rules.periods import Period
from shared.rules.questionnaire import element_name
from shared.rules.records import UNIT_ID_PATTERN
from shared.rules.vocabulary import REGION
from shared.templates import environment
from shared.text import formats, messages
from shared.text.validation import from_pydantic
from shared.usecases import publishing
from shared.web import HTML_TYPE, request_lang

from . import documents
from .routes import app

UNIT_ID = re.compile(UNIT_ID_PATTERN)
COOKIE = "skm_session"
AREA = "/operator"
PAGE_SIZE = 10  # complaints (or flagged responses) per page: a page reads this many, and stays under 30 KB
UNIT = AREA + "/u/<unit_id>/<period>"
THOUSANDS = re.compile(r"^\d{1,3}([. ]\d{3})+$")


def pages() -> Any:
    """Templates load on the first page, not at cold start: the report API needs none."""
    return environment(Path(__file__).parent / "templates")


def page(name: str, status: int = 200, **context: Any) -> Response:
    lang = context.setdefault("lang", "id")
    html = pages().get_template(name).render(w=messages.words(lang), ui=messages.words(lang), area=AREA, **context)
    return Response(html, status=status, content_type=HTML_TYPE, headers={"Cache-Control": "no-store"})


ERRORS_SHOWN = 100  # of a refused file: the first hundred bad cells, then how many more


def refused_page(refused: Any, lang: str, back: str) -> Response:
    """A file refused whole (shared.files.responses_file.Refused): nothing stored, every bad cell by line and column."""
    shown = [error.text(lang) for error in refused.errors[:ERRORS_SHOWN]]
    if len(refused.errors) > ERRORS_SHOWN:
        shown.append(messages.message("more_errors", lang, count=len(refused.errors) - ERRORS_SHOWN))
    summary = messages.message("import_refused", lang, count=len(refused.errors))
    return page("area_import_refused.html", 422, lang=lang, back=back, errors=shown, summary=summary)


def message_page(status: int, key: str, lang: str) -> Response:
    return page("area_message.html", status, lang=lang, message=messages.message(key, lang))


app.error_page = message_page


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


AreaHandler = Callable[..., Response]


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
            return message_page(403, "forbidden", lang)
        return handler(request, operator, lang, **args)

    return checked


@app.route(AREA)
def area_home(request: Request) -> Response:
    lang = request_lang(request)
    operator = session_operator(request)
    if operator is None:
        return page("area_login.html", lang=lang)
    chosen = _period_arg(request)
    units = [u for u in services().units.list_units() if operator.may_read(u.unit_id)]
    narrative = services().ops.narrative(REGION, chosen.key) if operator.bureau else None
    return page(
        "area_home.html",
        narrative=narrative or {},
        lang=lang,
        operator=operator,
        units=units,
        period=chosen,
        choices=_recent_periods(lang),
        csrf=csrf_of(request),
        n=lambda v, d: formats.number(v, d, lang),
        **dashboard_page(request, units, chosen, lang),
    )


def dashboard_page(request: Request, units: list[Any], period: Period, lang: str) -> dict[str, Any]:
    """The dashboard's rows for `?type=&sort=&page=`, and the links to its other pages."""
    plans = services().ops.plans_of([u.unit_id for u in units], period.key)
    found = dashboard.rows(units, period_rows(period), plans, services().settings.min_respondents)
    unit_type, sort = request.args.get("type", ""), request.args.get("sort") or ""
    sort = sort if sort in dashboard.SORTS else "ikm"
    listed = dashboard.arranged(found, unit_type, sort)
    count = max(1, -(-len(listed) // dashboard.PAGE_SIZE))
    asked = request.args.get("page", "")
    number = min(count, int(asked)) if asked.isdigit() and int(asked) > 0 else 1
    query = {"lang": lang, "period": period.key, "type": unit_type, "sort": sort}
    return {
        "dash_rows": listed[(number - 1) * dashboard.PAGE_SIZE : number * dashboard.PAGE_SIZE],
        "open_total": sum(row.open_complaints for row in found),
        "unit_types": dashboard.types(units),
        "chosen_type": unit_type,
        "sort": sort,
        "sorts": dashboard.SORTS,
        "pages": [(n, f"{AREA}?{urlencode(query | {'page': n})}") for n in range(1, count + 1)],
        "page_number": number,
    }


PERIOD_ROWS: dict[str, tuple[str | None, list[dict[str, Any]]]] = {}  # period -> (its run, its index rows)
PERIODS_KEPT = 4  # a province's period of rows is a few MB: keep the periods people look at


def period_rows(period: Period) -> list[dict[str, Any]]:
    """The period's index rows, asked of BigQuery once per aggregation run and instance: the
    home page then costs a Firestore read, not a query."""
    run = services().ops.run(period.key)
    cached = PERIOD_ROWS.get(period.key)
    if cached and run and cached[0] == run:
        return cached[1]
    rows = services().warehouse.index_rows(period)
    PERIOD_ROWS.pop(period.key, None)
    PERIOD_ROWS[period.key] = (run, rows)
    while len(PERIOD_ROWS) > PERIODS_KEPT:
        PERIOD_ROWS.pop(next(iter(PERIOD_ROWS)))  # the longest unrefreshed
    return rows


@app.route(AREA + "/login", methods=("POST",))
def area_login(request: Request) -> Response:
    lang = request_lang(request)
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


@app.route(AREA + "/recap", methods=("POST",))
@signed_in
@bureau_only
def area_recap(request: Request, operator: access.Operator, lang: str) -> Response:
    period = _period_arg(request, request.form.get("period"))
    chosen = request.form.get("format") or ""
    if chosen.startswith("official-"):  # the consolidated Laporan Hasil SKM, PDF or DOCX
        official_format = "docx" if chosen == "official-docx" else "pdf"
        return _link_page(lambda: documents.official_region(period, official_format), lang, period, REGION)
    file_format = chosen if chosen in ("csv", "xlsx") else "pdf"
    return _link_page(lambda: documents.recap(period, lang, file_format), lang, period, REGION)


@app.route(UNIT + "/link", methods=("POST",))
@signed_in
def area_link(request: Request, operator: access.Operator, lang: str, unit_id: str, period: Period) -> Response:
    doc_lang = messages.pick_lang(request.form.get("doc_lang"), lang)
    return _link_page(lambda: documents.unit_report(unit_id, period, doc_lang), lang, period, unit_id)


def _link_page(make: Callable[[], str], lang: str, period: Period, unit_id: str) -> Response:
    try:
        link = documents.signed_link(make())
    except documents.NoData:
        return message_page(404, "no_data", lang)
    expires = datetime.fromisoformat(link["expires_at"].replace("Z", "+00:00"))
    expires_text = formats.datetime_text(expires, services().settings.zone, lang)
    kind = link["url"].split("?")[0].rsplit(".", 1)[-1].upper()  # PDF, DOCX, XLSX, CSV
    return page("area_link.html", lang=lang, link=link, expires=expires_text, period=period, unit_id=unit_id, kind=kind)


@app.route(UNIT)
@signed_in
def area_unit(request: Request, operator: access.Operator, lang: str, unit_id: str, period: Period) -> Response:
    return unit_page(request, operator, lang, unit_id, period)


def unit_page(
    request: Request,
    operator: access.Operator,
    lang: str,
    unit_id: str,
    period: Period,
    errors: dict[str, str] | None = None,
    status: int = 200,
    pinned: dict[str, Any] | None = None,
) -> Response:
    """A unit's period; with `errors`, shown again beside the form they concern (422), and a
    refused reply's complaint (`pinned`) first in the list, with what the operator typed."""
    unit = services().units.get_unit(unit_id)
    if unit is None:
        return message_page(404, "unknown_unit", lang)
    rows = {r["survey"]: r for r in period_rows(period) if r["unit_id"] == unit_id}  # one query per run
    saved = services().ops.plan(unit_id, period.key)
    carried = follow_up.carried_over(services().ops.plan(unit_id, period.previous().key))
    plan = follow_up.plan_rows((rows.get("skm") or {}).get("lowest_items") or [], saved, carried)
    responses = services().responses
    quarters = [q.key for q in period.quarters]
    wanted = request.args.get("status") if request.args.get("status") in vocabulary.STATUS_ORDER else None
    after = request.args.get("complaints_after")
    complaints = responses.complaints_page(unit_id, quarters, after, PAGE_SIZE, wanted)
    late = datetime.now(timezone.utc) - timedelta(hours=services().settings.reply_target_hours)
    flagged = responses.flagged_page(unit_id, quarters, request.args.get("flagged_after"), PAGE_SIZE)
    today = datetime.now(services().settings.zone).date()
    plan = [
        {**row, "name": element_name("skm", row["item"], lang), "overdue": follow_up.overdue(row, today)}
        for row in plan
    ]
    recorded = services().ops.unit_service_volumes(unit_id, quarters)
    return page(
        "area_unit.html",
        status,
        lang=lang,
        operator=operator,
        unit=unit,
        period=period,
        period_name=formats.period_name(period, lang),
        row=rows.get("skm"),
        plan=plan,
        complaints=([pinned] if pinned else [])
        + [doc for doc in complaints.docs if not pinned or doc["response_id"] != pinned["response_id"]],
        complaints_next=complaints.next_after,
        wanted=wanted or "",
        statuses=vocabulary.STATUS_ORDER,
        overdue=lambda doc: (doc.get("complaint_status") or "baru") == "baru" and doc["submitted_at"] < late,
        target_hours=services().settings.reply_target_hours,
        flagged=flagged.docs,
        flagged_next=flagged.next_after,
        when=lambda moment: formats.datetime_text(moment, services().settings.zone, lang),
        flag_key=vocabulary.flag_key,
        errors=errors or {},
        volumes=[(q, formats.period_short_name(q, lang), recorded.get(q.key)) for q in period.quarters],
        devices=services().devices.of_unit(unit_id),
        narrative=services().ops.narrative(unit_id, period.key) or {},
        now=datetime.now(timezone.utc),
        csrf=csrf_of(request),
        choices=_recent_periods(lang),
        n=lambda v, d: formats.number(v, d, lang),
    )


@app.route(UNIT + "/plan", methods=("POST",))
@signed_in
def area_plan(request: Request, operator: access.Operator, lang: str, unit_id: str, period: Period) -> Response:
    if services().units.get_unit(unit_id) is None:
        return message_page(404, "unknown_unit", lang)
    rows = []
    for item in request.form.getlist("item")[: follow_up.PLAN_ROWS * 3]:
        fields = {name: request.form.get(f"{name}_{item}", "") for name in ("action", "owner", "due", "evidence")}
        try:
            status = request.form.get(f"status_{item}") or "direncanakan"
            rows.append(follow_up.PlanRow.model_validate({"item": item, "status": status, **fields}))
        except ValidationError as error:
            problem = item_problem(item, first_error(error, lang), lang)
            return unit_page(request, operator, lang, unit_id, period, {"plan": problem}, 422)
    saved = services().ops.plan(unit_id, period.key) or {}
    kept = {(row.get("item"), row.get("due")) for row in saved.get("rows") or []}
    today = datetime.now(services().settings.zone).date()
    past = [row for row in rows if row.due and row.due < today and (row.item, row.due.isoformat()) not in kept]
    if past:  # a new target already behind us is a typo; one saved earlier may stay
        problem = item_problem(
            past[0].item, f"{messages.message('due', lang)}: {messages.message('due_past', lang)}", lang
        )
        return unit_page(request, operator, lang, unit_id, period, {"plan": problem}, 422)
    plan = follow_up.Plan(
        rows=[row for row in rows if row.filled], updated_by=operator.email, updated_at=datetime.now(timezone.utc)
    )
    services().ops.put_plan(unit_id, period.key, plan.model_dump(mode="json"))
    publishing.rewrite(period, publishing.deployed(services()))  # a published period's public plan follows at once
    return redirect(f"{AREA}/u/{unit_id}/{period.key}?lang={lang}#plan", code=303)


@app.route(UNIT + "/complaint/<response_id>", methods=("POST",))
@signed_in
def area_complaint(
    request: Request, operator: access.Operator, lang: str, unit_id: str, period: Period, response_id: str
) -> Response:
    praise = request.form.get("praise") == "1"  # praise needs a thank-you, not a reply form
    reply = messages.message("praise_reply", lang) if praise else request.form.get("reply", "")
    try:
        update = follow_up.ComplaintUpdate.model_validate(
            {"status": "selesai" if praise else request.form.get("status", ""), "reply": reply}
        )
        changed = change_follow_up(
            response_id,
            unit_id,
            lambda current: follow_up.complaint_changes(current, update, operator.email, datetime.now(timezone.utc)),
        )
    except (ValidationError, follow_up.FollowUpError) as error:  # a FollowUpError's message needs no field name
        problem = first_error(error, lang) if isinstance(error, ValidationError) else messages.message(error.key, lang)
        stored = services().responses.get(response_id)
        pinned = stored | {"reply": reply} if stored and stored.get("unit_id") == unit_id else None
        return unit_page(request, operator, lang, unit_id, period, {response_id: problem}, 422, pinned)
    if changed is None:
        return message_page(404, "not_found", lang)
    services().responses.mirror_status(response_id, changed["complaint_status"])
    return redirect(f"{AREA}/u/{unit_id}/{period.key}?lang={lang}#r-{response_id}", code=303)


def change_follow_up(
    response_id: str, unit_id: str, changes_for: Callable[[dict[str, Any]], dict[str, Any]]
) -> dict[str, Any] | None:
    """Apply a follow-up change to a response of `unit_id`; None if the unit has no such response."""
    response = services().responses.get(response_id)
    if response is None or response.get("unit_id") != unit_id:
        return None
    return services().ops.change_follow_up(response, changes_for)


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


@app.route(UNIT + "/spam/<response_id>", methods=("POST",))
@signed_in
def area_spam(
    request: Request, operator: access.Operator, lang: str, unit_id: str, period: Period, response_id: str
) -> Response:
    spam = request.form.get("spam") == "1"
    changed = change_follow_up(
        response_id, unit_id, lambda current: follow_up.spam_changes(spam, operator.email, datetime.now(timezone.utc))
    )
    if changed is None:
        return message_page(404, "not_found", lang)
    return redirect(f"{AREA}/u/{unit_id}/{period.key}?lang={lang}#r-{response_id}", code=303)


@app.route(UNIT + "/official", methods=("POST",))
@signed_in
def area_official(request: Request, operator: access.Operator, lang: str, unit_id: str, period: Period) -> Response:
    """A link to the unit's official report, as PDF or as DOCX to edit in Word."""
    file_format = "docx" if request.form.get("format") == "docx" else "pdf"
    return _link_page(lambda: documents.official_report(unit_id, period, file_format), lang, period, unit_id)


@app.route(UNIT + "/narrative", methods=("POST",))
@signed_in
def area_narrative(request: Request, operator: access.Operator, lang: str, unit_id: str, period: Period) -> Response:
    """What the operator writes into the official report: foreword, background, conclusion, signatory."""
    if services().units.get_unit(unit_id) is None:
        return message_page(404, "unknown_unit", lang)
    problem = save_narrative(request, operator, lang, unit_id, period)
    if problem:
        return unit_page(request, operator, lang, unit_id, period, {"narrative": problem}, 422)
    return redirect(f"{AREA}/u/{unit_id}/{period.key}?lang={lang}#official", code=303)


@app.route(AREA + "/publish", methods=("POST",))
@signed_in
@bureau_only
def area_publish(request: Request, operator: access.Operator, lang: str) -> Response:
    """The bureau publishes a period's final figures on the public site (recorded: who, when)."""
    period = _period_arg(request, request.form.get("period"))
    try:
        files = publishing.publish(period, operator.email, datetime.now(timezone.utc), publishing.deployed(services()))
    except publishing.NotFinal:
        return page("area_message.html", 422, lang=lang, message=messages.message("not_final", lang))
    done = messages.message("published", lang, period=formats.period_name(period, lang), files=files)
    return page("area_message.html", lang=lang, message=done, back=f"{AREA}?period={period.key}&lang={lang}")


@app.route(AREA + "/narrative", methods=("POST",))
@signed_in
@bureau_only
def area_region_narrative(request: Request, operator: access.Operator, lang: str) -> Response:
    """What the bureau writes into the region's consolidated report."""
    period = _period_arg(request, request.form.get("period"))
    problem = save_narrative(request, operator, lang, REGION, period)
    if problem:
        return page("area_message.html", 422, lang=lang, message=problem)
    return redirect(f"{AREA}?period={period.key}&lang={lang}#official", code=303)


def save_narrative(request: Request, operator: access.Operator, lang: str, unit_id: str, period: Period) -> str:
    """Keep what was written for the official report; the first bad field's message, if any."""
    from shared.reports.official.narrative import Narrative

    try:
        narrative = Narrative.model_validate({name: request.form.get(name, "") for name in Narrative.model_fields})
    except ValidationError as error:
        return first_error(error, lang)
    record = narrative.model_dump() | {"updated_by": operator.email, "updated_at": datetime.now(timezone.utc)}
    services().ops.put_narrative(unit_id, period.key, record)
    return ""


@app.route(UNIT + "/volume", methods=("POST",))
@signed_in
def area_volume(request: Request, operator: access.Operator, lang: str, unit_id: str, period: Period) -> Response:
    """Citizens served per quarter, from the register: the minimum sample and response rate use them."""
    if services().units.get_unit(unit_id) is None:
        return message_page(404, "unknown_unit", lang)
    served: dict[str, int] = {}
    for quarter in period.quarters:
        written = request.form.get(f"served_{quarter.key}", "").strip()
        if not written:
            continue
        count = whole_number(written)
        if count is None:
            problem = f"{formats.period_short_name(quarter, lang)}: {messages.message('not_a_number', lang)}"
            return unit_page(request, operator, lang, unit_id, period, {"volume": problem}, 422)
        served[quarter.key] = count
    now = datetime.now(timezone.utc)
    for quarter_key, count in served.items():
        services().ops.put_service_volume(unit_id, quarter_key, count, operator.email, now)
    if served:
        services().responses.mark_changed(list(served))
    return redirect(f"{AREA}/u/{unit_id}/{period.key}?lang={lang}#volume", code=303)


def whole_number(written: str) -> int | None:
    """1500, 1.500 or 1 500 (Indonesian thousands); None for anything else."""
    digits = written.replace(".", "").replace(" ", "") if THOUSANDS.match(written) else written
    return int(digits) if digits.isascii() and digits.isdigit() and len(digits) <= 8 else None


@app.route(UNIT + "/<export>.xlsx")
@signed_in
def area_xlsx(
    request: Request, operator: access.Operator, lang: str, unit_id: str, period: Period, export: str
) -> Response:
    """The period's responses, or its complaints, as a workbook for Excel."""
    from . import workbooks

    if export not in ("responses", "complaints"):
        return message_page(404, "not_found", lang)
    docs = documents.period_responses(unit_id, period)
    make = workbooks.responses if export == "responses" else workbooks.complaints
    name = f"{'SKM' if export == 'responses' else 'PENGADUAN'}_{unit_id}_{period.key}.xlsx"
    return Response(
        make(docs, services().settings.zone),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"},
    )


@app.route(UNIT + "/responses.csv")
@signed_in
def area_csv(request: Request, operator: access.Operator, lang: str, unit_id: str, period: Period) -> Response:
    records = (tables.response_record(doc) for doc in documents.period_responses(unit_id, period))
    return Response(
        tables.csv_text(records, tables.response_columns()),
        content_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="SKM_{unit_id}_{period.key}.csv"',
            "Cache-Control": "no-store",
        },
    )


def _period_arg(request: Request, value: str | None = None) -> Period:
    zone = services().settings.zone
    try:
        return Period.parse(value or request.args.get("period") or request.args.get("quarter", ""))
    except ValueError:
        return Period.now(zone=zone)  # the running quarter, with its provisional figures


def _recent_periods(lang: str) -> list[tuple[str, str]]:
    """The periods an operator picks from: the running ones first, then the closed ones, by kind."""
    settings = services().settings
    now, listed = Period.now(zone=settings.zone), []
    for kind in settings.kinds:
        period = now if kind == "quarter" else next(p for p in now.containing() if p.kind == kind)
        for _ in range(periods.TREND[kind]):
            listed.append((period.key, formats.period_name(period, lang)))
            period = period.previous()
    return listed
