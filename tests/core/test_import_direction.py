"""Imports run one way: tui → core. Nothing under src/core imports the TUI or Textual, even
inside a function, and the subcommands no longer import the click group they belong to."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[2] / "src" / "core"
FORBIDDEN = ("tui", "textual")


def imported_modules(source: str) -> list[tuple[int, str]]:
    """(line, module) of every import in ``source``, at any depth, with importlib's too."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Call) and _is_dynamic_import(node.func):
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.append((node.lineno, first.value))
    return found


def _is_dynamic_import(func: ast.expr) -> bool:
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in ("import_module", "__import__")


def _root(module: str) -> str:
    return module.split(".", 1)[0]


def test_the_scanner_sees_lazy_and_dynamic_imports():
    source = (
        "def later():\n    from tui.launch import launch\n"
        "import importlib\nimportlib.import_module('textual.app')\n"
        "if True:\n    import textual.widgets as w\n"
    )
    assert {_root(m) for _, m in imported_modules(source)} >= {"tui", "textual"}


@pytest.mark.parametrize("path", sorted(CORE.rglob("*.py")), ids=lambda p: str(p.relative_to(CORE)))
def test_core_never_imports_the_tui_or_textual(path: Path):
    offending = [
        f"{path.name}:{line} imports {module}"
        for line, module in imported_modules(path.read_text(encoding="utf-8"))
        if _root(module) in FORBIDDEN
    ]
    assert not offending


def test_the_subcommands_do_not_import_the_command_line_group():
    source = (CORE / "commands.py").read_text(encoding="utf-8")
    assert "core.cli" not in {module for _, module in imported_modules(source)}
