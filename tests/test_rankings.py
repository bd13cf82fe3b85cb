"""The ranks the dates and figures give: occasions, the n-th one, the busiest period, the extreme figure."""

from __future__ import annotations

import pytest

from knowledge.engine import Engine
from knowledge.search.query import parse_query
from knowledge.search.rankings import (
    busiest_period,
    busiest_places,
    count_occasions,
    extreme_figure,
    nearest_occasion,
    nth_occasion,
    occasions,
)
from knowledge.search.scoring import rank
from knowledge.search.series import figure_series


def meetings(engine: Engine, question: str) -> list[list]:  # type: ignore[type-arg]
    query = parse_query(question, engine.index)
    return occasions(engine.special._events(query, [s for s in rank(query, engine.index) if s.allowed]))


def test_facts_of_one_day_are_one_occasion(bundled_engine: Engine) -> None:
    days = meetings(bundled_engine, "встречи путина и алиева в 2023")
    assert [day[0].entry.fact.date.iso for day in days] == ["2023-05-25", "2023-10-12"]
    assert len(days[0]) == 2  # the Kremlin talks and the trilateral after them


def test_the_nth_occasion_and_beyond(bundled_engine: Engine) -> None:
    days = meetings(bundled_engine, "встречи путина и алиева в 2022")
    second = nth_occasion(days, 2)
    assert second is not None and second.entry.fact.id == "summit-2022-06-29-ashgabat"
    assert nth_occasion(days, 0) is None and nth_occasion(days, len(days) + 1) is None


def test_overlapping_days_are_one_occasion(bundled_engine: Engine) -> None:
    """A visit of 5–6 March and its talks of 5 and of 6 March are one trip, not three."""
    facts = [f for f in bundled_engine.base.facts if f.id.startswith("government-2024-03")]
    assert len(facts) == 3 and count_occasions(facts) == 1
    year_and_day = [bundled_engine.fact("trade-2023-record"), bundled_engine.fact("summit-2023-10-12-bishkek")]
    assert count_occasions([f for f in year_and_day if f is not None]) == 2  # a year is no day of it


def test_talks_are_counted_by_their_own_days_within_a_visit(bundled_engine: Engine) -> None:
    """The talks of 5 and of 6 March are two talks; the visit spanning them is no third one."""
    facts = [f for f in bundled_engine.base.facts if f.id.startswith("government-2024-03")]
    assert count_occasions(facts, by_day=True) == 2
    visit = [f for f in facts if f.date.end > f.date.start]
    assert len(visit) == 1 and count_occasions(visit, by_day=True) == 1  # a span alone is still one


def test_the_nth_occasion_from_the_last(bundled_engine: Engine) -> None:
    days = meetings(bundled_engine, "встречи путина и алиева в 2022")
    last, penultimate = nth_occasion(days, -1), nth_occasion(days, -2)
    assert last is not None and last.entry.fact.date.iso == "2022-12-26"
    assert penultimate is not None and penultimate.entry.fact.date.iso == "2022-10-31"
    assert nth_occasion(days, -len(days) - 1) is None


def test_the_nearest_occasion_before_and_after_an_event(bundled_engine: Engine) -> None:
    days = meetings(bundled_engine, "встречи путина и алиева")
    astana = bundled_engine.fact("summit-2022-10-13-astana")
    assert astana is not None
    before, after = nearest_occasion(days, astana, "before"), nearest_occasion(days, astana, "after")
    assert before is not None and before.entry.fact.date.iso == "2022-10-07"  # never the event itself
    assert after is not None and after.entry.fact.date.iso == "2022-10-31"
    first = bundled_engine.fact("summit-2022-02-22-moscow-allied-declaration")
    assert first is not None and nearest_occasion(days, first, "before") is None


