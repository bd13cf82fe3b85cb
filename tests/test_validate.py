"""Broken fact bases: each is rejected with the right ``file:line: message`` and no traceback.

Every case is one small mutation of the valid base from tests/builders.py; the
expected line is found in the mutated text, never hard-coded.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from builders import (
    ENTITIES_FILE,
    ENTITIES_YAML,
    FACTS_FILE,
    FACTS_YAML,
    LEXICON_FILE,
    LEXICON_YAML,
    SOURCES_FILE,
    SOURCES_YAML,
    VALID_ENTITY_COUNT,
    VALID_FACT_COUNT,
    fact_yaml,
    line_no,
    replace_once,
    write_base,
)
from conftest import PROBLEM_LINE

from knowledge import check_knowledge
from knowledge.base.loader import Limits
from knowledge.base.yamlio import DEFAULT_MAX_FILE_BYTES, MAX_DEPTH

BILLION_LAUGHS = """\
# the classic: nine levels of ten aliases each expand to 10**9 strings
facts:
  - id: lol
    text: ok
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def facts_with(old: str, new: str) -> str:
    return replace_once(FACTS_YAML, old, new)


# ---- the valid base ------------------------------------------------------------------


def test_the_builder_base_is_valid(base_dir: Path, run_cli) -> None:
    base, problems = check_knowledge(base_dir)
    assert problems == []
    assert base is not None and len(base.facts) == VALID_FACT_COUNT
    result = run_cli(["check", str(base_dir)])
    assert result.code == 0
    # the builder base is Russian only: valid, with one warning per untranslated fact
    untranslated = [f"{base_dir / FACTS_FILE}:{line_no(FACTS_YAML, f'id: {i}')}: warning: fact `{i}` has no text_en"
                    for i in ("relations-1992", "trade-2023", "talks-2024")]
    assert result.err.splitlines() == untranslated
    assert result.out == (f"{VALID_FACT_COUNT} facts, 1 source, {VALID_ENTITY_COUNT} entities: OK, "
                          f"{VALID_FACT_COUNT} warnings\n")


# ---- YAML that cannot be read ----------------------------------------------------------


def test_bad_yaml_syntax_points_at_the_bad_line(tmp_path: Path, expect_problem) -> None:
    facts = facts_with("    topic: trade\n", "    topic: trade\n   date_typo: [\n")
    root = write_base(tmp_path, facts=facts)
    problem = expect_problem(root, FACTS_FILE, line_no(facts, "date_typo"), "YAML syntax error")
    assert problem.line > 1


def test_tab_indentation_is_a_syntax_error_on_its_line(tmp_path: Path, expect_problem) -> None:
    facts = facts_with("    topic: trade\n", "\ttopic: trade\n")
    root = write_base(tmp_path, facts=facts)
    expect_problem(root, FACTS_FILE, line_no(facts, "\ttopic"), "YAML syntax error")


def test_unclosed_quote_points_at_the_quote_not_at_the_end(tmp_path: Path, expect_problem) -> None:
    facts = facts_with(
        "    quote: Переговоры пройдут в понедельник.\n", '    quote: "Переговоры пройдут в понедельник.\n'
    )
    root = write_base(tmp_path, facts=facts)
    expect_problem(root, FACTS_FILE, line_no(facts, 'quote: "Переговоры'), "YAML syntax error", "unclosed quote")


def test_duplicate_key_in_a_record(tmp_path: Path, expect_problem) -> None:
    facts = facts_with("    topic: trade\n", "    topic: trade\n    topic: economy\n")
    root = write_base(tmp_path, facts=facts)
    expect_problem(root, FACTS_FILE, line_no(facts, "topic: economy"), "duplicate key `topic`")


def test_two_documents_in_one_file(tmp_path: Path, expect_problem) -> None:
    facts = FACTS_YAML + "---\nfacts: []\n"
    root = write_base(tmp_path, facts=facts)
    expect_problem(root, FACTS_FILE, line_no(facts, "---"), "more than one YAML document")


@pytest.mark.parametrize("content", ["", "\n  \n", "# only comments\n\n   # indented comment\n"])
def test_empty_and_comment_only_files(tmp_path: Path, expect_problem, content: str) -> None:
    root = write_base(tmp_path, files={"facts/empty.yaml": content})
    expect_problem(root, "facts/empty.yaml", 1, "empty file")


