"""Timelines, filters by period and figures across periods."""

from __future__ import annotations

import re

import pytest

from knowledge.engine import Engine
from knowledge.search.timeline import build_timeline, request_token


@pytest.mark.parametrize(("request_text", "title"), [
    ("", "все события"), ("2023", "2023 год"), ("2020-2022", "2020–2022 годы"), ("с 2020 по 2022", "2020–2022 годы"),
    ("Лавров", "Сергей Лавров"), ("лаврова", "Сергей Лавров"), ("торговля", "Торговля и товарооборот"),
    ("Алиев 2023", "2023 год · Ильхам Алиев"),
])
def test_requests_become_tokens_that_rebuild_the_timeline(bundled_engine: Engine, request_text: str,
                                                          title: str) -> None:
    found = bundled_engine.timeline(request_text)
    assert found is not None and found.title == title
    again = bundled_engine.timeline_by_token(found.token)
    assert again == found
    assert len(found.token.encode()) <= 40  # fits a 64-byte callback with its page number
    dates = [(f.date.start, f.date.end) for f in found.facts]
    assert dates == sorted(dates)
    assert not any(f.as_of for f in found.facts)  # states of affairs are not events


def test_filters_hold(bundled_engine: Engine) -> None:
    year = bundled_engine.timeline("2022")
    lavrov = bundled_engine.timeline("лавров")
    assert year is not None and lavrov is not None
    assert all(f.date.start.year <= 2022 <= f.date.end.year for f in year.facts)
    assert all("lavrov" in f.entity_ids for f in lavrov.facts)
    everything = bundled_engine.timeline("")
    assert everything is not None and set(year.facts) < set(everything.facts)


@pytest.mark.parametrize("token", ["", "zzz", "y20x", "e000000000000", "tnope", "y2023.", "a.x"])
def test_malformed_tokens_rebuild_nothing(bundled_engine: Engine, token: str) -> None:
    assert build_timeline(token, bundled_engine.index) is None


def test_unclear_requests_are_refused(bundled_engine: Engine) -> None:
    assert request_token("абракадабра", bundled_engine.index) is None


def test_timeline_pages(bundled_engine: Engine) -> None:
    found = bundled_engine.timeline("2023")
    assert found is not None
    first = bundled_engine.timeline_answer(found, page=0, per_page=10)
    last = bundled_engine.timeline_answer(found, page=99, per_page=10)
    assert first.lead.startswith(f"Хронология: 2023 год — {len(found.facts)} событ") and "(1/" in first.lead
    assert first.items[0].fact_id == found.facts[0].id and len(first.items) == 10
    assert last.items[-1].fact_id == found.facts[-1].id  # a page past the end shows the last one


@pytest.mark.parametrize("question", ["как менялся товарооборот", "динамика товарооборота", "товарооборот по годам",
                                      "сравни товарооборот 2022 и 2023", "как менялся товарооборот с 2020 по 2023"])
def test_figures_across_periods_as_the_source_gives_them(bundled_engine: Engine, question: str) -> None:
    answer = bundled_engine.answer(question)
    assert answer.facts == ("trade-2022", "trade-2023-record")
    lines = answer.lead.splitlines()[1:]
    assert lines == ["• 2022 год: 4 млрд долларов, рост 24%", "• 2023 год: почти 4,4 млрд долларов, рост 17,5%"]
    # no number the source does not state
    source = " ".join(f.text for f in (bundled_engine.fact(i) for i in answer.facts) if f)
    stated = set(re.findall(r"\d+(?:,\d+)?", source))
    assert set(re.findall(r"\d+(?:,\d+)?", answer.lead)) <= stated


def test_a_single_period_is_said_to_be_one(bundled_engine: Engine) -> None:
    answer = bundled_engine.answer("как менялись инвестиции россии в азербайджан")
    assert answer.lead.startswith("В источнике есть цифра только за один период")
    assert not answer.answered and answer.kind == "partial"  # a change asked: one figure is the closest, no answer


def test_a_single_period_that_states_its_change_answers(bundled_engine: Engine) -> None:
    answer = bundled_engine.answer("как изменилось число азербайджанцев которые ездят в россию")
    assert answer.answered and "45,4" in answer.reply


@pytest.mark.parametrize(("question", "count"), [
    ("сколько раз встречались путин и алиев в 2022", 7),
    ("сколько встреч у путина и алиева было осенью 2022", 4),
    ("сколько раз в 2022 путин и алиев встречались не в россии", 3),
])
def test_counting_counts_occasions(bundled_engine: Engine, question: str, count: int) -> None:
    answer = bundled_engine.answer(question)
    assert f"({count}) — по данным базы:" in answer.lead
    assert all(bundled_engine.fact(i).status == "done" for i in answer.facts)  # type: ignore[union-attr]


def test_not_in_a_place_rules_that_place_out(bundled_engine: Engine) -> None:
    answer = bundled_engine.answer("где встречались путин и алиев не в россии")
    assert answer.answered
    for fact_id in answer.facts:
        fact = bundled_engine.fact(fact_id)
        assert fact is not None and fact.places and "moscow" not in fact.places and "sochi" not in fact.places


def test_year_ranges_filter_lists(bundled_engine: Engine) -> None:
    answer = bundled_engine.answer("что было с 2020 по 2022")
    years = {bundled_engine.fact(i).date.start.year for i in answer.facts}  # type: ignore[union-attr]
    assert years == {2021, 2022}
