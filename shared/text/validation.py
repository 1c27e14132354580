"""Turn bad input into field errors in the user's language."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import ValidationError

from shared.text.messages import message


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


class InvalidInput(Exception):
    """Raised with every field error found; nothing has been written."""

    def __init__(self, errors: Iterable[FieldError]):
        self.errors = list(errors)
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in self.errors))


# pydantic error type -> (message key, how to read its context)
_PYDANTIC_KEYS = {
    "missing": "required",
    "extra_forbidden": "unknown_field",
    "int_parsing": "not_a_number",
    "int_type": "not_a_number",
    "int_from_float": "not_a_number",
    "string_type": "not_text",
    "dict_type": "not_an_object",
    "model_type": "not_an_object",
    "model_attributes_type": "not_an_object",
    "string_too_long": "too_long",
    "greater_than_equal": "too_small",
    "less_than_equal": "too_large",
    "literal_error": "choose_one_of",
    "string_pattern_mismatch": "bad_format",
}


def from_pydantic(error: ValidationError, lang: str) -> InvalidInput:
    errors = []
    for item in error.errors():
        key = _PYDANTIC_KEYS.get(item["type"], "invalid")
        ctx = item.get("ctx") or {}
        values = {
            "max": ctx.get("max_length", ctx.get("le", "")),
            "min": ctx.get("ge", ""),
            "choices": str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", "),
        }
        field = ".".join(str(part) for part in item["loc"]) or "body"
        errors.append(FieldError(field, message(key, lang, **values)))
    return InvalidInput(errors)