def test_non_utf8_file_reports_the_line_of_the_bad_byte(tmp_path: Path, expect_problem) -> None:
    raw = FACTS_YAML.encode("utf-8")
    marker = "text: По итогам".encode()
    raw = raw.replace(marker, marker + b" \xff\xfe", 1)
    root = write_base(tmp_path, facts=raw)
    line = line_no(FACTS_YAML, "text: По итогам")
    expect_problem(root, FACTS_FILE, line, "not UTF-8", "0xff")


def test_latin1_file_is_refused_with_its_line(tmp_path: Path, expect_problem) -> None:
    text = "# first line\nfacts:\n  - id: café\n"
    root = write_base(tmp_path, files={"facts/latin1.yaml": text.encode("latin-1")})
    expect_problem(root, "facts/latin1.yaml", 3, "not UTF-8", "0xe9")


def test_nul_byte_is_refused(tmp_path: Path, expect_problem) -> None:
    raw = FACTS_YAML.encode() + b"# trailer \x00\n"
    root = write_base(tmp_path, facts=raw)
    expect_problem(root, FACTS_FILE, FACTS_YAML.count("\n") + 1, "NUL")


def test_alias_bomb_is_refused_fast(tmp_path: Path, expect_problem) -> None:
    root = write_base(tmp_path, files={"facts/bomb.yaml": BILLION_LAUGHS})
    started = time.perf_counter()
    expect_problem(root, "facts/bomb.yaml", line_no(BILLION_LAUGHS, "&a"), "anchors are not allowed", "&a")
    assert time.perf_counter() - started < 5


def test_alias_without_anchor_is_refused(tmp_path: Path, expect_problem) -> None:
    facts = facts_with("    participants: [russia, azerbaijan]\n", "    participants: *who\n")
    root = write_base(tmp_path, facts=facts)
    expect_problem(root, FACTS_FILE, line_no(facts, "*who"), "aliases are not allowed", "*who")


def test_deep_nesting_is_refused(tmp_path: Path, expect_problem) -> None:
    deep = "[" * (MAX_DEPTH + 8) + "]" * (MAX_DEPTH + 8)
    facts = facts_with("    topic: trade\n", f"    topic: trade\n    related: {deep}\n")
    root = write_base(tmp_path, facts=facts)
    expect_problem(root, FACTS_FILE, line_no(facts, "related: [["), f"nesting deeper than {MAX_DEPTH}")


def test_oversized_file_against_a_small_limit(tmp_path: Path, expect_problem) -> None:
    padding = "# padding line to make the file big\n" * 100
    root = write_base(tmp_path, files={"facts/big.yaml": "facts: []\n" + padding})
    size = (root / "facts/big.yaml").stat().st_size
    others = [p.stat().st_size for p in root.rglob("*.yaml") if p.name != "big.yaml"]
    limit = max(others) + 1
    assert limit < size
    problem = expect_problem(
        root, "facts/big.yaml", 1, "file is too large", str(size), str(limit), limits=Limits(max_file_bytes=limit)
    )
    assert "limit" in problem.message
    base, problems = check_knowledge(root, limits=Limits(max_file_bytes=size))
    assert problems == [] and base is not None


def test_oversized_file_against_the_default_limit_of_the_cli(tmp_path: Path, expect_problem) -> None:
    root = write_base(tmp_path, files={"facts/huge.yaml": "facts: []\n"})
    os.truncate(root / "facts/huge.yaml", DEFAULT_MAX_FILE_BYTES + 1)  # sparse: cheap on disk
    expect_problem(root, "facts/huge.yaml", 1, "file is too large", str(DEFAULT_MAX_FILE_BYTES))


# ---- the shape of a file ---------------------------------------------------------------


def test_non_mapping_top_level(tmp_path: Path, expect_problem) -> None:
    text = "# a list where a mapping belongs\n- id: x\n- id: y\n"
    root = write_base(tmp_path, files={"facts/list.yaml": text})
    expect_problem(root, "facts/list.yaml", 2, "expected a mapping", "`facts`")


def test_scalar_top_level(tmp_path: Path, expect_problem) -> None:
    root = write_base(tmp_path, files={"facts/scalar.yaml": "just some text\n"})
    expect_problem(root, "facts/scalar.yaml", 1, "expected a mapping")


def test_unknown_section(tmp_path: Path, expect_problem) -> None:
    facts = FACTS_YAML + "notes:\n  - remember the milk\n"
    root = write_base(tmp_path, facts=facts)
    expect_problem(root, FACTS_FILE, line_no(facts, "notes:"), "unknown section `notes`")


