"""Counts say the number first, in words, agreeing with what is counted («Две встречи», «Пять раз», "Twice"),
then the occasions (knowledge/answers/replies.py ``counted``, the engine's count answers)."""

from __future__ import annotations

import pytest

from knowledge.answers.compose import counted_noun
from knowledge.answers.replies import counted, number_words
from knowledge.engine import Engine
from knowledge.evaluation import states_count
from knowledge.search.query import parse_query


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.from_path().prepare()


@pytest.mark.parametrize(("count", "noun", "said"), [
    (1, "встреч", "Одна встреча"),
    (2, "встреч", "Две встречи"),
    (5, "встреч", "Пять встреч"),
    (21, "встреч", "Двадцать одна встреча"),
    (1, "визитов", "Один визит"),
    (3, "визитов", "Три визита"),
    (2, "поездок", "Две поездки"),
    (1, "", "Один раз"),
    (2, "", "Два раза"),
    (5, "", "Пять раз"),
    (22, "", "Двадцать два раза"),
    (3, "переговоров", "Три раза"),  # a word with no singular takes no numeral: counted as times
    (150, "встреч", "150 встреч"),  # large numbers in digits
])
def test_russian_counts_agree_with_the_noun(count: int, noun: str, said: str) -> None:
    assert counted(count, noun) == said


@pytest.mark.parametrize(("count", "noun", "one", "said"), [
    (1, "", "", "Once"),
    (2, "", "", "Twice"),
    (3, "times", "", "Three times"),
    (1, "meetings", "meeting", "One meeting"),
    (5, "meetings", "meeting", "Five meetings"),
    (21, "visits", "visit", "Twenty-one visits"),
    (120, "meetings", "meeting", "120 meetings"),
])
def test_english_counts(count: int, noun: str, one: str, said: str) -> None:
    assert counted(count, noun, "en", one=one) == said


def test_number_words_have_the_gender_of_the_noun() -> None:
    assert [number_words(n, gender="femn") for n in (1, 2, 31, 42)] == ["одна", "две", "тридцать одна", "сорок две"]
    assert [number_words(n, gender="neut") for n in (1, 2)] == ["одно", "два"]
    assert number_words(0) == "0" and number_words(100) == "100"


@pytest.mark.parametrize(("question", "noun"), [
    ("сколько встреч было у лаврова и байрамова", "встреч"),
    ("сколько раз встречались путин и алиев", ""),
    ("сколько было трехсторонних переговоров", "переговоров"),
    ("сколько визитов совершил мишустин", "визитов"),
])
def test_the_counted_noun_is_read_from_the_question(question: str, noun: str) -> None:
    assert counted_noun(question, "ru")[0] == noun


@pytest.mark.parametrize(("question", "count", "lead"), [
    ("сколько раз за 2022 год путин встречался с алиевым", 7, "Семь раз (7) — по данным базы:"),
    ("сколько встреч было у лаврова и байрамова в 2023 году", 5, "Пять встреч (5) — по данным базы:"),
    ("сколько раз мишустин встречался с асадовым", 2, "Два раза (2) — по данным базы:"),
    ("how many times did Putin and Aliyev meet in 2022", 7, "Seven times (7) — according to the base:"),
    ("how many meetings did Bayramov and Lavrov hold in 2023", 5, "Five meetings (5) — according to the base:"),
    # a name or an adverbial phrase between "how many" and the noun counted
    ("How many Putin–Aliyev meetings were held in December 2022?", 1, "One meeting (1) — according to the base:"),
    ("how many in-person meetings did putin and aliyev have in 2023", 2,
     "Two meetings (2) — according to the base:"),
    # «в общей сложности», "in total": how it is counted, no word a fact must hold
    ("сколько раз в общей сложности встречались лавров и байрамов в 2023 году", 5, "Пять раз (5) — по данным базы:"),
    ("how many times in total did lavrov and bayramov meet in 2023", 5, "Five times (5) — according to the base:"),
])
def test_a_count_says_its_number_first_then_lists_the_occasions(engine: Engine, question: str, count: int,
                                                                lead: str) -> None:
    answer = engine.answer(question)
    assert answer.answered and answer.kind == "list"
    assert answer.lead == lead
    assert states_count(answer.reply, count)
    dates = [fact.date.start for fact in (engine.fact(i) for i in answer.facts) if fact is not None]
    assert len(dates) >= count and dates == sorted(dates)  # the occasions follow, oldest first


