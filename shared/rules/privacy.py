"""What must not leave a unit: phone numbers, e-mail addresses, NIK and vehicle plates that
citizens type into the suggestion box. `mask` is applied wherever a suggestion is shown or
exported to anyone but the unit's own inbox (report quotes, the API, the bureau's workbooks)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

MASKS = {"email": "[email]", "nik": "[NIK]", "phone": "[nomor HP]", "plate": "[nomor polisi]"}

_PATTERNS = (  # order matters: an e-mail's digits are not a phone, a NIK is not a phone
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("nik", re.compile(r"(?<!\d)\d(?:[ .-]?\d){15}(?!\d)")),  # 16 digits, written in groups or not
    ("phone", re.compile(r"(?<![\w+])(?:\+62|62|0)[ .-]?8\d(?:[ .-]?\d){6,11}(?!\d)")),
    # B 1234 XYZ, BK1234AB; in lower case only with three or four digits ("di 3 jam" is no plate)
    ("plate", re.compile(r"\b(?!RP\b)[A-Z]{1,2} ?\d{1,4} ?[A-Z]{1,3}\b")),
    ("plate", re.compile(r"\b(?![rR][pP]\b)[a-zA-Z]{1,2} ?\d{3,4} ?[a-zA-Z]{1,3}\b")),
)


def mask(text: str | None) -> str:
    """`text` with every phone number, e-mail address, NIK and plate replaced by its kind."""
    masked = text or ""
    for kind, pattern in _PATTERNS:
        masked = pattern.sub(MASKS[kind], masked)
    return masked


def for_reader(docs: Iterable[dict[str, Any]], own_unit: bool) -> Iterator[dict[str, Any]]:
    """Responses as a reader may see them: as written for the unit's own operators, masked for
    anyone else (the bureau's workbooks and exports)."""
    for doc in docs:
        yield doc if own_unit or not doc.get("suggestion") else doc | {"suggestion": mask(doc["suggestion"])}
