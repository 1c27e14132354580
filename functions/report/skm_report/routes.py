"""The report function's HTTP app; `api` and `area` declare their endpoints on it."""

from shared.web import HttpApp

MAX_BODY_BYTES = 64 * 1024  # a report request, a plan or a reply; anything larger is refused with 413
app = HttpApp(MAX_BODY_BYTES, pages=("/operator",))