@pytest.mark.parametrize(("question", "count"), [
    ("Сколько переговоров провёл Мишустин в Азербайджане в марте 2024 года?", 2),
    ("How many talks did Mishustin hold in Azerbaijan in March 2024?", 2),
    ("Сколько раз Мишустин приезжал в Азербайджан в марте 2024 года?", 1),  # one trip
])
def test_talks_are_counted_by_day_and_trips_by_trip(engine: Engine, question: str, count: int) -> None:
    answer = engine.answer(question)
    assert answer.answered and states_count(answer.reply, count), answer.reply[:80]


def test_one_occasion_is_said_in_the_singular(engine: Engine) -> None:
    answer = engine.answer("сколько раз алиев и путин виделись в казахстане")
    assert answer.lead.startswith("Один раз (1)")


def test_a_count_of_states_counts_those_that_took_part_not_where(engine: Engine) -> None:
    """The country of a summit's city is where it was held, not a state that took part: no count to give."""
    answer = engine.answer("Сколько стран участвовало в саммите в Ашхабаде?")
    assert not answer.answered and answer.kind == "partial" and "Ашхабад" in answer.reply
    signed = engine.answer("Сколько стран подписали декларацию о коридоре Север-Юг?")
    assert signed.answered and states_count(signed.reply, 3)


def test_the_number_of_things_counts_them_as_how_many_does(engine: Engine) -> None:
    """«какое число X» names what is counted as «сколько X» does (not «в число самых …», which is among)."""
    answer = engine.answer("Какое число государств подписало декларацию о коридоре Север-Юг?")
    assert answer.answered and states_count(answer.reply, 3)
    assert "государств" in answer.reply.split("\n", 1)[0]


def test_a_count_of_times_somewhere_counts_only_facts_set_there(engine: Engine) -> None:
    """A phone call or a statement, set nowhere in particular, is no time in the country asked about."""
    answer = engine.answer("Сколько раз Алиев бывал в России в 2023 году?")
    assert answer.answered and states_count(answer.reply, 2)
    assert "karabakh-2023-09-21-putin-aliyev-phone-call" not in answer.facts


def test_rounds_of_talks_are_counted_as_the_talks(engine: Engine) -> None:
    answer = engine.answer("Сколько раундов переговоров провёл Мишустин в Азербайджане в марте 2024 года?")
    assert answer.answered and states_count(answer.reply, 2)
    english = engine.answer("How many rounds of trilateral talks did Putin, Aliyev and Pashinyan hold?")
    assert english.answered and states_count(english.reply, 2)


@pytest.mark.parametrize("question", ["сколько переговоров провели представители Карабаха и Баку",
                                      "how many rounds of talks did Karabakh and Baku hold"])
def test_talks_a_fact_says_were_several_have_no_count(engine: Engine, question: str) -> None:
    # «несколько раундов переговоров»: one fact, no number — neither «один раз» nor any other count
    answer = engine.answer(question)
    assert not answer.answered and answer.kind == "partial"


def test_a_place_that_became_the_venue_is_where_they_were_counted(engine: Engine) -> None:
    answer = engine.answer("Сколько раз Сочи становился местом встреч?")
    assert answer.answered and states_count(answer.reply, 2)
    # «места» of students is no venue: the country there is where they come from, and «место» a word to find
    query = parse_query("Сколько студентов из Азербайджана занимают бюджетные места?", engine.index)
    assert "место" in {lemma for term in query.words.terms for lemma in term.lemmas}
