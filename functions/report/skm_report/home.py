"""The operator area's home: the period's dashboard, and what the bureau does for the whole
region (the recap, publishing, the consolidated report's texts)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlencode

from flask import Request, redirect
from werkzeug.wrappers import Response

from shared.bootstrap import services
from shared.reports import dashboard, readiness
from shared.rules import access
from shared.rules.periods import Period
from shared.rules.questionnaire import element_name
from shared.rules.vocabulary import REGION
from shared.text import formats, messages
from shared.usecases import publishing
from shared.web import request_lang

from . import documents
from .exports import link_page
from .pages import AREA, page, period_arg, recent_periods, whole_number
from .routes import app
from .session import bureau_only, csrf_of, session_operator, signed_in
from .unit_page import save_narrative


@app.route("/", methods=("GET", "POST"))
def root(request: Request) -> Response:
    """A person who opens the report function's own address lands in the operator area."""
    return redirect(f"{AREA}?lang={request_lang(request)}", code=303)


@app.route(AREA)
def area_home(request: Request) -> Response:
    lang = request_lang(request)
    operator = session_operator(request)
    if operator is None:
        return page("area_login.html", lang=lang)
    chosen = period_arg(request)
    units = [u for u in services().units.list_units() if operator.may_read(u.unit_id)]
    narrative = services().ops.narrative(REGION, chosen.key) if operator.bureau else None
    # one read of the run marker for the dashboard and publishing; volumes saved since count now
    rows, _ = documents.recorded_period(chosen, documents.period_rows(chosen))
    return page(
        "area_home.html",
        narrative=narrative or {},
        lang=lang,
        operator=operator,
        units=units,
        period=chosen,
        choices=recent_periods(lang),
        csrf=csrf_of(request),
        n=lambda v, d: formats.number(v, d, lang),
        publishable=operator.bureau and final(rows),
        data_in=data_in(lang),
        # live, every period: the bureau counts every unit at once
        open_total=services().responses.inbox_counts(None if operator.bureau else [u.unit_id for u in units], None)[
            "baru"
        ],
        **dashboard_page(request, units, chosen, rows, lang),
    )


def dashboard_page(
    request: Request, units: list[Any], period: Period, rows: list[dict[str, Any]], lang: str
) -> dict[str, Any]:
    """The dashboard's rows for `?type=&sort=&page=` from the period's index `rows`, and the links
    to its other pages."""
    plans = services().ops.plans_of([u.unit_id for u in units], period.key)
    found = dashboard.rows(units, rows, plans, services().settings.min_respondents)
    ready = documents.readiness_of(units, period, rows, plans) if units else {}
    unit_type, sort = request.args.get("type", ""), request.args.get("sort") or ""
    sort = sort if sort in dashboard.SORTS else "ikm"
    listed = dashboard.arranged(found, unit_type, sort)
    count = max(1, -(-len(listed) // dashboard.PAGE_SIZE))
    number = min(count, max(1, whole_number(request.args.get("page", "")) or 1))
    query = {"lang": lang, "period": period.key, "type": unit_type, "sort": sort}
    return {
        "dash_rows": listed[(number - 1) * dashboard.PAGE_SIZE : number * dashboard.PAGE_SIZE],
        "unit_types": dashboard.types(units),
        "chosen_type": unit_type,
        "sort": sort,
        "sorts": dashboard.SORTS,
        "pages": [(n, f"{AREA}?{urlencode(query | {'page': n})}") for n in range(1, count + 1)],
        "page_number": number,
        "element": lambda code: element_name("skm", code, lang),
        "ready": ready,
        "ready_share": readiness.share(ready.values()),
    }


@app.route(AREA + "/recap", methods=("POST",))
@signed_in
@bureau_only
def area_recap(request: Request, operator: access.Operator, lang: str) -> Response:
    period = period_arg(request, request.form.get("period"))
    chosen = request.form.get("format") or ""
    if chosen.startswith("official-"):  # the consolidated Laporan Hasil SKM, PDF or DOCX
        official_format = "docx" if chosen == "official-docx" else "pdf"
        return link_page(lambda: documents.official_region(period, official_format), lang, period, REGION)
    file_format = chosen if chosen in ("csv", "xlsx") else "pdf"
    return link_page(lambda: documents.recap(period, lang, file_format), lang, period, REGION)


@app.route(AREA + "/publish", methods=("GET", "POST"))
@signed_in
@bureau_only
def area_publish(request: Request, operator: access.Operator, lang: str) -> Response:
    """The bureau publishes a period's final figures on the public site (recorded: who, when),
    after saying yes once on a confirmation page (no script needed); then it links to the pages."""
    period = period_arg(request, request.values.get("period"))
    name, back = formats.period_name(period, lang), f"{AREA}?period={period.key}&lang={lang}"
    if request.method == "GET" or request.form.get("confirm") != "yes":
        if not final(documents.period_rows(period)):
            return page("area_message.html", 422, lang=lang, message=messages.message("not_final", lang))
        asked = messages.message("publish_confirm", lang, period=name)
        return page("area_publish.html", lang=lang, period=period, asked=asked, back=back, csrf=csrf_of(request))
    try:
        files = publishing.publish(period, operator.email, datetime.now(timezone.utc), publishing.deployed(services()))
    except publishing.NotFinal:
        return page("area_message.html", 422, lang=lang, message=messages.message("not_final", lang))
    done = messages.message("published", lang, period=name, files=files)
    site = services().settings.public_base_url.rstrip("/")
    links = [
        (f"{site}/{period.key}/", messages.message("published_pages", lang)),
        (f"{site}/catalog.json", "catalog.json"),
    ]
    return page("area_message.html", lang=lang, message=done, back=back, links=links)


def final(rows: list[dict[str, Any]]) -> bool:
    """A period's rows computed after it ended: what publishing can take (a running period cannot)."""
    return bool(rows) and not any(row.get("provisional") for row in rows)


@app.route(AREA + "/narrative", methods=("POST",))
@signed_in
@bureau_only
def area_region_narrative(request: Request, operator: access.Operator, lang: str) -> Response:
    """What the bureau writes into the region's consolidated report."""
    period = period_arg(request, request.form.get("period"))
    problem = save_narrative(request, operator, lang, REGION, period)
    if problem:
        return page("area_message.html", 422, lang=lang, message=problem)
    return redirect(f"{AREA}?period={period.key}&lang={lang}#official", code=303)


def data_in(lang: str) -> str:
    """When the ingester last had brought every response in: "Data isian masuk … sampai …"."""
    moment = services().ops.caught_up_at()
    if moment is None:
        return ""
    return messages.message("data_in", lang, moment=formats.datetime_text(moment, services().settings.zone, lang))
