"""The citizen's own pages: the units list, the form, and the receipt with the unit's reply."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from flask import Request, redirect
from werkzeug.wrappers import Response

from shared import signing
from shared.bootstrap import services
from shared.outage import is_outage
from shared.rules import abuse
from shared.rules.questionnaire import text
from shared.rules.records import RECEIPT_ALPHABET, RECEIPT_LENGTH, Unit
from shared.text import messages
from shared.text.validation import InvalidInput
from shared.usecases import submission
from shared.web import (
    request_lang,
    unavailable,
)

from .routes import FORM_TYPES, app, client_address, message_page, page, require_type


def form_flags(fields: Mapping[str, str]) -> list[str]:
    """Abuse flags of a plain form post, its token checked against the submit secret."""
    secret = services().settings.submit_secret
    return abuse.form_flags(fields, signing.form_issued(secret, fields))


@app.route("/")
def units(request: Request) -> Response:
    lang, query = request_lang(request), request.args.get("q", "").strip()[:80]
    listed = services().units.list_units()
    listed = [unit for unit in listed if unit.active]
    found = [u for u in listed if query.casefold() in u.name.casefold()] if query else listed
    return page("units.html", lang=lang, units=found, query=query)


@app.route("/u/<unit_id>", methods=("GET", "POST"))
def form(request: Request, unit_id: str) -> Response:
    unit = services().units.get_unit(unit_id)
    posted = request.method == "POST"
    lang = messages.pick_lang(request.form.get("lang"), request_lang(request)) if posted else request_lang(request)
    if unit is None:
        return message_page(404, "unit_not_found", lang)
    if not unit.active:
        return message_page(410, "unit_closed", lang)
    if not posted:
        return form_page(unit, lang, str(uuid.uuid4()))
    require_type(request, FORM_TYPES)
    if switched := language_switch(request):
        return form_page(unit, switched, request.form.get("submission_id", ""), request.form, token=form_token(request))
    body = form_body(request, unit, lang)
    client = submission.Client(client_address(request), tuple(form_flags(request.form)))
    accepted = accept_form(request, unit, lang, body, client, services().limiters)
    if isinstance(accepted, Response):
        return accepted
    return redirect(f"/r/{accepted.receipt}?lang={lang}", code=303)


def accept_form(
    request: Request,
    unit: Unit,
    lang: str,
    body: dict[str, Any],
    client: submission.Client,
    limiters: Sequence[abuse.RateLimiter],
    kiosk: bool = False,
) -> submission.Accepted | Response:
    """Store a posted form; on bad answers, a refusal or an outage, the form comes back with
    every answer, its submission id and token kept, and why: nothing a citizen typed is lost."""

    def again(notice: str = "", errors: dict[str, str] | None = None) -> Response:
        return form_page(unit, lang, body["submission_id"], request.form, errors, form_token(request), notice, kiosk)

    try:
        return submission.accept(
            body, services().units, services().responses, limiters, client, zone=services().settings.zone
        )
    except InvalidInput as invalid:
        return again(errors={error.field: error.message for error in invalid.errors})
    except abuse.RateLimited as limited:
        response = again(messages.message("slow_down", lang, minutes=max(1, round(limited.retry_after / 60))))
        response.status_code = 429
        response.headers["Retry-After"] = str(limited.retry_after)
        return response
    except Exception as error:
        if not is_outage(error):
            raise
        # Not stored (or not known to be): sending the same form again later stores it once.
        return unavailable(again(messages.message("unavailable", lang)))


def language_switch(request: Request) -> str | None:
    """The language a form's language button asks for: the form comes back in it with every
    answer kept, and nothing is sent (no JavaScript needed)."""
    wanted = request.form.get("switch_lang")
    return wanted if wanted in messages.LANGS else None


def form_token(request: Request) -> str | None:
    return request.form.get("form_token")


def form_page(
    unit: Unit,
    lang: str,
    submission_id: str,
    given: Any = None,
    errors: dict[str, str] | None = None,
    token: str | None = None,
    notice: str = "",
    kiosk: bool = False,
) -> Response:
    """The form; a re-shown form keeps its submission id and the time it was first served. A
    kiosk's form posts to the kiosk and needs no token: its device key stands for it."""
    valid_id = submission_id if submission_id and len(submission_id) <= 64 else str(uuid.uuid4())
    if not kiosk:
        token = token if token and len(token) <= 80 else signing.form_token(services().settings.submit_secret, valid_id)
    response = page(
        "form.html",
        422 if errors else 200,
        lang=lang,
        unit=unit,
        submission_id=valid_id,
        form_token=token,
        given=given or {},
        errors=errors or {},
        summary=error_summary(unit, errors or {}, lang),
        notice=notice,
        kiosk=kiosk,
        survey_form=True,
        action="/k" if kiosk else f"/u/{unit.unit_id}",
    )
    response.headers["Cache-Control"] = "no-store"  # each copy of the form carries its own submission id
    return response