def test_section_that_is_not_a_list(tmp_path: Path, expect_problem) -> None:
    text = "# facts as a mapping\nfacts:\n  id: x\n"
    root = write_base(tmp_path, files={"facts/map.yaml": text})
    expect_problem(root, "facts/map.yaml", 2, "`facts` must be a list")


@pytest.mark.parametrize("item", ['"just a sentence"', "", "[a, b]"])
def test_record_that_is_not_a_mapping_points_at_its_own_line(tmp_path: Path, expect_problem, item: str) -> None:
    facts = FACTS_YAML + f"  - {item}\n"
    root = write_base(tmp_path, facts=facts)
    expect_problem(root, FACTS_FILE, FACTS_YAML.count("\n") + 1, "fact: expected a mapping of fields")


def test_figure_that_is_not_a_mapping_points_at_its_own_line(tmp_path: Path, expect_problem) -> None:
    facts = facts_with("        qualifier: почти\n", "        qualifier: почти\n      - 17.5\n")
    root = write_base(tmp_path, facts=facts)
    expect_problem(root, FACTS_FILE, line_no(facts, "- 17.5"), "figure: expected a mapping of fields")


# ---- fields of a fact ------------------------------------------------------------------


def test_unknown_key(tmp_path: Path, expect_problem) -> None:
    facts = facts_with("    topic: trade\n", "    topic: trade\n    colour: red\n")
    root = write_base(tmp_path, facts=facts)
    expect_problem(root, FACTS_FILE, line_no(facts, "colour"), "fact `trade-2023`", "unknown key `colour`")


def test_unknown_figure_key(tmp_path: Path, expect_problem) -> None:
    facts = facts_with("        qualifier: почти\n", "        qualifier: почти\n        currency: usd\n")
    root = write_base(tmp_path, facts=facts)
    expect_problem(root, FACTS_FILE, line_no(facts, "currency"), "figure", "unknown key `currency`")


def test_missing_quote(tmp_path: Path, expect_problem) -> None:
    facts = facts_with('    quote: "Дипломатические отношения установлены 4 апреля 1992 года."\n', "")
    root = write_base(tmp_path, facts=facts)
    expect_problem(
        root, FACTS_FILE, line_no(facts, "id: relations-1992"), "fact `relations-1992`", "missing", "`quote`"
    )


def test_null_required_field_counts_as_missing(tmp_path: Path, expect_problem) -> None:
    facts = facts_with("    topic: trade\n", "    topic:\n")
    root = write_base(tmp_path, facts=facts)
    expect_problem(root, FACTS_FILE, line_no(facts, "id: trade-2023"), "missing required field `topic`")


def test_quote_not_in_the_source_text(tmp_path: Path, expect_problem) -> None:
    facts = facts_with(
        "    quote: По итогам 2023 года товарооборот достиг почти 4,4 миллиарда долларов.\n",
        "    quote: По итогам 2023 года товарооборот достиг 4,4 миллиарда долларов.\n",
    )
    root = write_base(tmp_path, facts=facts)
    expect_problem(
        root, FACTS_FILE, line_no(facts, "quote: По итогам"), "fact `trade-2023`", "quote not found verbatim"
    )


def test_quote_with_a_different_dash_is_not_verbatim(tmp_path: Path, expect_problem) -> None:
    source = "Азербайджан – важный партнер России. Переговоры пройдут в понедельник.\n"
    facts = facts_with('    quote: "Дипломатические отношения установлены 4 апреля 1992 года."\n',
                       "    quote: Азербайджан - важный партнер России.\n")
    facts = replace_once(facts, "    quote: По итогам 2023 года товарооборот достиг почти 4,4 миллиарда долларов.\n",
                         "    quote: Переговоры пройдут в понедельник.\n")
    root = write_base(tmp_path, facts=facts, source_text=source)
    expect_problem(root, FACTS_FILE, line_no(facts, "quote: Азербайджан"), "`relations-1992`", "not found verbatim")


