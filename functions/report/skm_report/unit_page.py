"""A unit's page for a period: its figures, complaints and replies, spam decisions, the
follow-up plan, the official report's texts and the citizens served."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

from flask import Request, redirect
from pydantic import ValidationError
from werkzeug.wrappers import Response

from shared.bootstrap import services
from shared.rules import access, follow_up, questionnaire, vocabulary
from shared.rules.periods import Period
from shared.rules.questionnaire import element_name
from shared.text import formats, messages
from shared.usecases import plans, publishing
from shared.usecases.aggregation import index_rows

from . import documents, inbox
from .pages import (
    AREA,
    PAGE_SIZE,
    UNIT,
    first_error,
    item_problem,
    label_of,
    message_page,
    now,
    page,
    recent_periods,
    whole_number,
)
from .routes import app
from .session import csrf_of, signed_in


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
    recorded = services().ops.unit_service_volumes(unit_id, [q.key for q in period.quarters])
    mine = [r for r in documents.period_rows(period) if r["unit_id"] == unit_id]  # one query per run
    rows = documents.recorded(unit_id, period, mine, recorded)  # a volume saved since the run counts now
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
        | proposed(rows.get("skm"), row, lang)
        for row in plan
    ]
    return page(
        "area_unit.html",
        status,
        lang=lang,
        operator=operator,
        unit=unit,
        period=period,
        period_name=formats.period_name(period, lang),
        row=rows.get("skm"),
        data_until=_data_until(rows.get("skm"), lang),
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
        saved=saved_notice(request, lang) if not errors else {},
        volumes=[(q, formats.period_short_name(q, lang), recorded.get(q.key)) for q in period.quarters],
        devices=services().devices.of_unit(unit_id),
        narrative=services().ops.narrative(unit_id, period.key) or {},
        ready=documents.readiness_of([unit], period, mine, {unit_id: (saved or {}).get("rows") or []})[unit_id],
        ready_links=ready_links(unit_id, period, lang),
        now=datetime.now(timezone.utc),
        csrf=csrf_of(request),
        choices=recent_periods(lang),
        n=lambda v, d: formats.number(v, d, lang),
    )


def ready_links(unit_id: str, period: Period, lang: str) -> dict[str, str]:
    """Where each piece of evidence of the readiness checklist is kept or made."""
    base = f"{AREA}/u/{unit_id}/{period.key}"
    public = f"{services().settings.public_base_url.rstrip('/')}/{period.key}/u/{unit_id}.html"
    return {
        "standar": f"{base}/standar?lang={lang}",
        "maklumat": f"{base}/standar?lang={lang}#maklumat",
        "pengaduan": f"{AREA}/complaints?lang={lang}&unit={unit_id}&period={period.key}",
        "hasil": public,
        "tindak_lanjut": f"{base}?lang={lang}#plan",
    }


def proposed(skm: dict[str, Any] | None, row: dict[str, Any], lang: str) -> dict[str, Any]:
    """What citizens raised about a weak element; an empty action starts from it, for the
    operator to edit or clear (nothing is saved until they save)."""
    from shared.reports import suggestion_analysis

    themes = suggestion_analysis.proposals(skm, row["item"], lang)
    start = (
        messages.message("plan_proposal", lang, themes="; ".join(themes)) if themes and not row.get("action") else ""
    )
    return {"proposals": themes, "action": row.get("action") or start, "proposed": bool(start)}


SAVED = ("plan", "texts", "volume")  # what a save's redirect confirms, beside its section


def saved_notice(request: Request, lang: str) -> dict[str, str]:
    """{section: "Tersimpan: …"} after a save redirected here; nothing otherwise."""
    section = request.args.get("saved", "")
    return {section: messages.message(f"saved_{section}", lang)} if section in SAVED else {}


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
    settings, deployment = services().settings, publishing.deployed(services())
    try:
        plans.save_plan(
            unit_id, period, rows, operator.email, now(), zone=settings.zone, store=services().ops, site=deployment
        )
    except plans.PastDue as late:
        due, past = messages.message("due", lang), messages.message("due_past", lang)
        problem = item_problem(late.row.item, f"{due}: {past}", lang)
        return unit_page(request, operator, lang, unit_id, period, {"plan": problem}, 422)
    return redirect(f"{AREA}/u/{unit_id}/{period.key}?lang={lang}&saved=plan#plan", code=303)


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
    back = inbox.return_address(request.form.get("back", ""), lang, response_id)
    return redirect(back or f"{AREA}/u/{unit_id}/{period.key}?lang={lang}#r-{response_id}", code=303)


def change_follow_up(
    response_id: str, unit_id: str, changes_for: Callable[[dict[str, Any]], dict[str, Any]]
) -> dict[str, Any] | None:
    """Apply a follow-up change to a response of `unit_id`; None if the unit has no such response."""
    response = services().responses.get(response_id)
    if response is None or response.get("unit_id") != unit_id:
        return None
    return services().ops.change_follow_up(response, changes_for)


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
    back = inbox.return_address(request.form.get("back", ""), lang, response_id)
    return redirect(back or f"{AREA}/u/{unit_id}/{period.key}?lang={lang}#r-{response_id}", code=303)


@app.route(AREA + "/label/<response_id>", methods=("GET", "POST"))
@signed_in
def area_label(request: Request, operator: access.Operator, lang: str, response_id: str) -> Response:
    """An operator corrects what a suggestion is about; the aggregation counts the correction.
    The address names only the response (a short link on every card): its unit is checked here."""
    response = services().responses.get(response_id)
    if response is None or not response.get("suggestion"):
        return message_page(404, "not_found", lang)
    if not operator.may_read(response["unit_id"]):
        return message_page(403, "forbidden", lang)
    if request.method == "GET":
        return label_page(request, lang, response)
    codes = questionnaire.current("skm").codes
    kind, elements = request.form.get("kind", ""), request.form.getlist("elements")
    try:
        services().ops.change_follow_up(
            response, lambda current: follow_up.label_changes(current, kind, elements, codes, operator.email, now())
        )
    except follow_up.FollowUpError as error:
        return label_page(request, lang, response, messages.message(error.key, lang))
    return redirect(card_address(request.form.get("back", ""), lang, response), code=303)


def card_address(back: str, lang: str, response: dict[str, Any]) -> str:
    """Where a suggestion's card is: the inbox with the filters it was opened from, else its unit's page."""
    unit_page_address = f"{AREA}/u/{response['unit_id']}/{response['quarter']}?lang={lang}#r-{response['response_id']}"
    return inbox.return_address(back, lang, response["response_id"]) or unit_page_address


def label_page(request: Request, lang: str, response: dict[str, Any], error: str = "") -> Response:
    """The correction form of one suggestion, with what was corrected before (422 with `error`)."""
    unit = services().units.get_unit(response["unit_id"])
    doc = response | (services().ops.follow_up(response["response_id"]) or {})
    back = request.args.get("back") or request.form.get("back", "")
    name = unit.name if unit else response["unit_id"]
    return page(
        "area_label.html",
        422 if error else 200,
        lang=lang,
        doc=doc,
        label=label_of(doc),
        choices=[(code, element_name("skm", code, lang)) for code in questionnaire.current("skm").codes],
        heading=f"{name} · {formats.period_name(Period.parse(response['quarter']), lang)}",
        back=back,
        back_url=card_address(back, lang, response),
        when=lambda moment: formats.datetime_text(moment, services().settings.zone, lang),
        error=error,
        csrf=csrf_of(request),
    )


@app.route(UNIT + "/narrative", methods=("POST",))
@signed_in
def area_narrative(request: Request, operator: access.Operator, lang: str, unit_id: str, period: Period) -> Response:
    """What the operator writes into the official report: foreword, background, conclusion, signatory."""
    if services().units.get_unit(unit_id) is None:
        return message_page(404, "unknown_unit", lang)
    problem = save_narrative(request, operator, lang, unit_id, period)
    if problem:
        return unit_page(request, operator, lang, unit_id, period, {"narrative": problem}, 422)
    return redirect(f"{AREA}/u/{unit_id}/{period.key}?lang={lang}&saved=texts#official", code=303)


def save_narrative(request: Request, operator: access.Operator, lang: str, unit_id: str, period: Period) -> str:
    """Keep what was written for the official report; the first bad field's message, if any."""
    from shared.reports.official.narrative import Narrative

    try:
        narrative = Narrative.model_validate({name: request.form.get(name, "") for name in Narrative.model_fields})
    except ValidationError as error:
        return first_error(error, lang)
    plans.save_texts(unit_id, period, narrative, operator.email, now(), services().ops)
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
    return redirect(f"{AREA}/u/{unit_id}/{period.key}?lang={lang}&saved=volume#volume", code=303)


def _data_until(row: dict[str, Any] | None, lang: str) -> str:
    """ "data sampai 3 Desember 2026 14.05 WIB": what a provisional row's figures include."""
    zone = services().settings.zone
    until = index_rows.data_until(row, zone) if row else None
    return messages.message("data_until", lang, moment=formats.datetime_text(until, zone, lang)) if until else ""
