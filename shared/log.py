"""Logs as Cloud Logging reads them: standard `logging`, one JSON line per record on stderr with
`severity`, `message` and the record's fields (`extra=fields(...)`).

Never log a secret: a sign-in code, a token, a cookie or a key (docs/configuration-and-apis.md).
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

ROOT = "skm"


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {"severity": record.levelname, "message": record.getMessage(), **getattr(record, "fields", {})}
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


class _Stderr(logging.StreamHandler):
    """Writes each record whole (one write, under the handler's lock: parallel readers never run
    two entries into one line) to whatever `sys.stderr` is at the time."""

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


def logger(name: str) -> logging.Logger:
    """The logger of one part of the product (`skm.<name>`), writing JSON lines."""
    root = logging.getLogger(ROOT)
    if not root.handlers:
        handler = _Stderr()
        handler.setFormatter(JsonLines())
        root.addHandler(handler)
        root.setLevel(logging.INFO)
        root.propagate = False
    return logging.getLogger(f"{ROOT}.{name}")


def fields(**values: Any) -> dict[str, Any]:
    """A record's fields, as `extra`: `LOG.info("report rendered", extra=fields(report=name))`."""
    return {"fields": values}
