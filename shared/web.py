"""The one HTTP layer of the HTTP functions (Flask/Werkzeug, no cloud).

An `HttpApp` holds each endpoint once (`@app.route`), and on every request: refuses a body
over the limit (413), routes (404/405), maps the errors handlers raise to their status
(`HttpError`, and 500 for anything unexpected, logged, never leaked), and finishes every
response with the security headers and gzip.
"""

from __future__ import annotations

import gzip
import json
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as default
from typing import Any
from urllib.parse import urlsplit

from flask import Request, redirect
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound, RequestEntityTooLarge
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Response

from shared.log import fields, logger
from shared.outage import is_outage
from shared.text import messages

LOG = logger("web")

JSON_TYPE = "application/json; charset=utf-8"
HTML_TYPE = "text/html; charset=utf-8"
COMPRESS_MIN_BYTES = 1024

# No scripts, no external anything: the pages are plain HTML and inline CSS.
PAGE_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
# A PDF shown inline: the browser's own viewer needs its inline styles and an <embed>, which
# default-src 'none' would block (crbug.com/271452); the document can still not be framed.
DOCUMENT_POLICY = "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
RETRY_AFTER_SECONDS = 15


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(body, ensure_ascii=False), status=status, headers=headers, content_type=JSON_TYPE)


def json_error(status: int, key: str, lang: str = "id", field: str = "body", **values: Any) -> Response:
    return json_response({"errors": [{"field": field, "message": messages.message(key, lang, **values)}]}, status)


@dataclass
class HttpError(Exception):
    """Raised by a handler: answered as `{"errors": [{"field", "message"}]}` with `status`."""

    status: int
    key: str  # a message of the catalogue
    field: str = "body"
    values: dict[str, Any] = default(default_factory=dict)
    headers: dict[str, str] = default(default_factory=dict)

    def response(self, lang: str) -> Response:
        response = json_error(self.status, self.key, lang, self.field, **self.values)
        response.headers.update(self.headers)
        return response


def json_body(request: Request) -> Any:
    """The parsed JSON body; 400 for anything else, a body nested too deep for the parser included."""
    try:
        body = request.get_json(silent=True)
    except RecursionError:  # e.g. 16 KB of "[": json gives up on nesting before the size limit does
        body = None
    if body is None:
        raise HttpError(400, "invalid_json")
    return body


def cross_site(request: Request, own_url: str) -> bool:
    """A browser's POST sent from another site: what a state-changing request without a session
    yet (signing in) must refuse, or a page elsewhere could sign a person in as someone else.
    A browser says where it comes from in Sec-Fetch-Site (only our own pages post these forms);
    one that does not, by its Origin (else Referer) against this host and the deployment's own
    address. Our pages send no referrer, so a browser's Origin may be "null": then, and for a
    request with neither header (the CLI, a script), nothing tells, and it is not refused."""
    fetched_from = request.headers.get("Sec-Fetch-Site")
    if fetched_from:
        return fetched_from not in ("same-origin", "none")
    sent = request.headers.get("Origin") or request.headers.get("Referer")
    if not sent or sent == "null":
        return False
    return urlsplit(sent).netloc not in {request.host, urlsplit(own_url).netloc}


def request_lang(request: Request) -> str:
    """`?lang=` first, then the browser's Accept-Language, then Bahasa Indonesia."""
    chosen = request.args.get("lang")
    if chosen in messages.LANGS:
        return chosen
    return request.accept_languages.best_match(messages.LANGS, default="id") or "id"


Handler = Callable[..., Response]


ErrorPage = Callable[[int, str, str], Response]  # (status, message key, lang) -> an HTML page


