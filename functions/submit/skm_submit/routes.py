"""The submit function's HTTP app and the pieces every citizen page uses; `citizen`, `api` and
`kiosk` declare their endpoints on `app`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Request
from werkzeug.wrappers import Response

from shared.bootstrap import services
from shared.rules import abuse, vocabulary
from shared.rules.questionnaire import text
from shared.templates import environment
from shared.text import messages
from shared.web import (
    HTML_TYPE,
    HttpApp,
    HttpError,
)

MAX_BODY_BYTES = 32 * 1024  # a full form with a 2,000-character suggestion is under 10 KB
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
app = HttpApp(MAX_BODY_BYTES, pages=("/",))


def templates() -> Any:
    return environment(
        Path(__file__).parent / "templates",
        tidy=True,
        text=text,
        EDUCATIONS=vocabulary.EDUCATIONS,
        OCCUPATIONS=vocabulary.OCCUPATIONS,
        HONEYPOT=abuse.HONEYPOT_FIELD,
    )


def client_address(request: Request) -> str:
    """The caller's address: the entry a trusted proxy appended to X-Forwarded-For, else the peer."""
    hops = services().settings.trusted_proxy_hops
    forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",") if part.strip()]
    if hops and len(forwarded) >= hops:
        return forwarded[-hops]
    return request.remote_addr or "unknown"


def page(name: str, status: int = 200, **context: Any) -> Response:
    lang = context.setdefault("lang", "id")
    context.setdefault("ui", messages.words(lang))
    context.setdefault("region", services().settings.region_name)
    response = Response(templates().get_template(name).render(**context), status=status, content_type=HTML_TYPE)
    response.headers["Content-Language"] = lang
    return response


def message_page(status: int, key: str, lang: str) -> Response:
    return page("not_found.html", status, lang=lang, message=messages.message(key, lang))


app.error_page = message_page


def require_type(request: Request, content_types: tuple[str, ...]) -> None:
    """415 for a content type the endpoint does not take."""
    if request.mimetype not in content_types:
        raise HttpError(415, "unsupported_media", "Content-Type", {"expected": " / ".join(content_types)})
