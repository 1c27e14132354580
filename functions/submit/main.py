"""Submit function: serves the citizen's form and stores responses in Firestore."""
from __future__ import annotations

import time
import uuid
from functools import cache
from pathlib import Path

import functions_framework
from flask import Request, Response, redirect
from jinja2 import Environment, FileSystemLoader, select_autoescape
from werkzeug.routing import Map, Rule

from shared import abuse, config, i18n, submission
from shared.adapters.firestore_store import store_for
from shared.models import RECEIPT_ALPHABET, RECEIPT_LENGTH, Unit
from shared.questionnaire import text
from shared.validation import InvalidInput
from shared.web import body_too_big, dispatch, finish, json_error, json_response, request_lang

TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
TEMPLATES.globals.update(text=text, EDUCATION=i18n.EDUCATION_LABELS, OCCUPATION=i18n.OCCUPATION_LABELS,
                         HONEYPOT=abuse.HONEYPOT_FIELD)
ROUTES = Map([
    Rule("/", endpoint="units", methods=["GET"]),
    Rule("/u/<unit_id>", endpoint="form", methods=["GET", "POST"]),
    Rule("/r/<receipt>", endpoint="receipt", methods=["GET"]),
    Rule("/api/v1/responses", endpoint="api_submit", methods=["POST"]),
    Rule("/api/v1/units/<unit_id>/questionnaire", endpoint="api_questionnaire", methods=["GET"]),
    Rule("/healthz", endpoint="health", methods=["GET"]),
])
HTML = "text/html; charset=utf-8"
MAX_BODY_BYTES = 32 * 1024  # a full form with a 2,000-character suggestion is under 10 KB
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


@cache
def settings() -> config.Settings:
    return config.require(config.load(), "submit_secret")


@cache
def store():
    """One client per instance, created on first use (not at import: cold starts)."""
    return store_for(settings())


@cache
def limiter() -> abuse.RateLimiter:
    return abuse.RateLimiter(settings().submit_secret, abuse.Policy.parse(settings().rate_limit))


def client_address(request: Request) -> str:
    """The caller's address: the entry a trusted proxy appended to X-Forwarded-For, else the peer."""
    hops = settings().trusted_proxy_hops
    forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",") if part.strip()]
    if hops and len(forwarded) >= hops:
        return forwarded[-hops]
    return request.remote_addr or "unknown"


def page(name: str, status: int = 200, **context: object) -> Response:
    lang = context.setdefault("lang", "id")
    context.setdefault("ui", i18n.UI[lang])
    response = Response(TEMPLATES.get_template(name).render(**context), status=status, content_type=HTML)
    response.headers["Content-Language"] = lang
    return response


def units(request: Request) -> Response:
    lang, query = request_lang(request), request.args.get("q", "").strip()[:80]
    found = [u for u in store().list_units() if query.casefold() in u.name.casefold()] if query else store().list_units()
    return page("units.html", lang=lang, units=found, query=query)


def form(request: Request, unit_id: str) -> Response:
    unit = store().get_unit(unit_id)
    lang = i18n.pick_lang(request.form.get("lang"), request_lang(request)) if request.method == "POST" else request_lang(request)
    if unit is None:
        return page("not_found.html", 404, lang=lang, message=i18n.UI[lang]["unit_not_found"])
    if request.method == "GET":
        return form_page(unit, lang, str(uuid.uuid4()))
    problem = body_problem(request, FORM_TYPES, lang)
    if problem:
        return problem
    body = form_body(request, unit, lang)
    client = submission.Client(client_address(request), tuple(abuse.form_flags(settings().submit_secret, request.form)))
    try:
        accepted = submission.accept(body, store(), limiter(), client)
    except InvalidInput as invalid:
        errors = {error.field: error.message for error in invalid.errors}
        return form_page(unit, lang, body["submission_id"], request.form, errors, request.form.get("form_token"))
    except abuse.RateLimited as limited:
        response = page("slow_down.html", 429, lang=lang, minutes=max(1, round(limited.retry_after / 60)))
        response.headers["Retry-After"] = str(limited.retry_after)
        return response
    return redirect(f"/r/{accepted.receipt}?lang={lang}", code=303)


def form_page(unit: Unit, lang: str, submission_id: str, given=None, errors=None, token: str | None = None) -> Response:
    """The form; a re-shown form keeps its submission id and the time it was first served."""
    valid_id = submission_id if submission_id and len(submission_id) <= 64 else str(uuid.uuid4())
    token = token if token and len(token) <= 80 else abuse.form_token(settings().submit_secret, valid_id)
    response = page("form.html", 422 if errors else 200, lang=lang, unit=unit, submission_id=valid_id,
                    form_token=token, given=given or {}, errors=errors or {},
                    summary=error_summary(unit, errors or {}, lang))
    response.headers["Cache-Control"] = "no-store"  # each copy of the form carries its own submission id
    return response