@pytest.mark.parametrize(
    ("old", "new", "needle", "words"),
    [
        ("    questions: [товарооборот 2023, сколько торгуют россия и азербайджан]\n",
         "    questions: товарооборот 2023\n", "questions: товарооборот",
         ("`questions`", "expected a list of texts")),
        ("      - value: 4.4\n", "      - value: много\n", "value: много", ("figure", "`value`", "expected a number")),
        ("      - value: 4.4\n", '      - value: "4.4"\n', 'value: "4.4"', ("figure", "`value`", "expected a number")),
        ("      - value: 4.4\n", "      - value: true\n", "value: true", ("figure", "`value`", "expected a number")),
        ("      - value: 4.4\n", "      - value: .inf\n", "value: .inf", ("figure", "`value`", "expected a number")),
        ("      - value: 4.4\n", "      - value: 0x1F\n", "value: 0x1F", ("figure", "`value`", "expected a number")),
        ("    participants: [russia, azerbaijan]\n", "    participants: russia\n", "participants: russia",
         ("`participants`", "expected a list of ids")),
        ("    text: По итогам", "    text: 42\n    text_old: По итогам", "text: 42",
         ("`text`", "expected non-empty text")),
        ("    figures:\n", "    figures: 4.4\n    figures_old:\n", "figures: 4.4", ("`figures`", "list of figures")),
        ("    status: planned\n", "    status: maybe\n", "status: maybe", ("`status`", "done, planned", "'maybe'")),
        ("    status: planned\n", "    status: planned\n    unstated: [why]\n", "unstated: [why]",
         ("`unstated`", "who, where, when", "'why'")),
        ("  - id: trade-2023\n", "  - id: Trade 2023\n", "id: Trade 2023", ("`id`", "lowercase latin")),
        ("        period: \"2023\"\n", "        period: \"2023-14\"\n", "period:", ("`period`", "invalid date")),
    ],
    ids=["questions-string", "value-word", "value-quoted-number", "value-bool", "value-inf", "value-hex",
         "participants-string", "text-number", "figures-scalar", "status", "unstated", "id-pattern", "figure-period"],
)
def test_wrong_types(tmp_path: Path, expect_problem, old: str, new: str, needle: str, words: tuple[str, ...]) -> None:
    facts = facts_with(old, new)
    root = write_base(tmp_path, facts=facts)
    problems = check_knowledge(root)[1]
    line = line_no(facts, needle)
    # a mistyped field may bring an unknown-key companion (`text_old`), never more than that
    expect_problem(root, FACTS_FILE, line, *words, only=len(problems) == 1)
    assert all("unknown key" in p.message for p in problems if p.line != line)


@pytest.mark.parametrize("bad", ["2023-02-30", "2023-13", "2023-00", "2023-1", "22.04.2024", "2024-05-01/2024-04-01",
                                 "2023-02-29", "year 2023", "٢٠٢٣"])
def test_bad_date(tmp_path: Path, expect_problem, bad: str) -> None:
    facts = facts_with('    date: "2023"\n', f'    date: "{bad}"\n')
    root = write_base(tmp_path, facts=facts)
    expect_problem(root, FACTS_FILE, line_no(facts, bad), "fact `trade-2023`", "`date`", "invalid date")


def test_bad_unquoted_date_is_reported_too(tmp_path: Path, expect_problem) -> None:
    facts = facts_with('    date: "2023"\n', "    date: 2023-02-30\n")
    root = write_base(tmp_path, facts=facts)
    expect_problem(root, FACTS_FILE, line_no(facts, "2023-02-30"), "`date`", "invalid date")


def test_unknown_topic(tmp_path: Path, expect_problem) -> None:
    facts = facts_with("    topic: trade\n", "    topic: weather\n")
    root = write_base(tmp_path, facts=facts, files={LEXICON_FILE: LEXICON_YAML})
    expect_problem(root, FACTS_FILE, line_no(facts, "weather"), "`topic`", "expected one of", "diplomacy", "'weather'")


@pytest.mark.parametrize("count", [6, 9])
def test_too_many_questions(tmp_path: Path, expect_problem, count: int) -> None:
    questions = ", ".join(f"вопрос номер {i}" for i in range(count))
    facts = facts_with(
        "    questions: [товарооборот 2023, сколько торгуют россия и азербайджан]\n",
        f"    questions: [{questions}]\n",
    )
    root = write_base(tmp_path, facts=facts)
    expect_problem(root, FACTS_FILE, line_no(facts, "questions: ["), "expected 0 to 5 questions", f"got {count}")


