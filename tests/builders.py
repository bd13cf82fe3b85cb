"""Builders for small fact bases on disk, so every broken case is one small mutation.

``write_base(tmp_path)`` writes a minimal VALID base::

    kb/
      sources.yaml          SOURCES_YAML  (source `test-source`)
      texts/test.txt        SOURCE_TEXT
      entities.yaml         ENTITIES_YAML (russia, azerbaijan, putin, aliyev)
      facts/facts.yaml      FACTS_YAML    (relations-1992, trade-2023, talks-2024)

Each file's text can be replaced (``facts=...``), left out (``facts=None``) or
joined by more files (``files={"facts/more.yaml": ...}``). Mutations go through
``replace_once`` so a mutation that no longer matches fails loudly instead of
silently testing the valid base; ``line_no`` finds the 1-based line a problem
must point at, so no test hard-codes a line number.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

SOURCE_ID = "test-source"

SOURCE_TEXT = (
    "МОСКВА, 22 апр - Тест Новости. Дипломатические отношения установлены 4 апреля 1992 года.\n"
    "По итогам 2023 года товарооборот достиг почти 4,4 миллиарда долларов. "
    "Переговоры пройдут в понедельник.\n"
)

SOURCES_YAML = """\
# the one source of the test base
sources:
  - id: test-source
    publisher: Тест Новости
    title: "Тестовая справка"
    place: Москва
    published: "2024-04-22"
    url: http://example.org
    text_file: texts/test.txt
    about: [russia, azerbaijan]
"""

ENTITIES_YAML = """\
entities:
  - id: russia
    kind: country
    name: Россия
    aliases: [РФ, российский]
  - id: azerbaijan
    kind: country
    name: Азербайджан
  - id: putin
    kind: person
    name: Владимир Путин
    role: президент России
    country: russia
    aliases: [Путин]
  - id: aliyev
    kind: person
    name: Ильхам Алиев
    role: президент Азербайджана
    country: azerbaijan
"""

FACTS_YAML = """\
facts:
  - id: relations-1992
    topic: diplomacy
    date: "1992-04-04"
    participants: [russia, azerbaijan]
    text: >-
      Дипломатические отношения между Россией и Азербайджаном
      установлены 4 апреля 1992 года.
    quote: "Дипломатические отношения установлены 4 апреля 1992 года."
    source: test-source
    questions:
      - когда установили дипотношения
      - дата дипломатических отношений
  - id: trade-2023
    topic: trade
    date: "2023"
    figures:
      - value: 4.4
        unit: млрд долларов
        what: товарооборот России и Азербайджана
        period: "2023"
        qualifier: почти
    text: По итогам 2023 года товарооборот России и Азербайджана достиг почти 4,4 млрд долларов.
    quote: По итогам 2023 года товарооборот достиг почти 4,4 миллиарда долларов.
    source: test-source
    questions: [товарооборот 2023, сколько торгуют россия и азербайджан]
  - id: talks-2024
    topic: summits
    date: "2024-04-22"
    status: planned
    participants: [putin, aliyev]
    text: Переговоры Владимира Путина и Ильхама Алиева запланированы на 22 апреля 2024 года.
    quote: Переговоры пройдут в понедельник.
    source: test-source
    questions:
      - когда переговоры путина и алиева
      - переговоры в понедельник
"""

LEXICON_YAML = """\
# the base's own words: its topics (every fact's `topic` must be one) and example questions
topics:
  diplomacy: {ru: дипломатические отношения, en: diplomatic relations}
  summits: {ru: встречи президентов, en: presidential meetings}
  trade: {ru: торговля и товарооборот, en: trade and turnover}
  economy: {ru: экономическое сотрудничество, en: economic cooperation}
examples:
  ru:
    - Когда установлены дипломатические отношения?
  en:
    - When were diplomatic relations established?
"""

FACTS_FILE = "facts/facts.yaml"
LEXICON_FILE = "lexicon.yaml"
SOURCES_FILE = "sources.yaml"
ENTITIES_FILE = "entities.yaml"
TEXT_FILE = "texts/test.txt"
VALID_FACT_COUNT = 3
VALID_ENTITY_COUNT = 4

_KEEP: Any = object()  # sentinel: "use the default text"


def write_base(
    tmp_path: Path,
    *,
    sources: str | bytes | None = _KEEP,
    entities: str | bytes | None = _KEEP,
    facts: str | bytes | None = _KEEP,
    source_text: str | bytes | None = _KEEP,
    lexicon: str | bytes | None = None,
    files: Mapping[str, str | bytes] | None = None,
    name: str = "kb",
) -> Path:
    """Write a fact base under ``tmp_path/name`` and return that directory.

    Each of ``sources``/``entities``/``facts``/``source_text`` is the default
    valid text unless given: a str (written as UTF-8), raw bytes (written as
    they are, for encoding faults) or None (the file is not written).
    ``lexicon`` (``LEXICON_YAML`` or any text) adds a lexicon.yaml, which declares the
    topics facts may use; without it, any topic id is accepted.
    ``files`` adds or overwrites more files by path relative to the base.
    """
    root = tmp_path / name
    root.mkdir(parents=True, exist_ok=False)
    chosen: dict[str, str | bytes | None] = {
        SOURCES_FILE: SOURCES_YAML if sources is _KEEP else sources,
        ENTITIES_FILE: ENTITIES_YAML if entities is _KEEP else entities,
        FACTS_FILE: FACTS_YAML if facts is _KEEP else facts,
        TEXT_FILE: SOURCE_TEXT if source_text is _KEEP else source_text,
        LEXICON_FILE: lexicon,
    }
    chosen.update(files or {})
    for relative, content in chosen.items():
        if content is None:
            continue
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return root


def replace_once(text: str, old: str, new: str) -> str:
    """``text`` with the single occurrence of ``old`` replaced; fail if it is not exactly one."""
    count = text.count(old)
    if count != 1:
        raise AssertionError(f"mutation target {old!r} occurs {count} times, expected exactly once")
    return text.replace(old, new)


def line_no(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the ``occurrence``-th appearance of ``needle`` in ``text``."""
    index = -1
    for _ in range(occurrence):
        index = text.find(needle, index + 1)
        if index < 0:
            raise AssertionError(f"{needle!r} not found {occurrence} time(s)")
    return text.count("\n", 0, index) + 1


def fact_yaml(fact_id: str, *, quote: str = "Переговоры пройдут в понедельник.", extra: str = "") -> str:
    """One more valid fact record (list item text, without the `facts:` header)."""
    return (
        f"  - id: {fact_id}\n"
        "    topic: summits\n"
        '    date: "2024-04-22"\n'
        "    status: planned\n"
        "    text: Переговоры запланированы на 22 апреля 2024 года.\n"
        f"    quote: {quote}\n"
        "    source: test-source\n"
        "    questions: [когда переговоры, переговоры в апреле 2024]\n"
        f"{extra}"
    )


def load_script(path: Path) -> ModuleType:
    """A bench/ script imported as a module (they are scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the script is executed
    spec.loader.exec_module(module)
    return module
