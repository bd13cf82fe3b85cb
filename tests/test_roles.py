"""knowledge.search.roles: «кто президент Азербайджана», «who is Lavrov» — who holds a role, sourced and dated."""

from __future__ import annotations

import pytest

from knowledge.engine import Engine
from knowledge.search.index import Index
from knowledge.search.query import parse_query
from knowledge.search.roles import asks_who_holds, counterparts, holders, role_lemmas


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.from_path()


@pytest.fixture(scope="module")
def index(engine: Engine) -> Index:
    return engine.index


def who(question: str, index: Index) -> tuple[str, ...] | None:
    return asks_who_holds(parse_query(question, index), index, role_lemmas(index))


@pytest.mark.parametrize(("question", "people"), [
    ("кто президент Азербайджана", ("aliyev",)),  # an alias that is a role
    ("кто такой Лавров", ("lavrov",)),  # a name: who they are
    ("как зовут министра иностранных дел Армении", ("mirzoyan",)),
    ("кто президент армении", ()),  # nobody in the base: not someone else's president
    ("кто министр сельского хозяйства России", ()),  # a role with what it is of: nobody in the base has it
    ("кто является министром иностранных дел Армении", ("mirzoyan",)),  # «кто является»: a person, not a status
])
def test_a_role_question_names_its_holders(index: Index, question: str, people: tuple[str, ...]) -> None:
    assert who(question, index) == people


def test_a_role_without_a_country_is_held_by_everyone_with_it(index: Index) -> None:
    assert set(who("кто президент", index) or ()) == {"putin", "aliyev"}
    # «глава МИД» names the ministry's term; its other name spells the role out
    assert set(who("кто глава МИД", index) or ()) == {"lavrov", "bayramov", "mirzoyan"}
    assert who("кто министр иностранных дел Армении", index) == ("mirzoyan",)
    assert who("кто возглавляет правительство азербайджана", index) == ("asadov",)  # «кто глава …»


@pytest.mark.parametrize("question", [
    "кто встречался с Алиевым",  # an event, not a role
    "кто президент Азербайджана в 2022 году",  # a period: about events
    "кто представляет правительство азербайджана",  # words beyond a role's name
    "когда Алиев был в Москве",  # not a «who» question
    "кто такие миротворцы",  # an organisation
])
def test_other_questions_are_not_role_questions(index: Index, question: str) -> None:
    assert who(question, index) is None


def test_a_counterpart_holds_the_same_role_in_another_country(index: Index) -> None:
    roles = role_lemmas(index)
    assert counterparts("aliyev", {"russia"}, index, roles) == ("putin",)
    assert counterparts("bayramov", {"armenia"}, index, roles) == ("mirzoyan",)
    assert counterparts("aliyev", {"armenia"}, index, roles) == ()  # no president of Armenia in the base


def test_a_holder_is_sourced_by_the_latest_fact_naming_them_in_the_role(index: Index) -> None:
    (holder,) = holders(("pashinyan",), index, role_lemmas(index))
    naming = [e for e in index.entries if "pashinyan" in e.people]
    assert holder.entry in naming
    assert holder.entry.fact.date.end == max(e.fact.date.end for e in naming)
    assert holder.line("ru") == "Никол Пашинян — премьер-министр Армении"
    assert holder.line("en") == "Nikol Pashinyan — Prime Minister of Armenia"


def test_the_engine_answers_a_role_with_its_date(engine: Engine) -> None:
    answer = engine.answer("кто президент Азербайджана?")
    assert answer.answered and answer.kind == "answer"
    assert answer.reply.startswith("Ильхам Алиев — президент Азербайджана.")
    assert "Должность — по данным РИА Новости на 22.04.2024." in answer.reply
    assert "aliyev" in engine.fact(answer.facts[0]).entity_ids  # type: ignore[union-attr]


def test_the_engine_answers_roles_in_english(engine: Engine) -> None:
    answer = engine.answer("who is Russia's prime minister?")
    assert answer.answered and answer.reply.startswith("Mikhail Mishustin — Prime Minister of Russia.")
    assert "Position as given by RIA Novosti as of 22.04.2024." in answer.reply


@pytest.mark.parametrize("question", ["кто президент Армении", "who is the president of armenia",
                                      "Кто является министром транспорта Азербайджана?"])
def test_a_role_nobody_holds_is_declined(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert not answer.answered and answer.kind == "decline"


@pytest.mark.parametrize(("first", "then", "lead"), [
    ("кто президент Азербайджана", "а России?", "Владимир Путин — президент России."),
    ("кто глава МИД Азербайджана", "а Армении?", "Арарат Мирзоян — министр иностранных дел Армении."),
    ("who is the foreign minister of russia", "and of azerbaijan?",
     "Jeyhun Bayramov — Minister of Foreign Affairs of Azerbaijan."),
])
def test_a_follow_up_country_asks_for_the_counterpart(engine: Engine, first: str, then: str, lead: str) -> None:
    answer = engine.answer(then, engine.answer(first).context)
    assert answer.answered and answer.reply.startswith(lead)


def test_who_met_someone_leads_with_the_others(engine: Engine) -> None:
    answer = engine.answer("кто встречался с Алиевым в Сочи")
    lead = answer.reply.split("\n", 1)[0]
    assert lead.startswith("Кто:") and "Путин" in lead and "Алиев" not in lead