@pytest.mark.parametrize("questions", ["", "    questions: []\n", "    questions: [товарооборот 2023]\n"])
def test_questions_are_optional(tmp_path: Path, questions: str) -> None:
    """An editor may add a fact without writing questions: it is found by its text, and offered by it."""
    facts = facts_with("    questions: [товарооборот 2023, сколько торгуют россия и азербайджан]\n", questions)
    base, problems = check_knowledge(write_base(tmp_path, facts=facts))
    assert problems == [] and base is not None
    [trade] = [f for f in base.facts if "4,4" in f.text]
    assert trade.questions == (("товарооборот 2023",) if "товарооборот" in questions else ())
    assert trade.shown_question() == (trade.questions[0] if trade.questions else trade.text)


def test_empty_question_text(tmp_path: Path, expect_problem) -> None:
    facts = facts_with("      - переговоры в понедельник\n", '      - "  "\n')
    root = write_base(tmp_path, facts=facts)
    expect_problem(root, FACTS_FILE, line_no(facts, "questions:\n      - когда переговоры"), "`questions`",
                   "non-empty")


# ---- English fields --------------------------------------------------------------------

TRADE_QUESTIONS = "    questions: [товарооборот 2023, сколько торгуют россия и азербайджан]\n"
PUTIN_ALIASES = "    aliases: [Путин]\n"
SOURCE_URL = "    url: http://example.org\n"


def english_base(tmp_path: Path, *, fact: str = "", entity: str = "", source: str = "") -> tuple[Path, str, str, str]:
    """The builder base with English lines added to `trade-2023`, `putin` and `test-source`."""
    facts = facts_with(TRADE_QUESTIONS, TRADE_QUESTIONS + fact)
    entities = replace_once(ENTITIES_YAML, PUTIN_ALIASES, PUTIN_ALIASES + entity)
    sources = replace_once(SOURCES_YAML, SOURCE_URL, SOURCE_URL + source)
    return write_base(tmp_path, facts=facts, entities=entities, sources=sources), facts, entities, sources


def test_english_fields_are_accepted_and_built(tmp_path: Path) -> None:
    root, *_ = english_base(
        tmp_path,
        fact="    text_en: >-\n      For 2023, trade between Russia and Azerbaijan\n"
             "      reached almost 4.4 billion dollars.\n"
             "    questions_en: [ Trade in 2023 , How much do Russia and Azerbaijan trade?]\n",
        entity="    name_en: Vladimir Putin\n    role_en: President of Russia\n"
               "    aliases_en: [Putin,  President Putin ]\n",
        source="    publisher_en: Test News\n    title_en: A test fact sheet\n    language: ru\n",
    )
    base, problems = check_knowledge(root)
    assert problems == [] and base is not None
    trade = base.fact("trade-2023")
    assert trade is not None
    assert trade.text_en == "For 2023, trade between Russia and Azerbaijan reached almost 4.4 billion dollars."
    assert trade.questions_en == ("Trade in 2023", "How much do Russia and Azerbaijan trade?")
    relations = base.fact("relations-1992")
    assert relations is not None and (relations.text_en, relations.questions_en) == ("", ())  # optional
    putin = base.entities["putin"]
    assert (putin.name_en, putin.role_en, putin.aliases_en) == ("Vladimir Putin", "President of Russia",
                                                                ("Putin", "President Putin"))
    assert putin.display_en() == "Vladimir Putin (President of Russia)"
    assert base.entities["aliyev"].display_en() == "Ильхам Алиев"  # no English name: the Russian one
    source = base.sources["test-source"]
    assert (source.publisher_en, source.title_en, source.language) == ("Test News", "A test fact sheet", "ru")
    assert source.citation_en() == "Test News, 22 Apr 2024, http://example.org (in Russian)"
    assert source.citation() == "Тест Новости, 22.04.2024 — http://example.org"  # the Russian line is unchanged


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Test News, 22 Apr 2024, http://example.org"),
     ("az", "Test News, 22 Apr 2024, http://example.org (in Azerbaijani)"),
     ("xh", "Test News, 22 Apr 2024, http://example.org (in xh)"),
     (None, "Test News, 22 Apr 2024, http://example.org")],
)
def test_the_english_citation_names_the_language_unless_english(tmp_path: Path, language: str | None,
                                                                  expected: str) -> None:
    lines = "    publisher_en: Test News\n" + (f"    language: {language}\n" if language else "")
    root, *_ = english_base(tmp_path, source=lines)
    base, problems = check_knowledge(root)
    assert problems == [] and base is not None
    assert base.sources["test-source"].citation_en() == expected


def test_the_english_citation_falls_back_to_the_russian_publisher(tmp_path: Path) -> None:
    base, problems = check_knowledge(english_base(tmp_path, source="    language: ru\n")[0])
    assert problems == [] and base is not None
    assert base.sources["test-source"].citation_en() == "Тест Новости, 22 Apr 2024, http://example.org (in Russian)"


