"""bench/synthetic_kb.py: the synthetic base loads cleanly, and --english adds a complete, faithful English layer
without changing a byte of the Russian one.

The scale benchmarks trust this generator: a base that fails validation, lacks English or states other numbers
in English would make the English index's timings meaningless.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from builders import load_script

from knowledge.base.loader import check_knowledge, knowledge_warnings
from knowledge.base.model import KnowledgeBase

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "bench" / "synthetic_kb.py"
FACTS = 300
PERSONS = 300
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# the English lines and inline figure keys --english adds; everything else must stay byte for byte
ENGLISH_LINE = re.compile(r"^ {4}(?:text_en|questions_en|name_en|role_en|aliases_en|publisher_en|title_en|language):"
                          r" .*\n", re.MULTILINE)
ENGLISH_FIGURE_KEY = re.compile(r', (?:unit_en|what_en): "(?:[^"\\]|\\.)*"')
# sha256 over (relative path, bytes) of the plain base above, as the generator wrote it before --english existed;
# change it only together with a deliberate change of the Russian templates or tables
PLAIN_DIGEST = "ef3b9893dc52b8e6baba6cdc4e5625cedc43562d7ccc00165fb90dc6215ac47e"


def _load_script() -> ModuleType:
    return load_script(SCRIPT)


@pytest.fixture(scope="module")
def bases(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same arguments written without and with --english."""
    synthetic_kb = _load_script()
    plain, english = tmp_path_factory.mktemp("plain"), tmp_path_factory.mktemp("english")
    synthetic_kb.generate(FACTS, plain, seed=3, n_persons=PERSONS, per_source=120)
    synthetic_kb.generate(FACTS, english, seed=3, n_persons=PERSONS, per_source=120, english=True)
    return plain, english


def _load(path: Path) -> KnowledgeBase:
    base, problems = check_knowledge(path)
    assert problems == []
    assert base is not None
    return base


def _files(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): p.read_text(encoding="utf-8") for p in sorted(root.rglob("*")) if p.is_file()}


def numbers(text: str, english: bool) -> list[str]:
    """The figures and dates of a text, «12 400» and "12,400", «4,4» and "4.4" alike."""
    grouped = r"(?<=\d),(?=\d{3}\b)" if english else r"(?<=\d) (?=\d{3}\b)"
    return sorted(n.replace(",", ".") for n in re.findall(r"\d+(?:[.,]\d+)?", re.sub(grouped, "", text)))


def test_numbers_helper() -> None:
    assert numbers("почти 12 400 тонн, 4,4 млрд в 2023 году, 5–6 марта", english=False) == \
        numbers("almost 12,400 tonnes, 4.4 billion in 2023, 5–6 March", english=True)
    assert numbers("4,4 млрд", english=False) != numbers("44 billion", english=True)


def test_without_the_flag_the_base_is_valid_and_has_no_english(bases: tuple[Path, Path]) -> None:
    plain, _ = bases
    base = _load(plain)
    assert len(base.facts) == FACTS
    assert all(not f.text_en and not f.questions_en for f in base.facts)
    assert all(not e.name_en for e in base.entities.values())
    assert len(knowledge_warnings(base)) == FACTS  # one "has no text_en" per fact
    assert not any("_en:" in text or "language:" in text for text in _files(plain).values())


def test_english_base_is_valid_and_complete(bases: tuple[Path, Path]) -> None:
    _, english = bases
    base = _load(english)
    assert knowledge_warnings(base) == []  # every fact has text_en, every figure what_en
    kinds = set()
    for fact in base.facts:
        kinds.add(fact.id.split("-")[0])
        questions = [q.lower() for q in fact.questions_en]
        assert 2 <= len(questions) <= 3 and len(set(questions)) == len(questions), fact.id
        assert fact.text_en[-1] == "." and not CYRILLIC.search(fact.text_en + "".join(questions)), fact.id
        assert all(f.unit_en and f.what_en for f in fact.figures), fact.id
        if fact.status == "planned":
            assert " is to " in fact.text_en, fact.id
        for person in (base.entities[ref] for ref in fact.participants if base.entities[ref].kind == "person"):
            assert person.name_en in fact.text_en, (fact.id, person.id)
    assert len(kinds) >= 15  # most templates appear in 300 facts (23 in all)
    for entity in base.entities.values():
        assert entity.name_en and entity.name_en not in entity.aliases_en, entity.id
        assert len(set(entity.aliases_en)) == len(entity.aliases_en), entity.id
        assert bool(entity.role_en) == (entity.kind == "person"), entity.id
    assert {(s.publisher_en, s.language) for s in base.sources.values()} == {("Synthetic Feed", "ru")}
    assert all(s.title_en for s in base.sources.values())


def test_english_texts_state_the_same_numbers_and_hedges(bases: tuple[Path, Path]) -> None:
    base = _load(bases[1])
    hedges = (("почти", "almost"), ("около", "about"), ("более|свыше", "more than"))
    for fact in base.facts:
        assert numbers(fact.text, english=False) == numbers(fact.text_en, english=True), (fact.text, fact.text_en)
        for russian, english in hedges:
            assert len(re.findall(rf"\b(?:{russian})\b", fact.text)) == len(re.findall(english, fact.text_en)), \
                (fact.text, fact.text_en)
    assert any(f.figures and f.figures[0].qualifier for f in base.facts)  # the hedge check had work to do


def test_the_russian_side_is_the_same_with_and_without_english(bases: tuple[Path, Path]) -> None:
    plain, english = bases
    plain_files, english_files = _files(plain), _files(english)
    assert plain_files.keys() == english_files.keys()
    for name, text in english_files.items():
        assert ENGLISH_FIGURE_KEY.sub("", ENGLISH_LINE.sub("", text)) == plain_files[name], name

    without, with_english = _load(plain), _load(english)
    bare = {f.id: dataclasses.replace(f, text_en="", questions_en=(), figures=tuple(
        dataclasses.replace(g, unit_en="", what_en="") for g in f.figures)) for f in with_english.facts}
    assert bare == {f.id: f for f in without.facts}
    assert {k: dataclasses.replace(e, name_en="", aliases_en=(), role_en="")
            for k, e in with_english.entities.items()} == without.entities
    assert {k: dataclasses.replace(s, publisher_en="", title_en="", language="")
            for k, s in with_english.sources.items()} == without.sources


def test_without_the_flag_the_output_is_what_it_always_was(bases: tuple[Path, Path]) -> None:
    """The English is derived from values already drawn and its questions come from a separate RNG: a random
    number drawn from the main RNG for English would shift every later Russian fact, in both modes alike."""
    digest = hashlib.sha256()
    for path in sorted(p for p in bases[0].rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(bases[0])).encode())
        digest.update(path.read_bytes())
    assert digest.hexdigest() == PLAIN_DIGEST


def test_the_command_line_writes_the_same_english_base_whatever_the_hash_seed(
        bases: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "cli"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, str(SCRIPT), "--facts", str(FACTS), "--out", str(out), "--seed", "3",
                    "--persons", str(PERSONS), "--facts-per-source", "120", "--english"],
                   check=True, capture_output=True, env=env, cwd=ROOT, timeout=60)
    assert _files(out) == _files(bases[1])
