"""Readings compete (issue #14, point 3): a special reading switched on by one word («впервые», «после»)
does not take a question that one fact says word for word."""

from __future__ import annotations

from pathlib import Path

from builders import write_base

from knowledge.base.loader import load_knowledge
from knowledge.engine import Engine

TEXT = (
    "МОСКВА, 22 апр - Тест Новости. Президенты обсудили сотрудничество 5 мая 2019 года. "
    "Президенты впервые обсудили космическое сотрудничество 1 августа 2022 года. "
    "Президенты встретились в Сочи 7 июня 2021 года. Президенты встретились в Баку 9 июля 2022 года.\n"
)
FACTS = """\
facts:
  - id: talks-2019
    topic: summits
    date: "2019-05-05"
    participants: [putin, aliyev]
    text: Путин и Алиев обсудили сотрудничество 5 мая 2019 года.
    quote: Президенты обсудили сотрудничество 5 мая 2019 года.
    source: test-source
  - id: space-2022
    topic: summits
    date: "2022-08-01"
    participants: [putin, aliyev]
    text: Путин и Алиев впервые обсудили космическое сотрудничество 1 августа 2022 года.
    quote: Президенты впервые обсудили космическое сотрудничество 1 августа 2022 года.
    source: test-source
  - id: meeting-2021
    topic: summits
    date: "2021-06-07"
    participants: [putin, aliyev]
    text: Путин и Алиев встретились в Сочи 7 июня 2021 года и обсудили торговлю.
    quote: Президенты встретились в Сочи 7 июня 2021 года.
    source: test-source
  - id: meeting-2022
    topic: summits
    date: "2022-07-09"
    participants: [putin, aliyev]
    text: Путин и Алиев встретились в Баку 9 июля 2022 года и обсудили транспорт.
    quote: Президенты встретились в Баку 9 июля 2022 года.
    source: test-source
"""


def engine(tmp_path: Path) -> Engine:
    root = write_base(tmp_path, facts=FACTS, files={"texts/test.txt": TEXT})  # type: ignore[arg-type]
    return Engine(load_knowledge(root))


def test_a_fact_saying_the_ordinal_word_itself_is_answered(tmp_path: Path) -> None:
    built = engine(tmp_path)
    question = "Когда Путин и Алиев впервые обсудили космическое сотрудничество?"
    whole = built._whole_match(question, built._parse(question, built.today()))
    assert whole is not None and whole.entry.fact.id == "space-2022"
    found = built.answer(question)
    # the earliest of the facts sharing most of its words (2019) is not what it asks
    assert found.answered and [i.fact_id for i in found.items] == ["space-2022"]
    assert "1 августа 2022" in found.lead


def test_without_the_word_in_a_fact_the_ordinal_reading_still_ranks_events(tmp_path: Path) -> None:
    found = engine(tmp_path).answer("Когда Путин и Алиев впервые встретились?")
    # no fact says «впервые встретились»: the earliest meeting of the ones the base has
    assert found.items and found.items[0].fact_id in ("talks-2019", "meeting-2021")


def test_the_whole_match_needs_every_content_word_of_the_question(tmp_path: Path) -> None:
    built = engine(tmp_path)
    query = built._parse("Когда Путин и Алиев впервые обсудили космическое сотрудничество в Москве?",
                         built.today())
    assert built._whole_match("Когда Путин и Алиев впервые обсудили космическое сотрудничество в Москве?",
                              query) is None  # «Москва» is in no fact


def test_a_detail_of_an_action_needs_a_fact_stating_the_action(bundled_engine: Engine) -> None:
    """«когда X сделал Y»: a fact matching only the names (none of the words) does not state the action."""
    import dataclasses

    from knowledge.engine import _misses_action
    from knowledge.search.index import reader
    from knowledge.search.scoring import rank

    query = bundled_engine._parse("когда российские миротворцы подписали", bundled_engine.today())
    top = rank(query, bundled_engine.index)[0]
    analyse = reader(bundled_engine.index)
    names_only = dataclasses.replace(top, matched=frozenset())
    assert _misses_action(query, names_only, analyse)
    with_verb = dataclasses.replace(top, matched=frozenset(range(len(query.words.terms))))
    assert not _misses_action(query, with_verb, analyse)
    nouns = bundled_engine._parse("когда российские миротворцы", bundled_engine.today())
    assert not _misses_action(nouns, names_only, analyse)  # no action asked: nothing to miss


def test_an_action_the_base_never_names_is_missed_too(bundled_engine: Engine) -> None:
    """«когда миротворцы были введены»: a participle the dictionary knows and the base never uses is an action
    no fact matching only the names states."""
    import dataclasses

    from knowledge.engine import _misses_action
    from knowledge.search.index import reader
    from knowledge.search.scoring import rank

    query = bundled_engine._parse("когда российские миротворцы были введены", bundled_engine.today())
    assert any(not t.known for t in query.words.terms)
    top = rank(query, bundled_engine.index)[0]
    assert _misses_action(query, dataclasses.replace(top, matched=frozenset()), reader(bundled_engine.index))