def test_the_busiest_period_and_ties(bundled_engine: Engine) -> None:
    days = meetings(bundled_engine, "встречи путина и алиева")
    year = busiest_period(days, monthly=False)
    assert year is not None and year[:2] == (2022, 0) and len(year[2]) == 7
    month = busiest_period(days, monthly=True)
    assert month is not None and month[:2] == (2022, 10) and len(month[2]) == 3
    two = meetings(bundled_engine, "встречи путина и алиева в 2023")
    assert busiest_period(two, monthly=True) is None  # May and October 2023: one each, a tie
    assert busiest_period([], monthly=False) is None


def test_the_busiest_places_and_ties(bundled_engine: Engine) -> None:
    about = bundled_engine.index.about  # the sides' own countries hold every visit: too wide to count
    ministers = busiest_places(meetings(bundled_engine, "встречи лаврова и байрамова"), besides=about)
    assert ministers is not None and ministers[:2] == (["moscow"], 3) and len(ministers[2]) == 3
    leaders = busiest_places(meetings(bundled_engine, "встречи путина и алиева"), besides=about)
    assert leaders is not None and sorted(leaders[0]) == ["moscow", "st-petersburg"] and leaders[1] == 2
    assert busiest_places(meetings(bundled_engine, "встречи путина и алиева в 2023"), besides=about) is None


@pytest.mark.parametrize(("question", "lead"), [
    ("Где чаще всего встречались Лавров и Байрамов?", "Чаще всего — Москва: 3 раза:"),
    ("Where did Lavrov and Bayramov meet most often?", "Most often — Moscow: 3 times:"),
    ("how often did putin and aliyev meet in 2023", "Twice (2) — according to the base:"),  # a count, not the most
])
def test_where_most_often_is_the_busiest_place(bundled_engine: Engine, question: str, lead: str) -> None:
    answer = bundled_engine.answer(question)
    assert answer.answered and answer.lead == lead


@pytest.mark.parametrize("question", ["Какой город чаще всего посещали министры?",
                                      "Какой город чаще всего посещают туристы?"])
def test_where_most_often_is_never_the_busiest_period(bundled_engine: Engine, question: str) -> None:
    """A place asked is answered by a place, or not at all: never «Чаще всего — 2023 год»."""
    answer = bundled_engine.answer(question)
    assert "год" not in answer.lead


def test_the_extreme_figure_needs_two_periods(bundled_engine: Engine) -> None:
    trade = [f for f in bundled_engine.base.facts if f.id in ("trade-2022", "trade-2023-record")]
    points = figure_series(trade, {"товарооборот"})
    growth = extreme_figure(points, growth=True, largest=True)
    level = extreme_figure(points, growth=False, largest=True)
    assert growth is not None and (growth[0].value, growth[2]) == (24, 2)
    assert level is not None and level[0].value == 4.4
    smallest = extreme_figure(points, growth=True, largest=False)
    assert smallest is not None and smallest[0].value == 17.5
    assert extreme_figure(points[:1], growth=True, largest=True) is None


@pytest.mark.parametrize(("question", "fact_id"), [
    ("С кем Мишустин провёл переговоры на второй день визита в Азербайджан?", "government-2024-03-06-mishustin-aliyev"),
    ("С кем встречался Мишустин в первый день своей поездки в Азербайджан?", "government-2024-03-05-mishustin-asadov"),
    ("Who did Mishustin hold talks with on the second day of his visit to Azerbaijan?",
     "government-2024-03-06-mishustin-aliyev"),
])
def test_a_day_of_a_visit_is_its_nth_day(bundled_engine: Engine, question: str, fact_id: str) -> None:
    answer = bundled_engine.answer(question)
    assert answer.answered and fact_id in answer.facts
    assert not {"government-2024-03-05-mishustin-asadov", "government-2024-03-06-mishustin-aliyev"} - {fact_id} \
        & set(answer.facts)  # not the other day's talks


def test_a_day_past_the_visit_is_no_day_of_it(bundled_engine: Engine) -> None:
    assert not bundled_engine.answer("С кем Мишустин встречался на третий день визита в Азербайджан?").answered
