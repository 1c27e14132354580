"""Small HTTP helpers shared by the three functions (Flask/Werkzeug, no cloud)."""
from __future__ import annotations

import gzip
import json
import sys
import threading
import traceback
from typing import Any

from flask import Request, Response
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound, RequestEntityTooLarge
from werkzeug.routing import Map

from shared import i18n

JSON_TYPE = "application/json; charset=utf-8"
_LOG_LOCK = threading.Lock()


def log(severity: str, message: str, **fields: Any) -> None:
    """One JSON line on stderr: Cloud Logging reads `severity` and `message`.

    Written whole under a lock: `print` writes the text and the newline separately, and the
    parallel readers of the aggregation then ran two entries into one unparseable line."""
    line = json.dumps({"severity": severity, "message": message, **fields}, default=str) + "\n"
    with _LOG_LOCK:
        sys.stderr.write(line)
        sys.stderr.flush()


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(body, ensure_ascii=False), status=status, headers=headers, content_type=JSON_TYPE)


def json_error(status: int, key: str, lang: str = "id", field: str = "body", **values: Any) -> Response:
    return json_response({"errors": [{"field": field, "message": i18n.message(key, lang, **values)}]}, status)


SECURITY_HEADERS = {
    # No scripts, no external anything: the pages are plain HTML and inline CSS.
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
                               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
COMPRESS_MIN_BYTES = 1024


def finish(request: Request, response: Response) -> Response:
    """Security headers, and gzip where the client takes it: slow 2G/3G links pay per byte."""
    response.headers.update(SECURITY_HEADERS)
    if (response.status_code < 300 and not response.direct_passthrough and "gzip" in request.headers.get("Accept-Encoding", "")
            and response.content_length and response.content_length >= COMPRESS_MIN_BYTES
            and "Content-Encoding" not in response.headers):
        response.set_data(gzip.compress(response.get_data(), compresslevel=6))
        response.headers["Content-Encoding"] = "gzip"
        response.vary.add("Accept-Encoding")
    return response


def body_too_big(request: Request, limit: int, lang: str) -> Response | None:
    """413 for a declared body over `limit`; a streamed body is cut off at `limit` while read.

    Only the streamed case sets `max_content_length`: with a declared length, the framework's
    own read after the response would raise on it.
    """
    if request.content_length is None and request.headers.get("Transfer-Encoding"):
        request.max_content_length = limit
    if (request.content_length or 0) > limit:
        return json_error(413, "too_big", lang, max=limit)
    return None


def request_lang(request: Request) -> str:
    """`?lang=` first, then the browser's Accept-Language, then Bahasa Indonesia."""
    chosen = request.args.get("lang")
    if chosen in i18n.LANGS:
        return chosen
    return request.accept_languages.best_match(i18n.LANGS, default="id") or "id"


def dispatch(url_map: Map, request: Request, handlers: dict[str, Any]) -> Response:
    """Route a request to a handler; unknown paths and methods get JSON 404/405."""
    lang = request_lang(request)
    try:
        endpoint, args = url_map.bind_to_environ(request.environ).match()
    except NotFound:
        return json_error(404, "not_found", lang)
    except MethodNotAllowed as error:
        response = json_error(405, "method_not_allowed", lang, field="method")
        response.headers["Allow"] = ", ".join(error.valid_methods or ())
        return response
    except HTTPException as error:  # e.g. a redirect for a missing trailing slash
        return error.get_response()
    try:
        return handlers[endpoint](request, **args)
    except RequestEntityTooLarge:  # a streamed body ran past request.max_content_length
        return json_error(413, "too_big", lang, max=request.max_content_length)
    except Exception as error:  # never leak a traceback; log it for the operator
        log("ERROR", "unhandled error", endpoint=endpoint, error=repr(error), path=request.path,
            traceback=traceback.format_exc())
        return json_error(500, "internal", lang)