@pytest.mark.parametrize(
    ("where", "lines", "needle", "words"),
    [
        ("fact", "    text_en: 42\n", "text_en", ("fact `trade-2023`", "`text_en`", "expected non-empty text")),
        ("fact", '    text_en: "   "\n', "text_en", ("`text_en`", "expected non-empty text")),
        ("fact", "    text_en: Товарооборот вырос.\n", "text_en", ("`text_en`", "expected English text", "'Т'")),
        ("fact", "    text_en: [Trade grew.]\n", "text_en", ("`text_en`", "expected non-empty text")),
        ("fact", "    questions_en: How much?\n", "questions_en", ("`questions_en`", "expected a list of texts")),
        ("fact", "    questions_en: []\n", "questions_en", ("`questions_en`", "expected 1 to 5 questions", "got 0")),
        ("fact", "    questions_en: [a, b, c, d, e, f]\n", "questions_en", ("expected 1 to 5 questions", "got 6")),
        ("fact", "    questions_en: [Trade?, 7]\n", "questions_en", ("`questions_en`", "non-empty text")),
        ("fact", "    questions_en: [Trade?, сколько?]\n", "questions_en", ("`questions_en`", "English text")),
        ("fact", "    texten: Trade grew.\n", "texten", ("unknown key `texten`", "text_en", "questions_en")),
        ("entity", "    name_en: [Putin]\n", "name_en", ("entity `putin`", "`name_en`", "non-empty text")),
        ("entity", "    name_en: Путин\n", "name_en", ("entity `putin`", "`name_en`", "English text")),
        ("entity", "    role_en: 1\n", "role_en", ("entity `putin`", "`role_en`", "non-empty text")),
        ("entity", "    aliases_en: Putin\n", "aliases_en", ("entity `putin`", "`aliases_en`", "a list of texts")),
        ("entity", "    aliases_en: [Putin, Путин]\n", "aliases_en", ("`aliases_en`", "English text", "'П'")),
        ("entity", "    alias_en: [Putin]\n", "alias_en", ("unknown key `alias_en`", "aliases_en")),
        ("source", "    publisher_en: 5\n", "publisher_en", ("source `test-source`", "`publisher_en`", "non-empty")),
        ("source", "    title_en: Справка\n", "title_en", ("source `test-source`", "`title_en`", "English text")),
        ("source", "    language: RU\n", "language", ("source `test-source`", "`language`", "ISO 639", "'RU'")),
        ("source", "    language: russian\n", "language", ("`language`", "ISO 639", "'russian'")),
        ("source", "    language: 7\n", "language", ("`language`", "ISO 639", "7")),
    ],
    ids=["text-number", "text-blank", "text-cyrillic", "text-list", "questions-string", "questions-empty",
         "questions-six", "questions-number", "questions-cyrillic", "fact-typo", "name-list", "name-cyrillic",
         "role-number", "aliases-string", "aliases-cyrillic", "entity-typo", "publisher-number", "title-cyrillic",
         "language-upper", "language-word", "language-number"],
)
def test_wrong_english_fields_are_reported_with_their_line(
    tmp_path: Path, expect_problem, where: str, lines: str, needle: str, words: tuple[str, ...]
) -> None:
    root, facts, entities, sources = english_base(tmp_path, **{where: lines})
    file, text = {"fact": (FACTS_FILE, facts), "entity": (ENTITIES_FILE, entities),
                  "source": (SOURCES_FILE, sources)}[where]
    # a rejected entity or source also leaves references to it dangling: those come on other lines
    expect_problem(root, file, line_no(text, f"    {needle}:"), *words, only=where == "fact")


# ---- references between records --------------------------------------------------------


def test_unknown_entity_reference(tmp_path: Path, expect_problem) -> None:
    facts = facts_with("    participants: [putin, aliyev]\n", "    participants: [putin, narnia]\n")
    root = write_base(tmp_path, facts=facts)
    expect_problem(root, FACTS_FILE, line_no(facts, "narnia"), "fact `talks-2024`", "unknown entity `narnia`",
                   "`participants`")


