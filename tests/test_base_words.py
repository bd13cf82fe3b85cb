"""A base's colloquial forms, synonyms and subject live in its lexicon.yaml (issue #14, point 7), so that a
second base on another subject is answered with no change to the engine's code."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import LEXICON_FILE, LEXICON_YAML, line_no, write_base

from knowledge.base.loader import load_knowledge
from knowledge.engine import Engine
from knowledge.search.index import build_index
from knowledge.settings import EngineSettings
from knowledge.text.morphology import analyse
from knowledge.text.normalize import spell_out

SECOND_BASE = Path(__file__).resolve().parent / "fixtures" / "second_base"


def with_lexicon(tmp_path: Path, extra: str) -> Path:
    return write_base(tmp_path, files={LEXICON_FILE: LEXICON_YAML + extra})  # type: ignore[arg-type]


# -- spell_out: whole words, any case, inflected forms through a lemma ---------------------------------------
def test_spell_out_replaces_whole_words_in_any_letter_case() -> None:
    table = {"азер": "азербайджан", "rf": "russia"}
    assert spell_out("Азер и РФ", table) == "азербайджан и РФ"
    assert spell_out("азербайджанский азер-2 назер", table) == "азербайджанский азер-2 назер"
    assert spell_out("trade with RF?", table) == "trade with russia?"
    assert spell_out("что угодно", {}) == "что угодно"


def test_spell_out_reads_each_word_of_a_compound_of_words() -> None:
    table = {"азеры": "азербайджанцы"}
    assert spell_out("студенты-азеры в РФ", table) == "студенты азербайджанцы в РФ"
    assert spell_out("студенты-иностранцы", table) == "студенты-иностранцы"


def test_spell_out_finds_an_inflected_form_through_its_lemma() -> None:
    table = {"трехсторонка": "трехсторонние переговоры"}
    assert spell_out("итоги трехсторонки", table) == "итоги трехсторонки"  # no lemma: only the exact word
    lemma = lambda word: analyse(word).forms[0]  # noqa: E731
    assert spell_out("итоги трёхсторонки", table, lemma=lemma) == "итоги трехсторонние переговоры"


# -- validation with file:line --------------------------------------------------------------------------
@pytest.mark.parametrize(("extra", "anchor", "message"), [
    ("rewrites: [азер]\n", "rewrites", "`rewrites` must be a mapping"),
    ("rewrites:\n  ru:\n    два слова: что-то\n", "два слова", "must be one lowercase word"),
    ("rewrites:\n  ru:\n    азер: ''\n", "азер", "expected non-empty text"),
    ("rewrites:\n  de: {a: b}\n", "de: {a", "unknown language `de`"),
    ("synonyms:\n  ru: труба\n", "ru: труба", "expected a list of groups"),
    ("synonyms:\n  ru:\n    - [труба]\n", "[труба]", "two or more lowercase words"),
    ("synonyms:\n  ru:\n    - [труба, Газ Провод]\n", "[труба, Газ", "two or more lowercase words"),
    ("subject:\n  ru: ''\n", "ru: ''", "`subject`: `ru`: expected non-empty text"),
    ("greeting: привет\n", "greeting", "`greeting` must be a mapping"),
])
def test_a_malformed_section_is_reported_at_its_line(tmp_path: Path, expect_problem, extra: str, anchor: str,
                                                     message: str) -> None:
    text = LEXICON_YAML + extra
    expect_problem(with_lexicon(tmp_path, extra), LEXICON_FILE, line_no(text, anchor), message)


def test_valid_sections_are_read(tmp_path: Path) -> None:
    extra = ("subject: {ru: об этой базе, en: about this base}\n"
             "rewrites:\n  ru: {дипотн: дипломатические отношения}\n  en: {dr: diplomatic relations}\n"
             "synonyms:\n  ru:\n    - [товарооборот, коммерция]\n")
    lexicon = load_knowledge(with_lexicon(tmp_path, extra)).lexicon
    assert lexicon.subject == {"ru": "об этой базе", "en": "about this base"}
    assert lexicon.rewrites == {"ru": {"дипотн": "дипломатические отношения"}, "en": {"dr": "diplomatic relations"}}
    assert lexicon.synonyms == {"ru": (("товарооборот", "коммерция"),)}


# -- the engine reads them -----------------------------------------------------------------------------------
def test_a_rewrite_of_the_base_is_read_as_the_words_it_stands_for(tmp_path: Path) -> None:
    rules = EngineSettings(decision="rules")  # the words alone decide: the fitted model may guess either way
    plain = Engine(load_knowledge(write_base(tmp_path / "plain")), settings=rules)
    assert not plain.answer("когда установлены дипотн").answered  # no such word without the base's rewrite
    engine = Engine(load_knowledge(with_lexicon(tmp_path / "own", "rewrites:\n  ru: {дипотн: дипломатические "
                                                                    "отношения}\n")), settings=rules)
    found = engine.answer("когда установлены дипотн")
    assert found.answered and found.items[0].fact_id == "relations-1992"
    assert found.question == "когда установлены дипотн"  # the user's own words are kept in the answer


def test_a_synonym_of_the_base_merges_into_one_term_for_facts_and_questions(tmp_path: Path) -> None:
    base = load_knowledge(with_lexicon(tmp_path, "synonyms:\n  ru:\n    - [товарооборот, коммерция]\n"))
    index = build_index(base)
    assert dict(index.synonyms)["коммерция"] == "товарооборот"
    without = build_index(load_knowledge(write_base(tmp_path / "plain")))
    assert without.synonyms == ()
    rules = EngineSettings(decision="rules")  # the words alone decide: the fitted model may guess either way
    found = Engine(base, index=index, settings=rules).answer("какой объем коммерции в 2023 году")
    assert found.answered and found.items[0].fact_id == "trade-2023"
    unmerged = Engine(without.base, index=without, settings=rules).answer("какой объем коммерции в 2023 году")
    assert not unmerged.answered and found.score > unmerged.score


def test_small_talk_names_the_subject_the_base_declares(tmp_path: Path) -> None:
    engine = Engine(load_knowledge(with_lexicon(tmp_path, "subject: {ru: о погоде на Марсе, en: about Mars}\n")))
    assert "вопросы о погоде на Марсе" in engine.answer("привет").lead
    assert "questions about Mars" in engine.answer("hello there", lang="en").lead
    bare = Engine(load_knowledge(write_base(tmp_path / "bare")))
    assert "по этой базе фактов" in bare.answer("привет").lead


# -- a second base on another subject, with no code change ---------------------------------------------------
def test_the_second_base_loads_clean_with_its_own_words() -> None:
    base = load_knowledge(SECOND_BASE)
    assert len(base.facts) >= 30 and base.lexicon.rewrites["ru"] and base.lexicon.synonyms["ru"]
    assert sum(1 for fact in base.facts if not fact.questions) >= 10  # questions are optional


def test_the_second_base_reads_its_colloquial_forms_as_the_full_names() -> None:
    engine = Engine(load_knowledge(SECOND_BASE))
    table = engine.base.lexicon.rewrites["ru"]
    for short, full in table.items():
        if " " in full:
            continue
        spelled = engine._spell_out(f"что известно про {short}")
        assert spelled == f"что известно про {full}", short


# -- the bundled base: what moved out of the code still works -----------------------------------------------
def test_the_bundled_base_spells_out_its_colloquial_names(bundled_engine: Engine) -> None:
    assert bundled_engine._spell_out("сколько наших студентов в РФ") == "сколько российский студентов в россия"
    assert bundled_engine._spell_out("азеры и трехсторонке") == "азербайджанцы и трехсторонних переговорах"
    assert bundled_engine._spell_out("туристы в азике и в азе") == "туристы в азербайджан и в азербайджан"
    english = bundled_engine.sibling("en")
    assert english._spell_out("trade of RF and aze") == "trade of russia and azerbaijan"
    assert bundled_engine._spell_out("наш-то") == "наш-то"  # only whole words


def test_the_bundled_base_merges_its_event_synonyms(bundled_engine: Engine) -> None:
    from knowledge.search.index import reader

    ru = reader(bundled_engine.index)
    assert len({ru(word).lemmas[0] for word in ("погибли", "гибели", "убиты")}) == 1
    en = reader(bundled_engine.sibling("en").index)
    assert len({en(word).lemmas[0] for word in ("killed", "deaths", "died", "victims")}) == 1
    assert analyse("гибели").lemmas[0] == "гибель"  # general analysis knows nothing of this base's events


def test_a_fact_naming_a_document_is_found_by_the_word_document() -> None:
    """«какие документы подписали»: the kind of an entity a fact names is a word it can be found by."""
    base = load_knowledge(SECOND_BASE)
    index = build_index(base)
    posted = {index.entries[i].fact.id for i in index.postings.get("документ", ())}
    with_document = {f.id for f in base.facts if any(base.entities[r].kind == "document" for r in f.entity_ids)}
    assert with_document and posted >= with_document
    assert all(any(base.entities[r].kind == "document" for r in base.fact(i).entity_ids)  # type: ignore[union-attr]
               or "документ" in base.fact(i).text.lower() for i in posted)  # type: ignore[union-attr]


def test_a_count_of_documents_counts_the_documents_the_facts_name() -> None:
    """«сколько документов …» counts the distinct documents its facts name, not the facts."""
    from knowledge.evaluation import states_count

    engine = Engine(load_knowledge(SECOND_BASE))
    base = engine.base
    found = engine.answer("Сколько всего документов подписали стороны?")
    assert found.answered and found.kind == "list"
    named = {r for i in found.items for r in base.fact(i.fact_id).entity_ids  # type: ignore[union-attr]
             if base.entities[r].kind == "document"}
    assert len(named) >= 2 and len(named) != len(found.items)  # more documents than facts: documents counted
    assert states_count(found.reply, len(named))
