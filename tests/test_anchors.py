"""Names beside the noun that gives them their part (knowledge/search/anchors.py)."""

from __future__ import annotations

import pytest

from knowledge.engine import Engine
from knowledge.search.anchors import anchored, contradicts, other_side
from knowledge.search.index import Index


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.from_path().prepare()


@pytest.fixture(scope="module")
def index(engine: Engine) -> Index:
    return engine.index


def test_a_name_in_the_genitive_after_a_noun_is_whose(index: Index) -> None:
    assert anchored("разговор прошёл по инициативе Баку", index) == {"инициатива": [("baku", "по инициативе баку")]}
    found = anchored("встреча министров иностранных дел России и Азербайджана", index)
    assert [ref for ref, _ in found["дело"]] == ["russia", "azerbaijan"]  # each of a list is


def test_a_subject_or_an_adjective_is_no_name_of_whose(index: Index) -> None:
    assert anchored("на учёбу Москва выделяет гранты", index) == {}  # the nominative: who gives
    assert anchored("об обучении азербайджанских студентов", index) == {}


def test_english_names_whose_by_of_and_the_possessive(engine: Engine) -> None:
    index = engine.sibling("en").index
    assert anchored("a call at Baku's initiative", index)["initiative"][0][0] == "baku"
    assert anchored("at the initiative of Moscow", index)["initiative"][0][0] == "moscow"
    assert anchored("Putin Aliyev Kremlin talks", index) == {}


def test_sides_differ_agree_or_say_nothing(index: Index) -> None:
    text = "Стипендии предоставляются гражданам Азербайджана, обучение проходит в российскую экономику."
    assert other_side(text, "russia", "гражданин", index)[0] == "differ"
    assert other_side(text, "baku", "гражданин", index) == ("agree", "")  # a capital speaks for its country
    assert other_side(text, "russia", "инициатива", index) == ("unknown", "")
    assert other_side("инвестиции в российскую экономику", "russia", "экономика", index) == ("agree", "")
    assert contradicts("сколько выделяют гражданам России", text, index)
    assert not contradicts("сколько выделяют гражданам Азербайджана", text, index)


@pytest.mark.parametrize(("question", "answered"), [
    ("Сколько стипендий Азербайджан ежегодно выделяет гражданам России?", False),
    ("Сколько стипендий ежегодно получают граждане Азербайджана?", True),
])
def test_a_fact_about_the_other_sides_citizens_does_not_tell(engine: Engine, question: str, answered: bool) -> None:
    answer = engine.answer(question)
    assert answer.answered == answered
    if answered:
        assert answer.facts == ("state-scholarships-200",)


def test_the_next_fact_that_tells_answers_when_the_closest_is_the_other_sides(engine: Engine) -> None:
    """«вложил в экономику России»: not the Russian investments in Azerbaijan's economy, which score as high."""
    answer = engine.answer("сколько азербайджан вложил в экономику россии")
    assert answer.answered and "investment-azerbaijan-in-russia" in answer.facts
    assert "investment-russia-accumulated" not in answer.facts


def test_people_from_a_country_are_its_people_whatever_they_are_called(bundled_engine: Engine) -> None:
    from knowledge.search.anchors import PEOPLE, anchored
    assert anchored("сколько гостей из России", bundled_engine.index) == {PEOPLE: [("russia", "гостей из россии")]}
    assert anchored("480 тысяч граждан Азербайджана", bundled_engine.index)[PEOPLE][0][0] == "azerbaijan"


def test_guests_counted_are_the_citizens_a_fact_counts_but_only_from_where_they_come(bundled_engine: Engine) -> None:
    visitors = "azerbaijani-visitors-russia-2023"
    answer = bundled_engine.answer("Сколько гостей из Азербайджана побывало в России в 2023 году?")
    assert answer.answered and answer.facts == (visitors,)
    wrong = bundled_engine.answer("Сколько гостей из России принял Азербайджан в 2023 году?")
    assert visitors not in wrong.facts or not wrong.answered


def test_students_from_a_country_are_its_people_too(bundled_engine: Engine) -> None:
    # scholarships for citizens of Azerbaijan are not scholarships for students from Russia
    answer = bundled_engine.answer("Сколько стипендий выделяют студентам из России?")
    assert not answer.answered or "state-scholarships-200" not in answer.facts
    assert bundled_engine.answer("Сколько стипендий выделяют студентам из Азербайджана?").answered
