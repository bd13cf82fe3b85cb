"""A base's own words live in its ``lexicon.yaml`` (topic names, /start examples), validated like the rest."""

from __future__ import annotations

from pathlib import Path

from builders import FACTS_FILE, FACTS_YAML, LEXICON_FILE, LEXICON_YAML, line_no, replace_once, write_base

from knowledge.base.loader import check_knowledge, load_knowledge
from knowledge.engine import Engine


def with_lexicon(tmp_path: Path, lexicon: str, **kwargs: object) -> Path:
    return write_base(tmp_path, files={LEXICON_FILE: lexicon}, **kwargs)  # type: ignore[arg-type]


def test_a_valid_lexicon_gives_the_base_its_topics_and_examples(tmp_path: Path) -> None:
    base = load_knowledge(with_lexicon(tmp_path, LEXICON_YAML))
    assert base.lexicon.topics["trade"] == ("торговля и товарооборот", "trade and turnover")
    assert base.lexicon.examples["ru"] == ("Когда установлены дипломатические отношения?",)
    engine = Engine(base)
    assert engine.examples("en") == ("When were diplomatic relations established?",)
    assert ("trade", "торговля и товарооборот") in engine.topic_list()


def test_a_base_without_lexicon_yaml_still_loads_and_answers(tmp_path: Path) -> None:
    base = load_knowledge(write_base(tmp_path, lexicon=None))
    assert base.lexicon.topics == {} and base.lexicon.examples == {}
    engine = Engine(base)
    found = engine.answer("Когда установлены дипломатические отношения?")
    assert found.answered and "1992" in str(found.to_dict())
    assert engine.examples("ru") == ()
    assert ("diplomacy", "diplomacy") in engine.topic_list()  # an undeclared topic is named by its key
    # small talk quotes a fact's own question instead of an example
    assert engine.answer("привет").lead.endswith(f"«{base.facts[0].questions[0]}»")


def test_bad_yaml_in_the_lexicon_is_reported_with_its_line(tmp_path: Path, expect_problem) -> None:
    root = with_lexicon(tmp_path, "topics:\n  trade: [never closed\n")
    expect_problem(root, LEXICON_FILE, 3, "YAML syntax error")  # the parser notices at the end of the file


def test_an_unknown_section_is_reported(tmp_path: Path, expect_problem) -> None:
    lexicon = LEXICON_YAML + "stopwords: [и, в]\n"
    root = with_lexicon(tmp_path, lexicon)
    expect_problem(root, LEXICON_FILE, line_no(lexicon, "stopwords"), "unknown section `stopwords`")


def test_topics_of_the_wrong_type_are_reported(tmp_path: Path, expect_problem) -> None:
    lexicon = "topics: [trade, diplomacy]\n"
    root = with_lexicon(tmp_path, lexicon)
    expect_problem(root, LEXICON_FILE, 1, "`topics` must be a mapping")


def test_a_topic_without_an_english_name_is_reported(tmp_path: Path, expect_problem) -> None:
    lexicon = replace_once(LEXICON_YAML, "{ru: торговля и товарооборот, en: trade and turnover}",
                           "{ru: торговля и товарооборот}")
    root = with_lexicon(tmp_path, lexicon)
    expect_problem(root, LEXICON_FILE, line_no(lexicon, "trade:"), "topic `trade`", "missing `en`")


def test_an_empty_topic_name_is_reported(tmp_path: Path, expect_problem) -> None:
    lexicon = replace_once(LEXICON_YAML, "{ru: торговля и товарооборот, en: trade and turnover}",
                           "\n    ru: ''\n    en: trade")
    root = with_lexicon(tmp_path, lexicon)
    expect_problem(root, LEXICON_FILE, line_no(lexicon, "ru: ''"), "topic `trade`", "`ru`", "non-empty text")


def test_examples_in_an_unknown_language_or_not_a_list_are_reported(tmp_path: Path, expect_problem) -> None:
    lexicon = replace_once(LEXICON_YAML, "  en:\n    - When were diplomatic relations established?\n",
                           "  de: [Wann?]\n")
    root = with_lexicon(tmp_path, lexicon)
    expect_problem(root, LEXICON_FILE, line_no(lexicon, "  de: ["), "unknown language `de`")
    lexicon = replace_once(LEXICON_YAML, "  ru:\n    - Когда установлены дипломатические отношения?\n",
                           "  ru: 42\n")
    root = with_lexicon(tmp_path / "again", lexicon)
    expect_problem(root, LEXICON_FILE, line_no(lexicon, "ru: 42"), "`examples`", "expected a list")


def test_a_topic_used_by_a_fact_but_not_declared_is_reported_at_the_fact(tmp_path: Path, expect_problem) -> None:
    facts = replace_once(FACTS_YAML, "    topic: diplomacy\n", "    topic: weather\n")
    root = with_lexicon(tmp_path, LEXICON_YAML, facts=facts)
    expect_problem(root, FACTS_FILE, line_no(facts, "topic: weather"), "`topic`", "expected one of", "'weather'",
                   LEXICON_FILE)


def test_a_lexicon_that_is_not_a_mapping_is_reported(tmp_path: Path) -> None:
    base, problems = check_knowledge(with_lexicon(tmp_path, "- trade\n- diplomacy\n"))
    assert base is None
    assert [str(p) for p in problems] == [f"{tmp_path / 'kb' / LEXICON_FILE}:1: expected a mapping of sections "
                                          "(topics, examples, subject, greeting, rewrites, synonyms)"]


def test_the_bundled_base_declares_every_topic_and_both_languages_of_examples() -> None:
    base = load_knowledge()
    assert {fact.topic for fact in base.facts} <= base.lexicon.topics.keys()
    assert len(base.lexicon.examples["ru"]) == len(base.lexicon.examples["en"]) == 3
    engine = Engine(base)
    assert engine.answer("привет").lead.endswith(f"«{base.lexicon.examples['ru'][0]}»")


def test_the_index_cache_key_covers_the_lexicon(tmp_path: Path) -> None:
    from knowledge.search.cache import content_key

    root = with_lexicon(tmp_path, LEXICON_YAML)
    before = content_key(root)
    (root / LEXICON_FILE).write_text(LEXICON_YAML.replace("торговля и товарооборот", "торговля"), encoding="utf-8")
    assert before is not None and content_key(root) not in (None, before)
