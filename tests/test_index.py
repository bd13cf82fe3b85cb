"""The compiled index (knowledge/search/index.py): what a fact's entry says about it."""

from __future__ import annotations


def test_several_is_no_amount_but_several_hundred_is() -> None:
    from knowledge.search.index import _states_quantity
    from knowledge.text.language import lexicon_for

    lx = lexicon_for("ru")
    assert not _states_quantity([("несколько",), ("раунд",), ("переговоры",)], lx)
    assert _states_quantity([("несколько",), ("сотня",), ("студент",)], lx)
    assert _states_quantity([("около",), ("800",), ("компания",)], lx)


_REGION_ENTITIES = """\
  - id: norway
    kind: country
    name: Норвегия
  - id: sweden
    kind: country
    name: Швеция
  - id: france
    kind: country
    name: Франция
  - id: oslo
    kind: place
    name: Осло
    country: norway
  - id: paris
    kind: place
    name: Париж
    country: france
  - id: scandinavia
    kind: place
    name: Скандинавия
    name_en: Scandinavia
    countries: [norway, sweden]
"""


def _meeting(fact_id: str, place: str, date: str, city: str) -> str:
    return (f"  - id: {fact_id}\n    topic: summits\n    date: \"{date}\"\n    participants: [putin, aliyev]\n"
            f"    places: [{place}]\n    text: Путин и Алиев встретились в городе {city}.\n"
            "    quote: Переговоры пройдут в понедельник.\n    source: test-source\n")


def _region_engine(tmp_path):  # type: ignore[no-untyped-def]
    from builders import ENTITIES_YAML, FACTS_YAML, write_base

    from knowledge.engine import Engine
    facts = FACTS_YAML + _meeting("oslo-2023", "oslo", "2023-05-10", "Осло") + _meeting(
        "sweden-2023", "sweden", "2023-06-10", "в Швеции") + _meeting("paris-2023", "paris", "2023-07-10", "Париж")
    return Engine.from_path(write_base(tmp_path, entities=ENTITIES_YAML + _REGION_ENTITIES, facts=facts)).prepare()


def test_a_fact_set_in_a_country_of_a_region_is_set_in_the_region(tmp_path) -> None:  # type: ignore[no-untyped-def]
    engine = _region_engine(tmp_path)
    entries = {entry.fact.id: entry for entry in engine.index.entries}
    assert "scandinavia" in entries["oslo-2023"].places  # through its city's country
    assert "scandinavia" in entries["sweden-2023"].places  # through the country itself
    assert "scandinavia" not in entries["paris-2023"].places
    answer = engine.answer("Сколько раз Путин и Алиев встречались в Скандинавии?")
    assert answer.answered and set(answer.facts) == {"oslo-2023", "sweden-2023"}
    assert answer.lead.startswith("Два раза")
