"""The house's shape: pure rules, and no import circles anywhere in the product."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("shared", "functions", "skm")
RULES_MAY_IMPORT = ("shared.rules", "pydantic", "pydantic_core", "__future__")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    if parts[0] == "functions":  # a function's folder is its own root once deployed
        parts = parts[2:] if len(parts) > 2 else parts[1:]
    return ".".join(part for part in parts if part != "__init__")


def imports(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function, resolved to full names."""
    package = module_name(path).rsplit(".", 1)[0] if path.name != "__init__.py" else module_name(path)
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package.split(".")[: len(package.split(".")) - node.level + 1], base]).strip(".")
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def product_files() -> dict[str, Path]:
    return {module_name(p): p for folder in PRODUCT for p in (ROOT / folder).rglob("*.py")}


def test_rules_import_only_rules_the_standard_library_and_pydantic():
    wrong = {}
    for path in (ROOT / "shared" / "rules").rglob("*.py"):
        outside = {
            name
            for name in imports(path)
            if name.split(".")[0] not in sys.stdlib_module_names and not name.startswith(RULES_MAY_IMPORT)
        }
        if outside:
            wrong[path.name] = sorted(outside)
    assert not wrong, f"rules/ must stay pure: {wrong}"


def test_no_module_imports_itself_back_through_others():
    modules = product_files()
    edges = {
        name: {target for target in imports(path) if target in modules and target != name}
        for name, path in modules.items()
    }
    for name in modules:  # a package's face (__init__) is reached by importing its children; skip it
        if modules[name].name == "__init__.py":
            edges[name] = set()
    circles = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(edges[node]):
            if state.get(target) == 1:
                circles.append(trail[trail.index(target) :] + [target])
            elif target not in state:
                visit(target, [*trail, target])
        state[node] = 2

    for name in sorted(modules):
        if name not in state:
            visit(name, [name])
    assert not circles, "import circles: " + "; ".join(" -> ".join(c) for c in circles)


def test_no_test_module_imports_another():
    """What tests share lives in tests/helpers (and fixtures in conftest.py files)."""
    wrong = []
    for path in (ROOT / "tests").rglob("test_*.py"):
        for name in imports(path):
            if name.startswith("tests.") and not name.startswith("tests.helpers"):
                wrong.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not wrong, wrong
