"""The engine's code holds general Russian and English only: no proper name of the bundled base.

Every entity's name and aliases (Russian and English) of four letters or more are looked for,
case-insensitively and as whole words, in the string literals of knowledge/*.py (docstrings and
comments are not code the engine runs, so they are skipped).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from knowledge.base.loader import load_knowledge

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"

# Names still in code: (file, name) -> why: general words that the bundled base also lists as an alias (a
# language's name, a region, a job title). The base's own colloquial forms, synonyms and subject are in its
# lexicon.yaml (issue #14, point 7).
_GENERAL = "a general word the bundled base also uses as an alias"
ALLOWED: dict[tuple[str, str], str] = {
    # language names, for «(in Russian)» after a citation
    ("answer.py", "russian"): _GENERAL, ("answer.py", "azerbaijani"): _GENERAL,
    ("model.py", "russian"): _GENERAL, ("model.py", "azerbaijani"): _GENERAL, ("model.py", "turkish"): _GENERAL,
    ("model.py", "armenian"): _GENERAL, ("model.py", "kazakh"): _GENERAL, ("model.py", "uzbek"): _GENERAL,
    ("model.py", "kyrgyz"): _GENERAL, ("model.py", "turkmen"): _GENERAL, ("replies.py", "russian"): _GENERAL,
    # english.py: English words for topics and nationality adjectives the lemmatiser knows
    ("english.py", "roadmap"): _GENERAL, ("english.py", "helicopter"): _GENERAL,
    ("english.py", "kremlin"): _GENERAL, ("english.py", "commonwealth"): _GENERAL,
    ("english.py", "russian"): _GENERAL, ("english.py", "azerbaijani"): _GENERAL, ("english.py", "azeri"): _GENERAL,
    ("english.py", "armenian"): _GENERAL, ("english.py", "turkish"): _GENERAL, ("english.py", "iranian"): _GENERAL,
    ("english.py", "kazakh"): _GENERAL, ("english.py", "uzbek"): _GENERAL, ("english.py", "caspian"): _GENERAL,
    # english.py rewrites: "fm" -> "foreign minister" is general
    ("english.py", "foreign minister"): _GENERAL, ("english.py", "foreign ministers"): _GENERAL,
    ("english.py", "foreign ministry"): _GENERAL,
    # verdict.py: names of parts of the world («на Кавказе» may hold the place a fact names)
    ("verdict.py", "кавказ"): _GENERAL, ("verdict.py", "закавказье"): _GENERAL,
    ("verdict.py", "республика"): _GENERAL,
}


def _names() -> set[str]:
    names: set[str] = set()
    for entity in load_knowledge().entities.values():
        for name in (entity.name, entity.name_en, *entity.aliases, *entity.aliases_en):
            if name and len(name) >= 4:
                names.add(name.lower().replace("ё", "е"))
    return names


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the constants that are docstrings (of the module, classes and functions)."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip]


def test_the_bundled_base_has_names_to_look_for() -> None:
    names = _names()
    assert "азербайджан" in names and len(names) > 50


def test_no_string_literal_in_the_engine_names_something_of_the_bundled_base() -> None:
    names = _names()
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)({alternatives})(?!\w)")
    found: list[str] = []
    for path in sorted(KNOWLEDGE.rglob("*.py")):
        for line, text in _literals(path):
            for match in pattern.finditer(text.lower().replace("ё", "е")):
                if (path.name, match.group(1)) not in ALLOWED:
                    found.append(f"{path.name}:{line}: {match.group(1)!r} in {text[:80]!r}")
    assert found == []