@pytest.mark.parametrize("field", ["places", "organisations", "related"])
def test_unknown_entity_in_other_reference_fields(tmp_path: Path, expect_problem, field: str) -> None:
    facts = facts_with("    topic: trade\n", f"    topic: trade\n    {field}: [russia, atlantis]\n")
    root = write_base(tmp_path, facts=facts)
    expect_problem(root, FACTS_FILE, line_no(facts, "atlantis"), "unknown entity `atlantis`", f"`{field}`")


def test_unknown_source(tmp_path: Path, expect_problem) -> None:
    facts = facts_with("    quote: Переговоры пройдут в понедельник.\n    source: test-source\n",
                       "    quote: Переговоры пройдут в понедельник.\n    source: nowhere\n")
    root = write_base(tmp_path, facts=facts)
    expect_problem(root, FACTS_FILE, line_no(facts, "source: nowhere"), "fact `talks-2024`", "unknown source `nowhere`")


def test_duplicate_id_across_two_files_names_the_first_definition(tmp_path: Path, expect_problem) -> None:
    more = "# a second facts file\nfacts:\n" + fact_yaml("trade-2023")
    root = write_base(tmp_path, files={"facts/more.yaml": more})
    first = f"{root / FACTS_FILE}:{line_no(FACTS_YAML, 'id: trade-2023')}"
    expect_problem(root, "facts/more.yaml", 3, "duplicate id `trade-2023`", f"first defined at {first}")


def test_duplicate_id_in_one_file(tmp_path: Path, expect_problem) -> None:
    facts = FACTS_YAML + fact_yaml("relations-1992")
    root = write_base(tmp_path, facts=facts)
    first = f"{root / FACTS_FILE}:{line_no(FACTS_YAML, 'id: relations-1992')}"
    expect_problem(root, FACTS_FILE, line_no(facts, "id: relations-1992", 2), f"first defined at {first})")


def test_reference_lines_come_from_the_first_definition(tmp_path: Path, expect_problem) -> None:
    # the rejected duplicate in more.yaml must not lend its lines to the first fact's problems
    facts = facts_with("    participants: [putin, aliyev]\n", "    participants: [putin, narnia]\n")
    more = "# pad\n# pad\n# pad\n# pad\nfacts:\n" + fact_yaml("talks-2024", extra="    participants: [putin]\n")
    root = write_base(tmp_path, facts=facts, files={"facts/more.yaml": more})
    expect_problem(root, FACTS_FILE, line_no(facts, "narnia"), "unknown entity `narnia`", only=False)
    expect_problem(root, "facts/more.yaml", 6, "duplicate id `talks-2024`", only=False)
    assert len(check_knowledge(root)[1]) == 2


def test_entity_with_unknown_country(tmp_path: Path, expect_problem) -> None:
    entities = replace_once(ENTITIES_YAML, "    country: azerbaijan\n", "    country: atlantis\n")
    root = write_base(tmp_path, entities=entities)
    expect_problem(root, ENTITIES_FILE, line_no(entities, "atlantis"), "entity `aliyev`", "unknown country")


def test_entity_country_that_is_not_a_country(tmp_path: Path, expect_problem) -> None:
    entities = replace_once(ENTITIES_YAML, "    country: azerbaijan\n", "    country: putin\n")
    root = write_base(tmp_path, entities=entities)
    expect_problem(root, ENTITIES_FILE, line_no(entities, "country: putin"), "`putin` is not a country")


def test_entity_of_unknown_kind(tmp_path: Path, expect_problem) -> None:
    entities = replace_once(ENTITIES_YAML, "    kind: person\n    name: Ильхам", "    kind: wizard\n    name: Ильхам")
    root = write_base(tmp_path, entities=entities)
    # the rejected entity also leaves the fact that names it with an unknown reference
    expect_problem(root, ENTITIES_FILE, line_no(entities, "wizard"), "entity `aliyev`", "`kind`", "'wizard'",
                   only=False)
    expect_problem(root, FACTS_FILE, line_no(FACTS_YAML, "[putin, aliyev]"), "unknown entity `aliyev`", only=False)


def test_source_about_unknown_entity(tmp_path: Path, expect_problem) -> None:
    sources = replace_once(SOURCES_YAML, "about: [russia, azerbaijan]", "about: [russia, mars]")
    root = write_base(tmp_path, sources=sources)
    expect_problem(root, SOURCES_FILE, line_no(sources, "about"), "source `test-source`", "unknown entity `mars`")


