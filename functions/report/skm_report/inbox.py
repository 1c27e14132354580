"""The complaints inbox: every suggestion and complaint of the operator's units, across units
and periods, filtered by status, unit and period, with live counts per status; replied to in
place. A unit's page keeps its own period's list."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import parse_qsl, urlencode

from flask import Request
from werkzeug.wrappers import Response

from shared.bootstrap import services
from shared.rules import access, vocabulary
from shared.rules.periods import Period
from shared.text import formats

from .pages import INBOX, PAGE_SIZE, page, recent_periods
from .routes import app
from .session import csrf_of, signed_in

FILTERS = ("status", "unit", "period")  # what an inbox address may carry, and a reply returns to
ALL = "semua"


@app.route(INBOX)
@signed_in
def inbox(request: Request, operator: access.Operator, lang: str) -> Response:
    listed = [unit for unit in services().units.list_units() if operator.may_read(unit.unit_id)]
    names = {unit.unit_id: unit.name for unit in listed}
    chosen = filters(request.args, names, lang)
    units = [chosen["unit"]] if chosen["unit"] != ALL else (None if operator.bureau else list(names))
    quarters = None if chosen["period"] == ALL else [q.key for q in Period.parse(chosen["period"]).quarters]
    status = None if chosen["status"] == ALL else chosen["status"]
    responses = services().responses
    found = responses.inbox_page(units, quarters, status, request.args.get("after"), PAGE_SIZE)
    counts = responses.inbox_counts(units, quarters)
    settings = services().settings
    late = datetime.now(timezone.utc) - timedelta(hours=settings.reply_target_hours)
    here = urlencode({"lang": lang, **chosen})
    return page(
        "area_inbox.html",
        lang=lang,
        operator=operator,
        units=listed,
        chosen=chosen,
        periods=recent_periods(lang),
        statuses=vocabulary.STATUS_ORDER,
        counts=counts,
        total=sum(counts.values()),
        complaints=found.docs,
        next_page=f"{INBOX}?{here}&{urlencode({'after': found.next_after})}" if found.next_after else "",
        here=here,
        status_link=lambda s: f"{INBOX}?{urlencode({'lang': lang, **chosen, 'status': s})}",
        heading=lambda doc: f"{names.get(doc['unit_id'], doc['unit_id'])} · {quarter_name(doc, lang)}",
        base=lambda doc: f"/operator/u/{doc['unit_id']}/{doc['quarter']}",
        overdue=lambda doc: (doc.get("complaint_status") or "baru") == "baru" and doc["submitted_at"] < late,
        target_hours=settings.reply_target_hours,
        when=lambda moment: formats.datetime_text(moment, settings.zone, lang),
        errors={},
        csrf=csrf_of(request),
    )


def filters(args: Any, names: dict[str, str], lang: str) -> dict[str, str]:
    """The inbox's filters from an address, each a known value or its default: complaints not
    yet answered, of every unit, in every period."""
    status, unit, period = (args.get(name, "") for name in FILTERS)
    known_periods = {key for key, _ in recent_periods(lang)}
    return {
        "status": status if status in (*vocabulary.STATUS_ORDER, ALL) else "baru",
        "unit": unit if unit in names else ALL,
        "period": period if period in known_periods else ALL,
    }


def quarter_name(doc: dict[str, Any], lang: str) -> str:
    return formats.period_name(Period.parse(doc["quarter"]), lang)


def return_address(back: str, lang: str, response_id: str) -> str | None:
    """Where a reply sent from the inbox returns: the inbox with the same filters (only those)."""
    if not back:
        return None
    kept = {name: value for name, value in parse_qsl(back) if name in FILTERS}
    return f"{INBOX}?{urlencode({'lang': lang, **kept})}#r-{response_id}"
