"""Front ends use the engine through ``knowledge``'s public interface only (knowledge/__init__.py).

handlers/ and bot/ importing a module inside knowledge/ would tie them to the engine's layout, which #14
reorganises into stages; and knowledge/ never imports Telegram.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import knowledge

ROOT = Path(__file__).resolve().parents[1]
FRONT_ENDS = sorted([*ROOT.glob("handlers/*.py"), *ROOT.glob("bot/*.py")])


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import in a file, function-level ones included."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


@pytest.mark.parametrize("path", FRONT_ENDS, ids=lambda p: str(p.relative_to(ROOT)))
def test_front_ends_import_only_the_public_interface(path: Path) -> None:
    inside = [f"{path.name}:{line}: {module}" for line, module in imports(path) if module.startswith("knowledge.")]
    assert not inside, "import from `knowledge` instead: " + "; ".join(inside)


def test_every_name_the_interface_exports_exists() -> None:
    assert FRONT_ENDS
    for name in knowledge.__all__:
        assert getattr(knowledge, name, None) is not None, name


def test_knowledge_never_imports_telegram() -> None:
    for path in sorted((ROOT / "knowledge").rglob("*.py")):
        assert not [m for _, m in imports(path) if m == "telegram" or m.startswith("telegram.")], path