class HttpApp:
    def __init__(self, max_body_bytes: int, pages: tuple[str, ...] = ()):
        """Paths under `pages` are what people open: `error_page` (once set) answers their 404
        and 503 in HTML; other paths (the APIs, downloads) get JSON."""
        self.max_body_bytes = max_body_bytes
        self.pages = pages
        self.error_page: ErrorPage | None = None
        self._map = Map()
        self._handlers: dict[str, Handler] = {}
        self._body_limits: dict[str, int] = {}

    def route(
        self, path: str, methods: tuple[str, ...] = ("GET",), max_body_bytes: int | None = None
    ) -> Callable[[Handler], Handler]:
        """Declare an endpoint: its path, methods, handler and, for an upload, its own body limit."""

        def register(handler: Handler) -> Handler:
            endpoint = handler.__name__
            if endpoint in self._handlers:
                raise ValueError(f"endpoint {endpoint} is declared twice")
            self._map.add(Rule(path, endpoint=endpoint, methods=list(methods)))
            self._handlers[endpoint] = handler
            self._body_limits[endpoint] = max_body_bytes or self.max_body_bytes
            return handler

        return register

    def endpoints(self) -> dict[str, tuple[str, tuple[str, ...]]]:
        """endpoint -> (path, methods): what the tests walk through."""
        return {
            rule.endpoint: (rule.rule, tuple(sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})))
            for rule in self._map.iter_rules()
        }

    def __call__(self, request: Request) -> Response:
        return finish(request, self._respond(request))

    def _respond(self, request: Request) -> Response:
        lang = request_lang(request)
        too_big = body_too_big(request, self.max_body_bytes, lang)
        try:
            rule, args = self._map.bind_to_environ(request.environ).match(return_rule=True)
            endpoint, route = rule.endpoint, rule.rule
        except NotFound:
            return self._redirect_to_page(request, above=False) or self._error(request, 404, "not_found", lang)
        except MethodNotAllowed as error:
            allowed = ", ".join(error.valid_methods or ())
            if moved := self._redirect_to_page(request, above=True):
                return moved
            if self._is_page(request.path):  # a person's page: an HTML answer, never JSON
                refused = self._error(request, 405, "method_not_allowed", lang)
                refused.headers["Allow"] = allowed
                return refused
            return json_error_with(405, "method_not_allowed", lang, "method", Allow=allowed)
        except HTTPException as error:  # e.g. a redirect for a missing trailing slash
            return error.get_response()
        limit = self._body_limits[endpoint]
        too_big = body_too_big(request, limit, lang) if limit != self.max_body_bytes else too_big
        if too_big:
            return too_big
        try:
            return self._handlers[endpoint](request, **args)
        except HttpError as error:
            if self._is_page(request.path):  # a person's page (e.g. a form posted by a script): HTML
                return self._error(request, error.status, "page_refused", lang)
            return error.response(lang)
        except RequestEntityTooLarge:  # a streamed body ran past request.max_content_length
            return json_error(413, "too_big", lang, max=limit)
        except Exception as error:  # never leak a traceback; log it for the operator
            # The route's pattern, never the path: a path may carry a one-time code or a secret.
            if is_outage(error):
                LOG.warning("store unavailable", extra=fields(endpoint=endpoint, route=route, error=repr(error)[:300]))
                return unavailable(self._error(request, 503, "unavailable_short", lang))
            LOG.error(
                "unhandled error",
                extra=fields(endpoint=endpoint, route=route, error=repr(error), traceback=traceback.format_exc()),
            )
            return json_error(500, "internal", lang)

    def _redirect_to_page(self, request: Request, above: bool) -> Response | None:
        """Where a person who opened a page's address the wrong way meant to go: `/u/x/` or
        `/U/x` to `/u/x`; with `above`, a form's address (POST only, e.g. reopened after a
        refused save) to the nearest page above it. None for the APIs (they answer JSON)."""
        if request.method not in ("GET", "HEAD") or not self._is_page(request.path):
            return None
        routes = self._map.bind("localhost")
        tried = [request.path.rstrip("/") or "/", request.path.rstrip("/").lower() or "/"]
        parts = request.path.rstrip("/").split("/")
        tried += ["/".join(parts[:end]) or "/" for end in range(len(parts) - 1, 0, -1)] if above else []
        for path in tried:
            if path == request.path:
                continue
            try:
                routes.match(path, "GET")
            except HTTPException:
                continue
            query = request.query_string.decode("latin-1")
            return redirect(path + (f"?{query}" if query else ""), code=303)
        return None

    def _is_page(self, path: str) -> bool:
        return bool(self.error_page) and path.startswith(self.pages) and not path.startswith("/api/")

    def _error(self, request: Request, status: int, key: str, lang: str) -> Response:
        if self.error_page and self._is_page(request.path):
            return self.error_page(status, key, lang)
        return json_error(status, key, lang)


def unavailable(response: Response) -> Response:
    """A 503 the client may retry: browsers, Cloud Run and our CLI honour Retry-After."""
    response.status_code = 503
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    return response


def json_error_with(status: int, key: str, lang: str, field: str, **headers: str) -> Response:
    response = json_error(status, key, lang, field)
    response.headers.update(headers)
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


def finish(request: Request, response: Response) -> Response:
    """Security headers on every response, and gzip where the client takes it: slow 2G/3G links pay per byte."""
    response.headers.update(SECURITY_HEADERS)
    document = response.mimetype == "application/pdf"
    response.headers["Content-Security-Policy"] = DOCUMENT_POLICY if document else PAGE_POLICY
    if (
        response.status_code < 300
        and not document
        and not response.direct_passthrough
        and "gzip" in request.headers.get("Accept-Encoding", "")
        and response.content_length
        and response.content_length >= COMPRESS_MIN_BYTES
        and "Content-Encoding" not in response.headers
    ):
        response.set_data(gzip.compress(response.get_data(), compresslevel=6))
        response.headers["Content-Encoding"] = "gzip"
        response.vary.add("Accept-Encoding")
    return response