def error_summary(unit: Unit, errors: dict[str, str], lang: str) -> list[tuple[str, str]]:
    """(anchor, label) per error, in page order: "3. Waktu penyelesaian" links to its question."""
    places, number = {}, 0
    for questionnaire in unit.questionnaires():
        for item in questionnaire.items:
            number += 1
            places[f"answers.{item.code}"] = (f"q-{item.code}", f"{number}. {text(item.element, lang)}")
    ui = i18n.UI[lang]
    places |= {"profile.age": ("age", ui["age"]), "suggestion": ("suggestion", ui["suggestion"])}
    return [places.get(field, ("", field)) for field in places if field in errors] + \
        [("", field) for field in errors if field not in places]


def form_body(request: Request, unit: Unit, lang: str) -> dict:
    """The JSON contract's body from a plain HTML form post."""
    fields = request.form
    codes = [code for questionnaire in unit.questionnaires() for code in questionnaire.codes]
    answers = {code: _number(fields[code]) for code in codes if fields.get(code)}
    profile = {key: _number(fields[key]) if key == "age" else fields[key]
               for key in ("age", "gender", "education", "occupation", "service") if fields.get(key)}
    return {"submission_id": fields.get("submission_id", ""), "unit_id": unit.unit_id, "answers": answers,
            "profile": profile, "suggestion": fields.get("suggestion", ""), "lang": lang}


def _number(value: str) -> int | str:
    # isascii: str.isdigit() also accepts "²" and other digits int() refuses.
    text = value.strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 6 else value


def body_problem(request: Request, content_types: tuple[str, ...], lang: str) -> Response | None:
    """413 for a body over the limit, 415 for a content type the endpoint does not take."""
    too_big = body_too_big(request, MAX_BODY_BYTES, lang)
    if too_big:
        return too_big
    if request.mimetype not in content_types:
        return json_error(415, "unsupported_media", lang, field="Content-Type", expected=" / ".join(content_types))
    return None


def receipt_page(request: Request, receipt: str) -> Response:
    lang = request_lang(request)
    found = None
    if len(receipt) == RECEIPT_LENGTH and not set(receipt) - set(RECEIPT_ALPHABET):
        found = store().find_by_receipt(receipt)
    if found is None:
        return page("not_found.html", 404, lang=lang, message=i18n.UI[lang]["receipt_not_found"])
    return page("receipt.html", lang=lang, receipt=receipt, response=found,
                page_url=f"{settings().form_base_url}/r/{receipt}")


def api_submit(request: Request) -> Response:
    lang = request_lang(request)
    problem = body_problem(request, ("application/json",), lang)
    if problem:
        return problem
    body = request.get_json(silent=True)
    if body is None:
        return json_error(400, "invalid_json", lang)
    try:
        accepted = submission.accept(body, store(), limiter(), submission.Client(client_address(request)))
    except InvalidInput as invalid:
        return json_response({"errors": [error.as_dict() for error in invalid.errors]}, 422)
    except submission.UnknownUnit:
        return json_error(404, "unknown_unit", i18n.pick_lang(body.get("lang"), lang), field="unit_id")
    except abuse.RateLimited as limited:
        response = json_error(429, "rate_limited", lang, seconds=limited.retry_after)
        response.headers["Retry-After"] = str(limited.retry_after)
        return response
    return json_response({"receipt": accepted.receipt, "quarter": accepted.quarter}, 201 if accepted.created else 200)


def api_questionnaire(request: Request, unit_id: str) -> Response:
    """The unit's questionnaires as JSON, for kiosks and other apps."""
    unit = store().get_unit(unit_id)
    if unit is None:
        return json_error(404, "unknown_unit", request_lang(request), field="unit_id")
    response = json_response({
        "unit": unit.model_dump(mode="json", include={"unit_id", "name", "type", "surveys", "services"}),
        "questionnaires": [q.model_dump(mode="json") for q in unit.questionnaires()],
        "submit": {"url": "/api/v1/responses", "content_type": "application/json"},
    })
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


def health(request: Request) -> Response:
    return json_response({"status": "ok", "time": int(time.time())})


HANDLERS = {"units": units, "form": form, "receipt": receipt_page, "api_submit": api_submit,
            "api_questionnaire": api_questionnaire, "health": health}


@functions_framework.http
def submit(request: Request) -> Response:
    return finish(request, dispatch(ROUTES, request, HANDLERS))
