"""Every Jinja environment, from one factory: autoescaped always, one per folder, built on first
use (a function that renders no page at a request never loads Jinja at cold start)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any


@cache
def environment(folder: Path, tidy: bool = False, **globals_: Any) -> Any:
    """The templates in `folder`; `tidy` drops the blank lines block tags leave (the citizen's form)."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    made = Environment(
        loader=FileSystemLoader(folder),
        autoescape=select_autoescape(default=True),
        trim_blocks=tidy,
        lstrip_blocks=tidy,
    )
    made.globals.update(globals_)
    return made