def test_source_with_bad_published_date(tmp_path: Path, expect_problem) -> None:
    sources = replace_once(SOURCES_YAML, '"2024-04-22"', '"2024-04-31"')
    root = write_base(tmp_path, sources=sources)
    problem = expect_problem(root, SOURCES_FILE, line_no(sources, "published"), "`published`", "invalid date",
                             only=False)
    assert problem.message.startswith("source `test-source`")


def test_source_text_file_missing(tmp_path: Path, expect_problem) -> None:
    root = write_base(tmp_path, source_text=None)
    expect_problem(root, SOURCES_FILE, line_no(SOURCES_YAML, "text_file"), "source text file not found", only=False)


def test_source_text_not_utf8(tmp_path: Path, expect_problem) -> None:
    root = write_base(tmp_path, source_text=b"\xff\xfe broken")
    expect_problem(root, SOURCES_FILE, line_no(SOURCES_YAML, "text_file"), "cannot read source text", only=False)


# ---- paths -----------------------------------------------------------------------------


def test_missing_directory(tmp_path: Path, expect_problem) -> None:
    missing = tmp_path / "no-such-base"
    expect_problem(missing, missing, 1, "no such file or directory")


def test_directory_without_yaml_files(tmp_path: Path, expect_problem) -> None:
    root = tmp_path / "empty-base"
    (root / "texts").mkdir(parents=True)
    (root / "README.txt").write_text("no yaml here\n", encoding="utf-8")
    (root / "facts.json").write_text("{}\n", encoding="utf-8")
    (root / ".hidden.yaml").write_text("facts: []\n", encoding="utf-8")
    expect_problem(root, root, 1, "no YAML files")


def test_every_problem_of_a_base_is_reported_at_once(tmp_path: Path, run_cli) -> None:
    facts = facts_with("    topic: trade\n", "    topic: weather\n")
    facts = replace_once(facts, "    participants: [putin, aliyev]\n", "    participants: [putin, narnia]\n")
    root = write_base(tmp_path, facts=facts, files={"facts/empty.yaml": "# nothing\n", LEXICON_FILE: LEXICON_YAML})
    base, problems = check_knowledge(root)
    assert base is None
    assert len(problems) == 3
    result = run_cli(["check", str(root)])
    assert result.code == 1
    lines = result.err.splitlines()
    assert lines[-1] == "3 problems found"
    assert sorted(lines[:-1]) == sorted(map(str, problems))


def test_subprocess_check_of_a_broken_base(tmp_path: Path) -> None:
    facts = facts_with("    topic: trade\n", "    topic: погода\n")
    root = write_base(tmp_path, facts=facts, files={LEXICON_FILE: LEXICON_YAML})
    env = dict(os.environ, PYTHONIOENCODING="ascii")  # Russian messages must print whatever the locale
    completed = subprocess.run(
        [sys.executable, "-m", "bot", "check", str(root)],
        capture_output=True, text=True, encoding="utf-8", timeout=120, env=env, check=False,
    )
    assert completed.returncode == 1
    assert "Traceback" not in completed.stderr
    assert completed.stdout == ""
    expected = f"{root / FACTS_FILE}:{line_no(facts, 'погода')}: fact `trade-2023`: `topic`: expected a topic id"
    assert any(line.startswith(expected) and "'погода'" in line for line in completed.stderr.splitlines())
    assert all(PROBLEM_LINE.match(line) for line in completed.stderr.splitlines()[:-1])


def test_a_base_without_any_questions_still_answers_from_the_texts(tmp_path: Path) -> None:
    from knowledge.engine import Engine

    kept, in_questions = [], False
    for line in FACTS_YAML.splitlines():
        in_questions = line.startswith("    questions:") or (in_questions and line.startswith("      - "))
        if not in_questions:
            kept.append(line)
    facts = "\n".join(kept) + "\n"
    root = write_base(tmp_path, facts=facts)
    base, problems = check_knowledge(root)
    assert problems == [] and base is not None and all(not f.questions for f in base.facts)
    answer = Engine.from_path(root).answer("какой товарооборот был у россии и азербайджана в 2023 году")
    assert answer.answered and any("4,4" in item.text for item in answer.items), answer.reply


def test_a_region_spans_only_known_countries(tmp_path: Path, expect_problem) -> None:
    region = "  - id: north\n    kind: place\n    name: Север\n    countries: [russia, putin]\n"
    root = write_base(tmp_path, entities=ENTITIES_YAML + region)
    expect_problem(root, ENTITIES_FILE, line_no(ENTITIES_YAML + region, "countries:"), "entity `north`",
                   "`putin` in `countries` is not a known country")
