"""The engine's stages depend one way: base → text → search → decision → answers → the engine on top.

A module may import its own stage and earlier ones, never a later one (no stage calls back up); the
top-level modules (engine, holder, settings, evaluation) may import any stage.
"""

from __future__ import annotations

import ast
from pathlib import Path

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"
STAGES = ("base", "text", "search", "decision", "answers")
SHARED = ("settings",)  # configuration every stage may read


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
    return found


def _stage_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "knowledge" or len(parts) < 2:
        return None
    return parts[1]


def test_every_stage_is_a_package_with_modules() -> None:
    for stage in STAGES:
        assert (KNOWLEDGE / stage / "__init__.py").is_file(), stage
        assert len(list((KNOWLEDGE / stage).glob("*.py"))) > 2, stage


def test_no_stage_imports_a_later_stage_or_the_engine_on_top() -> None:
    wrong: list[str] = []
    for at, stage in enumerate(STAGES):
        allowed = set(STAGES[:at + 1]) | set(SHARED)
        for path in sorted((KNOWLEDGE / stage).rglob("*.py")):
            for line, module in _imports(path):
                target = _stage_of(module)
                if target is not None and target not in allowed:
                    wrong.append(f"{stage}/{path.name}:{line} imports {module}")
    assert wrong == []


def test_the_checker_sees_a_backward_import(tmp_path: Path) -> None:
    sample = tmp_path / "x.py"
    sample.write_text("from knowledge.answers.replies import Phrases\nimport knowledge.engine\n", encoding="utf-8")
    assert [_stage_of(m) for _, m in _imports(sample)] == ["answers", "engine"]
