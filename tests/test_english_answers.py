"""English questions are answered in English: the English text, leads, source line and declines."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from knowledge.engine import Engine
from knowledge.search.series import Point

AFTER = dt.date(2026, 11, 26)


def test_an_english_question_gets_the_english_fact_and_source_line(bundled_engine: Engine) -> None:
    answer = bundled_engine.answer("What was the trade turnover in 2023?")
    fact = bundled_engine.fact("trade-2023-record")
    assert fact is not None and answer.lang == "en" and answer.facts == ("trade-2023-record",)
    assert fact.text_en in answer.reply and fact.text not in answer.reply
    assert "Source: RIA Novosti, 22 Apr 2024, http://ria.ru (in Russian)" in answer.reply
    assert "Figures for 2023, according to RIA Novosti as of 22.04.2024." in answer.reply
    assert answer.to_dict()["lang"] == "en"


@pytest.mark.parametrize(("question", "lead"), [
    ("when did putin and aliyev meet in samarkand", "16 September 2022."),
    ("where did putin and aliev meet in october 2023", "Where: Bishkek"),
    ("who met in sochi on 8 june 2023", "Who: Mikhail Mishustin"),
])
def test_typed_leads_in_english(bundled_engine: Engine, question: str, lead: str) -> None:
    answer = bundled_engine.answer(question)
    assert answer.answered and answer.lang == "en" and answer.lead.startswith(lead)


@pytest.mark.parametrize("question", ["what is the population of baku", "who won the 2018 world cup",
                                      "russia georgia trade 2023", "asdfgh qwerty",
                                      "trade between russia and moldova in 2023"])
def test_out_of_scope_english_is_declined_in_english(bundled_engine: Engine, question: str) -> None:
    answer = bundled_engine.answer(question)
    assert not answer.answered and answer.lang == "en"
    assert answer.reply.startswith(("The base has no answer", "The base has no exact answer", "The source"))
    assert "я знаю" not in answer.reply.lower()


def test_small_talk_in_english(bundled_engine: Engine) -> None:
    hello = bundled_engine.answer("hello there")
    assert hello.kind == "smalltalk" and hello.lang == "en" and hello.reply.startswith("Hello!")


def test_the_language_can_be_forced_and_a_hint_breaks_ties(bundled_engine: Engine) -> None:
    assert bundled_engine.answer("Putin Aliyev", hint="ru").lang == "ru"
    assert bundled_engine.answer("Putin Aliyev").lang == "en"  # no hint: Latin letters only is no Russian message
    # a question is read in its own language and answered in the one asked for (/language, --lang)
    forced = bundled_engine.answer("когда установлены дипломатические отношения", lang="en")
    fact = bundled_engine.fact("diplomacy-1992-04-04-relations-established")
    assert fact is not None and forced.lang == "en" and forced.facts == (fact.id,)
    assert fact.text_en in forced.reply and forced.lead == "4 April 1992." and "Source: RIA Novosti" in forced.reply
    russian = bundled_engine.answer("when were diplomatic relations established", lang="ru")
    assert russian.lang == "ru" and russian.facts == (fact.id,) and fact.text in russian.reply


def test_english_follow_ups(bundled_engine: Engine) -> None:
    first = bundled_engine.answer("trade turnover in 2022")
    second = bundled_engine.answer("and in 2023?", first.context)
    assert "trade-2022" in first.facts and second.facts == ("trade-2023-record",)
    source = bundled_engine.answer("source?", second.context)
    assert source.facts == second.facts and "RIA Novosti" in source.lead
    russian = bundled_engine.answer("а в 2022?", second.context)  # another language: a question of its own
    assert russian.lang == "ru"


def test_english_time_questions(bundled_engine: Engine) -> None:
    after = bundled_engine.answer("meetings of lavrov and bayramov last year", today=AFTER)
    assert not after.answered and after.lead.startswith("The base ends on 22 April 2024")
    planned = bundled_engine.answer("did the putin aliyev talks in moscow on 22 april 2024 take place", today=AFTER)
    assert not planned.answered


def test_a_base_without_translations_still_answers_russian(tmp_path, bundled_engine: Engine) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    from knowledge.base.model import KnowledgeBase

    base = bundled_engine.base
    bare = KnowledgeBase(base.sources, base.entities,
                         tuple(dataclasses.replace(f, text_en="", questions_en=()) for f in base.facts))
    engine = Engine(bare)
    english = engine.answer("when were diplomatic relations established")
    assert english.lang == "en" and not english.answered
    assert engine.answer("когда установлены дипломатические отношения").answered


def test_english_figures_across_periods(bundled_engine: Engine) -> None:
    answer = bundled_engine.answer("how did trade turnover change")
    assert answer.lang == "en" and answer.facts == ("trade-2022", "trade-2023-record")
    assert answer.lead == ("As the source gives it, by period:\n• 2022: 4 billion dollars, growth 24%\n"
                           "• 2023: almost 4.4 billion dollars, growth 17.5%")  # the source's own figures


def test_english_figure_leads_and_extremes(bundled_engine: Engine) -> None:
    answer = bundled_engine.answer("how many Russian tourists visited Azerbaijan in 2023")
    assert answer.lead.startswith("152.2 thousand tourists — tourists from Russia who visited Azerbaijan")
    answer = bundled_engine.answer("when was trade growth the largest")
    assert answer.answered and answer.lead.startswith("The most — 2022: growth 24%")


def test_series_lines_in_english_need_english_units(bundled_engine: Engine) -> None:
    fact = bundled_engine.fact("trade-2022")
    assert fact is not None
    figure = fact.figures[1]
    assert Point("2022 год", figure, None, fact, "2022").line("en") == "2022: 4 billion dollars"
    bare = dataclasses.replace(figure, unit="парсеков", unit_en="")
    assert Point("2022 год", bare, None, fact, "2022").line("en") == ""  # no English unit: no English line


def test_english_timelines_have_english_titles(bundled_engine: Engine) -> None:
    english = bundled_engine.sibling("en")
    found = english.timeline("lavrov 2024")
    assert found is not None and found.title == "2024 · Sergey Lavrov"
    answer = english.timeline_answer(found)
    assert answer.lead == "Timeline: 2024 · Sergey Lavrov — 1 event:" and answer.lang == "en"
    russian = bundled_engine.timeline("Лавров 2024")
    assert russian is not None and russian.title == "2024 год · Сергей Лавров"


def test_outside_a_country_in_english(bundled_engine: Engine) -> None:
    answer = bundled_engine.answer("meetings of putin and aliyev outside of russia")
    assert answer.answered and "summit-2022-09-16-samarkand" in answer.facts
    assert not any("moscow" in (bundled_engine.fact(f).places if bundled_engine.fact(f) else ()) for f in answer.facts)


@pytest.mark.parametrize("question", ["В каком городе работают сервисные центры КАМАЗ?",
                                      "Which city do the KAMAZ service centres operate in?"])
def test_a_centre_the_text_mentions_is_no_city_in_either_language(bundled_engine: Engine, question: str) -> None:
    """The fact says the centres work in the country the question names: it tells no city."""
    assert not bundled_engine.answer(question).answered


def test_a_plant_the_fact_names_is_a_place_in_english(bundled_engine: Engine) -> None:
    answer = bundled_engine.answer("Where are KAMAZ trucks assembled in Azerbaijan?")
    assert answer.answered and "ganja-auto-plant-kamaz-assembly" in answer.facts and "Ganja" in answer.lead


def test_together_says_nothing_a_fact_must_hold_as_vmeste_does(bundled_engine: Engine) -> None:
    answer = bundled_engine.answer("When were Putin and Aliyev together in Sochi?")
    assert answer.answered and answer.lead == "31 October 2022."


def test_two_way_trade_is_bilateral_trade(bundled_engine: Engine) -> None:
    answer = bundled_engine.answer("What did two-way trade between Russia and Azerbaijan amount to in 2022?")
    assert answer.answered and answer.facts == ("trade-2022",)


def test_a_half_year_in_english(bundled_engine: Engine) -> None:
    answer = bundled_engine.answer("meetings of putin and aliyev in the second half of 2022")
    assert answer.answered and "summit-2022-09-16-samarkand" in answer.facts
    assert "summit-2022-06-29-ashgabat" not in answer.facts  # June is the first half


def test_what_someone_said_in_english_is_not_answered_by_a_meeting_and_a_tag_question_adds_nothing() -> None:
    from knowledge.engine import Engine
    engine = Engine.from_path()
    assert not engine.answer("what did pashinyan say after the talks in sochi").answered
    assert engine.answer("what did aliyev say about territorial integrity").answered
    assert engine.answer("did aliyev say sorry to putin").answered


@pytest.mark.parametrize("question", ["name the russian energy firms doing business in azerbaijan",
                                      "please name the Russian energy companies working in Azerbaijan"])
def test_name_first_in_a_request_asks_for_the_things_not_for_a_name(bundled_engine: Engine, question: str) -> None:
    answer = bundled_engine.answer(question)
    assert answer.answered and "energy-russian-companies" in answer.facts, answer.reply
    assert "Gazprom" in answer.reply


def test_a_name_asked_for_is_still_a_name(bundled_engine: Engine) -> None:
    from knowledge.search.query import parse_query

    query = parse_query("what is the name of the plant in ganja", bundled_engine.sibling("en").index)
    assert query.intent.answer_type == "name"


def test_a_possessive_capital_after_in_is_no_place() -> None:
    """"in Baku's economy": the economy is where, Baku's stands for its country."""
    query = Engine.from_path().sibling("en")._parse("investment in baku's economy", dt.date(2024, 4, 22))
    assert "baku" not in query.scope.place_refs


def test_dates_from_is_when_it_was_made_not_a_date_asked() -> None:
    answer = Engine.from_path().answer("they say the intergovernmental mtc agreement dates from 2010")
    assert answer.verdict == "no" and "2003" in answer.reply.split("\n")[0], answer.reply


def test_a_measure_asked_needs_a_figure_of_it_in_english_too(bundled_engine: Engine) -> None:
    """"what trade turnover does the roadmap aim for": the roadmap states no figure of trade; the year's does."""
    assert not bundled_engine.answer("What trade turnover does the roadmap aim for?").answered
    assert bundled_engine.answer("What was the trade turnover in 2023?").answered


def test_so_far_asks_what_has_been_reached(bundled_engine: Engine) -> None:
    assert not bundled_engine.answer("How much cargo has the North-South corridor carried so far?").answered
    assert bundled_engine.answer("How much cargo is the North-South corridor to carry by 2030?").answered


def test_which_things_are_named_asks_for_them_not_for_a_name(bundled_engine: Engine) -> None:
    answer = bundled_engine.answer("Which Russian energy companies are named as operating in Azerbaijan?")
    assert answer.answered and answer.facts == ("energy-russian-companies",) and "Lukoil" in answer.reply