def error_summary(unit: Unit, errors: dict[str, str], lang: str) -> list[tuple[str, str]]:
    """(anchor, text) per problem, in page order. Unanswered questions make one line that
    links to the first ("Ada 23 pertanyaan yang belum dijawab, mulai nomor 1."): each is
    marked where it is asked. Another problem names the question as the citizen read it."""
    unanswered = messages.message("choose_answer", lang)
    places, number, missing = {}, 0, []
    for questionnaire in unit.questionnaires():
        for item in questionnaire.items:
            number += 1
            field = f"answers.{item.code}"
            if errors.get(field) == unanswered:
                missing.append((f"q-{item.code}", number))
            places[field] = (f"q-{item.code}", f"{number}. {text(item.question, lang)} {errors.get(field, '')}")
    for name in ("age", "gender", "education", "occupation", "service"):
        places[f"profile.{name}"] = (name, f"{messages.message(name, lang)}: {errors.get(f'profile.{name}', '')}")
    places["suggestion"] = ("suggestion", f"{messages.message('suggestion', lang)}: {errors.get('suggestion', '')}")
    lines = []
    if missing:
        count, (anchor, first) = len(missing), missing[0]
        key = "unanswered_one" if count == 1 else "unanswered_many"
        lines.append((anchor, messages.message(key, lang, count=count, first=first)))
    lines += [places[field] for field in places if field in errors and errors[field] != unanswered]
    return lines + [("", errors[field]) for field in errors if field not in places]


def form_body(request: Request, unit: Unit, lang: str) -> dict[str, Any]:
    """The JSON contract's body from a plain HTML form post."""
    fields = request.form
    codes = [code for questionnaire in unit.questionnaires() for code in questionnaire.codes]
    answers = {code: _number(fields[code]) for code in codes if fields.get(code)}
    profile = {
        key: _number(fields[key]) if key == "age" else fields[key]
        for key in ("age", "gender", "education", "occupation", "service")
        if fields.get(key)
    }
    return {
        "submission_id": fields.get("submission_id", ""),
        "unit_id": unit.unit_id,
        "answers": answers,
        "profile": profile,
        "suggestion": fields.get("suggestion", ""),
        "lang": lang,
    }


def _number(value: str) -> int | str:
    # isascii: str.isdigit() also accepts "²" and other digits int() refuses. A minus sign is read
    # too, so "-3" is told the range it misses, not that it is no whole number.
    digits = value.strip()
    unsigned = digits.removeprefix("-")
    return int(digits) if unsigned.isascii() and unsigned.isdigit() and len(unsigned) < 6 else value


def canonical_receipt(typed: str) -> str:
    """A receipt code as people type it (lower case, spaces, dashes) in its stored form."""
    return re.sub(r"[\s\-.]", "", typed).upper()


def is_receipt(code: str) -> bool:
    return len(code) == RECEIPT_LENGTH and not set(code) - set(RECEIPT_ALPHABET)


def too_many_lookups(request: Request, lang: str, typed: str) -> Response | None:
    """429 for a client past its lookups this minute (codes guessed by a script)."""
    seconds = services().receipt_lookups.wait(client_address(request))
    if not seconds:
        return None
    error = messages.message("rate_limited_lookups", lang, seconds=seconds)
    response = page("receipt_lookup.html", 429, lang=lang, typed=typed[:40], error=error)
    response.headers["Retry-After"] = str(seconds)
    return response


@app.route("/r")
def receipt_lookup(request: Request) -> Response:
    """Where a citizen types the receipt code to see the reply (linked from the units list)."""
    lang, typed = request_lang(request), request.args.get("kode")
    if typed is None:
        return page("receipt_lookup.html", lang=lang, typed="")
    if refused := too_many_lookups(request, lang, typed):
        return refused
    code = canonical_receipt(typed)
    if not is_receipt(code):
        return page(
            "receipt_lookup.html", 422, lang=lang, typed=typed[:40], error=messages.message("receipt_format", lang)
        )
    return redirect(f"/r/{code}?lang={lang}", code=303)


@app.route("/r/<receipt>")
def receipt_page(request: Request, receipt: str) -> Response:
    lang = request_lang(request)
    code = canonical_receipt(receipt)
    if code != receipt:  # "/r/7kq4-mxat" from a phone's keyboard: the same page
        return redirect(f"/r/{code}?lang={lang}", code=301)
    if refused := too_many_lookups(request, lang, receipt):
        return refused
    found = services().responses.find_by_receipt(receipt) if is_receipt(receipt) else None
    if found is None:
        error = messages.message("receipt_not_found", lang)
        return page("receipt_lookup.html", 404, lang=lang, typed=receipt[:40], error=error)
    return page(
        "receipt.html",
        lang=lang,
        receipt=receipt,
        response=found,
        page_url=f"{services().settings.form_base_url}/r/{receipt}",
    )
